import type { WebhookPayload } from './discord-message.builder';
import { deliveryUrl, DiscordWebhook, redactToken } from './webhook-url';

export interface DeliveryResult {
  ok: boolean;
  /** Discord's last HTTP status (undefined after a network error or timeout). */
  status?: number;
  /** HTTP requests made, retries included. */
  attempts: number;
  /** The id of the saved message (`?wait=true` answers it). */
  messageId?: string;
  /** The exact JSON body of the last message Discord accepted (for `sendAll`, even when a later one failed). */
  deliveredBody?: string;
  /** Why it failed, in English, never with the token. */
  error?: string;
  /** False when retrying is pointless until someone fixes the webhook (400/401/403/404). */
  retryable: boolean;
}

export interface WebhookClientOptions {
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Tries on a 5xx or a network error (default 3). */
  maxAttempts?: number;
  /** First backoff after a 5xx or network error, doubled each time (default 1 s). */
  backoffMs?: number;
  /** Waits for a 429 before giving up (default 5). */
  maxRateLimitWaits?: number;
  /** A 429 asking to wait longer than this is a failure (default 60 s). */
  maxRateLimitWaitMs?: number;
  now?: () => number;
}

/**
 * Posts to a Discord webhook, following Discord's rules: `?wait=true` on the v10 path, a timeout,
 * a 429 waits what Discord says (`retry_after` seconds in the body, else `Retry-After`), a 5xx or
 * network error is retried with backoff, and 400/401/403/404 stop at once (retrying those in a loop
 * gets the IP banned). Plain class, no Nest: the crontab script uses it too.
 */
export class DiscordWebhookClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxRateLimitWaits: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly now: () => number;
  /** Per webhook id: when its bucket allows the next request (from `X-RateLimit-*` headers). */
  private readonly bucketResetAt = new Map<string, number>();
  private closed = false;
  private readonly wakers = new Set<() => void>();
  /** Aborts the requests in flight when the application stops (a silent Discord would hold it 10 s). */
  private readonly stopping = new AbortController();

  constructor(options: WebhookClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Ends every wait and request in flight at once and refuses further ones (the application is stopping). */
  close(): void {
    this.closed = true;
    this.stopping.abort();
    this.wakers.forEach((wake) => wake());
    this.wakers.clear();
  }

  /** Waits `ms`, or less when closed; false when the delivery must stop. */
  private async pause(ms: number): Promise<boolean> {
    if (this.closed) return false;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
    return !this.closed;
  }

  /** Sends the messages in order; stops at the first failure. */
  async sendAll(webhook: DiscordWebhook, payloads: WebhookPayload[], deadlineMs?: number): Promise<DeliveryResult> {
    let last: DeliveryResult = { ok: true, attempts: 0, retryable: false };
    let attempts = 0;
    let deliveredBody: string | undefined;
    for (const payload of payloads) {
      last = await this.send(webhook, payload, deadlineMs);
      attempts += last.attempts;
      if (!last.ok) break;
      deliveredBody = last.deliveredBody;
    }
    return deliveredBody === undefined ? { ...last, attempts } : { ...last, attempts, deliveredBody };
  }

  /** One message. `deadlineMs` bounds the whole delivery, waits included (the test endpoint). */
  async send(webhook: DiscordWebhook, payload: WebhookPayload, deadlineMs?: number): Promise<DeliveryResult> {
    const url = deliveryUrl(webhook);
    const body = JSON.stringify(payload);
    const deadline = deadlineMs === undefined ? Infinity : this.now() + deadlineMs;
    let attempts = 0;
    let failures = 0;
    let rateLimitWaits = 0;
    const fail = (error: string, retryable: boolean, status?: number): DeliveryResult => ({
      ok: false,
      status,
      attempts,
      error: redactToken(error, webhook),
      retryable,
    });

    const bucketWait = (this.bucketResetAt.get(webhook.id) ?? 0) - this.now();
    if (bucketWait > 0) {
      if (this.now() + bucketWait > deadline) return fail('rate limited by Discord, no time left to wait', true);
      if (!(await this.pause(bucketWait))) return fail('delivery interrupted: shutting down', true);
    }

    for (;;) {
      if (this.closed) return fail('delivery interrupted: shutting down', true);
      const timeout = Math.min(this.timeoutMs, deadline - this.now());
      if (timeout <= 0) return fail('no time left for Discord', true);
      attempts += 1;
      let response: Response;
      let text: string;
      try {
        ({ response, text } = await this.post(url, body, timeout));
      } catch (error) {
        if (this.closed) return fail('delivery interrupted: shutting down', true);
        failures += 1;
        const why = describeNetworkError(error, timeout);
        if (failures >= this.maxAttempts) return fail(`${why} (after ${attempts} attempts)`, true);
        const delay = this.backoffMs * 2 ** (failures - 1);
        if (this.now() + delay >= deadline) return fail(why, true);
        if (!(await this.pause(delay))) return fail('delivery interrupted: shutting down', true);
        continue;
      }

      const json = parseJson(text);
      this.rememberBucket(webhook.id, response.headers);

      if (response.ok) {
        const messageId = json && typeof json.id === 'string' ? json.id : undefined;
        return { ok: true, status: response.status, attempts, messageId, retryable: false, deliveredBody: body };
      }
      const discordMessage = json && typeof json.message === 'string' ? `: ${json.message}` : '';

      if (response.status === 429) {
        const delay = retryAfterMs(json, response.headers);
        rateLimitWaits += 1;
        if (rateLimitWaits > this.maxRateLimitWaits) return fail('rate limited by Discord (429) too many times', true, 429);
        if (delay > this.maxRateLimitWaitMs || this.now() + delay >= deadline) {
          return fail(`rate limited by Discord (429), retry after ${Math.ceil(delay / 1000)} s`, true, 429);
        }
        if (!(await this.pause(delay))) return fail('delivery interrupted: shutting down', true);
        continue;
      }
      if (response.status >= 500) {
        failures += 1;
        const why = `Discord answered ${response.status}${discordMessage}`;
        if (failures >= this.maxAttempts) return fail(`${why} (after ${attempts} attempts)`, true, response.status);
        const delay = this.backoffMs * 2 ** (failures - 1);
        if (this.now() + delay >= deadline) return fail(why, true, response.status);
        if (!(await this.pause(delay))) return fail('delivery interrupted: shutting down', true);
        continue;
      }
      const hint = [401, 403, 404].includes(response.status) ? ' (webhook invalid or deleted)' : '';
      return fail(`Discord answered ${response.status}${discordMessage}${hint}`, false, response.status);
    }
  }

  /** One POST and its answer's body, both within `timeoutMs`; throws on a network error or a timeout. */
  private async post(url: string, body: string, timeoutMs: number): Promise<{ response: Response; text: string }> {
    const attempt = this.attemptSignal(timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'HealthCheck (monitoring probe, 1.0)' },
        body,
        signal: attempt.signal,
        redirect: 'error',
      });
      const text = await response.text().catch(() => '');
      return { response, text };
    } finally {
      attempt.release();
    }
  }

  /**
   * Aborts after `ms`, or at once when the client closes: a plain controller, kept alive by its own
   * timer. Not `AbortSignal.any([AbortSignal.timeout(ms), stopping])`: Node 20's fetch holds its signal
   * weakly, so a composite signal that nothing else holds is lost at the next garbage collection, and
   * a Discord that accepts the connection but never answers would then hold the delivery (and every
   * later check, which joins it) forever.
   */
  private attemptSignal(ms: number): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
    const stop = () => controller.abort(new DOMException('the client is closing', 'AbortError'));
    this.stopping.signal.addEventListener('abort', stop, { once: true });
    return {
      signal: controller.signal,
      release: () => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener('abort', stop);
      },
    };
  }

  private rememberBucket(id: string, headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining');
    const resetAfter = Number(headers.get('x-ratelimit-reset-after'));
    if (remaining === '0' && Number.isFinite(resetAfter) && resetAfter > 0) {
      this.bucketResetAt.set(id, this.now() + Math.min(resetAfter * 1000, this.maxRateLimitWaitMs));
    } else {
      this.bucketResetAt.delete(id);
    }
  }
}

/** Milliseconds to wait after a 429: the body's `retry_after` (seconds), else the headers; at least 50 ms. */
export function retryAfterMs(body: Record<string, unknown> | null, headers: Headers): number {
  const candidates = [body?.retry_after, headers.get('retry-after'), headers.get('x-ratelimit-reset-after')];
  for (const candidate of candidates) {
    const seconds = typeof candidate === 'number' ? candidate : typeof candidate === 'string' ? Number(candidate) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(50, Math.ceil(seconds * 1000));
  }
  return 1_000;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown, timeout: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `Discord did not answer within ${timeout < 1000 ? `${timeout} ms` : `${Math.round(timeout / 1000)} s`}`;
  const code = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? 'unknown error';
  return `Discord unreachable (${code})`;
}
