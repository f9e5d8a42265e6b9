import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { isoSeconds } from '../common/format/time';
import { DatabaseFileMonitor } from '../database/database-file.monitor';
import { UnitOfWork } from '../database/unit-of-work';
import { CachedCollector } from '../metrics/cached-collector';
import { HealthResponseDto } from '../metrics/dto/metric-responses.dto';
import { Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';

/** How long a database check is trusted: `/health` stays cheap under a load balancer's polling. */
const DATABASE_CHECK_TTL_MS = 1000;

@Injectable()
export class HealthService {
  private readonly databaseCheck = new CachedCollector(() => this.checkDatabase(), DATABASE_CHECK_TTL_MS);
  private up: { sample: Sample; answer: HealthResponseDto } | null = null;

  constructor(
    private readonly sampler: SamplerService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly databaseFile: DatabaseFileMonitor,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The answer; synchronous while the last database check (at most 1 s old) holds, as on every poll but one a second. */
  health(): HealthResponseDto | Promise<HealthResponseDto> {
    const problem = this.sampler.problem();
    if (problem) return this.answer(problem);
    const database = this.databaseCheck.fresh();
    if (database !== undefined) return this.answer(database);
    return this.databaseCheck.get().then((reason) => this.answer(this.sampler.problem() ?? reason));
  }

  private answer(reason: string | null): HealthResponseDto {
    if (reason) return { status: 'DOWN', hostname: hostname(), checked_at: isoSeconds(Date.now()), reason };
    // UP changes only with the sample: one answer object per sample.
    const sample = this.sampler.latest();
    if (this.up?.sample !== sample) this.up = { sample, answer: { status: 'UP', hostname: sample.hostname, checked_at: sample.checkedAt } };
    return this.up.answer;
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
