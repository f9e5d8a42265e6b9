import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (id 1) of Discord settings. The webhook URL holds a secret: it never leaves the server. */
@Entity('discord_settings')
export class DiscordSettings {
  @PrimaryColumn({ type: 'integer' }) id: number;
  @Column({ name: 'webhook_url', type: 'text' }) webhookUrl: string;
  @Column({ type: 'boolean' }) enabled: boolean;
  /** Comma-separated levels: `critical,warning`. */
  @Column({ name: 'notify_on', type: 'text' }) notifyOn: string;
  @Column({ name: 'repeat_minutes', type: 'integer' }) repeatMinutes: number;
  @Column({ name: 'last_sent_at', type: 'datetime', nullable: true }) lastSentAt: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'last_error_at', type: 'datetime', nullable: true }) lastErrorAt: Date | null;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'integer', nullable: true }) updatedBy: number | null;
}
