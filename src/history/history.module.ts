import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

@Module({ imports: [MetricsModule], controllers: [HistoryController], providers: [HistoryService], exports: [HistoryService] })
export class HistoryModule {}
