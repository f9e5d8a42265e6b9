import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth-user';
import { ALLOW_PENDING_PASSWORD_CHANGE_KEY } from '../../common/decorators/allow-pending-password-change.decorator';
import { IS_PUBLIC_KEY } from '../../common/decorators/public.decorator';
import { METRIC_READ_KEY, Permission, PERMISSION_KEY } from '../../common/decorators/require-permission.decorator';
import { AppSettings } from '../../common/settings/app-settings';
import { DatabaseWriteGate } from '../../database/database-write.gate';
import { passwordChangeRequired, permissionDenied, tokenInvalid, tokenMissing } from '../auth-errors';
import { AuthStateService } from '../auth-state.service';
import type { VerifiedToken } from '../token-cache';

/** What a route asks of the caller, read once per handler from its metadata. */
interface RouteAuth {
  open: boolean;
  permission: Permission | undefined;
  allowPending: boolean;
  /** A write route: refused with 503 while the database cannot take writes (after the auth checks). */
  writes: boolean;
}

/** Runs the passport-jwt strategy; any failure is a 401 "Token invalide". */
class JwtPassportGuard extends PassportAuthGuard('jwt') {
  override handleRequest<T>(error: unknown, verified: T): T {
    if (error || !verified) throw tokenInvalid();
    return verified;
  }
}

type AuthRequest = FastifyRequest & { user?: AuthUser | VerifiedToken };

/**
 * The one global guard. A token is verified by passport-jwt the first time it is seen, then served
 * from a bounded cache; on every request the expiry, the session and the user's role are checked
 * against the in-memory AuthState, so logout, demotion and deletion act on the very next request.
 * On write routes it then asks the DatabaseWriteGate (503 while the database file cannot take
 * writes): one global guard, so that a metric read runs one guard, not two.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly routes = new Map<Function, RouteAuth>();
  private readonly passport = new JwtPassportGuard();

  constructor(
    private readonly reflector: Reflector,
    private readonly settings: AppSettings,
    private readonly state: AuthStateService,
    private readonly writeGate: DatabaseWriteGate,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const route = this.route(context);
    if (route.open) return route.writes ? this.writeGate.check() : true;
    // getArgByIndex, not switchToHttp(): Nest's switchToHttp() builds three closures per call.
    const request = context.getArgByIndex<AuthRequest>(0);
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw tokenMissing();
    const cached = this.state.tokens.get(token);
    if (cached !== undefined) return this.admit(request, route, token, cached);
    return this.verify(context, request, route, token);
  }

  private async verify(context: ExecutionContext, request: AuthRequest, route: RouteAuth, token: string): Promise<boolean> {
    await this.passport.canActivate(context);
    const verified = request.user as VerifiedToken;
    this.state.tokens.set(token, verified);
    return this.admit(request, route, token, verified);
  }

  private admit(request: AuthRequest, route: RouteAuth, token: string, verified: VerifiedToken): boolean {
    const user = this.state.resolve(verified);
    if (user === undefined) {
      this.state.tokens.dropSession(verified.sessionId);
      throw tokenInvalid();
    }
    request.user = user;
    if (user.mustChangePassword && !route.allowPending) throw passwordChangeRequired();
    if (route.permission !== undefined && !user.permissions.includes(route.permission)) {
      throw permissionDenied(route.permission);
    }
    return route.writes ? this.writeGate.check() : true;
  }

  private route(context: ExecutionContext): RouteAuth {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const targets = [handler, context.getClass()];
      const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true;
      const metricRead = this.reflector.getAllAndOverride<boolean>(METRIC_READ_KEY, targets) === true;
      route = {
        open: isPublic || (metricRead && this.settings.publicMetrics),
        permission: this.reflector.getAllAndOverride<Permission>(PERMISSION_KEY, targets),
        allowPending: this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_CHANGE_KEY, targets) === true,
        writes: this.writeGate.guards(handler),
      };
      this.routes.set(handler, route);
    }
    return route;
  }
}

/** The token of `Authorization: Bearer <token>`, or undefined when the header is absent or not Bearer. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  if (header.charCodeAt(6) !== 32 || !(header.startsWith('Bearer') || header.slice(0, 6).toLowerCase() === 'bearer')) return undefined;
  const token = header.slice(7).trim();
  return token.length > 0 ? token : undefined;
}
