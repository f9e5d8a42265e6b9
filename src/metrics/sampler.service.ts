import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { readFile, statfs } from 'node:fs/promises';
import { cpus, hostname, loadavg, machine, uptime } from 'node:os';
import * as si from 'systeminformation';
import { isoSeconds } from '../common/format/time';
import { AppSettings } from '../common/settings/app-settings';
import { CachedCollector } from './cached-collector';
import { cpuUsageBetween, CpuTicks, parseNetDev, readCpuTicks } from './proc-readers';
import {
  FsFigures,
  MountFigures,
  NetworkInterfaceInfo,
  OsInfo,
  ProcessInfo,
  ProcessList,
  Sample,
  ServiceState,
} from './sample.types';

/** File system types that are not real storage: never listed in `mounts`. */
export const PSEUDO_FS = new Set([
  'tmpfs', 'devtmpfs', 'overlay', 'overlayfs', 'proc', 'sysfs', 'squashfs', 'cgroup', 'cgroup2', 'devpts',
  'mqueue', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'autofs', 'hugetlbfs', 'configfs', 'fusectl',
  'binfmt_misc', 'nsfs', 'ramfs', 'rpc_pipefs', 'efivarfs', 'fuse.lxcfs', 'shm', 'none', 'iso9660', 'nfsd',
]);

/** How long costly readings are kept, and after how long a process sample is too old to diff against. */
const PROCESS_TTL_MS = 2000;
const PROCESS_BASELINE_MAX_AGE_MS = 10_000;
const PROCESS_BASELINE_GAP_MS = 600;
const SERVICES_TTL_MS = 5000;
const NETWORK_TTL_MS = 5000;
const MOUNTS_TTL_MS = 10_000;
/** When the costly readings are first taken, after the start. */
const WARM_UP_DELAY_MS = 300;
/** The shortest span the first CPU figure may cover. */
const FIRST_INTERVAL_MS = 200;

type SampleListener = (sample: Sample) => void;

/** The CPU counters when this module loaded, used for the first figure if the start took less than this. */
const FIRST_READING_MAX_AGE_MS = 10_000;
const FIRST_READING = { at: Date.now(), ticks: readCpuTicks() };

/**
 * The one place that reads the system. Cheap readings (CPU, memory, the disk of `DISK_PATH`, load,
 * network counters) are sampled on a timer; costly ones (processes, services, interfaces,
 * connections, mounts) are collected when asked and kept for a few seconds.
 */
@Injectable()
export class SamplerService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SamplerService.name);
  private readonly listeners: SampleListener[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTicks: CpuTicks;
  private readonly createdAt: number;
  private latestSample: Sample | null = null;
  private lastError: string | null = null;
  private staticOs: Promise<OsInfo> | null = null;
  private lastProcessCall = 0;
  /** The list of the last baseline call: counts and start times are right, not its CPU figures (since the previous call, since boot for the first). */
  private baselineList: ProcessList | null = null;
  private baselineInFlight: Promise<ProcessList> | null = null;
  private readonly cores = cpus().length;

  readonly processes = new CachedCollector(() => this.collectProcesses(), PROCESS_TTL_MS);
  readonly services = new CachedCollector(() => this.collectServices(), SERVICES_TTL_MS);
  readonly interfaces = new CachedCollector(() => this.collectInterfaces(), NETWORK_TTL_MS);
  readonly connections = new CachedCollector(() => this.collectEstablishedConnections(), NETWORK_TTL_MS);
  readonly mounts = new CachedCollector(() => this.collectMounts(), MOUNTS_TTL_MS);

  constructor(private readonly settings: AppSettings) {
    // The first CPU figure covers the time since this module was loaded (early in the start) when
    // that is recent: the start then need not wait for its interval.
    const early = Date.now() - FIRST_READING.at < FIRST_READING_MAX_AGE_MS;
    this.lastTicks = early ? FIRST_READING.ticks : readCpuTicks();
    this.createdAt = early ? FIRST_READING.at : Date.now();
  }

  async onModuleInit(): Promise<void> {
    // The first figure covers a short interval (at least 200 ms since the first reading, at
    // construction) rather than the time since boot; the rest of the start usually took that long.
    const wait = FIRST_INTERVAL_MS - (Date.now() - this.createdAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.settings.sampleIntervalSeconds * 1000);
    this.timer.unref();
  }

  /**
   * The costly readings are taken once in the background right after the start, so that the first
   * /processes, /processes/top, /services, /network and /disk do not wait for them; afterwards each is
   * served from its last value while a fresh one is taken (CachedCollector.last). No timer keeps
   * them warm: an idle probe reads nothing but its samples.
   */
  onApplicationBootstrap(): void {
    // After the start has settled (listening, first /health answered): spawning `ps`, `df`, `ss`...
    // at once would delay those by a few hundred ms. The process list first (its CPU baseline).
    setTimeout(() => this.processes.warm(), WARM_UP_DELAY_MS).unref();
    setTimeout(() => {
      for (const collector of [this.mounts, this.interfaces, this.connections, this.services]) collector.warm();
    }, WARM_UP_DELAY_MS + PROCESS_BASELINE_GAP_MS).unref();
  }

  /**
   * A process list as soon as there is one: the last one with recent CPU figures, else the baseline
   * list of the first collection (right for counts and start times), else the first collection.
   */
  anyProcessList(): Promise<ProcessList> {
    const list = this.processes.last();
    if (list) return Promise.resolve(list);
    this.processes.warm(); // a collection under way (no-op when one is)
    if (this.baselineList) return Promise.resolve(this.baselineList);
    return this.baselineInFlight ?? this.processes.lastOrFirst();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The latest sample; throws when none could be taken yet. */
  latest(): Sample {
    if (!this.latestSample) throw new Error(this.lastError ?? 'no sample taken yet');
    return this.latestSample;
  }

  /** Why sampling is unhealthy (no sample, or the last one is too old), or null when it works. */
  problem(): string | null {
    if (!this.latestSample) return `sampling failed: ${this.lastError ?? 'no sample yet'}`;
    const age = Date.now() - this.latestSample.takenAt;
    if (age > this.settings.sampleIntervalSeconds * 3000 + 1000) {
      return `sampling stalled: last sample ${Math.round(age / 1000)} s old${this.lastError ? ` (${this.lastError})` : ''}`;
    }
    return null;
  }

  /** Called with every new sample (history, Prometheus gauges...). */
  onSample(listener: SampleListener): void {
    this.listeners.push(listener);
  }

  intervalSeconds(): number {
    return this.settings.sampleIntervalSeconds;
  }

  osInfo(): Promise<OsInfo> {
    this.staticOs ??= si.osInfo().then((os) => ({
      name: os.distro || os.platform,
      version: [os.release, os.codename ? `(${os.codename})` : ''].filter(Boolean).join(' '),
      architecture: machine(),
      kernel: os.kernel,
    }));
    return this.staticOs;
  }

  async tick(): Promise<void> {
    try {
      const sample = await this.takeSample();
      this.latestSample = sample;
      this.lastError = null;
      for (const listener of this.listeners) listener(sample);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Sample failed: ${this.lastError}`);
    }
  }

  private async takeSample(): Promise<Sample> {
    const ticks = readCpuTicks();
    const usagePercent = cpuUsageBetween(this.lastTicks, ticks);
    this.lastTicks = ticks;
    const [memory, disk, network] = await Promise.all([si.mem(), this.diskOf(this.settings.diskPath), this.networkTotals()]);
    const takenAt = Date.now();
    const [load1, load5, load15] = loadavg();
    return {
      takenAt,
      checkedAt: isoSeconds(takenAt),
      hostname: hostname(),
      cpu: { usagePercent, cores: this.cores },
      memory: { totalBytes: memory.total, availableBytes: memory.available },
      disk,
      load: [load1, load5, load15],
      uptimeSeconds: uptime(),
      network,
    };
  }

  /** The file system holding `path`, counted as `df` does (used = blocks in use, free = available). */
  private async diskOf(path: string): Promise<FsFigures> {
    const stats = await statfs(path);
    const totalBytes = stats.blocks * stats.bsize;
    return {
      totalBytes,
      usedBytes: (stats.blocks - stats.bfree) * stats.bsize,
      availableBytes: stats.bavail * stats.bsize,
    };
  }

  private async networkTotals(): Promise<{ rxBytes: number; txBytes: number }> {
    try {
      return parseNetDev(await readFile('/proc/net/dev', 'utf8'));
    } catch {
      return { rxBytes: 0, txBytes: 0 };
    }
  }

  private async collectProcesses(): Promise<ProcessList> {
    // systeminformation computes per-process CPU from the difference with its previous call; when
    // that call is old, take a fresh baseline first so that the figure is recent use. Callers do not
    // wait for this: they are answered from the last list meanwhile (see MetricsService).
    if (Date.now() - this.lastProcessCall > PROCESS_BASELINE_MAX_AGE_MS) {
      this.baselineInFlight = si.processes().then((data) => (this.baselineList = toProcessList(data, Date.now())));
      try {
        await this.baselineInFlight;
      } finally {
        this.baselineInFlight = null;
      }
      await new Promise((resolve) => setTimeout(resolve, PROCESS_BASELINE_GAP_MS));
    }
    const data = await si.processes();
    this.lastProcessCall = Date.now();
    return toProcessList(data, this.lastProcessCall);
  }

  private async collectServices(): Promise<ServiceState[]> {
    const names = this.settings.monitoredServices;
    if (names.length === 0) return [];
    const found = await si.services(names.join(','));
    return names.map((name) => {
      const service = found.find((entry) => entry.name === name);
      return { name, running: Boolean(service?.running), pids: service?.pids ?? [] };
    });
  }

  private async collectInterfaces(): Promise<NetworkInterfaceInfo[]> {
    // rescan=false: systeminformation runs its blocking commands (`ip`, `nmcli`: about 85 ms of event
    // loop) only when Node's interface list changed, not on every refresh.
    const [interfaces, stats] = await Promise.all([si.networkInterfaces(false), si.networkStats('*')]);
    const list = Array.isArray(interfaces) ? interfaces : [interfaces];
    return list
      .filter((entry) => !entry.internal && entry.iface !== 'lo')
      .map((entry) => {
        const counters = stats.find((stat) => stat.iface === entry.iface);
        return {
          name: entry.iface,
          ipv4: entry.ip4 || null,
          mac: entry.mac || null,
          rxBytes: counters?.rx_bytes ?? 0,
          txBytes: counters?.tx_bytes ?? 0,
        };
      });
  }

  private async collectEstablishedConnections(): Promise<number> {
    const connections = await si.networkConnections();
    return connections.filter((entry) => entry.protocol.startsWith('tcp') && entry.state === 'ESTABLISHED').length;
  }

  private async collectMounts(): Promise<MountFigures[]> {
    const sizes = await si.fsSize();
    return sizes
      .filter((entry) => !PSEUDO_FS.has(entry.type) && entry.size > 0 && !entry.mount.startsWith('/snap/'))
      .map((entry) => ({
        mount: entry.mount,
        fsType: entry.type,
        device: entry.fs,
        totalBytes: entry.size,
        usedBytes: entry.used,
        availableBytes: entry.available,
      }));
  }
}

function toProcessList(data: si.Systeminformation.ProcessesData, collectedAt: number): ProcessList {
  const list: ProcessInfo[] = data.list.map((process) => ({
    pid: process.pid,
    name: process.name,
    cpuPercent: process.cpu,
    memoryPercent: process.mem,
    state: process.state,
    startedAt: parseLocalTime(process.started),
  }));
  return { collectedAt, total: data.all, running: data.running, sleeping: data.sleeping, blocked: data.blocked, list };
}

/** systeminformation gives process start times as local "YYYY-MM-DD HH:MM:SS". */
function parseLocalTime(text: string | undefined): number | null {
  if (!text) return null;
  const time = new Date(text.replace(' ', 'T')).getTime();
  return Number.isFinite(time) ? time : null;
}
