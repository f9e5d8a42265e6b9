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

/** A duration as a sysadmin reads it: `45 s`, `12 min 05 s`, `3 h 07 min`, `2 j 4 h`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(s / 86_400)} j ${Math.floor((s % 86_400) / 3600)} h`;
}

/** French 24-hour time of day, `15:04`. */
export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false });
}
