import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { tooManyRequests } from '../../auth/auth-errors';

/**
 * @nestjs/throttler, applied only where `@LoginRateLimit()`/`@WriteRateLimit()` put it (never on the
 * metric reads: they are the hot path). One counter per address and kind, across routes; the 429 has
 * the API's error shape and a `Retry-After` header.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw tooManyRequests(`Trop de requêtes depuis cette adresse : réessayez dans ${seconds} secondes`, seconds);
  }
}
