import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class LevelDto {
  @ApiProperty({ example: 70, minimum: 0, maximum: 100, type: 'integer' }) warning: number;
  @ApiProperty({ example: 90, minimum: 0, maximum: 100, type: 'integer' }) critical: number;
  @ApiProperty({ example: 0, minimum: 0, maximum: 60, type: 'integer', description: '0 : dernier échantillon ; N : moyenne sur N minutes' }) for_minutes: number;
  @ApiProperty({ example: 0, minimum: 0, maximum: 50, description: 'Hystérésis : fermeture à seuil − marge' }) clear_margin: number;
}

export class MountLevelDto {
  @ApiProperty({ example: 85, minimum: 0, maximum: 100, type: 'integer' }) warning: number;
  @ApiProperty({ example: 95, minimum: 0, maximum: 100, type: 'integer' }) critical: number;
  @ApiPropertyOptional({ example: 5, minimum: 0, maximum: 60, type: 'integer', description: 'Absent : celui de disk' }) for_minutes?: number;
  @ApiPropertyOptional({ example: 2, minimum: 0, maximum: 50, description: 'Absent : celui de disk' }) clear_margin?: number;
}

@ApiExtraModels(MountLevelDto)
export class ThresholdSetDto {
  @ApiProperty({ type: LevelDto, example: { warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 } }) cpu: LevelDto;
  @ApiProperty({ type: LevelDto, example: { warning: 70, critical: 85, for_minutes: 0, clear_margin: 0 } }) memory: LevelDto;
  @ApiProperty({ type: LevelDto, example: { warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 } }) disk: LevelDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(MountLevelDto) },
    example: { '/var': { warning: 85, critical: 95 } },
    description: 'Surcharges de la règle disque par point de montage',
  })
  disk_mounts: Record<string, MountLevelDto>;
  @ApiProperty({ type: [String], example: ['/boot/efi'], description: 'Points de montage jamais alertés' }) ignored_mounts: string[];
}

export class ThresholdsResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: ThresholdSetDto }) thresholds: ThresholdSetDto;
}
