import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mount path never alerted. */
@Entity('ignored_mounts')
export class IgnoredMount {
  @PrimaryColumn({ type: 'text' }) mount: string;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'integer', nullable: true }) updatedBy: number | null;
}
