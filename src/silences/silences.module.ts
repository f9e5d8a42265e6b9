import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Silence } from './entities/silence.entity';
import { SilencesService } from './silences.service';

@Module({
  imports: [TypeOrmModule.forFeature([Silence])],
  providers: [SilencesService],
  exports: [SilencesService],
})
export class SilencesModule {}
