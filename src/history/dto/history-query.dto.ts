import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { HISTORY_RESOURCES, HistoryResource } from '../history.types';

const POINTS_MESSAGE = "Le paramètre 'points' doit être un entier entre 2 et 10000";
const MINUTES_MESSAGE = "Le paramètre 'minutes' doit être un entier entre 1 et 1440";

export class HistoryQueryDto {
  @ApiPropertyOptional({ enum: HISTORY_RESOURCES, default: 'cpu', description: 'Which series' })
  @IsOptional()
  @IsIn(HISTORY_RESOURCES, { message: "Le paramètre 'resource' doit valoir cpu, memory, disk, load ou network" })
  resource: HistoryResource = 'cpu';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1440, default: 60, description: 'How far back, in minutes (24 h at most)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: MINUTES_MESSAGE })
  @Min(1, { message: MINUTES_MESSAGE })
  @Max(1440, { message: MINUTES_MESSAGE })
  minutes: number = 60;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2,
    maximum: 10000,
    description:
      'At most this many points: each is then the average of the samples of its step (a multiple of the sampling interval, ' +
      'given as interval_seconds), steps aligned on the clock. Absent: one point per sample (43,200 for 24 h at 2 s).',
    example: 360,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: POINTS_MESSAGE })
  @Min(2, { message: POINTS_MESSAGE })
  @Max(10000, { message: POINTS_MESSAGE })
  points?: number;
}
