import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row (id 1) holding the last message Discord accepted, as the exact JSON text that was
 * POSTed: the dashboard draws it from this, never from a second copy of the formatting rules.
 */
@Entity('discord_last_message')
export class DiscordLastMessage {
  @PrimaryColumn({ type: 'integer' }) id: number;
  @Column({ name: 'delivered_at', type: 'datetime' }) deliveredAt: Date;
  @Column({ type: 'text' }) payload: string;
}
