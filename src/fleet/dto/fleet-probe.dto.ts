import { ApiProperty } from '@nestjs/swagger';

export class FleetProbeDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'web-01' }) name: string;
  @ApiProperty({ example: 'https://web-01.example.com:3000' }) base_url: string;
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) created_at: string;
}

export class FleetListResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [FleetProbeDto] }) probes: FleetProbeDto[];
  @ApiProperty({ type: 'integer', example: 1 }) total: number;
}

export class FleetProbeCreatedDto {
  @ApiProperty({ example: 'Sonde ajoutée' }) message: string;
  @ApiProperty({ type: FleetProbeDto }) probe: FleetProbeDto;
}

export class FleetProbeDeletedDto {
  @ApiProperty({ example: 'Sonde supprimée' }) message: string;
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
}
