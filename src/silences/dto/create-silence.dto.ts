import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const SILENCE_TYPES = ['CPU', 'MEMORY', 'DISK', '*'] as const;
const MINUTES_RULE = 'minutes doit être un entier entre 1 et 10080 (7 jours)';
const REASON_RULE = 'reason est obligatoire (1 à 200 caractères)';

export class CreateSilenceDto {
  @ApiProperty({ enum: SILENCE_TYPES, example: 'DISK', description: '`*` : toutes les alertes' })
  @IsIn(SILENCE_TYPES, { message: `type doit valoir l'une de : ${SILENCE_TYPES.join(', ')}` })
  type: (typeof SILENCE_TYPES)[number];

  @ApiPropertyOptional({ example: '/var', description: 'DISK seulement : un point de montage (absent : tous les disques)' })
  @IsOptional()
  @IsString({ message: 'mount doit être un chemin absolu' })
  mount?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10080, example: 60, description: 'Durée à partir de maintenant (ou ends_at)' })
  @IsOptional()
  @IsInt({ message: MINUTES_RULE })
  @Min(1, { message: MINUTES_RULE })
  @Max(10080, { message: MINUTES_RULE })
  minutes?: number;

  @ApiPropertyOptional({ example: '2025-01-08T18:00:00Z', description: 'Fin (ISO 8601, future, dans les 7 jours), au lieu de minutes' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'ends_at doit être une date ISO 8601 (ex. 2025-01-08T18:00:00Z)' })
  ends_at?: string;

  @ApiProperty({ example: 'Maintenance du RAID', maxLength: 200 })
  @IsString({ message: REASON_RULE })
  @MaxLength(200, { message: REASON_RULE })
  reason: string;
}
