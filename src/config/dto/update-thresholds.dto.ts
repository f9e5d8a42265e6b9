import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

const LEVEL_RULE = 'doit être un entier entre 0 et 100';
export const FOR_MINUTES_RULE = 'for_minutes doit être un entier entre 0 et 60';
export const CLEAR_MARGIN_RULE = 'clear_margin doit être un nombre entre 0 et 50';

export class LevelInputDto {
  @IsDefined({ message: `warning ${LEVEL_RULE}` })
  @IsInt({ message: `warning ${LEVEL_RULE}` })
  @Min(0, { message: `warning ${LEVEL_RULE}` })
  @Max(100, { message: `warning ${LEVEL_RULE}` })
  warning: number;

  @IsDefined({ message: `critical ${LEVEL_RULE}` })
  @IsInt({ message: `critical ${LEVEL_RULE}` })
  @Min(0, { message: `critical ${LEVEL_RULE}` })
  @Max(100, { message: `critical ${LEVEL_RULE}` })
  critical: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 60, example: 5, description: 'Moyenne sur N minutes (0 : dernier échantillon). Absent : inchangé.' })
  @IsOptional()
  @IsInt({ message: FOR_MINUTES_RULE })
  @Min(0, { message: FOR_MINUTES_RULE })
  @Max(60, { message: FOR_MINUTES_RULE })
  for_minutes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 50, example: 5, description: 'Hystérésis : une alerte ouverte se ferme à seuil − marge. Absent : inchangé.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: CLEAR_MARGIN_RULE })
  @Min(0, { message: CLEAR_MARGIN_RULE })
  @Max(50, { message: CLEAR_MARGIN_RULE })
  clear_margin?: number;
}

/** One resource or several; each given resource needs both levels. */
export class UpdateThresholdsDto {
  @ApiPropertyOptional({ type: LevelInputDto, example: { warning: 60, critical: 85 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'cpu' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  cpu?: LevelInputDto;

  @ApiPropertyOptional({ type: LevelInputDto, example: { warning: 75, critical: 90 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'memory' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  memory?: LevelInputDto;

  @ApiPropertyOptional({ type: LevelInputDto, example: { warning: 70, critical: 85 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'disk' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  disk?: LevelInputDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: {
      type: 'object',
      nullable: true,
      required: ['warning', 'critical'],
      properties: {
        warning: { type: 'integer', minimum: 0, maximum: 100 },
        critical: { type: 'integer', minimum: 0, maximum: 100 },
        for_minutes: { type: 'integer', minimum: 0, maximum: 60 },
        clear_margin: { type: 'number', minimum: 0, maximum: 50 },
      },
    },
    example: { '/var': { warning: 85, critical: 95, for_minutes: 5 }, '/boot': null },
    description: 'Règle disque propre à un point de montage (chemin absolu) ; null retire la surcharge. Au plus 50.',
  })
  @IsOptional()
  @IsObject({ message: "Le champ 'disk_mounts' doit être un objet {point de montage: {warning, critical}}" })
  disk_mounts?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String], example: ['/boot/efi'], description: 'Points de montage jamais alertés (remplace la liste). Au plus 50.' })
  @IsOptional()
  ignored_mounts?: unknown;
}
