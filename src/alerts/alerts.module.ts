import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThresholdsModule } from '../config/thresholds.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SilencesModule } from '../silences/silences.module';
import { AlertEngineService } from './alert-engine.service';
import { AlertHistoryController } from './alert-history.controller';
import { AlertHistoryService } from './alert-history.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { AlertEpisode } from './entities/alert-episode.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AlertEpisode]), MetricsModule, ThresholdsModule, SilencesModule],
  controllers: [AlertsController, AlertHistoryController],
  providers: [AlertEngineService, AlertHistoryService, AlertsService],
  exports: [AlertEngineService, AlertHistoryService, AlertsService],
})
export class AlertsModule {}
