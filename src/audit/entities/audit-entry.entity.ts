import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure';

@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn() id: number;
  /** ISO 8601 UTC with milliseconds: sorts as text, so pruning is a plain comparison. */
  @Column({ type: 'text' }) at: string;
  @Column({ name: 'user_id', type: 'integer', nullable: true }) userId: number | null;
  @Column({ type: 'text', nullable: true }) username: string | null;
  @Column({ name: 'source_ip', type: 'text', nullable: true }) sourceIp: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', nullable: true }) target: string | null;
  @Column({ type: 'text' }) outcome: AuditOutcome;
  /** JSON, secrets removed. */
  @Column({ type: 'text', nullable: true }) details: string | null;
}
