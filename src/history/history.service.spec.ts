import { AppSettings } from '../common/settings/app-settings';
import { MetricsService } from '../metrics/metrics.service';
import { Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';
import { HistoryService } from './history.service';

const GIB = 1024 ** 3;
const T0 = Date.UTC(2025, 0, 8, 15, 30, 0);

const sample = (seconds: number, rxBytes: number, txBytes: number, cpu = 12.34): Sample => ({
  takenAt: T0 + seconds * 1000,
  checkedAt: new Date(T0 + seconds * 1000).toISOString().slice(0, 19) + 'Z',
  hostname: 'h',
  cpu: { usagePercent: cpu, cores: 2 },
  memory: { totalBytes: 8 * GIB, availableBytes: 6 * GIB },
  disk: { totalBytes: 100 * GIB, usedBytes: 40 * GIB, availableBytes: 40 * GIB },
  load: [0.123, 0.456, 0.789],
  uptimeSeconds: 100,
  network: { rxBytes, txBytes },
});

function build(intervalSeconds = 2) {
  let listener: ((s: Sample) => void) | null = null;
  let latest: Sample | null = null;
  const sampler = {
    onSample: (fn: (s: Sample) => void) => (listener = fn),
    latest: () => {
      if (!latest) throw new Error('none');
      return latest;
    },
    intervalSeconds: () => intervalSeconds,
  } as unknown as SamplerService;
  const settings = AppSettings.fromEnv({ SAMPLE_INTERVAL_SECONDS: String(intervalSeconds) });
  const service = new HistoryService(sampler, new MetricsService(sampler), settings);
  const emit = (s: Sample) => {
    latest = s;
    listener!(s);
  };
  return { service, emit };
}

describe('HistoryService', () => {
  it('holds 24 h of samples: 86400 / interval rows', () => {
    expect(build(2).service.buffer.capacity).toBe(43_200);
    expect(build(1).service.buffer.capacity).toBe(86_400);
    expect(build(7).service.buffer.capacity).toBe(12_343);
  });

  it('records every sample the sampler emits, with network rates from consecutive counters', () => {
    const { service, emit } = build();
    emit(sample(0, 1_000, 500));
    emit(sample(2, 5_000, 900));
    emit(sample(4, 4_000, 1_900)); // rx counter went down (reset): no rate rather than a negative one
    const { points, checked_at, interval_seconds } = service.history({ resource: 'network', minutes: 60 }, T0 + 5000);
    expect(checked_at).toBe('2025-01-08T15:30:04Z');
    expect(interval_seconds).toBe(2);
    expect(points).toEqual([
      { t: '2025-01-08T15:30:00Z', rx_bytes_per_sec: null, tx_bytes_per_sec: null },
      { t: '2025-01-08T15:30:02Z', rx_bytes_per_sec: 2000, tx_bytes_per_sec: 200 },
      { t: '2025-01-08T15:30:04Z', rx_bytes_per_sec: null, tx_bytes_per_sec: 500 },
    ]);
  });

  it('shapes cpu, memory, disk and load points as the live endpoints round them', () => {
    const { service, emit } = build();
    emit(sample(0, 0, 0, 12.34));
    expect(service.history({ resource: 'cpu', minutes: 1 }, T0).points).toEqual([{ t: '2025-01-08T15:30:00Z', usage_percent: 12.3 }]);
    expect(service.history({ resource: 'memory', minutes: 1 }, T0).points).toEqual([{ t: '2025-01-08T15:30:00Z', usage_percent: 25 }]);
    expect(service.history({ resource: 'disk', minutes: 1 }, T0).points).toEqual([{ t: '2025-01-08T15:30:00Z', usage_percent: 50 }]);
    expect(service.history({ resource: 'load', minutes: 1 }, T0).points).toEqual([{ t: '2025-01-08T15:30:00Z', '1_min': 0.12, '5_min': 0.46, '15_min': 0.79 }]);
  });

  it('answers only the samples inside the window', () => {
    const { service, emit } = build();
    for (let minute = 0; minute <= 10; minute += 1) emit(sample(minute * 60, 0, 0));
    const now = T0 + 10 * 60_000;
    expect(service.history({ resource: 'cpu', minutes: 1 }, now).points.map((point) => point.t)).toEqual(['2025-01-08T15:39:00Z', '2025-01-08T15:40:00Z']);
    expect(service.history({ resource: 'cpu', minutes: 1440 }, now).points).toHaveLength(11);
  });

  it('with points, averages the samples of each step and says how long a step is', () => {
    const { service, emit } = build(2);
    // an hour of samples every 2 s, the CPU rising by 0.01 % a sample
    for (let second = 0; second < 3600; second += 2) emit(sample(second, second * 1000, 0, second / 200));
    const now = T0 + 3598_000;
    const answer = service.history({ resource: 'cpu', minutes: 60, points: 60 }, now);
    expect(answer.interval_seconds).toBe(62); // 3600 / 59 = 61.02 → the next multiple of 2
    expect(answer.points.length).toBeLessThanOrEqual(60);
    expect(answer.points.at(-1)!.t).toBe('2025-01-08T16:29:58Z');
    const whole = service.history({ resource: 'cpu', minutes: 60 }, now).points as Array<{ t: string; usage_percent: number }>;
    expect(whole).toHaveLength(1800);
    // every averaged point is the mean of the raw points of its step
    for (const point of answer.points as Array<{ t: string; usage_percent: number }>) {
      const end = Date.parse(point.t);
      const bucket = Math.floor(end / 62_000);
      const members = whole.filter((raw) => Math.floor(Date.parse(raw.t) / 62_000) === bucket);
      const mean = members.reduce((sum, raw) => sum + raw.usage_percent, 0) / members.length;
      expect(Math.abs(point.usage_percent - mean)).toBeLessThanOrEqual(0.1);
    }
    // network rates are averaged too: 1000 bytes/s on every sample
    const network = service.history({ resource: 'network', minutes: 60, points: 10 }, now).points;
    expect(network.at(-1)).toEqual({ t: '2025-01-08T16:29:58Z', rx_bytes_per_sec: 1000, tx_bytes_per_sec: 0 });
  });

  it('with points above the samples of the window, answers one point per sample', () => {
    const { service, emit } = build(2);
    for (let second = 0; second < 60; second += 2) emit(sample(second, 0, 0));
    const answer = service.history({ resource: 'load', minutes: 1, points: 1000 }, T0 + 58_000);
    expect(answer.interval_seconds).toBe(2);
    expect(answer.points).toHaveLength(30);
  });
});
