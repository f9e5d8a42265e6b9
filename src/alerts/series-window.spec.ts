import fc from 'fast-check';
import { SeriesWindow } from './series-window';

describe('SeriesWindow', () => {
  it('gives the mean of the samples at or after a time, and the latest one', () => {
    const window = new SeriesWindow(10);
    expect(window.meanSince(0)).toBeNaN();
    expect(window.latest).toBeNaN();
    [10, 20, 30, 40].forEach((value, i) => window.push(1000 * (i + 1), value));
    expect(window.meanSince(0)).toBe(25);
    expect(window.meanSince(3000)).toBe(35);
    expect(window.meanSince(4000)).toBe(40);
    expect(window.meanSince(4001)).toBeNaN();
    expect(window.latest).toBe(40);
    expect(window.firstTime).toBe(1000);
  });

  it('property: once full it keeps the newest samples, and every mean equals the plain average', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 100 }), (capacity, tenths, from) => {
        const window = new SeriesWindow(capacity);
        const values = tenths.map((value) => value / 10);
        values.forEach((value, i) => window.push(i, value));
        const kept = values.map((value, i) => ({ value, t: i })).slice(-capacity);
        const since = kept.filter((entry) => entry.t >= from);
        const mean = window.meanSince(from);
        if (since.length === 0) return Number.isNaN(mean);
        const expected = since.reduce((sum, entry) => sum + entry.value, 0) / since.length;
        return Math.abs(mean - expected) < 1e-9 && window.size === kept.length && window.firstTime === kept[0].t;
      }),
    );
  });
});
