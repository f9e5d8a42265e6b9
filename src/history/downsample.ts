/**
 * Seconds between two points so that a window of `windowSeconds` gives at most `maxPoints` points:
 * the sampling interval when no limit is asked or it is already met, else a multiple of it.
 */
export function stepSeconds(windowSeconds: number, intervalSeconds: number, maxPoints?: number): number {
  if (maxPoints === undefined) return intervalSeconds;
  // Buckets are aligned on the clock, so a window may touch one bucket more than it spans.
  const spans = Math.max(1, maxPoints - 1);
  return intervalSeconds * Math.max(1, Math.ceil(windowSeconds / (spans * intervalSeconds)));
}

/**
 * One row per `stepMs`-long bucket, buckets aligned on the clock (so that the points of a chart
 * polled again stay where they were): the average of each column over the bucket's rows, at the time
 * of its last row. Unknown values (NaN) are left out of the averages; a column with no known value
 * in a bucket stays unknown. Rows must be in time order, as the ring buffer gives them.
 */
export function downsample<C extends string>(
  rows: ReadonlyArray<{ t: number } & Record<C, number>>,
  columns: readonly C[],
  stepMs: number,
): Array<{ t: number } & Record<C, number>> {
  const points: Array<{ t: number } & Record<C, number>> = [];
  let start = 0;
  while (start < rows.length) {
    const bucket = Math.floor(rows[start].t / stepMs);
    let end = start + 1;
    while (end < rows.length && Math.floor(rows[end].t / stepMs) === bucket) end += 1;
    const point = { t: rows[end - 1].t } as { t: number } & Record<C, number>;
    for (const column of columns) {
      let sum = 0;
      let known = 0;
      for (let i = start; i < end; i += 1) {
        const value = rows[i][column];
        if (!Number.isNaN(value)) {
          sum += value;
          known += 1;
        }
      }
      (point as Record<C, number>)[column] = known > 0 ? sum / known : NaN;
    }
    points.push(point);
    start = end;
  }
  return points;
}
