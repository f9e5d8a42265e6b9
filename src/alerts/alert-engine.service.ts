import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { isoSeconds } from '../common/format/time';
import { AppSettings } from '../common/settings/app-settings';
import { ThresholdsService } from '../config/thresholds.service';
import { ThresholdConfig } from '../config/thresholds.types';
import { MetricsService } from '../metrics/metrics.service';
import { Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';
import { SilencesService } from '../silences/silences.service';
import { ActiveAlert, AlertEngine, Episode, Evaluation, PendingAlert, Reading, SilenceWindow, silenceMatches } from './alert-engine';
import type { AlertType } from './alert-evaluator';
import { AlertHistoryService } from './alert-history.service';
import { mountUsage, watchedMounts } from './mount-reader';

/** How often the list of mounts is read again (a new mount is watched within this time). */
const MOUNT_LIST_TTL_MS = 30_000;

export interface AlertSnapshot {
  checkedAt: string;
  evaluatedAt: number;
  alerts: ActiveAlert[];
  pending: PendingAlert[];
}

/**
 * The one source of truth of the alerts: evaluated at every sample and at once after a threshold or
 * silence change, read by `/alerts`, `/metrics`, the Discord scheduler and the dashboard. An
 * evaluation is synchronous and costs microseconds (bench/alert-engine.js); the other mounts' usage
 * (one statfs each) is read after every sample for the next one.
 */
@Injectable()
export class AlertEngineService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('AlertEngine');
  private readonly engine: AlertEngine;
  private readonly startedAt = Date.now();
  private config: ThresholdConfig | null = null;
  private snapshot: AlertSnapshot | null = null;
  private recorded = false;
  private mounts: { primary: string | null; others: string[]; readAt: number } = { primary: null, others: [], readAt: 0 };
  private readonly mountValues = new Map<string, number>();
  private readingMounts: Promise<void> | null = null;
  /** The last resolved episode of each series (Discord's résolu gives its duration and peak). */
  private readonly resolved = new Map<string, Episode>();

  constructor(
    private readonly sampler: SamplerService,
    private readonly metrics: MetricsService,
    private readonly thresholds: ThresholdsService,
    private readonly silences: SilencesService,
    private readonly history: AlertHistoryService,
    private readonly settings: AppSettings,
  ) {
    this.engine = new AlertEngine(settings.sampleIntervalSeconds * 1000);
    // Subscribed at construction: samples taken before onModuleInit are recorded (not evaluated).
    this.sampler.onSample((sample) => this.onSample(sample));
    this.thresholds.onChange((config) => {
      this.config = config;
      this.evaluate(Date.now());
    });
    this.silences.onChange(() => this.evaluate(Date.now()));
  }

  async onModuleInit(): Promise<void> {
    await this.readMounts();
    try {
      this.engine.restore(await this.history.openEpisodes(), this.startedAt);
    } catch (error) {
      this.logger.warn(`open alert episodes not restored: ${(error as Error).message}`);
    }
    await this.prune();
    this.config = await this.thresholds.current();
    if (this.recorded) this.evaluate(Date.now());
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Open episodes keep resolved_at null: continued or closed by the next start.
    const open = this.snapshot?.alerts.map((alert) => ({ kind: 'changed' as const, episode: alert.episode })) ?? [];
    this.history.record(open, [], Date.now());
    await this.history.idle();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'alert-history-prune' })
  async prune(): Promise<void> {
    try {
      const deleted = await this.history.prune();
      if (deleted > 0) this.logger.log(`${deleted} alert episode(s) older than ${this.settings.alertHistoryDays} days deleted`);
    } catch (error) {
      this.logger.warn(`alert history pruning failed: ${(error as Error).message}`);
    }
  }

  /** The latest evaluation; evaluated at once when none exists yet (throws when no sample exists). */
  current(): AlertSnapshot {
    if (!this.snapshot) {
      this.metrics.sample();
      this.evaluate(Date.now());
    }
    if (!this.snapshot) throw new Error('alerts not evaluated yet');
    return this.snapshot;
  }

  /** The mount of DISK_PATH (its alerts have no ` on <mount>` suffix). */
  primaryMount(): string {
    return this.mounts.primary ?? this.settings.diskPath;
  }

  /** The latest value of a series (CPU, MEMORY, DISK, DISK:<mount>), or null when unknown. */
  latestValue(key: string): number | null {
    const value = this.engine.latestValue(key);
    return Number.isFinite(value) ? value : null;
  }

  /** The silence covering a series now, if any (also for a series that does not alert). */
  silenceOf(type: AlertType, mount: string | null, now: number = Date.now()): SilenceWindow | null {
    return this.silences.windowsNow().find((silence) => silenceMatches(silence, type, mount, now)) ?? null;
  }

  /** The last resolved episode of a series, if any. */
  lastResolved(key: string): Episode | undefined {
    return this.resolved.get(key);
  }

  private onSample(sample: Sample): void {
    const usage = this.metrics.usage(sample);
    const primary = this.primaryMount();
    const readings: Reading[] = [
      { key: 'CPU', type: 'CPU', mount: null, primary: false, value: usage.cpu },
      { key: 'MEMORY', type: 'MEMORY', mount: null, primary: false, value: usage.memory },
      { key: 'DISK', type: 'DISK', mount: primary, primary: true, value: usage.disk },
    ];
    for (const mount of this.mounts.others) {
      const value = this.mountValues.get(mount);
      if (value !== undefined) readings.push({ key: `DISK:${mount}`, type: 'DISK', mount, primary: false, value });
    }
    this.engine.record(sample.takenAt, readings);
    this.recorded = true;
    if (this.config) this.evaluate(sample.takenAt, sample.checkedAt);
    this.readingMounts ??= this.readMounts().finally(() => (this.readingMounts = null));
  }

  private evaluate(now: number, checkedAt: string = isoSeconds(now)): void {
    if (!this.config) return;
    const evaluation: Evaluation = this.engine.evaluate(now, this.config, this.silences.windowsNow());
    for (const { kind, episode } of evaluation.transitions) if (kind === 'resolved') this.resolved.set(episode.key, episode);
    this.snapshot = { checkedAt, evaluatedAt: now, alerts: evaluation.alerts, pending: evaluation.pending };
    this.history.record(
      evaluation.transitions,
      evaluation.alerts.map((alert) => alert.episode),
      now,
    );
  }

  /** The mount list (every 30 s) and the usage of every mount but DISK_PATH's (every sample). */
  private async readMounts(): Promise<void> {
    try {
      if (Date.now() - this.mounts.readAt >= MOUNT_LIST_TTL_MS) {
        this.mounts = { ...(await watchedMounts(this.settings.diskPath)), readAt: Date.now() };
      }
      const values = await Promise.all(this.mounts.others.map((mount) => mountUsage(mount)));
      this.mountValues.clear();
      this.mounts.others.forEach((mount, i) => {
        if (values[i] !== null) this.mountValues.set(mount, values[i]);
      });
    } catch (error) {
      this.logger.warn(`mounts not read: ${(error as Error).message}`);
    }
  }
}
