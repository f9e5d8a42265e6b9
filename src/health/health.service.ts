import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { isoSeconds } from '../common/format/time';
import { DatabaseFileMonitor } from '../database/database-file.monitor';
import { UnitOfWork } from '../database/unit-of-work';
import { CachedCollector } from '../metrics/cached-collector';
import { HealthResponseDto } from '../metrics/dto/metric-responses.dto';
import { SamplerService } from '../metrics/sampler.service';

/** How long a database check is trusted: `/health` stays cheap under a load balancer's polling. */
const DATABASE_CHECK_TTL_MS = 1000;

@Injectable()
export class HealthService {
  private readonly databaseCheck = new CachedCollector(() => this.checkDatabase(), DATABASE_CHECK_TTL_MS);

  constructor(
    private readonly sampler: SamplerService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly databaseFile: DatabaseFileMonitor,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async health(): Promise<HealthResponseDto> {
    const reason = this.sampler.problem() ?? (await this.databaseCheck.get());
    const checkedAt = reason ? isoSeconds(Date.now()) : this.sampler.latest().checkedAt;
    const name = reason ? hostname() : this.sampler.latest().hostname;
    return reason
      ? { status: 'DOWN', hostname: name, checked_at: checkedAt, reason }
      : { status: 'UP', hostname: name, checked_at: checkedAt };
  }

  /** null when the database answers, else why not. */
  private async checkDatabase(): Promise<string | null> {
    try {
      if (!this.dataSource.isInitialized) return 'database unavailable: not connected';
      const fileProblem = this.databaseFile.problem();
      if (fileProblem) return `database unavailable: ${fileProblem}`;
      const writeProblem = this.unitOfWork.problem();
      if (writeProblem) return `database unavailable: ${writeProblem}`;
      await this.dataSource.query('SELECT 1');
      return null;
    } catch (error) {
      return `database unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
