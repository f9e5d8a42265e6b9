import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { AuthGuard } from './auth/guards/auth.guard';
import { UsersModule } from './users/users.module';
import { AuditModule } from './audit/audit.module';
import { CommandsModule } from './commands/commands.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { RouteTable } from './common/http/route-table';
import { AppSettings } from './common/settings/app-settings';
import { SettingsModule } from './common/settings/settings.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { ThresholdsModule } from './config/thresholds.module';
import { DatabaseModule } from './database/database.module';
import { DiscordModule } from './discord/discord.module';
import { FleetModule } from './fleet/fleet.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { MetricsModule } from './metrics/metrics.module';
import { PrometheusModule } from './prometheus/prometheus.module';

@Module({})
export class AppModule {
  /** The whole application for the given settings; tests build it exactly as production does. */
  static register(settings: AppSettings, routes: RouteTable = new RouteTable()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        DatabaseModule,
        AuthModule,
        UsersModule,
        ScheduleModule.forRoot(),
        MetricsModule,
        HealthModule,
        ThresholdsModule,
        AlertsModule,
        DiscordModule,
        HistoryModule,
        PrometheusModule,
        AuditModule,
        CommandsModule,
        FleetModule,
      ],
      providers: [
        { provide: RouteTable, useValue: routes },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // The one global guard: token, session, role, must-change-password (see src/auth/guards).
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
