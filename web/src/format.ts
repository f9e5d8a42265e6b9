import type { Resource, Thresholds } from './types';

export const pct = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} %`);
export const gb = (value: number) => `${value.toFixed(1)} Go`;

/** The level the API's alert evaluation would give: strictly above a threshold. */
export function levelOf(value: number, resource: Resource, thresholds: Thresholds | undefined): 'ok' | 'warning' | 'critical' {
  const limits = thresholds?.[resource];
  if (!limits) return 'ok';
  if (value > limits.critical) return 'critical';
  if (value > limits.warning) return 'warning';
  return 'ok';
}

export function bytesPerSecond(value: number): string {
  if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} Mo/s`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} ko/s`;
  return `${Math.round(value)} o/s`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('fr-FR');
}
