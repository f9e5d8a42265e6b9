/**
 * The crontab script's logic (`node dist/monitor.js`): asks the API for `/alerts` and, when there are
 * any, posts them to a Discord webhook with the same message builder and delivery client as the
 * application. Plain Node, no Nest: it runs on any machine that can reach the API.
 */
import { hostname as osHostname } from 'node:os';
import { isoSeconds } from '../common/format/time';
import { AlertItem, buildAlertMessages, NotifiedLevel } from '../discord/discord-message.builder';
import { DiscordWebhookClient } from '../discord/discord-webhook.client';
import { DEFAULT_DISCORD_HOSTS, DiscordWebhook, maskWebhook, parseWebhookUrl, WebhookUrlError } from '../discord/webhook-url';

export const EXIT_OK = 0;
export const EXIT_DELIVERY_FAILED = 1;
export const EXIT_CONFIG_OR_API = 2;

export class MonitorConfigError extends Error {}
class MonitorApiError extends Error {}

export interface MonitorSettings {
  apiUrl: string;
  token?: string;
  username?: string;
  password?: string;
  webhook: DiscordWebhook;
  notifyOn: NotifiedLevel[];
  timeoutMs: number;
  hostname?: string;
}

export interface MonitorDeps {
  /** Where the one line per run goes (default: stdout, or stderr for a failure). */
  log?: (line: string, failed: boolean) => void;
  client?: DiscordWebhookClient;
  now?: () => Date;
}

type Env = Record<string, string | undefined>;

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/** The script's own settings, from its environment (it is a separate program from the API). */
export function readMonitorSettings(env: Env): MonitorSettings {
  const apiText = (env.MONITOR_API_URL ?? 'http://127.0.0.1:3000').trim().replace(/\/+$/, '');
  let api: URL;
  try {
    api = new URL(apiText);
  } catch {
    throw new MonitorConfigError('MONITOR_API_URL is not a valid URL');
  }
  if (api.protocol !== 'http:' && api.protocol !== 'https:') throw new MonitorConfigError('MONITOR_API_URL must be http or https');

  const token = env.MONITOR_TOKEN?.trim() || undefined;
  const username = env.MONITOR_USERNAME?.trim() || undefined;
  const password = env.MONITOR_PASSWORD || undefined;
  if (!token && (username === undefined) !== (password === undefined)) {
    throw new MonitorConfigError('MONITOR_USERNAME and MONITOR_PASSWORD go together (or set MONITOR_TOKEN)');
  }

  const rawWebhook = env.DISCORD_WEBHOOK_URL?.trim();
  if (!rawWebhook) throw new MonitorConfigError('DISCORD_WEBHOOK_URL is not set');
  const allowed = env.DISCORD_ALLOWED_HOSTS ? list(env.DISCORD_ALLOWED_HOSTS) : DEFAULT_DISCORD_HOSTS;
  let webhook: DiscordWebhook;
  try {
    webhook = parseWebhookUrl(rawWebhook, allowed);
  } catch (error) {
    const why = error instanceof WebhookUrlError ? error.message : 'invalid';
    throw new MonitorConfigError(`DISCORD_WEBHOOK_URL refused: ${why}`);
  }

  const levels = list(env.MONITOR_NOTIFY_ON ?? 'critical,warning');
  if (levels.length === 0 || levels.some((level) => level !== 'critical' && level !== 'warning')) {
    throw new MonitorConfigError('MONITOR_NOTIFY_ON must list critical and/or warning');
  }

  const timeoutText = env.MONITOR_TIMEOUT_SECONDS?.trim() || '10';
  const timeout = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeout < 1 || timeout > 60) throw new MonitorConfigError('MONITOR_TIMEOUT_SECONDS must be an integer from 1 to 60');

  return {
    apiUrl: apiText,
    token,
    username: token ? undefined : username,
    password: token ? undefined : password,
    webhook,
    notifyOn: levels as NotifiedLevel[],
    timeoutMs: timeout * 1000,
    hostname: env.MONITOR_HOSTNAME?.trim() || undefined,
  };
}

/** One run: returns the exit code (0 sent or nothing to send, 1 delivery failed, 2 configuration or API error). */
export async function runMonitor(env: Env, deps: MonitorDeps = {}): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const log =
    deps.log ?? ((line: string, failed: boolean) => (failed ? process.stderr : process.stdout).write(line + '\n'));
  const say = (code: number, text: string) => {
    log(`${isoSeconds(now())} healthcheck-monitor ${code === EXIT_OK ? 'ok' : 'error'}: ${text}`, code !== EXIT_OK);
    return code;
  };

  let settings: MonitorSettings;
  try {
    settings = readMonitorSettings(env);
  } catch (error) {
    return say(EXIT_CONFIG_OR_API, `configuration: ${(error as Error).message}`);
  }

  let alerts: AlertItem[];
  let hostname: string;
  try {
    const token = settings.token ?? (settings.username ? await login(settings) : undefined);
    alerts = await fetchAlerts(settings, token);
    hostname = settings.hostname ?? (await fetchHostname(settings)) ?? osHostname();
  } catch (error) {
    return say(EXIT_CONFIG_OR_API, `API ${settings.apiUrl}: ${(error as Error).message}`);
  }

  const selected = alerts.filter((alert) => settings.notifyOn.includes(alert.level));
  if (selected.length === 0) return say(EXIT_OK, `no alert to send (${alerts.length} alert(s) from the API)`);

  const client = deps.client ?? new DiscordWebhookClient({ timeoutMs: settings.timeoutMs });
  const messages = buildAlertMessages({ hostname, alerts: selected, at: now() });
  const result = await client.sendAll(settings.webhook, messages);
  const summary = selected.map((alert) => `${alert.type} ${alert.level} ${alert.value}%`).join(', ');
  if (!result.ok) {
    return say(EXIT_DELIVERY_FAILED, `Discord delivery to ${maskWebhook(settings.webhook)} failed: ${result.error} (${summary})`);
  }
  return say(EXIT_OK, `${selected.length} alert(s) sent to ${maskWebhook(settings.webhook)} (${summary})`);
}

async function callApi(settings: MonitorSettings, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  let response: Response;
  try {
    response = await fetch(settings.apiUrl + path, { ...init, signal: AbortSignal.timeout(settings.timeoutMs) });
  } catch (error) {
    const err = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    const why = err.name === 'TimeoutError' ? `no answer within ${settings.timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new MonitorApiError(`${path} unreachable (${why})`);
  }
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: reported below by the caller's checks
  }
  return { status: response.status, body };
}

async function login(settings: MonitorSettings): Promise<string> {
  const answer = await callApi(settings, '/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: settings.username, password: settings.password }),
  });
  if (answer.status !== 200 || typeof answer.body?.token !== 'string') {
    throw new MonitorApiError(`login refused (${answer.status}${answer.body?.message ? `: ${answer.body.message}` : ''})`);
  }
  return answer.body.token;
}

async function fetchAlerts(settings: MonitorSettings, token?: string): Promise<AlertItem[]> {
  const answer = await callApi(settings, '/alerts', { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (answer.status !== 200) {
    throw new MonitorApiError(`GET /alerts answered ${answer.status}${answer.body?.message ? `: ${answer.body.message}` : ''}`);
  }
  const alerts = answer.body?.alerts;
  if (!Array.isArray(alerts) || typeof answer.body?.total_alerts !== 'number') throw new MonitorApiError('GET /alerts gave an unexpected answer');
  // A silenced alert (maintenance) is listed by /alerts but never sent.
  return alerts
    .filter(
      (alert: any) =>
        alert &&
        typeof alert.type === 'string' &&
        (alert.level === 'critical' || alert.level === 'warning') &&
        typeof alert.value === 'number' &&
        alert.silenced !== true,
    )
    .map((alert: any): AlertItem => {
      const item: AlertItem = { type: alert.type, level: alert.level, message: String(alert.message ?? ''), value: alert.value, threshold: alert.threshold };
      // Only another mount than DISK_PATH's is named in the title (its message ends with " on <mount>").
      if (typeof alert.mount === 'string' && item.message.endsWith(` on ${alert.mount}`)) item.mount = alert.mount;
      return item;
    });
}

/** The probe's own hostname (`/health` is public); the caller falls back to this machine's. */
async function fetchHostname(settings: MonitorSettings): Promise<string | undefined> {
  try {
    const answer = await callApi(settings, '/health');
    return typeof answer.body?.hostname === 'string' ? answer.body.hostname : undefined;
  } catch {
    return undefined;
  }
}
