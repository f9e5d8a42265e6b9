// The API's JSON shapes (see /docs and ../shared/SPEC.md) as the dashboard reads them.
export interface User {
  id: number;
  username: string;
  role: 'viewer' | 'technicien' | 'admin';
  permissions: string[];
}
export interface LoginAnswer {
  message: string;
  token: string;
  user: User;
  expires_at: string;
  must_change_password: boolean;
}
export interface SizeBlock {
  total_gb: number;
  used_gb: number;
  free_gb: number;
  usage_percent: number;
}
export interface SystemAnswer {
  checked_at: string;
  hostname: string;
  status: string;
  cpu: { usage_percent: number; cores: number };
  memory: SizeBlock;
  disk: SizeBlock;
  uptime: { days: number; hours: number; minutes: number; formatted: string };
}
export interface OsAnswer {
  os: { name: string; version: string; architecture: string; kernel: string; hostname?: string; uptime_seconds?: number };
}
export interface LoadAnswer {
  load_average: { '1_min': number; '5_min': number; '15_min': number };
}
export type AlertType = 'CPU' | 'MEMORY' | 'DISK';
export type AlertLevel = 'warning' | 'critical';
export interface Alert {
  type: AlertType;
  level: AlertLevel;
  message: string;
  value: number;
  threshold: number;
  /** DISK alerts only. */
  mount?: string;
  since: string;
  peak: number;
  silenced: boolean;
  silence_id: number | null;
}
/** Above a `for_minutes` threshold, its window not yet covered by samples: never sent. */
export interface PendingAlert {
  type: AlertType;
  level: AlertLevel;
  mount?: string;
  value: number;
  threshold: number;
  since: string;
  for_minutes: number;
}
export interface AlertsAnswer {
  checked_at?: string;
  alerts: Alert[];
  total_alerts: number;
  /** Missing from probes older than the alert engine (the fleet view reads other probes). */
  pending?: PendingAlert[];
}
export type Resource = 'cpu' | 'memory' | 'disk';
export interface Rule {
  warning: number;
  critical: number;
  for_minutes: number;
  clear_margin: number;
}
/** A per-mount override of the disk rule; a missing for_minutes / clear_margin is the disk's. */
export interface MountRule {
  warning: number;
  critical: number;
  for_minutes?: number;
  clear_margin?: number;
}
export type Thresholds = Record<Resource, Rule> & {
  disk_mounts: Record<string, MountRule>;
  ignored_mounts: string[];
};
export interface ThresholdsAnswer {
  checked_at?: string;
  thresholds: Thresholds;
}
export interface ThresholdsUpdated extends ThresholdsAnswer {
  message: string;
  updated_at: string;
  updated_by: string | null;
}
/** The body of PUT /config/thresholds: any part of it. */
export interface ThresholdsChange {
  cpu?: Partial<Rule>;
  memory?: Partial<Rule>;
  disk?: Partial<Rule>;
  disk_mounts?: Record<string, MountRule | null>;
  ignored_mounts?: string[];
}
export interface MountFigures extends SizeBlock {
  mount: string;
  fs_type: string;
}
export interface DiskAnswer {
  disk: SizeBlock;
  mounts: MountFigures[];
}
export type SilenceType = AlertType | '*';
export interface Silence {
  id: number;
  type: SilenceType;
  mount: string | null;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_by: string;
}
export interface SilencesAnswer {
  checked_at: string;
  silences: Silence[];
  total: number;
}
export interface AlertEpisode {
  id: number;
  type: AlertType;
  mount: string | null;
  /** The highest level reached. */
  level: AlertLevel;
  opened_at: string;
  resolved_at: string | null;
  duration_seconds: number;
  peak_value: number;
  threshold: number;
  silenced: boolean;
}
export interface AlertHistoryAnswer {
  checked_at: string;
  episodes: AlertEpisode[];
  next_before: number | null;
}
export interface TopProcessesAnswer {
  top_processes: Array<{ pid: number; name: string; cpu_percent: number; memory_percent: number }>;
  total_processes: number;
}
export interface ServicesAnswer {
  services: Array<{ name: string; status: string; uptime: string | null }>;
}
export interface NetworkAnswer {
  network: {
    interfaces: Array<{ name: string; ip_address: string | null; mac_address: string | null; bytes_sent_mb: number; bytes_recv_mb: number }>;
    total_connections: number;
  };
}
export interface HistoryAnswer {
  resource: string;
  interval_seconds: number;
  points: Array<{ t: string } & Record<string, number | string | null>>;
}
export interface UserRow {
  id: number;
  username: string;
  role: User['role'];
  created_at: string;
  last_login: string | null;
  must_change_password?: boolean;
}
export interface UsersAnswer {
  users: UserRow[];
  total: number;
}
export interface DiscordSettings {
  webhook_configured: boolean;
  webhook_url: string | null;
  enabled: boolean;
  notify_on: string[];
  repeat_minutes: number;
  schedule?: string;
  last_sent_at: string | null;
  last_error: string | null;
}
export interface CommandSummary {
  name: string;
  description: string;
  service_param?: boolean;
  services?: string[];
}
export interface CommandResult {
  command: string;
  service?: string;
  exit_code: number | null;
  stdout: string;
  stderr: string;
  duration_ms: number;
  truncated: boolean;
  timed_out: boolean;
}
export interface FleetProbe {
  id: number;
  name: string;
  base_url: string;
  created_at: string;
}
/** A Discord webhook message, as POSTed (Discord's own field names). */
export interface DiscordPayload {
  username?: string;
  content?: string;
  embeds?: Array<{
    title?: string;
    description?: string;
    color?: number;
    fields?: Array<{ name: string; value: string; inline?: boolean }>;
    footer?: { text: string };
    timestamp?: string;
  }>;
}
export interface DiscordLastMessage {
  delivered_at: string | null;
  payload: DiscordPayload | null;
  preview: DiscordPayload | null;
}
