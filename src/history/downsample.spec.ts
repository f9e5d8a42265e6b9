import fc from 'fast-check';
import { downsample, stepSeconds } from './downsample';

const T0 = Date.UTC(2025, 0, 8, 15, 30, 0);
const row = (second: number, cpu: number, rx = NaN) => ({ t: T0 + second * 1000, cpu, rx });

describe('stepSeconds', () => {
  it('is the sampling interval when no limit is asked or the window already fits', () => {
    expect(stepSeconds(3600, 2)).toBe(2);
    expect(stepSeconds(3600, 2, 5000)).toBe(2);
  });

  it('is a multiple of the interval that leaves room for the bucket a clock-aligned window may straddle', () => {
    expect(stepSeconds(3600, 2, 100)).toBe(38); // 3600 / 99 = 36.4 → 38
    expect(stepSeconds(86_400, 2, 1441)).toBe(60);
    expect(stepSeconds(60, 1, 2)).toBe(60);
  });

  it('never gives more points than asked, wherever the window falls', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1440 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2, max: 10_000 }),
        fc.integer({ min: 0, max: 10 ** 9 }),
        (minutes, interval, points, offsetSeconds) => {
          const step = stepSeconds(minutes * 60, interval, points) * 1000;
          const from = T0 + offsetSeconds * 1000;
          const buckets = Math.floor((from + minutes * 60_000) / step) - Math.floor(from / step) + 1;
          return step % (interval * 1000) === 0 && buckets <= points;
        },
      ),
    );
  });
});

describe('downsample', () => {
  it('averages each clock-aligned bucket, at the time of its last row', () => {
    // 10 s buckets: [15:30:00, 15:30:10) holds 0, 4, 8; [15:30:10, 15:30:20) holds 12, 16
    const rows = [row(0, 10), row(4, 20), row(8, 30), row(12, 40), row(16, 60)];
    expect(downsample(rows, ['cpu'], 10_000)).toEqual([
      { t: T0 + 8000, cpu: 20 },
      { t: T0 + 16_000, cpu: 50 },
    ]);
  });

  it('leaves unknown values out of the averages, and keeps a bucket with none known unknown', () => {
    const rows = [row(0, 10), row(2, 20, 100), row(4, 30, 300), row(10, 40), row(12, 50)];
    const [first, second] = downsample(rows, ['cpu', 'rx'], 10_000);
    expect(first).toEqual({ t: T0 + 4000, cpu: 20, rx: 200 });
    expect(second.cpu).toBe(45);
    expect(second.rx).toBeNaN();
  });

  it('gives the same points for the same samples whenever it is asked (buckets do not slide)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i * 2, i));
    const all = downsample(rows, ['cpu'], 20_000);
    const later = downsample(rows.slice(3), ['cpu'], 20_000);
    expect(later.slice(1)).toEqual(all.slice(1));
  });

  it('answers nothing for no rows', () => {
    expect(downsample([], ['cpu'], 10_000)).toEqual([]);
  });
});
