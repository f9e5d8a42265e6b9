import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotifiedLevel } from '../discord-message.builder';

/**
 * What Discord was told about one resource (CPU, MEMORY, DISK), so that a restart neither forgets a
 * notified alert nor sends it twice.
 */
@Entity('notification_state')
export class NotificationState {
  @PrimaryColumn({ name: 'alert_type', type: 'text' }) alertType: string;
  /** The level last delivered; null once its resolution was delivered. */
  @Column({ name: 'notified_level', type: 'text', nullable: true }) notifiedLevel: NotifiedLevel | null;
  @Column({ name: 'last_value', type: 'real', nullable: true }) lastValue: number | null;
  @Column({ name: 'last_sent_at', type: 'datetime', nullable: true }) lastSentAt: Date | null;
  /** A change (appearance, escalation, resolution) whose delivery failed: retried on the next run. */
  @Column({ type: 'boolean', default: false }) pending: boolean;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
}
