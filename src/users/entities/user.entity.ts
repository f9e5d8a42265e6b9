import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../common/auth-user';

/** The spec's `users` table. `token` holds the SHA-256 of the latest token, never the token itself. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'text', nullable: true }) token: string | null;
  @Column({ name: 'token_expires', type: 'datetime', nullable: true }) tokenExpires: Date | null;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
  @Column({ name: 'last_login', type: 'datetime', nullable: true }) lastLogin: Date | null;
  @Column({ name: 'must_change_password', type: 'boolean', default: false }) mustChangePassword: boolean;
}
