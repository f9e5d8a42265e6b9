import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ThresholdsModule } from '../config/thresholds.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PrometheusController } from './prometheus.controller';
import { PrometheusService } from './prometheus.service';

@Module({ imports: [MetricsModule, ThresholdsModule, AlertsModule], controllers: [PrometheusController], providers: [PrometheusService] })
export class PrometheusModule {}
