import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Silence } from './entities/silence.entity';
import { SilencesController } from './silences.controller';
import { SilencesService } from './silences.service';

@Module({
  imports: [TypeOrmModule.forFeature([Silence])],
  controllers: [SilencesController],
  providers: [SilencesService],
  exports: [SilencesService],
})
export class SilencesModule {}
