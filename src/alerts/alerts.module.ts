import { Module } from '@nestjs/common';
import { ThresholdsModule } from '../config/thresholds.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({ imports: [MetricsModule, ThresholdsModule], controllers: [AlertsController], providers: [AlertsService], exports: [AlertsService] })
export class AlertsModule {}
