import { Module } from '@nestjs/common';
import { ThresholdsModule } from '../config/thresholds.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PrometheusController } from './prometheus.controller';
import { PrometheusService } from './prometheus.service';

@Module({ imports: [MetricsModule, ThresholdsModule], controllers: [PrometheusController], providers: [PrometheusService] })
export class PrometheusModule {}
