import type { ThresholdResource } from './entities/threshold.entity';

export interface Level {
  warning: number;
  critical: number;
}

/** One resource's rule: its two levels, the sustained-for window and the hysteresis margin. */
export interface Rule extends Level {
  /** 0: the latest sample is compared; N > 0: the mean over the last N minutes (integer 0-60). */
  for_minutes: number;
  /** An open alert stays open until the value is at or below its threshold minus this (0-50). */
  clear_margin: number;
}

/** A per-mount override of the disk rule; a missing for_minutes/clear_margin is the disk's. */
export interface MountRule extends Level {
  for_minutes?: number;
  clear_margin?: number;
}

/** The per-resource rules as the API and the alert engine see them. */
export type ThresholdSet = Record<ThresholdResource, Rule>;

/** Everything `GET /config/thresholds` answers under `thresholds`. */
export interface ThresholdConfig extends ThresholdSet {
  disk_mounts: Record<string, MountRule>;
  ignored_mounts: string[];
}

export const MAX_MOUNT_OVERRIDES = 50;
export const MAX_IGNORED_MOUNTS = 50;

/** The spec's defaults, inserted at first start only; for_minutes 0 and clear_margin 0 keep the spec's behaviour. */
export const DEFAULT_THRESHOLDS: ThresholdSet = {
  cpu: { warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 },
  memory: { warning: 70, critical: 85, for_minutes: 0, clear_margin: 0 },
  disk: { warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 },
};

/** The disk rule that applies to `mount`: its override (missing fields from the disk rule) or the disk rule. */
export function ruleForMount(config: ThresholdConfig, mount: string): Rule {
  const override = config.disk_mounts[mount];
  if (!override) return config.disk;
  return {
    warning: override.warning,
    critical: override.critical,
    for_minutes: override.for_minutes ?? config.disk.for_minutes,
    clear_margin: override.clear_margin ?? config.disk.clear_margin,
  };
}
