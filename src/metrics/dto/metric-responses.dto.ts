import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CpuFiguresDto, MountFiguresDto, SizeFiguresDto, UptimeDto } from './figures.dto';

const CHECKED_AT = { example: '2025-01-08T15:30:00Z', description: 'Time of the sample, ISO 8601 UTC' };

export class HealthResponseDto {
  @ApiProperty({ enum: ['UP', 'DOWN'], example: 'UP' }) status: 'UP' | 'DOWN';
  @ApiProperty({ example: 'serveur-prod-01' }) hostname: string;
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiPropertyOptional({ example: 'database unavailable: SQLITE_CANTOPEN', description: 'Only when DOWN' }) reason?: string;
}

export class CpuResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty() cpu: CpuFiguresDto;
}

export class MemoryResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty({ description: 'used = total − available; free = available' }) memory: SizeFiguresDto;
}

export class DiskResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty({ description: 'The file system holding DISK_PATH' }) disk: SizeFiguresDto;
  @ApiProperty({ type: [MountFiguresDto], description: 'Every real file system (no tmpfs, overlay, proc...)' })
  mounts: MountFiguresDto[];
}

export class SystemResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty({ example: 'serveur-prod-01' }) hostname: string;
  @ApiProperty({ enum: ['UP', 'DOWN'], example: 'UP' }) status: 'UP' | 'DOWN';
  @ApiProperty() cpu: CpuFiguresDto;
  @ApiProperty() memory: SizeFiguresDto;
  @ApiProperty() disk: SizeFiguresDto;
  @ApiProperty() uptime: UptimeDto;
}

export class OsDto {
  @ApiProperty({ example: 'Ubuntu' }) name: string;
  @ApiProperty({ example: '22.04.3 LTS' }) version: string;
  @ApiProperty({ example: 'x86_64' }) architecture: string;
  @ApiProperty({ example: '5.15.0-91-generic' }) kernel: string;
  @ApiProperty({ example: 'serveur-prod-01' }) hostname: string;
  @ApiProperty({ example: 3933000 }) uptime_seconds: number;
}

export class OsResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty() os: OsDto;
}

export class LoadAverageDto {
  @ApiProperty({ name: '1_min', example: 0.52 }) '1_min': number;
  @ApiProperty({ name: '5_min', example: 0.48 }) '5_min': number;
  @ApiProperty({ name: '15_min', example: 0.45 }) '15_min': number;
}

export class LoadResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty() load_average: LoadAverageDto;
}

export class NetworkInterfaceDto {
  @ApiProperty({ example: 'eth0' }) name: string;
  @ApiProperty({ example: '192.168.1.100', nullable: true, type: String }) ip_address: string | null;
  @ApiProperty({ example: '00:1A:2B:3C:4D:5E', nullable: true, type: String }) mac_address: string | null;
  @ApiProperty({ example: 1250.5, description: 'MiB (1024²) sent since boot' }) bytes_sent_mb: number;
  @ApiProperty({ example: 3420.8, description: 'MiB (1024²) received since boot' }) bytes_recv_mb: number;
}

export class NetworkDto {
  @ApiProperty({ type: [NetworkInterfaceDto] }) interfaces: NetworkInterfaceDto[];
  @ApiProperty({ type: 'integer', example: 42, description: 'Established TCP connections' }) total_connections: number;
}

export class NetworkResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty() network: NetworkDto;
}

export class ProcessCountsDto {
  @ApiProperty({ type: 'integer', example: 156 }) total: number;
  @ApiProperty({ type: 'integer', example: 2 }) running: number;
  @ApiProperty({ type: 'integer', example: 150 }) sleeping: number;
  @ApiProperty({ type: 'integer', example: 0 }) blocked: number;
}

export class ProcessesResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty() processes: ProcessCountsDto;
}

export class TopProcessDto {
  @ApiProperty({ type: 'integer', example: 1234 }) pid: number;
  @ApiProperty({ example: 'mysql' }) name: string;
  @ApiProperty({ example: 25.4, description: 'Recent CPU use (percent of one core)' }) cpu_percent: number;
  @ApiProperty({ example: 15.2 }) memory_percent: number;
}

export class TopProcessesResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty({ type: [TopProcessDto] }) top_processes: TopProcessDto[];
  @ApiProperty({ type: 'integer', example: 156 }) total_processes: number;
}

export class ServiceDto {
  @ApiProperty({ example: 'nginx' }) name: string;
  @ApiProperty({ enum: ['running', 'stopped'], example: 'running' }) status: 'running' | 'stopped';
  @ApiProperty({ example: '5 days', nullable: true, type: String }) uptime: string | null;
}

export class ServicesResponseDto {
  @ApiProperty(CHECKED_AT) checked_at: string;
  @ApiProperty({ type: [ServiceDto] }) services: ServiceDto[];
}
