import { ApiProperty } from '@nestjs/swagger';

export class CpuFiguresDto {
  @ApiProperty({ example: 45.2, description: 'CPU use over the last sampling interval, in percent' }) usage_percent: number;
  @ApiProperty({ type: 'integer', example: 4 }) cores: number;
}

export class SizeFiguresDto {
  @ApiProperty({ example: 16.0, description: 'GiB (1024³), one decimal' }) total_gb: number;
  @ApiProperty({ example: 10.5 }) used_gb: number;
  @ApiProperty({ example: 5.5 }) free_gb: number;
  @ApiProperty({ example: 65.6 }) usage_percent: number;
}

export class MountFiguresDto extends SizeFiguresDto {
  @ApiProperty({ example: '/' }) mount: string;
  @ApiProperty({ example: 'ext4' }) fs_type: string;
}

export class UptimeDto {
  @ApiProperty({ example: 45 }) days: number;
  @ApiProperty({ example: 12 }) hours: number;
  @ApiProperty({ example: 30 }) minutes: number;
  @ApiProperty({ example: '45 jours, 12 heures, 30 minutes' }) formatted: string;
}
