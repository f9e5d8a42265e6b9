import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CommandResultDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z', description: 'When the command started, ISO 8601 UTC' }) checked_at: string;
  @ApiProperty({ example: 'uptime', description: "The command's name in the allow-list ('service-restart' for a restart)" })
  command: string;
  @ApiPropertyOptional({ example: 'nginx', description: 'The service the command was run for' }) service?: string;
  @ApiProperty({ example: 0, nullable: true, type: Number, description: 'Exit code; null when killed (timeout)' })
  exit_code: number | null;
  @ApiProperty({ example: ' 15:30:00 up 2 days,  3:04,  0 users,  load average: 0.08, 0.05, 0.01\n' }) stdout: string;
  @ApiProperty({ example: '' }) stderr: string;
  @ApiProperty({ example: 4 }) duration_ms: number;
  @ApiProperty({ example: false, description: 'true when a stream went over 64 KiB and was cut' }) truncated: boolean;
  @ApiProperty({ example: false, description: 'true when the command ran past COMMAND_TIMEOUT_SECONDS and was killed' })
  timed_out: boolean;
}
