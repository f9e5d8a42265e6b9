import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { AuthUser, Role } from '../common/auth-user';
import type { Permission } from '../common/decorators/require-permission.decorator';
import { UnitOfWork } from '../database/unit-of-work';
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
  /** The AuthUser last built for this session, and the user view it was built from (frozen). */
  built?: { view: UserView; user: AuthUser };
}

/**
 * The in-memory view of users and live sessions that every request is checked against, so that the
 * hot path touches neither SQLite nor argon2. Loaded at start; every change (login, logout, role
 * change, password change, deletion) goes through here and is committed to SQLite first (through
 * the unit of work), then applied to memory, so that it takes effect on the very next request.
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
    private readonly unitOfWork: UnitOfWork,
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
    // One AuthUser per session and user view (views are replaced, never mutated, when a user
    // changes): a metric read allocates none.
    if (session.built?.view === user) return session.built.user;
    const built: AuthUser = Object.freeze({
      id: user.id,
      username: user.username,
      role: user.role,
      permissions: user.permissions as Permission[],
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
    });
    session.built = { view: user, user: built };
    return built;
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

  /** A login: the session row and the user's `token`, `token_expires`, `last_login`; then memory. */
  async addSession(session: Session): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager.insert(Session, session);
      await manager.update(
        User,
        { id: session.userId },
        { token: session.tokenHash, tokenExpires: session.expiresAt, lastLogin: session.createdAt },
      );
    });
    this.sessions.set(session.id, { id: session.id, userId: session.userId, expiresAt: session.expiresAt.getTime() });
  }

  /** Logout: the token is refused from the next request on. */
  async revokeSession(sessionId: string, userId: number): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.syncLatestToken(manager, userId, [sessionId]);
    });
    this.forgetSession(sessionId);
  }

  /**
   * Inside the caller's unit of work: revokes every session of a user but `keep` (their own
   * password change keeps the current one). Returns the live sessions to forget once committed.
   */
  async revokeUserSessions(manager: EntityManager, userId: number, keep?: string): Promise<string[]> {
    const ids = [...this.sessions.values()].filter((s) => s.userId === userId && s.id !== keep).map((s) => s.id);
    const query = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: new Date() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) query.andWhere('id != :keep', { keep });
    await query.execute();
    await this.syncLatestToken(manager, userId, ids);
    return ids;
  }

  /** After the unit of work of `revokeUserSessions` committed. */
  forgetSessions(ids: readonly string[]): void {
    for (const id of ids) this.forgetSession(id);
  }

  /**
   * The spec's `users.token`/`token_expires` follow the user's latest live session (its SHA-256 and
   * expiry), or NULL when none is left; `revoked` are being revoked in the same transaction.
   */
  private async syncLatestToken(manager: EntityManager, userId: number, revoked: readonly string[], now = Date.now()): Promise<void> {
    const latest = await manager.findOne(Session, { where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
    const live = latest && latest.expiresAt.getTime() > now && this.sessions.has(latest.id) && !revoked.includes(latest.id) ? latest : null;
    await manager.update(User, { id: userId }, { token: live?.tokenHash ?? null, tokenExpires: live?.expiresAt ?? null });
  }

  /** Drops expired sessions from memory and from SQLite, and expired tokens from the cache. */
  async purgeExpired(now = Date.now()): Promise<void> {
    this.tokens.purgeExpired(now);
    for (const session of [...this.sessions.values()]) if (session.expiresAt <= now) this.forgetSession(session.id);
    try {
      const cutoff = new Date(now - 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
      await this.unitOfWork.run((manager) =>
        manager.createQueryBuilder().delete().from(Session).where('expires_at < :cutoff', { cutoff }).execute(),
      );
    } catch {
      // the database may be closing; the next purge will do it
    }
  }

  private forgetSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.tokens.dropSession(sessionId);
  }
}
