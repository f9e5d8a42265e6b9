import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FakeDiscord } from '../../test/support/fake-discord';
import { buildTestMessage } from './discord-message.builder';
import { DiscordWebhookClient, retryAfterMs } from './discord-webhook.client';
import { parseWebhookUrl } from './webhook-url';

/** A full garbage collection, as one happens under load (jest runs without --expose-gc). */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('DiscordWebhookClient against a stand-in Discord', () => {
  let discord: FakeDiscord;
  const payload = buildTestMessage('srv', new Date('2025-01-08T15:30:00Z'));
  const webhookOf = (token = 'secret-token') => parseWebhookUrl(discord.webhookUrl('123', token), ['127.0.0.1']);
  const client = (options = {}) => new DiscordWebhookClient({ backoffMs: 50, timeoutMs: 2000, ...options });

  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterEach(() => discord.reset());
  afterAll(() => discord.close());

  it('POSTs JSON to the v10 path with wait=true and returns the message id', async () => {
    const result = await client().send(webhookOf(), payload);
    expect(result).toEqual({ ok: true, status: 200, attempts: 1, messageId: expect.stringMatching(/^\d+$/), retryable: false, deliveredBody: expect.any(String) });
    const [request] = discord.requests;
    // What it reports as delivered is the body Discord received, byte for byte.
    expect(result.deliveredBody).toBe(request.rawBody);
    expect(request).toMatchObject({ method: 'POST', path: '/api/v10/webhooks/123/secret-token', query: { wait: 'true' }, body: payload });
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('accepts a 204 too', async () => {
    discord.answerNext({ status: 204 });
    expect(await client().send(webhookOf(), payload)).toMatchObject({ ok: true, status: 204, attempts: 1 });
  });

  it("waits the 429's retry_after (seconds, from the body) and tries again", async () => {
    discord.answerNext({ status: 429, body: { message: 'You are being rate limited.', retry_after: 0.3, global: false } });
    const result = await client().send(webhookOf(), payload);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    const gap = discord.requests[1].at - discord.requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(280);
    expect(gap).toBeLessThan(1500);
  });

  it('falls back to the Retry-After header', async () => {
    discord.answerNext({ status: 429, headers: { 'retry-after': '1' } });
    const result = await client().send(webhookOf(), payload);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(discord.requests[1].at - discord.requests[0].at).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a 429 asking to wait longer than allowed, without waiting', async () => {
    discord.answerNext({ status: 429, body: { retry_after: 120, global: true } });
    const started = Date.now();
    const result = await client().send(webhookOf(), payload);
    expect(result).toMatchObject({ ok: false, status: 429, attempts: 1, retryable: true });
    expect(result.error).toMatch(/retry after 120 s/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries a 5xx with backoff and succeeds', async () => {
    discord.answerNext({ status: 500, body: { message: 'Internal' } }, { status: 502 });
    const result = await client().send(webhookOf(), payload);
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 3 });
    const [a, b, c] = discord.requests.map((request) => request.at);
    expect(b - a).toBeGreaterThanOrEqual(45);
    expect(c - b).toBeGreaterThanOrEqual(95);
  });

  it('stops after 3 tries on a lasting 5xx', async () => {
    discord.answerNext({ status: 500 }, { status: 500 }, { status: 503 }, { status: 200 });
    const result = await client().send(webhookOf(), payload);
    expect(result).toMatchObject({ ok: false, status: 503, attempts: 3, retryable: true });
    expect(discord.requests).toHaveLength(3);
  });

  it.each([401, 403, 404])('stops at once on %i and says why, without the token', async (status) => {
    discord.answerNext({ status, body: { message: 'Unknown Webhook', code: 10015 } });
    const result = await client().send(webhookOf('very-secret-token'), payload);
    expect(result).toMatchObject({ ok: false, status, attempts: 1, retryable: false });
    expect(result.error).toBe(`Discord answered ${status}: Unknown Webhook (webhook invalid or deleted)`);
    expect(discord.requests).toHaveLength(1);
  });

  it('does not retry a 400 (a broken limit is not going to fix itself)', async () => {
    const result = await client().send(webhookOf(), { ...payload, embeds: Array(11).fill(payload.embeds[0]) });
    expect(result).toMatchObject({ ok: false, status: 400, attempts: 1, retryable: false });
  });

  it('times out a silent Discord and retries, within the deadline', async () => {
    discord.answerNext(...Array(4).fill({ status: 200, delayMs: 1500 }));
    const started = Date.now();
    const result = await client({ timeoutMs: 300 }).send(webhookOf(), payload, 1000);
    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/did not answer/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('still times out a silent Discord when garbage collection runs meanwhile', async () => {
    discord.answerNext(...Array(2).fill({ status: 200, delayMs: 10_000 }));
    const collections = setInterval(collectGarbage, 50);
    let hung: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        client({ timeoutMs: 400, maxAttempts: 2 }).send(webhookOf(), payload),
        // Well before the stand-in's 10 s answer, well after 2 × 400 ms on a loaded machine.
        new Promise((resolve) => (hung = setTimeout(() => resolve('hung'), 8000))),
      ]);
      expect(result).toMatchObject({ ok: false, attempts: 2, error: 'Discord did not answer within 400 ms (after 2 attempts)' });
    } finally {
      clearInterval(collections);
      clearTimeout(hung);
    }
  });

  it('reports an unreachable Discord after 3 tries', async () => {
    const closed = await FakeDiscord.start();
    const webhook = parseWebhookUrl(closed.webhookUrl(), ['127.0.0.1']);
    await closed.close();
    const result = await client().send(webhook, payload);
    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(result.error).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it('waits for the bucket to reset when X-RateLimit-Remaining hits 0', async () => {
    discord.answerNext({ status: 204, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.4' } });
    const shared = client();
    await shared.sendAll(webhookOf(), [payload, payload]);
    expect(discord.requests).toHaveLength(2);
    expect(discord.requests[1].at - discord.requests[0].at).toBeGreaterThanOrEqual(380);
  });

  it('reports as delivered the body of the last message Discord accepted, even when a later one is refused', async () => {
    const first = buildTestMessage('first', new Date('2025-01-08T15:30:00Z'));
    const second = buildTestMessage('second', new Date('2025-01-08T15:30:00Z'));
    discord.answerNext({ status: 200, body: { id: '1' } }, { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    const result = await client().sendAll(webhookOf(), [first, second]);
    expect(result).toMatchObject({ ok: false, status: 404, attempts: 2 });
    expect(result.deliveredBody).toBe(discord.requests[0].rawBody);
    expect(JSON.parse(result.deliveredBody!).content).toBe('🔔 TEST MONITORING - first');
    // Nothing accepted: nothing delivered.
    discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    expect((await client().sendAll(webhookOf(), [first])).deliveredBody).toBeUndefined();
  });

  it('reads retry_after in seconds first, then the headers, with a floor', () => {
    expect(retryAfterMs({ retry_after: 1.5 }, new Headers({ 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(null, new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs({}, new Headers({ 'x-ratelimit-reset-after': '0.25' }))).toBe(250);
    expect(retryAfterMs({ retry_after: 0 }, new Headers())).toBe(50);
    expect(retryAfterMs(null, new Headers())).toBe(1000);
  });
});

describe('DiscordWebhookClient.close', () => {
  it('cuts a long 429 wait short and reports the delivery as interrupted', async () => {
    const discord = await FakeDiscord.start();
    try {
      discord.answerNext({ status: 429, body: { retry_after: 30, global: false } });
      const client = new DiscordWebhookClient();
      const started = Date.now();
      const sending = client.send(parseWebhookUrl(discord.webhookUrl(), ['127.0.0.1']), buildTestMessage('srv'));
      await discord.waitForRequests(1);
      client.close();
      const result = await sending;
      expect(result).toMatchObject({ ok: false, retryable: true, error: 'delivery interrupted: shutting down' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(discord.requests).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });

  it('aborts a request in flight to a silent Discord at once, and sends nothing more', async () => {
    const discord = await FakeDiscord.start();
    try {
      discord.answerNext({ status: 200, delayMs: 5000 });
      const client = new DiscordWebhookClient({ timeoutMs: 10_000 });
      const started = Date.now();
      const sending = client.sendAll(parseWebhookUrl(discord.webhookUrl(), ['127.0.0.1']), [buildTestMessage('a'), buildTestMessage('b')]);
      await discord.waitForRequests(1);
      client.close();
      const result = await sending;
      expect(result).toMatchObject({ ok: false, retryable: true, attempts: 1, error: 'delivery interrupted: shutting down' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await client.send(parseWebhookUrl(discord.webhookUrl(), ['127.0.0.1']), buildTestMessage('c'))).toMatchObject({ ok: false, attempts: 0 });
      expect(discord.requests).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });
});
