import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AlertDto {
  @ApiProperty({ enum: ['CPU', 'MEMORY', 'DISK'], example: 'CPU' }) type: 'CPU' | 'MEMORY' | 'DISK';
  @ApiProperty({ enum: ['warning', 'critical'], example: 'critical' }) level: 'warning' | 'critical';
  @ApiProperty({ example: 'CPU usage is at 94%', description: "Disk alerts of another mount than DISK_PATH's end with ` on <mount>`" }) message: string;
  @ApiProperty({ example: 94, description: 'Latest sample, or the mean over for_minutes' }) value: number;
  @ApiProperty({ example: 90, description: 'The threshold that was crossed' }) threshold: number;
  @ApiPropertyOptional({ example: '/', description: 'DISK alerts only: the mount point' }) mount?: string;
  @ApiProperty({ example: '2025-01-08T15:12:00Z', description: 'When the alert opened' }) since: string;
  @ApiProperty({ example: 96.2, description: 'Highest value since it opened' }) peak: number;
  @ApiProperty({ example: false, description: 'A silence covers it: nothing goes to Discord' }) silenced: boolean;
  @ApiProperty({ example: null, nullable: true, type: 'integer' }) silence_id: number | null;
}

export class PendingAlertDto {
  @ApiProperty({ enum: ['CPU', 'MEMORY', 'DISK'], example: 'CPU' }) type: 'CPU' | 'MEMORY' | 'DISK';
  @ApiProperty({ enum: ['warning', 'critical'], example: 'warning' }) level: 'warning' | 'critical';
  @ApiPropertyOptional({ example: '/var' }) mount?: string;
  @ApiProperty({ example: 78.4, description: 'Mean over the samples held so far' }) value: number;
  @ApiProperty({ example: 70 }) threshold: number;
  @ApiProperty({ example: '2025-01-08T15:28:00Z', description: 'Since when the mean is above the threshold' }) since: string;
  @ApiProperty({ example: 5, type: 'integer', description: 'The window not yet covered by samples' }) for_minutes: number;
}

export class AlertsResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [AlertDto] }) alerts: AlertDto[];
  @ApiProperty({ example: 1, type: 'integer', description: 'Open alerts (pending ones not counted)' }) total_alerts: number;
  @ApiProperty({ type: [PendingAlertDto], description: 'Above a for_minutes threshold, window not covered yet: never sent' }) pending: PendingAlertDto[];
}
