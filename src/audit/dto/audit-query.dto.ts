import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTIONS } from '../audit.decorator';

const LIMIT = "Le paramètre 'limit' doit être un entier entre 1 et 500";
const BEFORE = "Le paramètre 'before' doit être un identifiant d'entrée (entier positif)";

export class AuditQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT })
  @Min(1, { message: LIMIT })
  @Max(500, { message: LIMIT })
  limit: number = 100;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Cursor: only entries with a smaller id (use next_before of the previous page)', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: BEFORE })
  @Min(1, { message: BEFORE })
  @Max(Number.MAX_SAFE_INTEGER, { message: BEFORE })
  before?: number;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `Le paramètre 'action' doit valoir l'une de : ${AUDIT_ACTIONS.join(', ')}` })
  action?: string;

  @ApiPropertyOptional({ description: 'A username, or a user id', example: 'admin' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: "Le paramètre 'user' fait au plus 64 caractères" })
  @Matches(/^[^\u0000]*$/, { message: "Le paramètre 'user' est invalide" })
  user?: string;
}
