import { ApiProperty } from '@nestjs/swagger';

export class DiscordSavedResponseDto {
  @ApiProperty({ example: 'Configuration Discord sauvegardée' }) message: string;
  @ApiProperty({ example: true }) webhook_configured: boolean;
  @ApiProperty({ example: ['critical', 'warning'], isArray: true, enum: ['critical', 'warning'] }) notify_on: string[];
}
