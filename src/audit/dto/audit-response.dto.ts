import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ type: 'integer', example: 42 }) id: number;
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) at: string;
  @ApiProperty({ example: 1, nullable: true, type: 'integer' }) user_id: number | null;
  @ApiProperty({ example: 'admin', description: "'anonymous' when nobody was authenticated" }) username: string;
  @ApiProperty({ example: '192.0.2.10', nullable: true, type: String }) source_ip: string | null;
  @ApiProperty({ example: 'user.create' }) action: string;
  @ApiProperty({ example: 'jean.dupont', nullable: true, type: String }) target: string | null;
  @ApiProperty({ enum: ['success', 'failure'], example: 'success' }) outcome: 'success' | 'failure';
  @ApiProperty({
    example: { request: { username: 'jean.dupont', role: 'technicien' } },
    nullable: true,
    type: Object,
    description: 'What was asked (passwords, tokens, secrets and webhook URLs removed) and, on failure, the status',
  })
  details: Record<string, unknown> | null;
}

export class AuditResponseDto {
  @ApiProperty({ example: '2025-01-08T15:30:00Z' }) checked_at: string;
  @ApiProperty({ type: [AuditEntryDto] }) entries: AuditEntryDto[];
  @ApiProperty({ example: 17, nullable: true, type: Number, description: 'Pass as ?before= for the next page; null on the last' })
  next_before: number | null;
}
