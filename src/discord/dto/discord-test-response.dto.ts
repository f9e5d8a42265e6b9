import { ApiProperty } from '@nestjs/swagger';

export class DiscordTestResponseDto {
  @ApiProperty({ example: 'Message de test envoyé' }) message: string;
  @ApiProperty({ example: true }) delivered: boolean;
  @ApiProperty({ type: 'integer', example: 200, description: 'Statut HTTP de la réponse de Discord' }) discord_status: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'Requêtes envoyées (nouvelles tentatives comprises)' }) attempts: number;
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) sent_at: string;
}
