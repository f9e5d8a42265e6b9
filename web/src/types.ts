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
export interface Alert {
  type: string;
  level: 'warning' | 'critical';
  message: string;
  value: number;
  threshold: number;
}
export interface AlertsAnswer {
  alerts: Alert[];
  total_alerts: number;
}
export type Resource = 'cpu' | 'memory' | 'disk';
export type Thresholds = Record<Resource, { warning: number; critical: number }>;
export interface ThresholdsAnswer {
  thresholds: Thresholds;
  updated_at?: string;
  updated_by?: string | null;
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
