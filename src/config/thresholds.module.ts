import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Threshold } from './entities/threshold.entity';
import { ThresholdsController } from './thresholds.controller';
import { ThresholdsService } from './thresholds.service';

@Module({
  imports: [TypeOrmModule.forFeature([Threshold])],
  controllers: [ThresholdsController],
  providers: [ThresholdsService],
  exports: [ThresholdsService],
})
export class ThresholdsModule {}
