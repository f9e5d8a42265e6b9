/** Byte figures of one file system, as `df` counts them. */
export interface FsFigures {
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
}

export interface MountFigures extends FsFigures {
  mount: string;
  fsType: string;
  device: string;
}

/** The cheap readings, refreshed every `SAMPLE_INTERVAL_SECONDS`. */
export interface Sample {
  /** ms since the epoch when the sample was taken. */
  takenAt: number;
  /** `takenAt` as ISO 8601 UTC to the second. */
  checkedAt: string;
  hostname: string;
  cpu: { usagePercent: number; cores: number };
  memory: { totalBytes: number; availableBytes: number };
  disk: FsFigures;
  load: [number, number, number];
  uptimeSeconds: number;
  /** Bytes received and sent since boot over every non-loopback interface. */
  network: { rxBytes: number; txBytes: number };
}

export interface ProcessInfo {
  pid: number;
  name: string;
  cpuPercent: number;
  memoryPercent: number;
  state: string;
  startedAt: number | null;
}

export interface ProcessList {
  collectedAt: number;
  total: number;
  running: number;
  sleeping: number;
  blocked: number;
  list: ProcessInfo[];
}

export interface ServiceState {
  name: string;
  running: boolean;
  pids: number[];
}

export interface NetworkInterfaceInfo {
  name: string;
  ipv4: string | null;
  mac: string | null;
  rxBytes: number;
  txBytes: number;
}

export interface OsInfo {
  name: string;
  version: string;
  architecture: string;
  kernel: string;
}
