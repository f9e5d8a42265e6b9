import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SilenceType = 'CPU' | 'MEMORY' | 'DISK' | '*';

/** A maintenance window: matching alerts still show in /alerts but nothing about them goes to Discord. */
@Entity('silences')
export class Silence {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) type: SilenceType;
  @Column({ type: 'text', nullable: true }) mount: string | null;
  @Column({ name: 'starts_at', type: 'datetime' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'datetime' }) endsAt: Date;
  @Column({ type: 'text' }) reason: string;
  /** The username at creation (kept when the account is deleted). */
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_by_id', type: 'integer', nullable: true }) createdById: number | null;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
}
