import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DiscordEmbedFieldDto {
  @ApiProperty({ example: 'Valeur actuelle' }) name: string;
  @ApiProperty({ example: '92.5%' }) value: string;
  @ApiProperty({ example: true, description: 'Affiché côte à côte avec les champs voisins' }) inline: boolean;
}

export class DiscordEmbedFooterDto {
  @ApiProperty({ example: 'HealthCheck' }) text: string;
}

export class DiscordEmbedDto {
  @ApiProperty({ example: '⚠️ CPU - CRITICAL' }) title: string;
  @ApiProperty({ example: 'CPU usage is at 92.5%' }) description: string;
  @ApiProperty({ example: 15158332, description: 'Couleur de la barre latérale (entier 0xRRGGBB)' }) color: number;
  @ApiProperty({ type: [DiscordEmbedFieldDto] }) fields: DiscordEmbedFieldDto[];
  @ApiProperty({ example: '2025-01-08T15:30:00.000Z' }) timestamp: string;
  @ApiPropertyOptional({ type: DiscordEmbedFooterDto }) footer?: DiscordEmbedFooterDto;
}

export class DiscordAllowedMentionsDto {
  @ApiProperty({ example: [], type: [String] }) parse: string[];
}

/** The JSON body of a webhook request, as Discord's API defines it (the fields HealthCheck uses). */
export class DiscordWebhookPayloadDto {
  @ApiProperty({ example: 'Monitoring Bot' }) username: string;
  @ApiProperty({ example: '🚨 ALERTE MONITORING - web-01' }) content: string;
  @ApiProperty({ type: [DiscordEmbedDto] }) embeds: DiscordEmbedDto[];
  @ApiProperty({ type: DiscordAllowedMentionsDto }) allowed_mentions: DiscordAllowedMentionsDto;
}

export class DiscordLastMessageResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z', nullable: true, type: String, description: 'Quand Discord a accepté ce message ; null avant le premier envoi' })
  delivered_at: string | null;
  @ApiProperty({
    type: DiscordWebhookPayloadDto,
    nullable: true,
    description: 'Le corps JSON exact du dernier message accepté par Discord (alerte, résolution ou test) ; null avant le premier envoi',
  })
  payload: DiscordWebhookPayloadDto | null;
  @ApiProperty({
    type: DiscordWebhookPayloadDto,
    nullable: true,
    description:
      'Avant le premier envoi seulement : ce que les alertes en cours enverraient maintenant (mêmes règles de mise en forme), null quand aucune alerte ne serait envoyée',
  })
  preview: DiscordWebhookPayloadDto | null;
}
