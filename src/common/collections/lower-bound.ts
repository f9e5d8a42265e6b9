/**
 * The first index in `[0, count)` whose key is ≥ `target` (`count` when none), for keys that never
 * decrease with the index (times in a ring buffer, oldest first). Binary search.
 */
export function lowerBound(count: number, keyAt: (index: number) => number, target: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyAt(middle) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
