import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../http/api-error.dto';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

/** `/login`: at most LOGIN_RATE_LIMIT (60) requests a minute per address (plus the per-account brute-force lock). */
export const LoginRateLimit = () =>
  applyDecorators(
    UseGuards(RateLimitGuard),
    SkipThrottle({ write: true }),
    ApiTooManyRequestsResponse({ description: 'Trop de connexions par minute depuis cette adresse (LOGIN_RATE_LIMIT, 60 par défaut), ou compte verrouillé après 5 échecs', type: ApiErrorDto }),
  );

/** Any write (POST/PUT/DELETE): at most WRITE_RATE_LIMIT (120) a minute per address, counted across all write routes. */
export const WriteRateLimit = () =>
  applyDecorators(
    UseGuards(RateLimitGuard),
    SkipThrottle({ login: true }),
    ApiTooManyRequestsResponse({ description: 'Trop d’écritures par minute depuis cette adresse (WRITE_RATE_LIMIT, 120 par défaut)', type: ApiErrorDto }),
  );
