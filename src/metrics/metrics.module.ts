import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { SamplerService } from './sampler.service';

@Module({
  controllers: [MetricsController],
  providers: [SamplerService, MetricsService],
  exports: [SamplerService, MetricsService],
})
export class MetricsModule {}
