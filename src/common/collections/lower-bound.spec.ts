import { lowerBound } from './lower-bound';

describe('lowerBound', () => {
  const times = [10, 20, 20, 30];
  const at = (i: number) => times[i];

  it('finds the first key at or after the target', () => {
    expect(lowerBound(times.length, at, 5)).toBe(0);
    expect(lowerBound(times.length, at, 20)).toBe(1);
    expect(lowerBound(times.length, at, 21)).toBe(3);
    expect(lowerBound(times.length, at, 30)).toBe(3);
  });

  it('answers the count when every key is smaller, and 0 for an empty range', () => {
    expect(lowerBound(times.length, at, 31)).toBe(4);
    expect(lowerBound(0, at, 1)).toBe(0);
  });
});
