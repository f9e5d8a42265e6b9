import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const NOTIFY_LEVELS = ['critical', 'warning'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export class SaveDiscordSettingsDto {
  @ApiProperty({
    example: 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnop',
    description: 'https://<hôte de DISCORD_ALLOWED_HOSTS>/api/webhooks/<id numérique>/<token>',
  })
  @IsString({ message: "Le champ 'webhook_url' doit être une chaîne" })
  @MaxLength(512, { message: "Le champ 'webhook_url' dépasse 512 caractères" })
  webhook_url: string;

  @ApiProperty({ example: true })
  @IsBoolean({ message: "Le champ 'enabled' doit être un booléen" })
  enabled: boolean;

  @ApiProperty({ example: ['critical', 'warning'], enum: NOTIFY_LEVELS, isArray: true })
  @IsArray({ message: "Le champ 'notify_on' doit être une liste" })
  @ArrayNotEmpty({ message: "Le champ 'notify_on' ne doit pas être vide" })
  @ArrayMaxSize(2, { message: "Le champ 'notify_on' contient au plus 'critical' et 'warning'" })
  @ArrayUnique({ message: "Le champ 'notify_on' ne doit pas contenir de doublon" })
  @IsIn(NOTIFY_LEVELS, { each: true, message: "Le champ 'notify_on' n'accepte que 'critical' et 'warning'" })
  notify_on: NotifyLevel[];

  @ApiPropertyOptional({ example: 60, minimum: 1, maximum: 10080, description: 'Renvoi d’une alerte inchangée au plus une fois par intervalle (défaut 60)' })
  @IsOptional()
  @IsInt({ message: "Le champ 'repeat_minutes' doit être un entier" })
  @Min(1, { message: "Le champ 'repeat_minutes' doit être entre 1 et 10080" })
  @Max(10080, { message: "Le champ 'repeat_minutes' doit être entre 1 et 10080" })
  repeat_minutes?: number;
}
