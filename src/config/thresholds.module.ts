import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiskMountThreshold } from './entities/disk-mount-threshold.entity';
import { IgnoredMount } from './entities/ignored-mount.entity';
import { Threshold } from './entities/threshold.entity';
import { ThresholdsController } from './thresholds.controller';
import { ThresholdsService } from './thresholds.service';

@Module({
  imports: [TypeOrmModule.forFeature([Threshold, DiskMountThreshold, IgnoredMount])],
  controllers: [ThresholdsController],
  providers: [ThresholdsService],
  exports: [ThresholdsService],
})
export class ThresholdsModule {}
