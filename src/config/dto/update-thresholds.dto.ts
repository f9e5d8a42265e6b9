import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

const LEVEL_RULE = 'doit être un entier entre 0 et 100';

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
}

/** One resource or several; each given resource needs both levels. */
export class UpdateThresholdsDto {
  @ApiPropertyOptional({ example: { warning: 60, critical: 85 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'cpu' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  cpu?: LevelInputDto;

  @ApiPropertyOptional({ example: { warning: 75, critical: 90 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'memory' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  memory?: LevelInputDto;

  @ApiPropertyOptional({ example: { warning: 70, critical: 85 } })
  @IsOptional()
  @IsObject({ message: "Le champ 'disk' doit être un objet {warning, critical}" })
  @ValidateNested()
  @Type(() => LevelInputDto)
  disk?: LevelInputDto;
}
