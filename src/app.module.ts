import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AlertsModule } from './alerts/alerts.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { RouteTable } from './common/http/route-table';
import { AppSettings } from './common/settings/app-settings';
import { SettingsModule } from './common/settings/settings.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { ThresholdsModule } from './config/thresholds.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({})
export class AppModule {
  /** The whole application for the given settings; tests build it exactly as production does. */
  static register(settings: AppSettings, routes: RouteTable = new RouteTable()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        DatabaseModule,
        MetricsModule,
        HealthModule,
        ThresholdsModule,
        AlertsModule,
      ],
      providers: [
        { provide: RouteTable, useValue: routes },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
