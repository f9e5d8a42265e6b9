import { lowerBound } from '../common/collections/lower-bound';

/**
 * The last hour of one series (a resource or a mount), for means over N minutes: times and running
 * sums in typed arrays allocated once, so a mean is two binary-search lookups and a subtraction,
 * whatever N.
 */
export class SeriesWindow {
  private readonly times: Float64Array;
  private readonly sums: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.sums = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** A window holding `spanMs` of samples taken every `intervalMs` (plus room for jitter). */
  static forSpan(spanMs: number, intervalMs: number): SeriesWindow {
    return new SeriesWindow(Math.ceil(spanMs / intervalMs) + 8);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the oldest sample kept, or NaN when empty. */
  get firstTime(): number {
    return this.count === 0 ? NaN : this.timeAt(0);
  }

  /** The latest value, or NaN when empty. */
  get latest(): number {
    return this.count === 0 ? NaN : this.values[this.physical(this.count - 1)];
  }

  /** Adds a sample; samples come in time order. */
  push(time: number, value: number): void {
    this.total += value;
    this.times[this.head] = time;
    this.values[this.head] = value;
    this.sums[this.head] = this.total;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Mean of the samples taken at or after `from` (NaN when there are none). */
  meanSince(from: number): number {
    const first = this.firstIndexFrom(from);
    if (first >= this.count) return NaN;
    const last = this.count - 1;
    const before = first === 0 ? this.sums[this.physical(0)] - this.values[this.physical(0)] : this.sums[this.physical(first - 1)];
    return (this.sums[this.physical(last)] - before) / (last - first + 1);
  }

  private firstIndexFrom(from: number): number {
    return lowerBound(this.count, (i) => this.timeAt(i), from);
  }

  private timeAt(i: number): number {
    return this.times[this.physical(i)];
  }

  private physical(i: number): number {
    return (this.head - this.count + i + this.capacity) % this.capacity;
  }
}
