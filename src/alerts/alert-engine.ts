import { ruleForMount, Rule, ThresholdConfig } from '../config/thresholds.types';
import { round1 } from '../common/format/units';
import type { AlertLevel, AlertType } from './alert-evaluator';
import { SeriesWindow } from './series-window';

/** One figure of one sample: a resource, or one mount's disk usage. */
export interface Reading {
  /** `CPU`, `MEMORY`, `DISK` for DISK_PATH's mount, `DISK:<mount>` for another mount. */
  key: string;
  type: AlertType;
  mount: string | null;
  /** True for DISK_PATH's mount: its message keeps the spec's words. */
  primary: boolean;
  value: number;
}

export interface SilenceWindow {
  id: number;
  type: AlertType | '*';
  mount: string | null;
  startsAt: number;
  endsAt: number;
}

/** An alert episode, from its opening to its resolution. */
export interface Episode {
  key: string;
  type: AlertType;
  mount: string | null;
  openedAt: number;
  resolvedAt: number | null;
  /** Current level, and the highest reached with its threshold. */
  level: AlertLevel;
  maxLevel: AlertLevel;
  threshold: number;
  peak: number;
  /** Silenced at some point of the episode. */
  silenced: boolean;
  /** Database id once stored (HistoryWriter); null before. */
  id: number | null;
}

export interface ActiveAlert {
  key: string;
  type: AlertType;
  mount: string | null;
  level: AlertLevel;
  message: string;
  value: number;
  threshold: number;
  since: number;
  peak: number;
  silenceId: number | null;
  episode: Episode;
}

export interface PendingAlert {
  key: string;
  type: AlertType;
  mount: string | null;
  level: AlertLevel;
  value: number;
  threshold: number;
  since: number;
  forMinutes: number;
}

export type TransitionKind = 'opened' | 'changed' | 'resolved';

export interface Transition {
  kind: TransitionKind;
  episode: Episode;
}

export interface Evaluation {
  evaluatedAt: number;
  alerts: ActiveAlert[];
  pending: PendingAlert[];
  transitions: Transition[];
}

interface Series {
  reading: Reading;
  window: SeriesWindow;
  gone: boolean;
  episode: Episode | null;
  pendingSince: number | null;
}

const RANK: Record<AlertLevel, number> = { warning: 1, critical: 2 };
const LABELS: Record<AlertType, string> = { CPU: 'CPU', MEMORY: 'Memory', DISK: 'Disk' };
const HOUR_MS = 3_600_000;

/**
 * The level of a value under a rule, given the level already open (hysteresis): opening or rising
 * needs the value strictly above a threshold; an open level stays while the value is above its
 * threshold minus `clear_margin`, and steps down to warning under the same rule.
 */
export function levelFor(value: number, rule: Rule, open: AlertLevel | null): AlertLevel | null {
  const margin = rule.clear_margin;
  if (value > rule.critical) return 'critical';
  if (open === 'critical' && value > rule.critical - margin) return 'critical';
  if (value > rule.warning) return 'warning';
  if (open !== null && value > rule.warning - margin) return 'warning';
  return null;
}

export function alertMessage(type: AlertType, value: number, mount: string | null, primary: boolean): string {
  return `${LABELS[type]} usage is at ${value}%${type === 'DISK' && !primary && mount ? ` on ${mount}` : ''}`;
}

export function silenceMatches(silence: SilenceWindow, type: AlertType, mount: string | null, now: number): boolean {
  if (now < silence.startsAt || now >= silence.endsAt) return false;
  if (silence.type !== '*' && silence.type !== type) return false;
  return silence.mount === null || silence.mount === mount;
}

/**
 * The alert engine's state machine, free of Nest and of the clock (every call takes `now`): it keeps
 * the last hour of every series, the open episodes, and answers the alerts and pending alerts of a
 * set of rules. `record` adds a sample; `evaluate` may run any number of times between two samples
 * (a threshold change re-evaluates at once) without adding one.
 */
export class AlertEngine {
  private readonly series = new Map<string, Series>();
  /** Episodes open at the last shutdown, continued or closed by the first evaluation. */
  private restored: { episodes: Map<string, Episode>; at: number } | null = null;

  constructor(private readonly intervalMs: number) {}

  /** Open episodes found in the history at start; `at` is the restart time (their end if they no longer hold). */
  restore(episodes: Episode[], at: number): void {
    this.restored = { episodes: new Map(episodes.map((episode) => [episode.key, episode])), at };
  }

  /** Adds one sample of every series; a series missing from `readings` is gone (its episode resolves). */
  record(now: number, readings: Reading[]): void {
    const seen = new Set<string>();
    for (const reading of readings) {
      seen.add(reading.key);
      let series = this.series.get(reading.key);
      if (!series) {
        series = { reading, window: SeriesWindow.forSpan(HOUR_MS + this.intervalMs, this.intervalMs), gone: false, episode: null, pendingSince: null };
        this.series.set(reading.key, series);
      }
      series.reading = reading;
      series.gone = false;
      series.window.push(now, reading.value);
    }
    for (const [key, series] of this.series) if (!seen.has(key)) series.gone = true;
  }

  /** The latest sample of a series (NaN when unknown). */
  latestValue(key: string): number {
    return this.series.get(key)?.window.latest ?? NaN;
  }

  /** The series watched now, with their type and mount. */
  readings(): Reading[] {
    return [...this.series.values()].map((series) => series.reading);
  }

  evaluate(now: number, config: ThresholdConfig, silences: readonly SilenceWindow[]): Evaluation {
    const alerts: ActiveAlert[] = [];
    const pending: PendingAlert[] = [];
    const transitions: Transition[] = [];
    // Nothing sampled yet: the episodes restored at start wait for the first figures.
    if (this.series.size === 0) return { evaluatedAt: now, alerts, pending, transitions };
    const restored = this.restored;
    this.restored = null;
    const ignored = new Set(config.ignored_mounts);

    for (const [key, series] of this.series) {
      const { type, mount, primary } = series.reading;
      const back = restored?.episodes.get(key);
      if (back && !series.episode) {
        series.episode = back;
        restored!.episodes.delete(key);
      }
      const skip = series.gone || (type === 'DISK' && mount !== null && ignored.has(mount)) || series.window.size === 0;
      if (skip) {
        if (series.episode) transitions.push(this.resolve(series, back ? restored!.at : now));
        if (series.gone) this.series.delete(key);
        continue;
      }
      const rule = type === 'DISK' && mount !== null ? ruleForMount(config, mount) : config[type === 'CPU' ? 'cpu' : type === 'MEMORY' ? 'memory' : 'disk'];
      const forMs = rule.for_minutes * 60_000;
      const value = round1(forMs > 0 ? series.window.meanSince(now - forMs) : series.window.latest);
      const covered = forMs === 0 || series.window.firstTime <= now - forMs + this.intervalMs;
      const open = series.episode?.level ?? null;
      const level = levelFor(value, rule, open);

      if (level === null) {
        series.pendingSince = null;
        if (series.episode) transitions.push(this.resolve(series, back ? restored!.at : now));
        continue;
      }
      const threshold = rule[level];
      if (!series.episode && !covered) {
        series.pendingSince ??= now;
        pending.push({ key, type, mount, level, value, threshold, since: series.pendingSince, forMinutes: rule.for_minutes });
        continue;
      }
      series.pendingSince = null;
      const silence = silences.find((entry) => silenceMatches(entry, type, mount, now)) ?? null;
      let episode = series.episode;
      if (!episode) {
        episode = { key, type, mount, openedAt: now, resolvedAt: null, level, maxLevel: level, threshold, peak: value, silenced: silence !== null, id: null };
        series.episode = episode;
        transitions.push({ kind: 'opened', episode });
      } else {
        let changed = false;
        if (episode.level !== level) {
          episode.level = level;
          changed = true;
        }
        if (RANK[level] > RANK[episode.maxLevel]) {
          episode.maxLevel = level;
          episode.threshold = threshold;
          changed = true;
        }
        if (silence && !episode.silenced) {
          episode.silenced = true;
          changed = true;
        }
        if (value > episode.peak) episode.peak = value;
        if (changed) transitions.push({ kind: 'changed', episode });
      }
      alerts.push({
        key,
        type,
        mount,
        level,
        message: alertMessage(type, value, mount, primary),
        value,
        threshold,
        since: episode.openedAt,
        peak: episode.peak,
        silenceId: silence?.id ?? null,
        episode,
      });
    }

    // Episodes open at the shutdown whose series is not watched any more: closed with the restart time.
    for (const episode of restored?.episodes.values() ?? []) {
      episode.resolvedAt = restored!.at;
      transitions.push({ kind: 'resolved', episode });
    }
    return { evaluatedAt: now, alerts, pending, transitions };
  }

  private resolve(series: Series, at: number): Transition {
    const episode = series.episode!;
    episode.resolvedAt = Math.max(at, episode.openedAt);
    series.episode = null;
    series.pendingSince = null;
    return { kind: 'resolved', episode };
  }
}
