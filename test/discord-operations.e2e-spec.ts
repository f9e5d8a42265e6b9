import { SchedulerRegistry } from '@nestjs/schedule';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { DiscordNotifierService } from '../src/discord/discord-notifier.service';
import { DISCORD_JOB, DiscordScheduler } from '../src/discord/discord.scheduler';
import { UnitOfWork } from '../src/database/unit-of-work';
import { captureLogs } from './support/capture-logs';
import { FakeDiscord } from './support/fake-discord';
import { expectError, TestApp } from './support/test-app';

// How the Discord feature behaves as a part of the running probe: its logs, its scheduler among the
// others, its failures and its shutdown. Only the disk alert is driven and asserted: a busy test
// machine may reach 100 % CPU, above any threshold (see discord-notifications).
const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 } };
const DISK_CRITICAL = { disk: { warning: 0, critical: 1 } };
const DISK_CLEAR = { disk: { warning: 98, critical: 99 } };
const NEVER = '0 0 1 1 *';
const TOKEN = 'LogSecretToken-0123456789abcdefXYZ';

async function prepare(api: TestApp, discord: FakeDiscord, token = 'tok'): Promise<string> {
  const admin = await api.adminToken();
  expect((await api.put('/config/thresholds', { ...QUIET, ...DISK_CRITICAL }, { token: admin })).status).toBe(200);
  const saved = await api.post(
    '/config/discord',
    { webhook_url: discord.webhookUrl('123', token), enabled: true, notify_on: ['critical', 'warning'] },
    { token: admin },
  );
  expect(saved.status).toBe(200);
  return admin;
}

const diskTitles = (discord: FakeDiscord) =>
  discord.requests.flatMap((request) => (request.body?.embeds ?? []).map((embed: { title: string }) => embed.title)).filter((title: string) => title.includes('DISK'));

describe('the webhook token in the logs (e2e)', () => {
  it('never appears, whatever happens, while the masked URL does', async () => {
    const discord = await FakeDiscord.start();
    const logs = captureLogs();
    let api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER, LOG_LEVEL: 'debug' });
    try {
      const admin = await prepare(api, discord, TOKEN);
      const notifier = () => api.app.get(DiscordNotifierService);
      // refused URLs carrying the token
      expectError(await api.post('/config/discord', { webhook_url: `http://discord.com/api/webhooks/123/${TOKEN}`, enabled: true, notify_on: ['critical'] }, { token: admin }), 400);
      expectError(await api.post('/config/discord', { webhook_url: `https://evil.example/api/webhooks/123/${TOKEN}`, enabled: true, notify_on: ['critical'] }, { token: admin }), 400);
      // a test message: delivered, then refused (404), then Discord down (500 three times)
      expect((await api.post('/config/discord/test', undefined, { token: admin })).status).toBe(200);
      discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
      expectError(await api.post('/config/discord/test', undefined, { token: admin }), 502);
      // the scheduler's checks: a 5xx then delivered; a 401; a résolu
      discord.answerNext({ status: 500, body: { message: `boom /api/webhooks/123/${TOKEN}` } });
      expect((await notifier().check()).outcome).toBe('sent');
      await api.put('/config/thresholds', DISK_CLEAR, { token: admin });
      discord.answerNext({ status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } });
      expect((await notifier().check()).outcome).toBe('failed');
      expect((await notifier().check()).outcome).toBe('sent');
      expect((await api.get('/config/discord', { token: admin })).text).not.toContain(TOKEN.slice(4));

      // the stored URL is no longer allowed after a restart with other hosts
      api = await api.restart({ DISCORD_ALLOWED_HOSTS: 'discord.com', ALERTS_CRON: NEVER, LOG_LEVEL: 'debug' });
      expect((await notifier().check()).outcome).toBe('failed');
      const view = await api.get('/config/discord', { token: await api.adminToken() });
      expect(view.body.last_error).toMatch(/^stored webhook URL refused: L'hôte '127\.0\.0\.1:\d+' n'est pas autorisé/);
      expect(view.text).not.toContain(TOKEN.slice(4));
    } finally {
      await api.close();
      logs.restore();
      await discord.close();
    }

    const text = logs.text();
    // The capture worked: Discord's own lines are there, with the masked URL...
    const masked = `http://127.0.0.1:${discord.port}/api/webhooks/123/LogS…`;
    expect(text).toContain(`Discord settings saved by user 1: ${masked}`);
    expect(text).toContain(`Discord test message sent to ${masked}`);
    expect(text).toContain(`Discord test message to ${masked} failed: Discord answered 404`);
    expect(text).toMatch(/Discord notified \([^)]*DISK critical/);
    expect(text).toContain(`DISK critical resolved) to ${masked}: Discord answered 401`);
    expect(text).toContain('Discord check skipped: stored webhook URL refused');
    expect(text).toContain('"url":"/config/discord/test"');
    // ...and never the token, nor its hidden part.
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(4));
  }, 30_000);
});

describe('the Discord scheduler among the others (e2e)', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(() => discord.close());
  beforeEach(() => discord.reset());

  it('has its own job on ALERTS_CRON beside the audit and alert history pruning, and all of them stop with the app', async () => {
    const api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: '30 */10 * * * *' });
    const jobs = new Map(api.app.get(SchedulerRegistry).getCronJobs());
    expect([...jobs.keys()].sort()).toEqual(['alert-history-prune', 'audit-prune', DISCORD_JOB]);
    expect(jobs.get(DISCORD_JOB)!.cronTime.source).toBe('30 */10 * * * *');
    expect(jobs.get('audit-prune')!.cronTime.source).toBe('0 03 * * *');
    expect(jobs.get('alert-history-prune')!.cronTime.source).toBe('0 03 * * *');
    expect([...jobs.values()].map((job) => job.isActive)).toEqual([true, true, true]);
    await api.close();
    expect([...jobs.values()].map((job) => job.isActive)).toEqual([false, false, false]);
  });

  it('never lets a failed check escape, and the next tick works', async () => {
    const logs = captureLogs();
    const api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER, LOG_LEVEL: 'error' });
    try {
      await prepare(api, discord);
      const unitOfWork = api.app.get(UnitOfWork);
      await unitOfWork.run((manager) => manager.query('ALTER TABLE "notification_state" RENAME TO "notification_state_away"'));
      // TypeORM prints the failed query with console.log: kept out of the test output.
      const typeormConsole = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await expect(api.app.get(DiscordScheduler).tick()).resolves.toBeUndefined().finally(() => typeormConsole.mockRestore());
      expect(discord.requests).toHaveLength(0);
      expect(logs.lines()).toContainEqual(
        expect.objectContaining({ level: 50, context: 'Discord', msg: expect.stringMatching(/^Discord alert check failed: .*notification_state/) }),
      );
      await unitOfWork.run((manager) => manager.query('ALTER TABLE "notification_state_away" RENAME TO "notification_state"'));
      await api.app.get(DiscordScheduler).tick();
      expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL']);
    } finally {
      await api.close();
      logs.restore();
    }
  });

  it('never runs two checks at once: a second call joins the first', async () => {
    const api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER });
    try {
      await prepare(api, discord);
      discord.answerNext({ status: 200, body: { id: '1' }, delayMs: 500 });
      const notifier = api.app.get(DiscordNotifierService);
      const first = notifier.check();
      const second = notifier.check();
      const third = api.app.get(DiscordScheduler).tick();
      const [a, b] = await Promise.all([first, second, third]);
      expect(a).toBe(b);
      expect(a.outcome).toBe('sent');
      expect(discord.requests).toHaveLength(1);
      await notifier.check();
      expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL']);
    } finally {
      await api.close();
    }
  });

  it('gives each request to Discord DISCORD_TIMEOUT_SECONDS, tries 3 times with backoff, then keeps the alert pending', async () => {
    const api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER, DISCORD_TIMEOUT_SECONDS: '1' });
    try {
      const admin = await prepare(api, discord);
      discord.answerNext(...Array(3).fill({ status: 200, body: { id: '1' }, delayMs: 4000 }));
      const result = await api.app.get(DiscordNotifierService).check();
      expect(result).toMatchObject({ outcome: 'failed', error: 'Discord did not answer within 1 s (after 3 attempts)' });
      const at = discord.requests.map((request) => request.at);
      expect(at).toHaveLength(3);
      // 1 s timeout + 1 s backoff, then 1 s timeout + 2 s backoff
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(1900);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(2900);
      const view = await api.get('/config/discord', { token: admin });
      expect(view.body).toMatchObject({ last_error: 'Discord did not answer within 1 s (after 3 attempts)', last_sent_at: null });
      expect(view.body.notifications).toContainEqual({ type: 'DISK', notified_level: null, pending: true, last_sent_at: null });
    } finally {
      await api.close();
    }
  }, 20_000);

  it('does not hold the shutdown for a silent Discord; the interrupted alert stays pending and goes out after the restart', async () => {
    const env = { DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER };
    let api = await TestApp.start(env);
    try {
      await prepare(api, discord);
      discord.answerNext({ status: 200, body: { id: '1' }, delayMs: 30_000 });
      const checking = api.app.get(DiscordNotifierService).check();
      await discord.waitForRequests(1);
      const started = Date.now();
      await api.app.close();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await checking).toMatchObject({ outcome: 'failed', error: 'delivery interrupted: shutting down' });

      api = await TestApp.start(env, api.dir);
      const admin = await api.adminToken();
      const view = await api.get('/config/discord', { token: admin });
      expect(view.body.notifications).toContainEqual({ type: 'DISK', notified_level: null, pending: true, last_sent_at: null });
      expect((await api.app.get(DiscordNotifierService).check()).outcome).toBe('sent');
      expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL', '⚠️ DISK - CRITICAL']);
    } finally {
      await api.close();
    }
  }, 20_000);

  it('keeps sending while the database cannot be written, remembers what it sent, and saves it once it can', async () => {
    const env = { DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER };
    let api = await TestApp.start(env);
    const file = join(api.dir, 'healthcheck.sqlite');
    const notifier = () => api.app.get(DiscordNotifierService);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const admin = await prepare(api, discord);
      const t0 = Date.now();
      // read-only for the probe (DatabaseFileMonitor; even as root), and longer than its 500 ms cache
      chmodSync(file, 0o400);
      try {
        await pause(700);
        expect((await api.get('/health')).status).toBe(503);
        expect((await notifier().check(new Date(t0))).outcome).toBe('sent');
        // nothing written...
        const view = await api.get('/config/discord', { token: admin });
        expect(view.body).toMatchObject({ last_sent_at: null, notifications: [] });
        // ...yet no repeat every run
        await notifier().check(new Date(t0 + 5 * 60_000));
        await notifier().check(new Date(t0 + 10 * 60_000));
        expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL']);
      } finally {
        chmodSync(file, 0o600);
      }
      await pause(700);
      await notifier().check(new Date(t0 + 15 * 60_000));
      expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL']);
      const saved = await api.get('/config/discord', { token: admin });
      expect(saved.body.notifications).toContainEqual({ type: 'DISK', notified_level: 'critical', pending: false, last_sent_at: expect.any(String) });

      api = await api.restart(env);
      await notifier().check(new Date(t0 + 20 * 60_000));
      expect(diskTitles(discord)).toEqual(['⚠️ DISK - CRITICAL']);
    } finally {
      chmodSync(file, 0o600);
      await api.close();
    }
  }, 20_000);
});
