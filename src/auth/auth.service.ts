import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApiError } from '../common/http/api-error';
import { isoSeconds } from '../common/format/time';
import { AppSettings } from '../common/settings/app-settings';
import { UnitOfWork } from '../database/unit-of-work';
import { User } from '../users/entities/user.entity';
import { loginFailed, tooManyRequests } from './auth-errors';
import { AuthStateService } from './auth-state.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginResponseDto, MeResponseDto } from './dto/auth-responses.dto';
import { LoginDto } from './dto/login.dto';
import { Session } from './entities/session.entity';
import { LoginLockService } from './login-lock.service';
import { assertAcceptablePassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { permissionsOf } from './permissions';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

@Injectable()
export class AuthService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  /** Verified against when the username is unknown, so that both failures take about as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly state: AuthStateService,
    private readonly jwt: JwtService,
    private readonly lock: LoginLockService,
    private readonly settings: AppSettings,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.createFirstAdmin();
    await this.state.load();
  }

  /** The dummy hash is computed in the background once started (an argon2 hash the start need not wait for). */
  onApplicationBootstrap(): void {
    this.dummy().catch(() => undefined);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
      this.dummyHash = null;
      throw error;
    });
    return this.dummyHash;
  }

  /** First start: an `admin` account, with ADMIN_PASSWORD or the spec's `admin123` (to change at once). */
  private async createFirstAdmin(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const chosen = this.settings.adminPassword;
    const passwordHash = await hashPassword(chosen ?? 'admin123');
    const created = await this.unitOfWork.run(async (manager) => {
      if ((await manager.count(User)) > 0) return false;
      await manager.insert(User, { username: 'admin', passwordHash, role: 'admin', createdAt: new Date(), mustChangePassword: chosen === undefined });
      return true;
    });
    if (!created) return;
    if (chosen === undefined) {
      // The warning with the URL follows once listening (main.ts), at this start and every next one.
      this.logger.log('Created the default account admin / admin123 (ADMIN_PASSWORD was not set)');
    } else {
      this.logger.log('Created the account admin with the password of ADMIN_PASSWORD');
    }
  }

  /** True while the account `admin` still has to change the password it was created with. */
  async defaultPasswordUnchanged(): Promise<boolean> {
    return this.users.exists({ where: { username: 'admin', mustChangePassword: true } });
  }

  async login(body: LoginDto, address: string): Promise<LoginResponseDto> {
    const user = await this.lock.oneAtATime(address, body.username, () => this.checkPassword(body, address));
    const now = Date.now();
    const sessionId = randomUUID();
    const exp = Math.floor(now / 1000) + this.settings.tokenTtlSeconds;
    const token = await this.jwt.signAsync({ sub: String(user.id), jti: sessionId, exp }, { algorithm: 'HS256' });
    const tokenHash = sha256(token);
    const expiresAt = new Date(exp * 1000);
    await this.state.addSession({ id: sessionId, userId: user.id, tokenHash, expiresAt, createdAt: new Date(now), revokedAt: null });
    return {
      message: 'Connexion réussie',
      token,
      user: { id: user.id, username: user.username, role: user.role, permissions: permissionsOf(user.role) },
      expires_at: isoSeconds(expiresAt.getTime()),
      must_change_password: user.mustChangePassword,
    };
  }

  /** The user whose password this is, or a 401 (429 while the account is locked for this address). */
  private async checkPassword(body: LoginDto, address: string): Promise<User> {
    const retryAfter = this.lock.retryAfterSeconds(address, body.username);
    if (retryAfter > 0) {
      throw tooManyRequests(
        `Trop de tentatives de connexion échouées pour ce compte : réessayez dans ${retryAfter} secondes`,
        retryAfter,
        'Trop de tentatives',
      );
    }
    const user = await this.users.findOne({ where: { username: body.username } });
    const valid = user
      ? await verifyPassword(user.passwordHash, body.password)
      : (await verifyPassword(await this.dummy(), body.password)) && false;
    if (!user || !valid) {
      this.lock.recordFailure(address, body.username);
      throw loginFailed();
    }
    this.lock.reset(address, body.username);
    return user;
  }

  async logout(current: AuthUser): Promise<void> {
    await this.state.revokeSession(current.sessionId, current.id);
  }

  async me(current: AuthUser): Promise<MeResponseDto> {
    const user = await this.users.findOneOrFail({ where: { id: current.id } });
    const session = this.state.sessionExpiry(current.sessionId);
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      permissions: permissionsOf(user.role),
      created_at: isoSeconds(user.createdAt.getTime()),
      last_login: user.lastLogin ? isoSeconds(user.lastLogin.getTime()) : null,
      must_change_password: user.mustChangePassword,
      token_expires_at: isoSeconds(session ?? Date.now()),
    };
  }

  /**
   * Own password change: the current session stays, the user's other sessions are revoked. A wrong
   * current password counts toward the login lock of the username (a stolen token cannot guess).
   */
  async changePassword(current: AuthUser, body: ChangePasswordDto, address: string): Promise<void> {
    if (body.new_password !== body.confirm_password) {
      throw new ApiError(400, 'Requête invalide', 'La confirmation ne correspond pas au nouveau mot de passe');
    }
    const user = await this.lock.oneAtATime(address, current.username, () => this.checkCurrentPassword(current, body, address));
    if (body.new_password === body.current_password) {
      throw new ApiError(400, 'Requête invalide', "Le nouveau mot de passe doit être différent de l'actuel");
    }
    assertAcceptablePassword(body.new_password, user.username);
    const passwordHash = await hashPassword(body.new_password);
    const revoked = await this.unitOfWork.run(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash, mustChangePassword: false });
      return this.state.revokeUserSessions(manager, user.id, current.sessionId);
    });
    this.state.putUser({ ...user, mustChangePassword: false });
    this.state.forgetSessions(revoked);
  }

  /** The user, or a 400 for a wrong current password (counted by the login lock; 429 while locked). */
  private async checkCurrentPassword(current: AuthUser, body: ChangePasswordDto, address: string): Promise<User> {
    const retryAfter = this.lock.retryAfterSeconds(address, current.username);
    if (retryAfter > 0) {
      throw tooManyRequests(
        `Trop de tentatives échouées pour ce compte : réessayez dans ${retryAfter} secondes`,
        retryAfter,
        'Trop de tentatives',
      );
    }
    const user = await this.users.findOneOrFail({ where: { id: current.id } });
    if (!(await verifyPassword(user.passwordHash, body.current_password))) {
      this.lock.recordFailure(address, current.username);
      throw new ApiError(400, 'Requête invalide', 'Le mot de passe actuel est incorrect');
    }
    this.lock.reset(address, current.username);
    return user;
  }
}
