import { Injectable } from '@nestjs/common';
import { isoSeconds } from '../common/format/time';
import { bytesToGiB, bytesToMiB, percentOf, round1, round2 } from '../common/format/units';
import { frenchUptime, shortDuration } from '../common/format/uptime';
import {
  CpuResponseDto,
  DiskResponseDto,
  LoadResponseDto,
  MemoryResponseDto,
  NetworkResponseDto,
  OsResponseDto,
  ProcessesResponseDto,
  ServicesResponseDto,
  SystemResponseDto,
  TopProcessesResponseDto,
} from './dto/metric-responses.dto';
import { SizeFiguresDto } from './dto/figures.dto';
import { FsFigures, MountFigures, ProcessList, Sample } from './sample.types';
import { SamplerService } from './sampler.service';

/** Usage percentages of the latest sample, the input of the alert evaluation. */
export interface Usage {
  cpu: number;
  memory: number;
  disk: number;
}

/** Shapes the sampler's readings into the API's answers (sizes in GiB, one decimal). */
@Injectable()
export class MetricsService {
  /** The answers built from the current sample: rebuilt only when a new sample arrives. */
  private built: {
    sample: Sample | null;
    cpu?: CpuResponseDto;
    memory?: MemoryResponseDto;
    system?: SystemResponseDto;
    load?: LoadResponseDto;
  } = { sample: null };

  private topBuilt: { list: ProcessList | null; answers: Map<string, TopProcessesResponseDto> } = { list: null, answers: new Map() };

  private diskBuilt: { sample: Sample; mounts: MountFigures[]; answer: DiskResponseDto } | null = null;

  constructor(private readonly sampler: SamplerService) {}

  /** The cache of answers for the latest sample (a hot route then costs one property read). */
  private answers(): { sample: Sample } & Omit<typeof this.built, 'sample'> {
    const sample = this.sample();
    if (this.built.sample !== sample) this.built = { sample };
    return this.built as { sample: Sample };
  }

  sample(): Sample {
    return this.sampler.latest();
  }

  usage(sample: Sample = this.sample()): Usage {
    return {
      cpu: round1(sample.cpu.usagePercent),
      memory: memoryFigures(sample).usage_percent,
      disk: diskFigures(sample.disk).usage_percent,
    };
  }

  cpu(): CpuResponseDto {
    const built = this.answers();
    const { sample } = built;
    return (built.cpu ??= {
      checked_at: sample.checkedAt,
      cpu: { usage_percent: round1(sample.cpu.usagePercent), cores: sample.cpu.cores },
    });
  }

  memory(): MemoryResponseDto {
    const built = this.answers();
    return (built.memory ??= { checked_at: built.sample.checkedAt, memory: memoryFigures(built.sample) });
  }

  /** Synchronous once the mount list was collected (served from the last list, refreshed in the background). */
  disk(): DiskResponseDto | Promise<DiskResponseDto> {
    const mounts = this.sampler.mounts.last();
    if (mounts === undefined) return this.sampler.mounts.lastOrFirst().then((first) => this.diskAnswer(first));
    return this.diskAnswer(mounts);
  }

  private diskAnswer(mounts: MountFigures[]): DiskResponseDto {
    const sample = this.sample();
    // Rebuilt only when the sample or the mount list changes.
    const last = this.diskBuilt;
    if (last && last.sample === sample && last.mounts === mounts) return last.answer;
    const answer = {
      checked_at: sample.checkedAt,
      disk: diskFigures(sample.disk),
      mounts: mounts.map((mount) => ({ mount: mount.mount, fs_type: mount.fsType, ...diskFigures(mount) })),
    };
    this.diskBuilt = { sample, mounts, answer };
    return answer;
  }

  system(status: 'UP' | 'DOWN' = 'UP'): SystemResponseDto {
    if (status === 'UP') {
      const built = this.answers();
      return (built.system ??= this.buildSystem(built.sample, status));
    }
    return this.buildSystem(this.sample(), status);
  }

  private buildSystem(sample: Sample, status: 'UP' | 'DOWN'): SystemResponseDto {
    return {
      checked_at: sample.checkedAt,
      hostname: sample.hostname,
      status,
      cpu: { usage_percent: round1(sample.cpu.usagePercent), cores: sample.cpu.cores },
      memory: memoryFigures(sample),
      disk: diskFigures(sample.disk),
      uptime: frenchUptime(sample.uptimeSeconds),
    };
  }

  async os(): Promise<OsResponseDto> {
    const os = await this.sampler.osInfo();
    const sample = this.sample();
    return {
      checked_at: sample.checkedAt,
      os: { ...os, hostname: sample.hostname, uptime_seconds: Math.floor(sample.uptimeSeconds) },
    };
  }

  load(): LoadResponseDto {
    const built = this.answers();
    const [one, five, fifteen] = built.sample.load;
    return (built.load ??= {
      checked_at: built.sample.checkedAt,
      load_average: { '1_min': round2(one), '5_min': round2(five), '15_min': round2(fifteen) },
    });
  }

  async network(): Promise<NetworkResponseDto> {
    const [interfaces, connections] = await Promise.all([this.sampler.interfaces.lastOrFirst(), this.sampler.connections.lastOrFirst()]);
    return {
      checked_at: isoSeconds(this.sampler.interfaces.lastCollectedAt),
      network: {
        interfaces: interfaces.map((entry) => ({
          name: entry.name,
          ip_address: entry.ipv4,
          mac_address: entry.mac,
          bytes_sent_mb: bytesToMiB(entry.txBytes),
          bytes_recv_mb: bytesToMiB(entry.rxBytes),
        })),
        total_connections: connections,
      },
    };
  }

  /** Counts: from the last list, whatever it is (never waits for the CPU baseline of a new one). */
  async processes(): Promise<ProcessesResponseDto> {
    const processes = await this.sampler.anyProcessList();
    return {
      checked_at: isoSeconds(processes.collectedAt),
      processes: {
        total: processes.total,
        running: processes.running,
        sleeping: processes.sleeping,
        blocked: processes.blocked,
      },
    };
  }

  /**
   * From the last list (its `checked_at` says when), refreshed in the background: never waits for the
   * 600 ms CPU baseline of a new list. Right after the start, until the first list with recent CPU
   * figures is in (about a second), the baseline list's CPU figures cover the time since boot.
   */
  async topProcesses(sort: 'cpu' | 'memory', limit: number): Promise<TopProcessesResponseDto> {
    const processes = await this.sampler.anyProcessList();
    // One sort per process list and (sort, limit), however many pollers ask.
    if (this.topBuilt.list !== processes) this.topBuilt = { list: processes, answers: new Map() };
    const key = `${sort}:${limit}`;
    let answer = this.topBuilt.answers.get(key);
    if (!answer) {
      answer = this.buildTop(processes, sort, limit);
      this.topBuilt.answers.set(key, answer);
    }
    return answer;
  }

  private buildTop(processes: ProcessList, sort: 'cpu' | 'memory', limit: number): TopProcessesResponseDto {
    const key = sort === 'memory' ? 'memoryPercent' : 'cpuPercent';
    const other = sort === 'memory' ? 'cpuPercent' : 'memoryPercent';
    const top = [...processes.list]
      .sort((a, b) => b[key] - a[key] || b[other] - a[other] || a.pid - b.pid)
      .slice(0, limit)
      .map((process) => ({
        pid: process.pid,
        name: process.name,
        cpu_percent: round1(process.cpuPercent),
        memory_percent: round1(process.memoryPercent),
      }));
    return { checked_at: isoSeconds(processes.collectedAt), top_processes: top, total_processes: processes.total };
  }

  async services(): Promise<ServicesResponseDto> {
    const [services, processes] = await Promise.all([this.sampler.services.lastOrFirst(), this.sampler.anyProcessList()]);
    const startOf = new Map(processes.list.map((process) => [process.pid, process.startedAt]));
    const now = Date.now();
    return {
      checked_at: isoSeconds(this.sampler.services.lastCollectedAt),
      services: services.map((service) => {
        const started = service.running
          ? service.pids
              .map((pid) => startOf.get(pid))
              .filter((time): time is number => typeof time === 'number')
              .sort((a, b) => a - b)[0]
          : undefined;
        return {
          name: service.name,
          status: service.running ? 'running' : 'stopped',
          uptime: started !== undefined ? shortDuration((now - started) / 1000) : null,
        };
      }),
    };
  }
}

/** Memory as the spec shows it: used = total − available, free = available. */
export function memoryFigures(sample: Sample): SizeFiguresDto {
  const { totalBytes, availableBytes } = sample.memory;
  const usedBytes = totalBytes - availableBytes;
  return {
    total_gb: bytesToGiB(totalBytes),
    used_gb: bytesToGiB(usedBytes),
    free_gb: bytesToGiB(availableBytes),
    usage_percent: percentOf(usedBytes, totalBytes),
  };
}

/** A file system as `df` shows it: usage = used / (used + available), root's reserve left out. */
export function diskFigures(figures: FsFigures): SizeFiguresDto {
  return {
    total_gb: bytesToGiB(figures.totalBytes),
    used_gb: bytesToGiB(figures.usedBytes),
    free_gb: bytesToGiB(figures.availableBytes),
    usage_percent: percentOf(figures.usedBytes, figures.usedBytes + figures.availableBytes),
  };
}
