import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDto {
  @ApiProperty({ example: 'Requête invalide' }) error: string;
  @ApiProperty({ example: "Le paramètre 'limit' doit être un entier entre 1 et 50" }) message: string;
  @ApiPropertyOptional({ type: [String] }) details?: string[];
}
