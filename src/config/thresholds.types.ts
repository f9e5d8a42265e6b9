import type { ThresholdResource } from './entities/threshold.entity';

export interface Level {
  warning: number;
  critical: number;
}

/** The thresholds as the API and the alert evaluation see them. */
export type ThresholdSet = Record<ThresholdResource, Level>;

/** The spec's defaults, inserted at first start only. */
export const DEFAULT_THRESHOLDS: ThresholdSet = {
  cpu: { warning: 70, critical: 90 },
  memory: { warning: 70, critical: 85 },
  disk: { warning: 80, critical: 90 },
};
