import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CheckAlertDto {
  @ApiProperty({ example: 'DISK' }) type: string;
  @ApiPropertyOptional({ example: '/var', description: "Another mount than DISK_PATH's" }) mount?: string;
  @ApiProperty({ enum: ['warning', 'critical'], example: 'critical' }) level: string;
  @ApiProperty({ example: 'Disk usage is at 93.2% on /var' }) message: string;
  @ApiProperty({ example: 93.2 }) value: number;
  @ApiProperty({ example: 90 }) threshold: number;
}

export class CheckResolvedDto {
  @ApiProperty({ example: 'CPU' }) type: string;
  @ApiPropertyOptional({ example: '/var' }) mount?: string;
  @ApiProperty({ enum: ['warning', 'critical'], example: 'critical', description: 'The level that had been notified' }) level: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'null: cleared; `warning`: stepped down from critical' }) now_level: string | null;
  @ApiProperty({ example: 41.5, nullable: true, type: Number }) value: number | null;
}

export class CheckBetweenDto {
  @ApiProperty({ example: 'MEMORY' }) type: string;
  @ApiPropertyOptional({ example: '/var' }) mount?: string;
  @ApiProperty({ enum: ['warning', 'critical'], example: 'warning' }) level: string;
  @ApiProperty({ example: '2025-01-08T15:21:04Z' }) opened_at: string;
  @ApiProperty({ example: '2025-01-08T15:23:40Z' }) resolved_at: string;
  @ApiProperty({ example: 88.1 }) peak: number;
}

export class CheckSentDto {
  @ApiProperty({ type: [CheckAlertDto], description: 'Appeared, escalated or repeated' }) alerts: CheckAlertDto[];
  @ApiProperty({ type: [CheckResolvedDto] }) resolved: CheckResolvedDto[];
  @ApiProperty({ type: [CheckBetweenDto], description: 'Episodes that opened and closed since the previous check' }) between: CheckBetweenDto[];
}

export class DiscordCheckResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ enum: ['sent', 'nothing-to-send', 'not-configured', 'disabled', 'failed'], example: 'sent' }) outcome: string;
  @ApiProperty({ example: 'Envoyé à Discord : 1 alerte, 0 résolution, 0 épisode entre deux vérifications' }) message: string;
  @ApiProperty({ type: CheckSentDto, description: 'What was sent (or tried, when outcome is failed); empty lists otherwise' }) sent: CheckSentDto;
  @ApiProperty({ example: 0, type: 'integer', description: 'Open alerts left out because a silence covers them' }) silenced: number;
  @ApiPropertyOptional({ example: 'HTTP 404 from Discord', description: 'outcome failed only' }) error?: string;
}
