/**
 * Discord webhook URLs: validation (so the delivery client can never be aimed at another server),
 * the v10 delivery address, and the masked form shown to users. Pure: shared by the app and the
 * crontab script.
 */

export const DEFAULT_DISCORD_HOSTS = ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const PATH = /^\/api(?:\/v\d{1,2})?\/webhooks\/(\d{1,25})\/([A-Za-z0-9_-]{1,200})$/;
const MAX_LENGTH = 512;

export class WebhookUrlError extends Error {}

export interface DiscordWebhook {
  /** `https:` or, for a listed loopback host only, `http:`. */
  protocol: string;
  /** Host name and port when one was given (`discord.com`, `127.0.0.1:4200`). */
  host: string;
  id: string;
  token: string;
}

/**
 * Parses `https://<host>/api/webhooks/<numeric id>/<token>`. The host must be in `allowedHosts`;
 * a listed loopback host (`127.0.0.1`, `localhost`) may use `http` and any port, other hosts only
 * their default port unless the entry names one (`host:port`). Throws a WebhookUrlError (French,
 * without the token) for anything else.
 */
export function parseWebhookUrl(raw: string, allowedHosts: readonly string[] = DEFAULT_DISCORD_HOSTS): DiscordWebhook {
  if (typeof raw !== 'string' || raw.trim() === '') throw new WebhookUrlError("L'URL du webhook est vide");
  const text = raw.trim();
  if (text.length > MAX_LENGTH) throw new WebhookUrlError(`L'URL du webhook dépasse ${MAX_LENGTH} caractères`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlError("L'URL du webhook n'est pas une URL valide");
  }
  if (url.username || url.password) throw new WebhookUrlError("L'URL du webhook ne doit pas contenir d'identifiants");
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    throw new WebhookUrlError("L'URL du webhook ne doit contenir ni paramètres ni fragment");
  }
  const hostname = url.hostname.toLowerCase();
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  const allowed = allowedHosts.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const loopback = LOOPBACK_HOSTS.has(hostname);
  const listed = allowed.includes(host) || (allowed.includes(hostname) && (loopback || !url.port));
  if (!listed) {
    throw new WebhookUrlError(`L'hôte '${host}' n'est pas autorisé pour un webhook Discord (autorisés : ${allowed.join(', ')})`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new WebhookUrlError("L'URL du webhook doit utiliser https");
  }
  const match = PATH.exec(url.pathname);
  if (!match) {
    throw new WebhookUrlError("L'URL du webhook doit être de la forme https://discord.com/api/webhooks/<id numérique>/<token>");
  }
  return { protocol: url.protocol, host, id: match[1], token: match[2] };
}

/** Where to POST: the versioned path, so that a 429's `retry_after` is in seconds. */
export function deliveryUrl(webhook: DiscordWebhook): string {
  return `${webhook.protocol}//${webhook.host}/api/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`;
}

/** Four characters help recognise a webhook; a short (test) token shows none. */
const visiblePart = (token: string) => (token.length >= 16 ? token.slice(0, 4) : '');

/** The URL as users may see it: `https://discord.com/api/webhooks/1234567890/abcd…`. */
export function maskWebhook(webhook: DiscordWebhook): string {
  return `${webhook.protocol}//${webhook.host}/api/webhooks/${webhook.id}/${visiblePart(webhook.token)}…`;
}

/** Masks a stored URL (even one whose host is no longer allowed): only 4 characters of the token stay. */
export function maskWebhookUrl(raw: string): string {
  const match = /^(https?:\/\/[^/?#]+)\/api(?:\/v\d{1,2})?\/webhooks\/(\d+)\/([A-Za-z0-9_-]*)/.exec(raw.trim());
  return match ? `${match[1]}/api/webhooks/${match[2]}/${visiblePart(match[3])}…` : '…';
}

/** Removes a webhook token from any text before it is logged or stored as an error. */
export function redactToken(text: string, webhook?: DiscordWebhook): string {
  const withoutToken = webhook ? text.split(webhook.token).join('…') : text;
  return withoutToken.replace(/(\/webhooks\/\d+\/)[A-Za-z0-9_-]+/g, '$1…');
}
