/**
 * Discord messages for alerts, pure functions shared by the app and the crontab script. The shape
 * follows the spec's picture; every limit of Discord's API is respected (an overflow is a 400 there).
 */

export type NotifiedLevel = 'warning' | 'critical';

/** An alert as `/alerts` reports it. */
export interface AlertItem {
  type: string;
  level: NotifiedLevel;
  message: string;
  value: number;
  threshold: number;
  /** Another mount than DISK_PATH's (shown in the title); absent for DISK_PATH's mount, CPU, memory. */
  mount?: string;
}

/** A notified alert that cleared (`nowLevel` null) or dropped below the level that was notified. */
export interface ResolvedItem {
  type: string;
  /** The level that had been notified. */
  level: NotifiedLevel;
  /** Current usage, when known. */
  value: number | null;
  nowLevel: NotifiedLevel | null;
  mount?: string;
  /** The episode: since when it was open (ms), until when when it cleared, and its peak. */
  since?: number;
  until?: number;
  peak?: number;
}

/** An episode that opened and closed between two checks: one short line in the next message. */
export interface BetweenItem {
  type: string;
  mount?: string;
  level: NotifiedLevel;
  openedAt: number;
  resolvedAt: number;
  peak: number;
}

export interface EmbedField {
  name: string;
  value: string;
  inline: boolean;
}

export interface DiscordEmbed {
  title: string;
  description: string;
  color: number;
  fields: EmbedField[];
  timestamp: string;
  footer?: { text: string };
}

export interface WebhookPayload {
  username: string;
  content: string;
  embeds: DiscordEmbed[];
  /** Nothing in a message (a hostname, an alert text) may ping anyone. */
  allowed_mentions: { parse: string[] };
}

export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalEmbedChars: 6000,
  username: 80,
} as const;

export const COLORS = { critical: 0xe74c3c, warning: 0xe67e22, resolved: 0x2ecc71, info: 0x3498db } as const;

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19) + 'Z';
const dayAndTime = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';

/** `2 h 05 min`, `7 min 03 s`, `12 s`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

export const BOT_USERNAME = 'Monitoring Bot';

const LABELS: Record<string, string> = { CPU: 'CPU', MEMORY: 'Memory', DISK: 'Disk' };

/** Cuts text to `max` UTF-16 units (Discord counts no more than that), ending with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + '…';
}

export const percent = (value: number | null): string => (value === null || !Number.isFinite(value) ? 'n/a' : `${value}%`);

const field = (name: string, value: string): EmbedField => ({
  name: truncate(name, DISCORD_LIMITS.fieldName),
  value: truncate(value || '-', DISCORD_LIMITS.fieldValue),
  inline: true,
});

/** `⚠️ CPU - CRITICAL`, the alert's message, `Valeur actuelle` / `Seuil`, red or orange. */
export function alertEmbed(alert: AlertItem, at: Date): DiscordEmbed {
  return {
    title: truncate(`⚠️ ${alert.type}${alert.mount ? ` ${alert.mount}` : ''} - ${alert.level.toUpperCase()}`, DISCORD_LIMITS.title),
    description: truncate(alert.message || `${alert.type} ${alert.level}`, DISCORD_LIMITS.description),
    color: alert.level === 'critical' ? COLORS.critical : COLORS.warning,
    fields: [field('Valeur actuelle', percent(alert.value)), field('Seuil', percent(alert.threshold))],
    timestamp: at.toISOString(),
  };
}

/** `✅ CPU - RÉSOLU`, green, once when a notified alert clears or drops below its notified level. */
export function resolvedEmbed(item: ResolvedItem, at: Date): DiscordEmbed {
  const label = LABELS[item.type] ?? item.type;
  const on = item.mount ? ` on ${item.mount}` : '';
  const now = item.value === null ? '' : `${label} usage is at ${percent(item.value)}${on}: `;
  const description = item.nowLevel
    ? `${now}no longer ${item.level}, now ${item.nowLevel}`
    : `${now}the ${item.level} alert is resolved`;
  const fields = [field('Valeur actuelle', percent(item.value)), field('Niveau notifié', item.level.toUpperCase())];
  if (item.since !== undefined) fields.push(field('Durée', duration((item.until ?? at.getTime()) - item.since)));
  if (item.peak !== undefined) fields.push(field('Pic', percent(item.peak)));
  return {
    title: truncate(`✅ ${item.type}${item.mount ? ` ${item.mount}` : ''} - RÉSOLU`, DISCORD_LIMITS.title),
    description: truncate(description.charAt(0).toUpperCase() + description.slice(1), DISCORD_LIMITS.description),
    color: COLORS.resolved,
    fields,
    timestamp: at.toISOString(),
  };
}

/** One line per episode that opened and closed between two checks, in one embed. */
export function betweenEmbed(items: BetweenItem[], at: Date): DiscordEmbed {
  const lines = items.map(
    (item) =>
      `${item.type}${item.mount ? ` ${item.mount}` : ''} ${item.level.toUpperCase()} ${dayAndTime(item.openedAt)}–${hhmmss(item.resolvedAt)}, pic ${percent(item.peak)}`,
  );
  return {
    title: 'Entre deux vérifications',
    description: truncate(lines.join('\n'), DISCORD_LIMITS.description),
    color: COLORS.info,
    fields: [],
    timestamp: at.toISOString(),
  };
}

/** Characters Discord counts towards the 6,000 of a message. */
export function embedLength(embed: DiscordEmbed): number {
  return (
    embed.title.length +
    embed.description.length +
    (embed.footer?.text.length ?? 0) +
    embed.fields.reduce((sum, item) => sum + item.name.length + item.value.length, 0)
  );
}

/** Groups embeds into messages of at most 10 embeds and 6,000 characters. */
export function splitEmbeds(embeds: DiscordEmbed[]): DiscordEmbed[][] {
  const groups: DiscordEmbed[][] = [];
  let current: DiscordEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (current.length > 0 && (current.length === DISCORD_LIMITS.embedsPerMessage || size + length > DISCORD_LIMITS.totalEmbedChars)) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface AlertMessageInput {
  hostname: string;
  alerts: AlertItem[];
  resolved?: ResolvedItem[];
  between?: BetweenItem[];
  at?: Date;
}

/**
 * The messages for one notification: `🚨 ALERTE MONITORING - <hostname>` (or `✅ ... RÉSOLU` when
 * only resolutions), one embed per alert then per resolution, split to fit Discord's limits.
 */
export function buildAlertMessages({ hostname, alerts, resolved = [], between = [], at = new Date() }: AlertMessageInput): WebhookPayload[] {
  const embeds = [
    ...alerts.map((alert) => alertEmbed(alert, at)),
    ...resolved.map((item) => resolvedEmbed(item, at)),
    ...(between.length > 0 ? [betweenEmbed(between, at)] : []),
  ];
  if (embeds.length === 0) return [];
  const header =
    alerts.length > 0
      ? `🚨 ALERTE MONITORING - ${hostname}`
      : resolved.length > 0
        ? `✅ ALERTE RÉSOLUE - ${hostname}`
        : `🕘 ALERTES ENTRE DEUX VÉRIFICATIONS - ${hostname}`;
  const groups = splitEmbeds(embeds);
  return groups.map((group, index) => {
    const part = groups.length > 1 ? ` (${index + 1}/${groups.length})` : '';
    return payload(truncate(header, DISCORD_LIMITS.content - part.length) + part, group);
  });
}

/** What `POST /config/discord/test` sends. */
export function buildTestMessage(hostname: string, at: Date = new Date()): WebhookPayload {
  return payload(truncate(`🔔 TEST MONITORING - ${hostname}`, DISCORD_LIMITS.content), [
    {
      title: 'Notification de test',
      description: truncate(`Le webhook Discord de HealthCheck fonctionne (${hostname}).`, DISCORD_LIMITS.description),
      color: COLORS.info,
      fields: [],
      timestamp: at.toISOString(),
    },
  ]);
}

function payload(content: string, embeds: DiscordEmbed[]): WebhookPayload {
  return { username: BOT_USERNAME, content, embeds, allowed_mentions: { parse: [] } };
}
