import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { Threshold, THRESHOLD_RESOURCES } from './entities/threshold.entity';
import { DEFAULT_THRESHOLDS, ThresholdSet } from './thresholds.types';

/**
 * The thresholds stored in SQLite. Reads are served from memory; the copy is dropped whenever they
 * are written, so `/alerts` uses new values on the very next request.
 */
@Injectable()
export class ThresholdsService implements OnModuleInit {
  private cached: { set: ThresholdSet; rows: Threshold[] } | null = null;

  constructor(
    @InjectRepository(Threshold) private readonly repository: Repository<Threshold>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seedDefaults();
  }

  /** Inserts the spec's defaults when the table is empty, so a restart keeps what an admin set. */
  async seedDefaults(): Promise<void> {
    const now = new Date();
    await this.unitOfWork.run(async (manager) => {
      if ((await manager.count(Threshold)) > 0) return;
      await manager.insert(
        Threshold,
        THRESHOLD_RESOURCES.map((resource) => ({
          resource,
          warningLevel: DEFAULT_THRESHOLDS[resource].warning,
          criticalLevel: DEFAULT_THRESHOLDS[resource].critical,
          updatedAt: now,
          updatedBy: null,
        })),
      );
    });
    this.cached = null;
  }

  async current(): Promise<ThresholdSet> {
    return (await this.load()).set;
  }

  /** The stored rows (with `updated_at`/`updated_by`), for the configuration endpoints. */
  async rows(): Promise<Threshold[]> {
    return (await this.load()).rows;
  }

  /** Writes the given resources in one transaction; either all change or none. */
  async update(changes: Partial<ThresholdSet>, updatedBy: number | null): Promise<Threshold[]> {
    const now = new Date();
    await this.unitOfWork.run(async (manager) => {
      for (const resource of THRESHOLD_RESOURCES) {
        const level = changes[resource];
        if (!level) continue;
        await manager.update(
          Threshold,
          { resource },
          { warningLevel: level.warning, criticalLevel: level.critical, updatedAt: now, updatedBy },
        );
      }
    });
    this.cached = null;
    return this.rows();
  }

  private async load(): Promise<{ set: ThresholdSet; rows: Threshold[] }> {
    if (this.cached) return this.cached;
    const rows = await this.repository.find({ order: { id: 'ASC' } });
    const set = structuredClone(DEFAULT_THRESHOLDS);
    for (const row of rows) set[row.resource] = { warning: row.warningLevel, critical: row.criticalLevel };
    this.cached = { set, rows };
    return this.cached;
  }
}
