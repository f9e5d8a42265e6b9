export interface Uptime {
  days: number;
  hours: number;
  minutes: number;
  formatted: string;
}

const plural = (count: number, singular: string, pluralForm: string) =>
  `${count} ${count === 1 || count === 0 ? singular : pluralForm}`;

/** The spec's uptime block, worded in French: "45 jours, 12 heures, 30 minutes". */
export function frenchUptime(totalSeconds: number): Uptime {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const formatted = [
    plural(days, 'jour', 'jours'),
    plural(hours, 'heure', 'heures'),
    plural(minutes, 'minute', 'minutes'),
  ].join(', ');
  return { days, hours, minutes, formatted };
}

const ENGLISH_UNITS: Array<[number, string]> = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** A short English duration, in the largest whole unit: "5 days", "3 hours", "1 minute". */
export function shortDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  for (const [size, unit] of ENGLISH_UNITS) {
    if (seconds >= size || size === 1) {
      const count = Math.floor(seconds / size);
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return '0 seconds';
}
