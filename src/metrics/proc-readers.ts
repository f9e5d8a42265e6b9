import { cpus } from 'node:os';

export interface CpuTicks {
  idle: number;
  total: number;
}

/** Sums the tick counters of every core (what `/proc/stat` says, through Node). */
export function readCpuTicks(): CpuTicks {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, idle: cpuIdle, irq } = cpu.times;
    idle += cpuIdle;
    total += user + nice + sys + cpuIdle + irq;
  }
  return { idle, total };
}

/** CPU usage over the interval between two readings, in percent (never the average since boot). */
export function cpuUsageBetween(previous: CpuTicks, current: CpuTicks): number {
  const total = current.total - previous.total;
  const idle = current.idle - previous.idle;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, ((total - idle) / total) * 100));
}

/** Totals of `/proc/net/dev` over every interface but loopback. */
export function parseNetDev(text: string): { rxBytes: number; txBytes: number } {
  let rxBytes = 0;
  let txBytes = 0;
  for (const line of text.split('\n').slice(2)) {
    const [name, data] = line.split(':');
    if (!data || name.trim() === 'lo') continue;
    const fields = data.trim().split(/\s+/).map(Number);
    rxBytes += fields[0] || 0;
    txBytes += fields[8] || 0;
  }
  return { rxBytes, txBytes };
}
