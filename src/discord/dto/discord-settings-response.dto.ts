import { ApiProperty } from '@nestjs/swagger';

export class PendingNotificationDto {
  @ApiProperty({ example: 'CPU', description: 'CPU, MEMORY, DISK (the mount of DISK_PATH) or DISK:<mount> (another mount)' }) type: string;
  @ApiProperty({ example: 'critical', nullable: true, type: String, description: 'Niveau déjà notifié' }) notified_level: string | null;
  @ApiProperty({ example: true, description: 'Un envoi a échoué : nouvel essai au prochain passage' }) pending: boolean;
  @ApiProperty({ example: '2025-01-08T15:30:00Z', nullable: true, type: String }) last_sent_at: string | null;
}

export class DiscordSettingsResponseDto {
  @ApiProperty({ example: true }) webhook_configured: boolean;
  @ApiProperty({ example: 'https://discord.com/api/webhooks/1234567890/abcd…', nullable: true, type: String, description: 'Token masqué' })
  webhook_url: string | null;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: ['critical', 'warning'], isArray: true, enum: ['critical', 'warning'] }) notify_on: string[];
  @ApiProperty({ type: 'integer', example: 60 }) repeat_minutes: number;
  @ApiProperty({ example: '*/5 * * * *', description: 'ALERTS_CRON : fréquence de vérification' }) schedule: string;
  @ApiProperty({ example: '2025-01-08T15:30:00Z', nullable: true, type: String }) last_sent_at: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error_at: string | null;
  @ApiProperty({ example: '2025-01-08T15:00:00Z', nullable: true, type: String }) updated_at: string | null;
  @ApiProperty({ example: 'admin', nullable: true, type: String, description: "Nom de l'utilisateur qui a enregistré la configuration (null s'il a été supprimé)" })
  updated_by: string | null;
  @ApiProperty({ type: [PendingNotificationDto], description: 'Alertes notifiées ou en attente de notification' })
  notifications: PendingNotificationDto[];
}
