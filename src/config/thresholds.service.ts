import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DiskMountThreshold } from './entities/disk-mount-threshold.entity';
import { IgnoredMount } from './entities/ignored-mount.entity';
import { Threshold, THRESHOLD_RESOURCES, ThresholdResource } from './entities/threshold.entity';
import { DEFAULT_THRESHOLDS, MAX_IGNORED_MOUNTS, MAX_MOUNT_OVERRIDES, MountRule, Rule, ThresholdConfig } from './thresholds.types';

/** What a `PUT /config/thresholds` changes; a resource without for_minutes/clear_margin keeps its own. */
export interface ThresholdChanges {
  resources: Partial<Record<ThresholdResource, { warning: number; critical: number; for_minutes?: number; clear_margin?: number }>>;
  /** Mount → override; null removes the override. */
  diskMounts?: Record<string, MountRule | null>;
  /** Replaces the whole list. */
  ignoredMounts?: string[];
}

type Listener = (config: ThresholdConfig) => void;

/**
 * The thresholds stored in SQLite. Reads are served from memory; the copy is rebuilt whenever they
 * are written, and the alert engine is told at once (it re-evaluates before the PUT answers).
 */
@Injectable()
export class ThresholdsService implements OnModuleInit {
  private cached: ThresholdConfig | null = null;
  private readonly listeners: Listener[] = [];

  constructor(
    @InjectRepository(Threshold) private readonly repository: Repository<Threshold>,
    @InjectRepository(DiskMountThreshold) private readonly mountRules: Repository<DiskMountThreshold>,
    @InjectRepository(IgnoredMount) private readonly ignored: Repository<IgnoredMount>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seedDefaults();
  }

  /** Called with the new configuration after every write. */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
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
          forMinutes: 0,
          clearMargin: 0,
          updatedAt: now,
          updatedBy: null,
        })),
      );
    });
    this.cached = null;
  }

  async current(): Promise<ThresholdConfig> {
    return (this.cached ??= await this.load());
  }

  /** Writes every change in one transaction (all or nothing); returns the write time. */
  async update(changes: ThresholdChanges, updatedBy: number | null): Promise<Date> {
    const before = await this.current();
    const overrides = { ...before.disk_mounts };
    for (const [mount, rule] of Object.entries(changes.diskMounts ?? {})) {
      if (rule === null) delete overrides[mount];
      else overrides[mount] = rule;
    }
    if (Object.keys(overrides).length > MAX_MOUNT_OVERRIDES) {
      throw new ApiError(400, ERROR_LABELS[400], `disk_mounts : au plus ${MAX_MOUNT_OVERRIDES} points de montage`);
    }
    const now = new Date();
    await this.unitOfWork.run(async (manager) => {
      for (const resource of THRESHOLD_RESOURCES) {
        const level = changes.resources[resource];
        if (!level) continue;
        await manager.update(
          Threshold,
          { resource },
          {
            warningLevel: level.warning,
            criticalLevel: level.critical,
            ...(level.for_minutes !== undefined ? { forMinutes: level.for_minutes } : {}),
            ...(level.clear_margin !== undefined ? { clearMargin: level.clear_margin } : {}),
            updatedAt: now,
            updatedBy,
          },
        );
      }
      for (const [mount, rule] of Object.entries(changes.diskMounts ?? {})) {
        await manager.delete(DiskMountThreshold, { mount });
        if (rule === null) continue;
        await manager.insert(DiskMountThreshold, {
          mount,
          warningLevel: rule.warning,
          criticalLevel: rule.critical,
          forMinutes: rule.for_minutes ?? null,
          clearMargin: rule.clear_margin ?? null,
          updatedAt: now,
          updatedBy,
        });
      }
      if (changes.ignoredMounts) {
        await manager.clear(IgnoredMount);
        const unique = [...new Set(changes.ignoredMounts)];
        if (unique.length > 0) await manager.insert(IgnoredMount, unique.map((mount) => ({ mount, updatedAt: now, updatedBy })));
      }
    });
    this.cached = await this.load();
    for (const listener of this.listeners) listener(this.cached);
    return now;
  }

  private async load(): Promise<ThresholdConfig> {
    const [rows, mounts, ignored] = await Promise.all([
      this.repository.find({ order: { id: 'ASC' } }),
      this.mountRules.find({ order: { mount: 'ASC' } }),
      this.ignored.find({ order: { mount: 'ASC' } }),
    ]);
    const config: ThresholdConfig = { ...structuredClone(DEFAULT_THRESHOLDS), disk_mounts: {}, ignored_mounts: [] };
    for (const row of rows) {
      const rule: Rule = { warning: row.warningLevel, critical: row.criticalLevel, for_minutes: row.forMinutes ?? 0, clear_margin: row.clearMargin ?? 0 };
      config[row.resource] = rule;
    }
    for (const row of mounts) {
      const rule: MountRule = { warning: row.warningLevel, critical: row.criticalLevel };
      if (row.forMinutes !== null) rule.for_minutes = row.forMinutes;
      if (row.clearMargin !== null) rule.clear_margin = row.clearMargin;
      config.disk_mounts[row.mount] = rule;
    }
    config.ignored_mounts = ignored.map((row) => row.mount);
    return config;
  }
}

