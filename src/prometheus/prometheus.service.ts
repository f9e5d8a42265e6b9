import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { AlertEngineService, AlertSnapshot } from '../alerts/alert-engine.service';
import { THRESHOLD_RESOURCES } from '../config/entities/threshold.entity';
import { ThresholdsService } from '../config/thresholds.service';
import { ThresholdSet } from '../config/thresholds.types';
import { MetricsService } from '../metrics/metrics.service';
import { MountFigures, NetworkInterfaceInfo, ProcessList, Sample } from '../metrics/sample.types';
import { SamplerService } from '../metrics/sampler.service';

/**
 * How old a costly reading may be when a scrape asks for it. Prometheus scrapes every 15 s or so:
 * mounts and interface counters are re-read at most every 15 s, the process list every 60 s, so a
 * scrape never costs a collection of its own.
 */
const MOUNTS_MAX_AGE_MS = 15_000;
const INTERFACES_MAX_AGE_MS = 15_000;
const PROCESSES_MAX_AGE_MS = 60_000;

const LEVELS = ['warning', 'critical'] as const;

/**
 * `/metrics` in the Prometheus text format. A registry of its own per application (tests start
 * several in one process); every figure comes from the sampler's latest sample or its cached
 * collectors, and percentages are percent (0–100) like the JSON API and the thresholds.
 */
@Injectable()
export class PrometheusService {
  readonly registry = new Registry();
  private readonly gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [this.registry] });

  private readonly up = this.gauge('healthcheck_up', '1 when sampling works (a recent sample exists), else 0');
  private readonly sampleTime = this.gauge('healthcheck_sample_timestamp_seconds', 'Unix time of the latest sample');
  private readonly cpuUsage = this.gauge('healthcheck_cpu_usage_percent', 'CPU busy share of all cores over the last sampling interval, percent (0-100)');
  private readonly cpuCores = this.gauge('healthcheck_cpu_cores', 'Logical CPU cores');
  private readonly memTotal = this.gauge('healthcheck_memory_total_bytes', 'Physical memory');
  private readonly memAvailable = this.gauge('healthcheck_memory_available_bytes', 'Memory available to new work without swapping (MemAvailable)');
  private readonly memUsed = this.gauge('healthcheck_memory_used_bytes', 'total - available');
  private readonly memUsage = this.gauge('healthcheck_memory_usage_percent', 'used / total, percent (0-100): the figure /alerts compares');
  private readonly diskUsage = this.gauge('healthcheck_disk_usage_percent', 'Usage of the file system of DISK_PATH as df shows it, percent (0-100): the figure /alerts compares');
  private readonly fsSize = this.gauge('healthcheck_filesystem_size_bytes', 'Size of a real file system', ['mount', 'fstype', 'device']);
  private readonly fsUsed = this.gauge('healthcheck_filesystem_used_bytes', 'Blocks in use', ['mount', 'fstype', 'device']);
  private readonly fsAvail = this.gauge('healthcheck_filesystem_avail_bytes', 'Space a non-root user can still write', ['mount', 'fstype', 'device']);
  private readonly load1 = this.gauge('healthcheck_load1', 'Load average over 1 minute');
  private readonly load5 = this.gauge('healthcheck_load5', 'Load average over 5 minutes');
  private readonly load15 = this.gauge('healthcheck_load15', 'Load average over 15 minutes');
  private readonly uptime = this.gauge('healthcheck_uptime_seconds', 'Time since the host booted');
  private readonly rx = new Counter({
    name: 'healthcheck_network_receive_bytes_total',
    help: 'Bytes received since boot by a non-loopback interface',
    labelNames: ['interface'],
    registers: [this.registry],
  });
  private readonly tx = new Counter({
    name: 'healthcheck_network_transmit_bytes_total',
    help: 'Bytes sent since boot by a non-loopback interface',
    labelNames: ['interface'],
    registers: [this.registry],
  });
  private readonly processes = this.gauge('healthcheck_processes', 'Processes by state (their sum is every process)', ['state']);
  private readonly threshold = this.gauge('healthcheck_threshold_percent', 'Alert threshold stored in the database, percent', ['resource', 'level']);
  private readonly alert = this.gauge('healthcheck_alert', "1 when the resource alerts at this level now (critical replaces warning; disk: DISK_PATH's mount), else 0", ['resource', 'level']);
  private readonly alertActive = this.gauge('healthcheck_alert_active', "1 per open alert of the alert engine (pending ones excluded); mount is empty for CPU and MEMORY", ['type', 'level', 'mount']);
  private readonly alertSilenced = this.gauge('healthcheck_alert_silenced', 'Per open alert: 1 when a silence covers it (nothing goes to Discord), else 0', ['type', 'mount']);
  private readonly rss = this.gauge('process_resident_memory_bytes', 'Resident memory of the HealthCheck process');
  private readonly cpuSeconds = new Counter({
    name: 'process_cpu_seconds_total',
    help: 'CPU time (user + system) used by the HealthCheck process',
    registers: [this.registry],
  });
  private readonly startTime = this.gauge('process_start_time_seconds', 'Unix time the HealthCheck process started');

  constructor(
    private readonly sampler: SamplerService,
    private readonly metrics: MetricsService,
    private readonly thresholds: ThresholdsService,
    private readonly alerts: AlertEngineService,
  ) {
    this.startTime.set(Math.round(Date.now() / 1000 - process.uptime()));
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text of the last render and what it was made from. */
  private rendered: { inputs: readonly unknown[]; text: Promise<string> } | null = null;

  /**
   * The exposition text. Reads only the latest sample and cached collections, and renders once per
   * set of inputs: scrapers asking between two samples share one text (the `process_*` figures are
   * then as old as the sample), and concurrent scrapes never interleave their writes to the gauges.
   */
  async render(): Promise<string> {
    const problem = this.sampler.problem();
    const [mounts, interfaces, processes, thresholds] = await Promise.all([
      this.sampler.mounts.getWithin(MOUNTS_MAX_AGE_MS).catch(() => null),
      this.sampler.interfaces.getWithin(INTERFACES_MAX_AGE_MS).catch(() => null),
      this.sampler.processes.getWithin(PROCESSES_MAX_AGE_MS).catch(() => null),
      this.thresholds.current(),
    ]);
    let sample: Sample | null;
    let alerts: AlertSnapshot | null;
    try {
      sample = this.sampler.latest();
      alerts = this.alerts.current();
    } catch {
      sample = null;
      alerts = null;
    }
    const inputs = [problem, sample, mounts, interfaces, processes, thresholds, alerts];
    const last = this.rendered;
    if (last && last.inputs.every((input, i) => input === inputs[i])) return last.text;
    const text = this.build(problem, sample, mounts, interfaces, processes, thresholds, alerts);
    this.rendered = { inputs, text };
    text.catch(() => {
      if (this.rendered?.text === text) this.rendered = null;
    });
    return text;
  }

  private build(
    problem: string | null,
    sample: Sample | null,
    mounts: MountFigures[] | null,
    interfaces: NetworkInterfaceInfo[] | null,
    processes: ProcessList | null,
    thresholds: ThresholdSet,
    alerts: AlertSnapshot | null,
  ): Promise<string> {
    // From here on nothing awaits: one scrape sets every value from one consistent picture.
    this.up.set(problem ? 0 : 1);
    this.rss.set(process.memoryUsage.rss());
    const cpu = process.cpuUsage();
    this.cpuSeconds.reset();
    this.cpuSeconds.inc((cpu.user + cpu.system) / 1e6);

    for (const resource of THRESHOLD_RESOURCES) {
      for (const level of LEVELS) this.threshold.set({ resource, level }, thresholds[resource][level]);
    }

    if (sample) {
      const usage = this.metrics.usage(sample);
      this.sampleTime.set(sample.takenAt / 1000);
      this.cpuUsage.set(sample.cpu.usagePercent);
      this.cpuCores.set(sample.cpu.cores);
      this.memTotal.set(sample.memory.totalBytes);
      this.memAvailable.set(sample.memory.availableBytes);
      this.memUsed.set(sample.memory.totalBytes - sample.memory.availableBytes);
      this.memUsage.set(usage.memory);
      this.diskUsage.set(usage.disk);
      this.load1.set(sample.load[0]);
      this.load5.set(sample.load[1]);
      this.load15.set(sample.load[2]);
      this.uptime.set(Math.floor(sample.uptimeSeconds));
    }
    if (alerts) {
      for (const resource of THRESHOLD_RESOURCES) {
        const current = alerts.alerts.find((entry) => entry.key === resource.toUpperCase());
        for (const level of LEVELS) this.alert.set({ resource, level }, current?.level === level ? 1 : 0);
      }
      this.alertActive.reset();
      this.alertSilenced.reset();
      for (const alert of alerts.alerts) {
        const mount = alert.mount ?? '';
        this.alertActive.set({ type: alert.type, level: alert.level, mount }, 1);
        this.alertSilenced.set({ type: alert.type, mount }, alert.silenceId === null ? 0 : 1);
      }
    }

    if (mounts) {
      for (const gauge of [this.fsSize, this.fsUsed, this.fsAvail]) gauge.reset();
      for (const mount of mounts) {
        const labels = { mount: mount.mount, fstype: mount.fsType, device: mount.device };
        this.fsSize.set(labels, mount.totalBytes);
        this.fsUsed.set(labels, mount.usedBytes);
        this.fsAvail.set(labels, mount.availableBytes);
      }
    }
    if (interfaces) {
      this.rx.reset();
      this.tx.reset();
      for (const entry of interfaces) {
        this.rx.inc({ interface: entry.name }, entry.rxBytes);
        this.tx.inc({ interface: entry.name }, entry.txBytes);
      }
    }
    if (processes) {
      this.processes.reset();
      const other = Math.max(0, processes.total - processes.running - processes.sleeping - processes.blocked);
      this.processes.set({ state: 'running' }, processes.running);
      this.processes.set({ state: 'sleeping' }, processes.sleeping);
      this.processes.set({ state: 'blocked' }, processes.blocked);
      this.processes.set({ state: 'other' }, other);
    }
    return this.registry.metrics();
  }
}
