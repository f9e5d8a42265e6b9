import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

const LIMIT = "Le paramètre 'limit' doit être un entier entre 1 et 500";
const BEFORE = "Le paramètre 'before' doit être un identifiant d'épisode (entier positif)";
const DATE = (name: string) => `Le paramètre '${name}' doit être une date ISO 8601 (ex. 2025-01-08T15:30:00Z)`;

export class AlertHistoryQueryDto {
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

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT })
  @Min(1, { message: LIMIT })
  @Max(500, { message: LIMIT })
  limit: number = 100;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Curseur : les épisodes d’id inférieur (next_before de la page précédente)', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: BEFORE })
  @Min(1, { message: BEFORE })
  @Max(Number.MAX_SAFE_INTEGER, { message: BEFORE })
  before?: number;
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
