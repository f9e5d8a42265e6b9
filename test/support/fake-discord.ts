import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: any;
  /** The body as received, byte for byte (UTF-8). */
  rawBody: string;
  at: number;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering (timeouts). */
  delayMs?: number;
}

const WEBHOOK_PATH = /^\/api\/v10\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)$/;

/**
 * A stand-in for Discord's webhook endpoint: a real HTTP server on 127.0.0.1 that records every
 * request and answers from a programmable queue, else like Discord (200 with the saved message when
 * `?wait=true`, 204 without, 404 Unknown Webhook for another path, 400 when a limit is broken).
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeAnswer[] = [];
  private waiters: Array<() => void> = [];
  /** Answers held back by `delayMs`: cut short on close, so no timer outlives the test. */
  private readonly delays = new Set<() => void>();
  private nextId = 1_000_000_000_000_000_000n;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeDiscord> {
    let fake!: FakeDiscord;
    const server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeDiscord(server, (server.address() as AddressInfo).port);
    return fake;
  }

  /** The URL an admin would paste: `http://127.0.0.1:<port>/api/webhooks/<id>/<token>`. */
  webhookUrl(id = '123', token = 'tok'): string {
    return `http://127.0.0.1:${this.port}/api/webhooks/${id}/${token}`;
  }

  /** Queues answers for the next requests, in order. */
  answerNext(...answers: FakeAnswer[]): void {
    this.queue.push(...answers);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
  }

  /** Resolves once `count` requests have arrived (fails after `timeoutMs`). */
  async waitForRequests(count: number, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Discord got ${this.requests.length} request(s), expected ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.requests.slice(0, count);
  }

  async close(): Promise<void> {
    [...this.delays].forEach((release) => release());
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text
    }
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      rawBody: text,
      at: Date.now(),
    });
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());

    const answer = this.queue.shift() ?? this.discordAnswer(req.method ?? '', url, body);
    if (answer.delayMs) await this.hold(answer.delayMs);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...(answer.headers ?? {}) };
    if (answer.body !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  private hold(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.delays.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.delays.add(release);
    });
  }

  /** What Discord itself would answer. */
  private discordAnswer(method: string, url: URL, body: any): FakeAnswer {
    const match = WEBHOOK_PATH.exec(url.pathname);
    if (method !== 'POST' || !match) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
    const problem = limitProblem(body);
    if (problem) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: problem } };
    if (url.searchParams.get('wait') !== 'true') return { status: 204 };
    this.nextId += 1n;
    return {
      status: 200,
      body: { id: String(this.nextId), type: 0, channel_id: '42', webhook_id: match[1], content: body.content, embeds: body.embeds },
    };
  }
}

/** Discord's message limits (a 400 when broken); returns what is wrong, or null. */
export function limitProblem(body: any): string | null {
  if (!body || typeof body !== 'object') return 'body is not JSON';
  const embeds: any[] = body.embeds ?? [];
  if (!body.content && embeds.length === 0) return 'empty message';
  if (typeof body.content === 'string' && body.content.length > 2000) return 'content > 2000';
  if (body.username !== undefined) {
    const name = String(body.username);
    if (name.length < 1 || name.length > 80 || /discord|clyde/i.test(name)) return 'invalid username';
  }
  if (embeds.length > 10) return 'more than 10 embeds';
  let total = 0;
  for (const embed of embeds) {
    if ((embed.title ?? '').length > 256) return 'title > 256';
    if ((embed.description ?? '').length > 4096) return 'description > 4096';
    if ((embed.fields ?? []).length > 25) return 'more than 25 fields';
    for (const field of embed.fields ?? []) {
      if (!field.name || field.name.length > 256) return 'field name';
      if (!field.value || field.value.length > 1024) return 'field value';
      total += field.name.length + field.value.length;
    }
    total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length;
  }
  if (total > 6000) return 'embeds > 6000 characters';
  return null;
}
