import { ApiProperty } from '@nestjs/swagger';

export class AlertDto {
  @ApiProperty({ enum: ['CPU', 'MEMORY', 'DISK'], example: 'CPU' }) type: 'CPU' | 'MEMORY' | 'DISK';
  @ApiProperty({ enum: ['warning', 'critical'], example: 'critical' }) level: 'warning' | 'critical';
  @ApiProperty({ example: 'CPU usage is at 94%' }) message: string;
  @ApiProperty({ example: 94 }) value: number;
  @ApiProperty({ example: 90, description: 'The threshold that was crossed' }) threshold: number;
}

export class AlertsResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [AlertDto] }) alerts: AlertDto[];
  @ApiProperty({ example: 1 }) total_alerts: number;
}
