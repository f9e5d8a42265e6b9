import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One login: its id is the token's `jti`; only a SHA-256 of the token is kept. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'user_id', type: 'integer' }) userId: number;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'expires_at', type: 'datetime' }) expiresAt: Date;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'datetime', nullable: true }) revokedAt: Date | null;
}
