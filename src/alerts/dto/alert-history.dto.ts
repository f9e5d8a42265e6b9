import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { CursorPageQueryDto } from '../../common/pagination/cursor-page-query.dto';

const DATE = (name: string) => `Le paramètre '${name}' doit être une date ISO 8601 (ex. 2025-01-08T15:30:00Z)`;

export class AlertHistoryQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: ['CPU', 'MEMORY', 'DISK'] })
  @IsOptional()
  @IsIn(['CPU', 'MEMORY', 'DISK'], { message: "Le paramètre 'type' doit valoir CPU, MEMORY ou DISK" })
  type?: 'CPU' | 'MEMORY' | 'DISK';

  @ApiPropertyOptional({ example: '2025-01-07T20:00:00Z', description: 'Épisodes encore ouverts ou résolus à partir de cette date' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: DATE('since') })
  since?: string;

  @ApiPropertyOptional({ example: '2025-01-08T08:00:00Z', description: 'Épisodes ouverts jusqu’à cette date' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: DATE('until') })
  until?: string;
}

export class AlertEpisodeDto {
  @ApiProperty({ example: 42, type: 'integer' }) id: number;
  @ApiProperty({ enum: ['CPU', 'MEMORY', 'DISK'], example: 'DISK' }) type: string;
  @ApiProperty({ example: '/var', nullable: true, type: String, description: 'DISK seulement' }) mount: string | null;
  @ApiProperty({ enum: ['warning', 'critical'], example: 'critical', description: 'Le plus haut niveau atteint' }) level: string;
  @ApiProperty({ example: '2025-01-08T02:10:04Z' }) opened_at: string;
  @ApiProperty({ example: '2025-01-08T02:31:50Z', nullable: true, type: String, description: 'null tant que l’épisode est ouvert' }) resolved_at: string | null;
  @ApiProperty({ example: 1306, type: 'integer' }) duration_seconds: number;
  @ApiProperty({ example: 96.4 }) peak_value: number;
  @ApiProperty({ example: 90, description: 'Le seuil du plus haut niveau atteint' }) threshold: number;
  @ApiProperty({ example: false, description: 'Réduit au silence pendant une partie de l’épisode' }) silenced: boolean;
}

export class AlertHistoryResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [AlertEpisodeDto], description: 'Les plus récents d’abord' }) episodes: AlertEpisodeDto[];
  @ApiProperty({ example: 41, nullable: true, type: 'integer', description: 'before de la page suivante ; null à la dernière' }) next_before: number | null;
}
