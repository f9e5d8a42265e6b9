import { ApiProperty } from '@nestjs/swagger';

export class SilenceDto {
  @ApiProperty({ example: 3, type: 'integer' }) id: number;
  @ApiProperty({ enum: ['CPU', 'MEMORY', 'DISK', '*'], example: 'DISK' }) type: string;
  @ApiProperty({ example: '/var', nullable: true, type: String, description: 'null : tous les points de montage' }) mount: string | null;
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) starts_at: string;
  @ApiProperty({ example: '2025-01-08T16:30:00Z' }) ends_at: string;
  @ApiProperty({ example: 'Maintenance du RAID' }) reason: string;
  @ApiProperty({ example: 'tech1' }) created_by: string;
}

export class SilenceListDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [SilenceDto], description: 'Active and future silences, soonest end first' }) silences: SilenceDto[];
  @ApiProperty({ example: 1, type: 'integer' }) total: number;
}

export class SilenceEndedDto {
  @ApiProperty({ example: 'Silence terminé' }) message: string;
  @ApiProperty({ type: SilenceDto }) silence: SilenceDto;
}
