import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthStateService } from './auth-state.service';
import { JWT_KEY } from './jwt-key';
import type { VerifiedToken } from './token-cache';

interface TokenPayload {
  sub?: unknown;
  jti?: unknown;
  exp?: unknown;
}

/**
 * passport-jwt: verifies a token's HS256 signature and expiry the first time the guard sees it.
 * Its answer is what the guard caches.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_KEY) key: KeyObject,
    private readonly state: AuthStateService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject.
      secretOrKey: key as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: TokenPayload): VerifiedToken | false {
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return false;
    if (!this.state.isLive(payload.jti, userId)) return false;
    return { sessionId: payload.jti, userId, exp: payload.exp * 1000 };
  }
}
