// parse-prometheus-text-format ships no types: a parser independent of prom-client checks the text.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus: (text: string) => ParsedFamily[] = require('parse-prometheus-text-format');
import { CachedCollector } from '../metrics/cached-collector';
import { MetricsService } from '../metrics/metrics.service';
import { MountFigures, NetworkInterfaceInfo, ProcessList, Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';
import { ThresholdsService } from '../config/thresholds.service';
import { DEFAULT_THRESHOLDS } from '../config/thresholds.types';
import { PrometheusService } from './prometheus.service';
import { AlertEngine } from '../alerts/alert-engine';
import { AlertEngineService, AlertSnapshot } from '../alerts/alert-engine.service';
import { ThresholdSet } from '../config/thresholds.types';

interface ParsedFamily {
  name: string;
  help: string;
  type: string;
  metrics: Array<{ value: string; labels?: Record<string, string> }>;
}

const GIB = 1024 ** 3;

const SAMPLE: Sample = {
  takenAt: Date.UTC(2025, 0, 8, 15, 30, 0),
  checkedAt: '2025-01-08T15:30:00Z',
  hostname: 'probe-01',
  cpu: { usagePercent: 93.04, cores: 4 },
  memory: { totalBytes: 16 * GIB, availableBytes: 4 * GIB }, // 75 % used: memory warning (70/85)
  disk: { totalBytes: 100 * GIB, usedBytes: 50 * GIB, availableBytes: 50 * GIB },
  load: [0.52, 0.48, 0.45],
  uptimeSeconds: 3600.7,
  network: { rxBytes: 1000, txBytes: 2000 },
};

const MOUNTS: MountFigures[] = [
  { mount: '/', fsType: 'ext4', device: '/dev/sda1', totalBytes: 100 * GIB, usedBytes: 50 * GIB, availableBytes: 45 * GIB },
  { mount: '/data', fsType: 'xfs', device: '/dev/sdb1', totalBytes: 200 * GIB, usedBytes: 10 * GIB, availableBytes: 190 * GIB },
];
const INTERFACES: NetworkInterfaceInfo[] = [
  { name: 'eth0', ipv4: '10.0.0.2', mac: '00:11:22:33:44:55', rxBytes: 123456789, txBytes: 987654 },
];
const PROCESSES: ProcessList = { collectedAt: 0, total: 100, running: 2, sleeping: 95, blocked: 1, list: [] };

function counting<T>(value: T) {
  const collector = new CachedCollector(async () => value, 2000);
  return collector;
}

function build(sample: Sample | null = SAMPLE) {
  const sampler = {
    latest: () => {
      if (!sample) throw new Error('no sample taken yet');
      return sample;
    },
    problem: () => (sample ? null : 'sampling failed: no sample yet'),
    mounts: counting(MOUNTS),
    interfaces: counting(INTERFACES),
    processes: counting(PROCESSES),
  } as unknown as SamplerService;
  const metrics = new MetricsService(sampler);
  // ThresholdsService hands out the same object until an admin writes.
  const state = { set: structuredClone(DEFAULT_THRESHOLDS) };
  const thresholds = { current: async () => state.set } as unknown as ThresholdsService;
  return { service: new PrometheusService(sampler, metrics, thresholds, fakeEngine(sampler, metrics, state)), sampler, state };
}

/** The real engine over one sample, evaluated once per threshold set (as the service does per sample). */
function fakeEngine(sampler: SamplerService, metrics: MetricsService, state: { set: ThresholdSet }): AlertEngineService {
  let last: { set: ThresholdSet; sample: Sample; snapshot: AlertSnapshot } | null = null;
  const current = () => {
    const sample = sampler.latest();
    if (last?.set === state.set && last.sample === sample) return last.snapshot;
    const usage = metrics.usage(sample);
    const engine = new AlertEngine(2000);
    engine.record(sample.takenAt, [
      { key: 'CPU', type: 'CPU', mount: null, primary: false, value: usage.cpu },
      { key: 'MEMORY', type: 'MEMORY', mount: null, primary: false, value: usage.memory },
      { key: 'DISK', type: 'DISK', mount: '/', primary: true, value: usage.disk },
      { key: 'DISK:/data', type: 'DISK', mount: '/data', primary: false, value: 95 },
    ]);
    const evaluation = engine.evaluate(sample.takenAt, { ...state.set, disk_mounts: {}, ignored_mounts: [] }, [
      { id: 7, type: 'DISK', mount: '/data', startsAt: 0, endsAt: Number.MAX_SAFE_INTEGER },
    ]);
    last = { set: state.set, sample, snapshot: { checkedAt: sample.checkedAt, evaluatedAt: sample.takenAt, alerts: evaluation.alerts, pending: evaluation.pending } };
    return last.snapshot;
  };
  return { current } as unknown as AlertEngineService;
}

const family = (families: ParsedFamily[], name: string) => {
  const found = families.find((entry) => entry.name === name);
  if (!found) throw new Error(`no metric family ${name}`);
  return found;
};
const value = (families: ParsedFamily[], name: string, labels: Record<string, string> = {}) => {
  const series = family(families, name).metrics.find((metric) =>
    Object.entries(labels).every(([key, wanted]) => metric.labels?.[key] === wanted),
  );
  if (!series) throw new Error(`no series ${name}${JSON.stringify(labels)}`);
  return Number(series.value);
};

describe('PrometheusService', () => {
  it('renders text that a Prometheus parser reads back, with the documented names, types and labels', async () => {
    const { service } = build();
    const families = parsePrometheus(await service.render());
    const names = families.map((entry) => entry.name);
    for (const name of [
      'healthcheck_up',
      'healthcheck_cpu_usage_percent',
      'healthcheck_cpu_cores',
      'healthcheck_memory_total_bytes',
      'healthcheck_memory_available_bytes',
      'healthcheck_memory_used_bytes',
      'healthcheck_filesystem_size_bytes',
      'healthcheck_filesystem_used_bytes',
      'healthcheck_filesystem_avail_bytes',
      'healthcheck_load1',
      'healthcheck_load5',
      'healthcheck_load15',
      'healthcheck_network_receive_bytes_total',
      'healthcheck_network_transmit_bytes_total',
      'healthcheck_processes',
      'healthcheck_threshold_percent',
      'healthcheck_alert',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names) expect(name).toMatch(/^(healthcheck_|process_)[a-z0-9_]+$/);
    expect(family(families, 'healthcheck_network_receive_bytes_total').type).toBe('COUNTER');
    expect(family(families, 'healthcheck_cpu_usage_percent').type).toBe('GAUGE');

    expect(value(families, 'healthcheck_up')).toBe(1);
    expect(value(families, 'healthcheck_cpu_usage_percent')).toBeCloseTo(93.04);
    expect(value(families, 'healthcheck_cpu_cores')).toBe(4);
    expect(value(families, 'healthcheck_memory_total_bytes')).toBe(16 * GIB);
    expect(value(families, 'healthcheck_memory_used_bytes')).toBe(12 * GIB);
    expect(value(families, 'healthcheck_memory_usage_percent')).toBe(75);
    expect(value(families, 'healthcheck_load5')).toBe(0.48);
    expect(value(families, 'healthcheck_sample_timestamp_seconds')).toBe(SAMPLE.takenAt / 1000);
  });

  it('gives one file system series per mount, labelled mount/fstype/device', async () => {
    const { service } = build();
    const families = parsePrometheus(await service.render());
    const sizes = family(families, 'healthcheck_filesystem_size_bytes').metrics;
    expect(sizes.map((metric) => metric.labels)).toEqual([
      { mount: '/', fstype: 'ext4', device: '/dev/sda1' },
      { mount: '/data', fstype: 'xfs', device: '/dev/sdb1' },
    ]);
    expect(value(families, 'healthcheck_filesystem_avail_bytes', { mount: '/data' })).toBe(190 * GIB);
    expect(value(families, 'healthcheck_network_receive_bytes_total', { interface: 'eth0' })).toBe(123456789);
    expect(value(families, 'healthcheck_network_transmit_bytes_total', { interface: 'eth0' })).toBe(987654);
    expect(value(families, 'healthcheck_processes', { state: 'running' })).toBe(2);
    expect(value(families, 'healthcheck_processes', { state: 'other' })).toBe(2);
  });

  it('exports the thresholds and the alert state per resource and level (critical replaces warning)', async () => {
    const { service } = build();
    const families = parsePrometheus(await service.render());
    expect(value(families, 'healthcheck_threshold_percent', { resource: 'cpu', level: 'critical' })).toBe(90);
    expect(value(families, 'healthcheck_threshold_percent', { resource: 'disk', level: 'warning' })).toBe(80);
    expect(family(families, 'healthcheck_threshold_percent').metrics).toHaveLength(6);
    // CPU 93 % > 90: critical only; memory 75 % > 70: warning only; disk 50 %: none.
    expect(value(families, 'healthcheck_alert', { resource: 'cpu', level: 'critical' })).toBe(1);
    expect(value(families, 'healthcheck_alert', { resource: 'cpu', level: 'warning' })).toBe(0);
    expect(value(families, 'healthcheck_alert', { resource: 'memory', level: 'warning' })).toBe(1);
    expect(value(families, 'healthcheck_alert', { resource: 'memory', level: 'critical' })).toBe(0);
    expect(value(families, 'healthcheck_alert', { resource: 'disk', level: 'warning' })).toBe(0);
  });

  it('exports one healthcheck_alert_active per open alert (every mount) and whether a silence covers it', async () => {
    const { service } = build();
    const families = parsePrometheus(await service.render());
    const active = family(families, 'healthcheck_alert_active').metrics;
    // CPU critical, memory warning, /data at 95 % critical (silenced); / at 52.6 % none.
    expect(active.map((metric) => [metric.labels, Number(metric.value)])).toEqual([
      [{ type: 'CPU', level: 'critical', mount: '' }, 1],
      [{ type: 'MEMORY', level: 'warning', mount: '' }, 1],
      [{ type: 'DISK', level: 'critical', mount: '/data' }, 1],
    ]);
    expect(value(families, 'healthcheck_alert_silenced', { type: 'DISK', mount: '/data' })).toBe(1);
    expect(value(families, 'healthcheck_alert_silenced', { type: 'CPU', mount: '' })).toBe(0);
    expect(family(families, 'healthcheck_alert_silenced').metrics).toHaveLength(3);
  });

  it('does not collect again on every scrape: costly readings are reused', async () => {
    const { service, sampler } = build();
    await service.render();
    await service.render();
    await service.render();
    expect(sampler.processes.collections).toBe(1);
    expect(sampler.mounts.collections).toBe(1);
    expect(sampler.interfaces.collections).toBe(1);
  });

  it('renders once per sample: scrapes in between (concurrent ones too) share the text', async () => {
    let sample = SAMPLE;
    const { service, sampler } = build();
    (sampler as unknown as { latest: () => Sample }).latest = () => sample;
    const metrics = jest.spyOn(service.registry, 'metrics');
    const texts = await Promise.all(Array.from({ length: 20 }, () => service.render()));
    expect(new Set(texts).size).toBe(1);
    expect(await service.render()).toBe(texts[0]);
    expect(metrics).toHaveBeenCalledTimes(1);
    sample = { ...SAMPLE, takenAt: SAMPLE.takenAt + 2000, cpu: { usagePercent: 10, cores: 4 } };
    const next = parsePrometheus(await service.render());
    expect(metrics).toHaveBeenCalledTimes(2);
    expect(value(next, 'healthcheck_cpu_usage_percent')).toBe(10);
    expect(value(next, 'healthcheck_alert', { resource: 'cpu', level: 'critical' })).toBe(0);
  });

  it('renders again when an admin changes the thresholds', async () => {
    const { service, state } = build();
    expect(value(parsePrometheus(await service.render()), 'healthcheck_threshold_percent', { resource: 'cpu', level: 'warning' })).toBe(70);
    state.set = { ...state.set, cpu: { warning: 50, critical: 95, for_minutes: 0, clear_margin: 0 } };
    const families = parsePrometheus(await service.render());
    expect(value(families, 'healthcheck_threshold_percent', { resource: 'cpu', level: 'warning' })).toBe(50);
    expect(value(families, 'healthcheck_alert', { resource: 'cpu', level: 'warning' })).toBe(1);
  });

  it('says healthcheck_up 0 and still renders when no sample could be taken', async () => {
    const { service } = build(null);
    const families = parsePrometheus(await service.render());
    expect(value(families, 'healthcheck_up')).toBe(0);
    expect(value(families, 'healthcheck_threshold_percent', { resource: 'memory', level: 'critical' })).toBe(85);
  });

  it('keeps a registry per application, not the global one', () => {
    const first = build().service;
    const second = build().service;
    expect(first.registry).not.toBe(second.registry);
  });
});
