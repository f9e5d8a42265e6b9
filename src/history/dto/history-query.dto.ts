import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { HISTORY_RESOURCES, HistoryResource } from '../history.types';

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
}
