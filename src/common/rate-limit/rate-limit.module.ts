import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppSettings } from '../settings/app-settings';

/** Registers the named limits; ThrottlerModule is global, so `RateLimitGuard` resolves in every module. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppSettings],
      useFactory: (settings: AppSettings) => ({
        throttlers: [
          { name: 'login', limit: settings.loginRateLimit, ttl: 60_000 },
          { name: 'write', limit: settings.writeRateLimit, ttl: 60_000 },
        ],
        // Our exception writes the standard Retry-After; the library would write "Retry-After-<name>".
        setHeaders: false,
      }),
    }),
  ],
})
export class RateLimitModule {}
