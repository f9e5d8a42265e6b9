import type { Level } from '../config/thresholds.types';
import type { ThresholdResource } from '../config/entities/threshold.entity';

export type AlertLevel = 'warning' | 'critical';
export type AlertType = 'CPU' | 'MEMORY' | 'DISK';

export interface Alert {
  type: AlertType;
  level: AlertLevel;
  message: string;
  value: number;
  threshold: number;
}

export interface UsagePercents {
  cpu: number;
  memory: number;
  disk: number;
}

const RESOURCES: Array<{ key: keyof UsagePercents; type: AlertType; label: string }> = [
  { key: 'cpu', type: 'CPU', label: 'CPU' },
  { key: 'memory', type: 'MEMORY', label: 'Memory' },
  { key: 'disk', type: 'DISK', label: 'Disk' },
];

/**
 * The alerts for a set of usage figures: a resource alerts when its usage is strictly greater than a
 * threshold, and critical replaces warning (one alert per resource at most).
 */
export function evaluateAlerts(usage: UsagePercents, thresholds: Record<ThresholdResource, Level>): Alert[] {
  const alerts: Alert[] = [];
  for (const { key, type, label } of RESOURCES) {
    const value = usage[key];
    const { warning, critical } = thresholds[key];
    const level: AlertLevel | null = value > critical ? 'critical' : value > warning ? 'warning' : null;
    if (!level) continue;
    alerts.push({
      type,
      level,
      message: `${label} usage is at ${value}%`,
      value,
      threshold: level === 'critical' ? critical : warning,
    });
  }
  return alerts;
}
