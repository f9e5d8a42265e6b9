import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditService } from './audit.service';

/** Prunes the audit trail at start and every night. */
@Injectable()
export class AuditScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');

  constructor(private readonly audit: AuditService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prune();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'audit-prune' })
  async prune(): Promise<void> {
    try {
      await this.audit.prune();
    } catch (error) {
      this.logger.error(`audit pruning failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
