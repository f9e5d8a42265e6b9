import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps rows in order until full', () => {
    const buffer = new RingBuffer(4, ['a', 'b'] as const);
    buffer.push(10, { a: 1, b: 2 });
    buffer.push(20, { a: 3, b: 4 });
    expect(buffer.size).toBe(2);
    expect(buffer.since(0)).toEqual([
      { t: 10, a: 1, b: 2 },
      { t: 20, a: 3, b: 4 },
    ]);
  });

  it('drops the oldest rows on wrap-around and keeps the newest capacity rows in order', () => {
    const buffer = new RingBuffer(3, ['v'] as const);
    for (let i = 1; i <= 7; i += 1) buffer.push(i * 100, { v: i });
    expect(buffer.size).toBe(3);
    expect(buffer.since(0).map((row) => [row.t, row.v])).toEqual([
      [500, 5],
      [600, 6],
      [700, 7],
    ]);
    expect(buffer.timeAt(0)).toBe(500);
    expect(buffer.valueAt('v', 2)).toBe(7);
  });

  it('answers window queries by time, before and after wrapping', () => {
    const buffer = new RingBuffer(5, ['v'] as const);
    for (let i = 1; i <= 4; i += 1) buffer.push(i * 10, { v: i });
    expect(buffer.since(25).map((row) => row.t)).toEqual([30, 40]);
    expect(buffer.since(30).map((row) => row.t)).toEqual([30, 40]);
    expect(buffer.since(41)).toEqual([]);
    expect(buffer.since(-Infinity).length).toBe(4);
    for (let i = 5; i <= 12; i += 1) buffer.push(i * 10, { v: i });
    // Kept: 80..120. The head is now in the middle of the arrays.
    expect(buffer.since(0).map((row) => row.t)).toEqual([80, 90, 100, 110, 120]);
    expect(buffer.since(95).map((row) => row.v)).toEqual([10, 11, 12]);
    expect(buffer.firstIndexFrom(120)).toBe(4);
    expect(buffer.firstIndexFrom(121)).toBe(5);
  });

  it('stores a missing column as NaN and values as float32', () => {
    const buffer = new RingBuffer(2, ['x', 'y'] as const);
    buffer.push(1, { x: 0.1 });
    const [row] = buffer.since(0);
    expect(row.y).toBeNaN();
    expect(row.x).toBeCloseTo(0.1, 6);
  });

  it('allocates its memory once: capacity × (8 + 4 × columns) bytes', () => {
    const buffer = new RingBuffer(43_200, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as const);
    expect(buffer.byteLength).toBe(43_200 * (8 + 4 * 9));
    for (let i = 0; i < 100_000; i += 1) buffer.push(i, { a: i });
    expect(buffer.size).toBe(43_200);
    expect(buffer.byteLength).toBe(43_200 * (8 + 4 * 9));
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0, ['a'] as const)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5, ['a'] as const)).toThrow(RangeError);
  });
});
