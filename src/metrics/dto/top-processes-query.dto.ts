import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class TopProcessesQueryDto {
  @ApiPropertyOptional({ enum: ['cpu', 'memory'], default: 'cpu' })
  @IsOptional()
  @IsIn(['cpu', 'memory'], { message: "Le paramètre 'sort' doit valoir 'cpu' ou 'memory'" })
  sort: 'cpu' | 'memory' = 'cpu';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: "Le paramètre 'limit' doit être un entier entre 1 et 50" })
  @Min(1, { message: "Le paramètre 'limit' doit être un entier entre 1 et 50" })
  @Max(50, { message: "Le paramètre 'limit' doit être un entier entre 1 et 50" })
  limit: number = 5;
}
