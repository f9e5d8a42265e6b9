/** ISO 8601 UTC to the second with a `Z`: `2025-01-08T15:30:00Z`. */
export function isoSeconds(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 19) + 'Z';
}
