export const HISTORY_RESOURCES = ['cpu', 'memory', 'disk', 'load', 'network'] as const;
export type HistoryResource = (typeof HISTORY_RESOURCES)[number];

/** The columns kept for every sample. */
export const HISTORY_COLUMNS = ['cpu', 'memory', 'disk', 'load1', 'load5', 'load15', 'rx', 'tx'] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

export const HISTORY_SPAN_SECONDS = 24 * 3600;

/** What `/history` is asked: a resource, how far back, and at most how many points (all when absent). */
export interface HistoryWindow {
  resource: HistoryResource;
  minutes: number;
  points?: number;
}
