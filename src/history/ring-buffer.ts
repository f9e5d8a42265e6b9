import { lowerBound } from '../common/collections/lower-bound';

/**
 * A fixed-size table of rows (a time in ms and numeric columns) kept in typed arrays: once full, a
 * new row replaces the oldest one. Memory is allocated once, at construction:
 * `capacity × (8 + 4 × columns)` bytes (times in a Float64Array, values in Float32Arrays).
 * Rows must be pushed in non-decreasing time order; window queries rely on it.
 */
export class RingBuffer<C extends string> {
  private readonly times: Float64Array;
  private readonly values: Record<C, Float32Array>;
  /** Physical index of the next write. */
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly columns: readonly C[],
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.times = new Float64Array(capacity);
    this.values = {} as Record<C, Float32Array>;
    for (const column of columns) this.values[column] = new Float32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the arrays (fixed whatever the fill). */
  get byteLength(): number {
    return this.times.byteLength + this.columns.reduce((sum, column) => sum + this.values[column].byteLength, 0);
  }

  /** Adds a row; a column missing from `row` is stored as NaN (unknown). */
  push(time: number, row: Partial<Record<C, number>>): void {
    this.times[this.head] = time;
    for (const column of this.columns) this.values[column][this.head] = row[column] ?? NaN;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Time of the row at logical index `i` (0 = oldest kept). */
  timeAt(i: number): number {
    return this.times[this.physical(i)];
  }

  /** Value of `column` at logical index `i` (0 = oldest kept). */
  valueAt(column: C, i: number): number {
    return this.values[column][this.physical(i)];
  }

  /** Logical index of the first row whose time is ≥ `from` (`size` when none). Binary search. */
  firstIndexFrom(from: number): number {
    return lowerBound(this.count, (i) => this.timeAt(i), from);
  }

  /** The rows whose time is ≥ `from`, oldest first, each as `{ t, ...columns }`. */
  since(from: number): Array<{ t: number } & Record<C, number>> {
    const rows: Array<{ t: number } & Record<C, number>> = [];
    for (let i = this.firstIndexFrom(from); i < this.count; i += 1) {
      const row = { t: this.timeAt(i) } as { t: number } & Record<C, number>;
      for (const column of this.columns) (row as Record<C, number>)[column] = this.valueAt(column, i);
      rows.push(row);
    }
    return rows;
  }

  private physical(i: number): number {
    return (this.head - this.count + i + this.capacity) % this.capacity;
  }
}
