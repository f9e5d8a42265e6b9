import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FleetProbe } from './entities/fleet-probe.entity';
import { FleetController } from './fleet.controller';
import { FleetService } from './fleet.service';

@Module({
  imports: [TypeOrmModule.forFeature([FleetProbe])],
  controllers: [FleetController],
  providers: [FleetService],
})
export class FleetModule {}
