import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const LIMIT = "Le paramètre 'limit' doit être un entier entre 1 et 500";
const BEFORE = "Le paramètre 'before' doit être un identifiant (entier positif : le next_before de la page précédente)";

/** `?limit=&before=`: newest first, a page at a time, `before` the `next_before` of the previous page. */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT })
  @Min(1, { message: LIMIT })
  @Max(500, { message: LIMIT })
  limit: number = 100;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Cursor: only rows with a smaller id (next_before of the previous page)', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: BEFORE })
  @Min(1, { message: BEFORE })
  @Max(Number.MAX_SAFE_INTEGER, { message: BEFORE })
  before?: number;
}
