import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertLevel, AlertType } from '../alert-evaluator';

/** One alert episode, written on its transitions only (stored, level change, resolved). */
@Entity('alert_episodes')
export class AlertEpisode {
  @PrimaryGeneratedColumn() id: number;
  /** The engine's series key (`CPU`, `DISK`, `DISK:/var`), to continue an episode after a restart. */
  @Column({ name: 'alert_key', type: 'text' }) alertKey: string;
  @Column({ type: 'text' }) type: AlertType;
  @Column({ type: 'text', nullable: true }) mount: string | null;
  /** The highest level reached. */
  @Column({ type: 'text' }) level: AlertLevel;
  @Column({ name: 'current_level', type: 'text' }) currentLevel: AlertLevel;
  @Column({ name: 'opened_at', type: 'datetime' }) openedAt: Date;
  @Column({ name: 'resolved_at', type: 'datetime', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'peak_value', type: 'real' }) peakValue: number;
  /** The threshold of the highest level reached. */
  @Column({ type: 'real' }) threshold: number;
  @Column({ type: 'boolean', default: false }) silenced: boolean;
}
