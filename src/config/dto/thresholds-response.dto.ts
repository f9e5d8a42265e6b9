import { ApiProperty } from '@nestjs/swagger';

export class LevelDto {
  @ApiProperty({ example: 70, minimum: 0, maximum: 100 }) warning: number;
  @ApiProperty({ example: 90, minimum: 0, maximum: 100 }) critical: number;
}

export class ThresholdSetDto {
  @ApiProperty({ example: { warning: 70, critical: 90 } }) cpu: LevelDto;
  @ApiProperty({ example: { warning: 70, critical: 85 } }) memory: LevelDto;
  @ApiProperty({ example: { warning: 80, critical: 90 } }) disk: LevelDto;
}

export class ThresholdsResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty() thresholds: ThresholdSetDto;
}
