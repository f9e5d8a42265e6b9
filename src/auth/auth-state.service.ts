import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { AuthUser, Role } from '../common/auth-user';
import type { Permission } from '../common/decorators/require-permission.decorator';
import { User } from '../users/entities/user.entity';
import { Session } from './entities/session.entity';
import { ROLE_PERMISSIONS } from './permissions';
import { TokenCache, VerifiedToken } from './token-cache';

/** What a request needs to know about a user; replaced (never mutated) when the user changes. */
export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly permissions: readonly Permission[];
  readonly mustChangePassword: boolean;
}

interface SessionView {
  readonly id: string;
  readonly userId: number;
  readonly expiresAt: number;
}

/**
 * The in-memory view of users and live sessions that every request is checked against, so that the
 * hot path touches neither SQLite nor argon2. Loaded at start; every change (login, logout, role
 * change, password change, deletion) goes through here and is written to SQLite first, then
 * applied to memory, so that it takes effect on the very next request.
 */
@Injectable()
export class AuthStateService implements OnModuleDestroy {
  readonly tokens = new TokenCache(10_000);
  private readonly users = new Map<number, UserView>();
  private readonly sessions = new Map<string, SessionView>();
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    @InjectRepository(User) private readonly userRepository: Repository<User>,
    @InjectRepository(Session) private readonly sessionRepository: Repository<Session>,
  ) {
    this.purgeTimer = setInterval(() => this.purgeExpired(), 10 * 60_000);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /** Reads every user and every live session from SQLite (at start). */
  async load(now = Date.now()): Promise<void> {
    this.users.clear();
    this.sessions.clear();
    this.tokens.clear();
    for (const user of await this.userRepository.find()) this.putUser(user);
    for (const session of await this.sessionRepository.find({ where: { revokedAt: IsNull() } })) {
      const expiresAt = session.expiresAt.getTime();
      if (expiresAt > now && this.users.has(session.userId)) {
        this.sessions.set(session.id, { id: session.id, userId: session.userId, expiresAt });
      }
    }
  }

  /**
   * The user behind a verified token, or undefined when the token expired, its session was revoked
   * or its user is gone. Called on every authenticated request: memory only.
   */
  resolve(entry: VerifiedToken, now = Date.now()): AuthUser | undefined {
    if (entry.exp <= now) return undefined;
    const session = this.sessions.get(entry.sessionId);
    if (session === undefined || session.userId !== entry.userId || session.expiresAt <= now) return undefined;
    const user = this.users.get(entry.userId);
    if (user === undefined) return undefined;
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      permissions: user.permissions as Permission[],
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
    };
  }

  isLive(sessionId: string, userId: number, now = Date.now()): boolean {
    const session = this.sessions.get(sessionId);
    return session !== undefined && session.userId === userId && session.expiresAt > now && this.users.has(userId);
  }

  /** When a live session expires (ms), or undefined. */
  sessionExpiry(sessionId: string): number | undefined {
    return this.sessions.get(sessionId)?.expiresAt;
  }

  user(id: number): UserView | undefined {
    return this.users.get(id);
  }

  /** After a user was created or changed in SQLite. */
  putUser(user: Pick<User, 'id' | 'username' | 'role' | 'mustChangePassword'>): void {
    this.users.set(user.id, {
      id: user.id,
      username: user.username,
      role: user.role,
      permissions: ROLE_PERMISSIONS[user.role],
      mustChangePassword: Boolean(user.mustChangePassword),
    });
  }

  /** After a user was deleted from SQLite (their sessions went with them, ON DELETE CASCADE). */
  removeUser(id: number): void {
    this.users.delete(id);
    for (const session of [...this.sessions.values()]) if (session.userId === id) this.forgetSession(session.id);
  }

  /** Records a new login in SQLite, then in memory. */
  async addSession(session: Session): Promise<void> {
    await this.sessionRepository.insert(session);
    this.sessions.set(session.id, { id: session.id, userId: session.userId, expiresAt: session.expiresAt.getTime() });
  }

  /** Logout: the token is refused from the next request on. */
  async revokeSession(sessionId: string): Promise<void> {
    await this.sessionRepository.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.forgetSession(sessionId);
  }

  /** Revokes every session of a user, but `keep` (their own password change keeps the current one). */
  async revokeUserSessions(userId: number, keep?: string): Promise<void> {
    const ids = [...this.sessions.values()].filter((s) => s.userId === userId && s.id !== keep).map((s) => s.id);
    const query = this.sessionRepository
      .createQueryBuilder()
      .update()
      .set({ revokedAt: new Date() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) query.andWhere('id != :keep', { keep });
    await query.execute();
    for (const id of ids) this.forgetSession(id);
  }

  /**
   * The spec's `users.token`/`token_expires` follow the user's latest live session (its SHA-256 and
   * expiry), or NULL when none is left: called after a login, a logout or a revocation.
   */
  async syncLatestToken(userId: number, now = Date.now()): Promise<void> {
    const latest = await this.sessionRepository.findOne({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    const live = latest && latest.expiresAt.getTime() > now && this.sessions.has(latest.id) ? latest : null;
    await this.userRepository.update({ id: userId }, { token: live?.tokenHash ?? null, tokenExpires: live?.expiresAt ?? null });
  }

  /** Drops expired sessions from memory and from SQLite, and expired tokens from the cache. */
  async purgeExpired(now = Date.now()): Promise<void> {
    this.tokens.purgeExpired(now);
    for (const session of [...this.sessions.values()]) if (session.expiresAt <= now) this.forgetSession(session.id);
    try {
      await this.sessionRepository
        .createQueryBuilder()
        .delete()
        .where('expires_at < :cutoff', { cutoff: new Date(now - 86_400_000).toISOString().replace('T', ' ').replace('Z', '') })
        .execute();
    } catch {
      // the database may be closing; the next purge will do it
    }
  }

  private forgetSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.tokens.dropSession(sessionId);
  }
}
