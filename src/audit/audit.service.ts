import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { isoSeconds } from '../common/format/time';
import { AppSettings } from '../common/settings/app-settings';
import { UnitOfWork } from '../database/unit-of-work';
import { detailsJson } from './audit-details';
import { AuditAction } from './audit.decorator';
import { AuditEntryDto } from './dto/audit-response.dto';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEntry, AuditOutcome } from './entities/audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  outcome: AuditOutcome;
  userId: number | null;
  username: string | null;
  sourceIp: string | null;
  target: string | null;
  details: Record<string, unknown>;
}

const DAY_MS = 24 * 3600 * 1000;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    @InjectRepository(AuditEntry) private readonly repository: Repository<AuditEntry>,
    private readonly settings: AppSettings,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Writes one entry; a failure is logged, never passed on (the action itself already happened). */
  async record(record: AuditRecord): Promise<void> {
    try {
      const at = new Date().toISOString();
      await this.unitOfWork.run((manager) =>
        manager.insert(AuditEntry, {
          at,
          userId: record.userId,
          username: record.username ?? 'anonymous',
          sourceIp: record.sourceIp,
          action: record.action,
          target: record.target,
          outcome: record.outcome,
          details: detailsJson(record.details),
        }),
      );
    } catch (error) {
      this.logger.error(
        `could not write the audit entry ${record.action}/${record.outcome} by ${record.username ?? 'anonymous'}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(query: AuditQueryDto): Promise<{ entries: AuditEntryDto[]; next_before: number | null }> {
    const where: FindOptionsWhere<AuditEntry> = {};
    if (query.before !== undefined) where.id = LessThan(query.before);
    if (query.action !== undefined) where.action = query.action;
    const filters: FindOptionsWhere<AuditEntry>[] = [where];
    if (query.user !== undefined) {
      filters.splice(0, 1, { ...where, username: query.user });
      if (/^\d+$/.test(query.user)) filters.push({ ...where, userId: Number(query.user) });
    }
    const rows = await this.repository.find({ where: filters, order: { id: 'DESC' }, take: query.limit });
    return {
      entries: rows.map((row) => this.toDto(row)),
      next_before: rows.length === query.limit ? rows[rows.length - 1].id : null,
    };
  }

  /** Deletes entries older than AUDIT_RETENTION_DAYS; returns how many. */
  async prune(now = Date.now()): Promise<number> {
    const cutoff = new Date(now - this.settings.auditRetentionDays * DAY_MS).toISOString();
    const result = await this.unitOfWork.run((manager) => manager.delete(AuditEntry, { at: LessThan(cutoff) }));
    const removed = result.affected ?? 0;
    if (removed > 0) this.logger.log(`pruned ${removed} audit entries older than ${this.settings.auditRetentionDays} days`);
    return removed;
  }

  private toDto(row: AuditEntry): AuditEntryDto {
    let details: Record<string, unknown> | null = null;
    try {
      details = row.details ? JSON.parse(row.details) : null;
    } catch {
      details = null;
    }
    return {
      id: row.id,
      at: isoSeconds(new Date(row.at)),
      user_id: row.userId,
      username: row.username ?? 'anonymous',
      source_ip: row.sourceIp,
      action: row.action,
      target: row.target,
      outcome: row.outcome,
      details,
    };
  }
}
