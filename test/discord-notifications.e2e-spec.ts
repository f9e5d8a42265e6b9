import { DiscordNotifierService } from '../src/discord/discord-notifier.service';
import { FakeDiscord, RecordedRequest } from './support/fake-discord';
import { TestApp } from './support/test-app';

// Only the disk is driven; CPU and memory are kept quiet (a busy test machine may spike the CPU, so
// the assertions look at DISK embeds only).
const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 } };
const DISK_WARNING = { disk: { warning: 0, critical: 99 } };
const DISK_CRITICAL = { disk: { warning: 0, critical: 1 } };
const DISK_CLEAR = { disk: { warning: 98, critical: 99 } };
const NEVER = '0 0 1 1 *';
const MINUTE = 60_000;

const diskEmbeds = (requests: RecordedRequest[]) =>
  requests.flatMap((request) => (request.body?.embeds ?? []) as Array<{ title: string; description: string; color: number; fields: any[] }>)
    .filter((embed) => embed.title.includes('DISK'));

async function setThresholds(api: TestApp, admin: string, changes: object): Promise<void> {
  const answer = await api.put('/config/thresholds', changes, { token: admin });
  if (answer.status !== 200) throw new Error(`PUT /config/thresholds: ${answer.status} ${answer.text}`);
}

async function configure(api: TestApp, admin: string, discord: FakeDiscord, extra: object = {}): Promise<void> {
  const answer = await api.post(
    '/config/discord',
    { webhook_url: discord.webhookUrl('123', 'tok'), enabled: true, notify_on: ['critical', 'warning'], ...extra },
    { token: admin },
  );
  if (answer.status !== 200) throw new Error(`POST /config/discord: ${answer.status} ${answer.text}`);
}

describe('Discord notification rules (e2e)', () => {
  let discord: FakeDiscord;
  let api: TestApp;
  let admin: string;
  const notifier = () => api.app.get(DiscordNotifierService);

  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(() => discord.close());
  beforeEach(async () => {
    discord.reset();
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER });
    admin = await api.adminToken();
    await setThresholds(api, admin, QUIET);
  });
  afterEach(() => api.close());

  it('sends on appearance and escalation, repeats at most once per repeat_minutes, and sends résolu once', async () => {
    await configure(api, admin, discord, { repeat_minutes: 60 });
    const t0 = Date.now();
    const hostname = (await api.get('/health')).body.hostname;

    // appears as a warning
    await setThresholds(api, admin, DISK_WARNING);
    expect((await notifier().check(new Date(t0))).outcome).toBe('sent');
    const [first] = discord.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/api/v10/webhooks/123/tok', query: { wait: 'true' } });
    expect(first.body).toMatchObject({ username: 'Monitoring Bot', content: `🚨 ALERTE MONITORING - ${hostname}`, allowed_mentions: { parse: [] } });
    const warning = diskEmbeds(discord.requests);
    expect(warning).toHaveLength(1);
    expect(warning[0]).toEqual({
      title: '⚠️ DISK - WARNING',
      description: expect.stringMatching(/^Disk usage is at [\d.]+%$/),
      color: 0xe67e22,
      fields: [
        { name: 'Valeur actuelle', value: expect.stringMatching(/^[\d.]+%$/), inline: true },
        { name: 'Seuil', value: '0%', inline: true },
      ],
      timestamp: new Date(t0).toISOString(),
    });

    // unchanged: nothing new, however many runs
    await notifier().check(new Date(t0 + 1 * MINUTE));
    await notifier().check(new Date(t0 + 59 * MINUTE));
    expect(diskEmbeds(discord.requests)).toHaveLength(1);

    // escalates to critical: sent at once, though the repeat interval has not passed
    await setThresholds(api, admin, DISK_CRITICAL);
    await notifier().check(new Date(t0 + 59.5 * MINUTE));
    let embeds = diskEmbeds(discord.requests);
    expect(embeds).toHaveLength(2);
    expect(embeds[1]).toMatchObject({ title: '⚠️ DISK - CRITICAL', color: 0xe74c3c, fields: [expect.anything(), { name: 'Seuil', value: '1%', inline: true }] });

    // repeated once after repeat_minutes, not before
    await notifier().check(new Date(t0 + 100 * MINUTE));
    expect(diskEmbeds(discord.requests)).toHaveLength(2);
    await notifier().check(new Date(t0 + 120 * MINUTE));
    embeds = diskEmbeds(discord.requests);
    expect(embeds).toHaveLength(3);
    expect(embeds[2].title).toBe('⚠️ DISK - CRITICAL');
    await notifier().check(new Date(t0 + 121 * MINUTE));
    expect(diskEmbeds(discord.requests)).toHaveLength(3);

    // drops below the notified level: résolu for critical, the warning stays notified
    await setThresholds(api, admin, DISK_WARNING);
    await notifier().check(new Date(t0 + 122 * MINUTE));
    embeds = diskEmbeds(discord.requests);
    expect(embeds).toHaveLength(4);
    expect(embeds[3]).toMatchObject({
      title: '✅ DISK - RÉSOLU',
      color: 0x2ecc71,
      description: expect.stringMatching(/^Disk usage is at [\d.]+%: no longer critical, now warning$/),
    });

    // clears: résolu once, then silence
    await setThresholds(api, admin, DISK_CLEAR);
    await notifier().check(new Date(t0 + 123 * MINUTE));
    embeds = diskEmbeds(discord.requests);
    expect(embeds).toHaveLength(5);
    expect(embeds[4]).toMatchObject({ title: '✅ DISK - RÉSOLU', description: expect.stringMatching(/the warning alert is resolved$/) });
    // only resolutions in that message (unless the CPU spiked meanwhile): the résolu header
    const last = discord.requests[discord.requests.length - 1].body;
    if (last.embeds.every((e: { title: string }) => e.title.startsWith('✅'))) expect(last.content).toBe(`✅ ALERTE RÉSOLUE - ${hostname}`);
    await notifier().check(new Date(t0 + 300 * MINUTE));
    expect(diskEmbeds(discord.requests)).toHaveLength(5);

    const view = await api.get('/config/discord', { token: admin });
    expect(view.body).toMatchObject({ last_error: null, last_sent_at: expect.any(String) });
    expect(view.body.notifications.find((n: any) => n.type === 'DISK')).toBeUndefined();
  });

  it('only notifies the levels of notify_on', async () => {
    await configure(api, admin, discord, { notify_on: ['critical'] });
    await setThresholds(api, admin, DISK_WARNING);
    expect((await notifier().check()).alerts.filter((a) => a.type === 'DISK')).toEqual([]);
    expect(diskEmbeds(discord.requests)).toHaveLength(0);
    await setThresholds(api, admin, DISK_CRITICAL);
    await notifier().check();
    expect(diskEmbeds(discord.requests).map((e) => e.title)).toEqual(['⚠️ DISK - CRITICAL']);
    // critical → warning: warnings are not wanted, so it reads as resolved
    await setThresholds(api, admin, DISK_WARNING);
    await notifier().check();
    const embeds = diskEmbeds(discord.requests);
    expect(embeds.map((e) => e.title)).toEqual(['⚠️ DISK - CRITICAL', '✅ DISK - RÉSOLU']);
    expect(embeds[1].description).toMatch(/the critical alert is resolved$/);
  });

  it('sends nothing while disabled', async () => {
    await configure(api, admin, discord, { enabled: false });
    await setThresholds(api, admin, DISK_CRITICAL);
    expect((await notifier().check()).outcome).toBe('disabled');
    expect(discord.requests).toHaveLength(0);
  });

  it('neither forgets nor sends twice across a restart', async () => {
    await configure(api, admin, discord);
    await setThresholds(api, admin, DISK_CRITICAL);
    await notifier().check();
    expect(diskEmbeds(discord.requests)).toHaveLength(1);

    api = await api.restart();
    await notifier().check();
    await notifier().check();
    expect(diskEmbeds(discord.requests)).toHaveLength(1);
    const view = await api.get('/config/discord', { token: admin });
    expect(view.body.notifications).toContainEqual({ type: 'DISK', notified_level: 'critical', pending: false, last_sent_at: expect.any(String) });

    await setThresholds(api, admin, DISK_CLEAR);
    api = await api.restart();
    await notifier().check();
    expect(diskEmbeds(discord.requests).map((e) => e.title)).toEqual(['⚠️ DISK - CRITICAL', '✅ DISK - RÉSOLU']);
  });

  it('waits retry_after on a 429 and delivers', async () => {
    await configure(api, admin, discord);
    await setThresholds(api, admin, DISK_CRITICAL);
    discord.answerNext({ status: 429, body: { message: 'You are being rate limited.', retry_after: 0.2, global: false } });
    expect((await notifier().check()).outcome).toBe('sent');
    expect(discord.requests).toHaveLength(2);
    expect(discord.requests[1].at - discord.requests[0].at).toBeGreaterThanOrEqual(190);
    expect(discord.requests[1].body).toEqual(discord.requests[0].body);
    expect((await api.get('/config/discord', { token: admin })).body.last_error).toBeNull();
  });

  it('retries a 500 with backoff and delivers', async () => {
    await configure(api, admin, discord);
    await setThresholds(api, admin, DISK_CRITICAL);
    discord.answerNext({ status: 500, body: { message: 'Internal Server Error' } });
    expect((await notifier().check()).outcome).toBe('sent');
    expect(discord.requests).toHaveLength(2);
    expect(discord.requests[1].at - discord.requests[0].at).toBeGreaterThanOrEqual(900);
  });

  it('on a 404 stops, records last_error, keeps the alert pending and delivers it on the next run', async () => {
    await configure(api, admin, discord);
    await setThresholds(api, admin, DISK_CRITICAL);
    discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    const failed = await notifier().check();
    expect(failed.outcome).toBe('failed');
    expect(discord.requests).toHaveLength(1);
    let view = await api.get('/config/discord', { token: admin });
    expect(view.body.last_error).toBe('Discord answered 404: Unknown Webhook (webhook invalid or deleted)');
    expect(view.body.last_sent_at).toBeNull();
    expect(view.body.notifications).toContainEqual({ type: 'DISK', notified_level: null, pending: true, last_sent_at: null });
    expect(view.text).not.toContain('/tok');

    const retried = await notifier().check();
    expect(retried.outcome).toBe('sent');
    expect(diskEmbeds(discord.requests).map((e) => e.title)).toEqual(['⚠️ DISK - CRITICAL', '⚠️ DISK - CRITICAL']);
    view = await api.get('/config/discord', { token: admin });
    expect(view.body).toMatchObject({ last_error: null, last_error_at: null, last_sent_at: expect.any(String) });
    expect(view.body.notifications).toContainEqual({ type: 'DISK', notified_level: 'critical', pending: false, last_sent_at: expect.any(String) });
  });

  it('starts afresh for a new webhook (a new channel has been told nothing)', async () => {
    await configure(api, admin, discord);
    await setThresholds(api, admin, DISK_CRITICAL);
    await notifier().check();
    const other = discord.webhookUrl('456', 'other');
    await api.post('/config/discord', { webhook_url: other, enabled: true, notify_on: ['critical'] }, { token: admin });
    await notifier().check();
    expect(discord.requests.filter((r) => r.path === '/api/v10/webhooks/456/other')).toHaveLength(1);
  });
});

describe('Discord scheduler (e2e, real cron)', () => {
  it('runs on ALERTS_CRON, sends once, never blocks the API, and stops when disabled', async () => {
    const discord = await FakeDiscord.start();
    const api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: '*/1 * * * * *' });
    try {
      const admin = await api.adminToken();
      await setThresholds(api, admin, { ...QUIET, ...DISK_CRITICAL });
      // Discord answers slowly: the API must not care.
      discord.answerNext({ status: 200, body: { id: '1' }, delayMs: 3000 });
      await configure(api, admin, discord);
      await discord.waitForRequests(1, 5000);
      const started = Date.now();
      const alerts = await api.get('/alerts', { token: admin });
      expect(alerts.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      // several ticks pass while the slow delivery is in flight and after it: still one message
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(diskEmbeds(discord.requests).map((e) => e.title)).toEqual(['⚠️ DISK - CRITICAL']);

      await api.post('/config/discord', { webhook_url: discord.webhookUrl(), enabled: false, notify_on: ['critical'] }, { token: admin });
      await setThresholds(api, admin, DISK_CLEAR);
      const before = discord.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 2200));
      expect(discord.requests.length).toBe(before);
    } finally {
      await api.close();
      await discord.close();
    }
  }, 20_000);
});
