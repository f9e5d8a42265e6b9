import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CommandSummaryDto {
  @ApiProperty({ example: 'disk-usage' }) name: string;
  @ApiProperty({ example: 'File system usage (df -h)' }) description: string;
  @ApiProperty({ example: false, description: "true when the body must name a service: {\"service\": \"nginx\"}" })
  service_param: boolean;
  @ApiPropertyOptional({ type: [String], example: ['nginx', 'mysql', 'redis'], description: 'Accepted services' })
  services?: string[];
}

export class CommandListResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [CommandSummaryDto] }) commands: CommandSummaryDto[];
  @ApiProperty({ type: 'integer', example: 6 }) total: number;
}
