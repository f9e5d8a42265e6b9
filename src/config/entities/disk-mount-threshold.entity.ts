import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The disk rule of one mount, overriding the `disk` row; null for_minutes/clear_margin are the disk's. */
@Entity('disk_mount_thresholds')
export class DiskMountThreshold {
  @PrimaryColumn({ type: 'text' }) mount: string;
  @Column({ name: 'warning_level', type: 'integer' }) warningLevel: number;
  @Column({ name: 'critical_level', type: 'integer' }) criticalLevel: number;
  @Column({ name: 'for_minutes', type: 'integer', nullable: true }) forMinutes: number | null;
  @Column({ name: 'clear_margin', type: 'real', nullable: true }) clearMargin: number | null;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'integer', nullable: true }) updatedBy: number | null;
}
