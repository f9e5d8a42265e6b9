import { ApiProperty } from '@nestjs/swagger';
import { ThresholdSetDto } from './thresholds-response.dto';

export class UpdateThresholdsResponseDto {
  @ApiProperty({ example: 'Seuils mis à jour avec succès' }) message: string;
  @ApiProperty() thresholds: ThresholdSetDto;
  @ApiProperty({ example: '2025-01-08T15:35:00Z' }) updated_at: string;
  @ApiProperty({ example: 'admin', nullable: true, type: String }) updated_by: string | null;
}
