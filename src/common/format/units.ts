const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Rounds to one decimal, the precision of every size and percentage the API answers. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function bytesToGiB(bytes: number): number {
  return round1(bytes / GIB);
}

export function bytesToMiB(bytes: number): number {
  return round1(bytes / MIB);
}

export function percentOf(part: number, total: number): number {
  return total > 0 ? round1((part / total) * 100) : 0;
}
