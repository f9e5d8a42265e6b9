import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMonitor } from '../src/monitor/run-monitor';
import { FakeDiscord } from './support/fake-discord';
import { TEST_ADMIN_PASSWORD, TestApp } from './support/test-app';

const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 }, disk: { warning: 99, critical: 100 } };
const DISK_CRITICAL = { disk: { warning: 0, critical: 1 } };

describe('the crontab script (e2e)', () => {
  let api: TestApp;
  let discord: FakeDiscord;
  let admin: string;
  let hostname: string;
  let env: Record<string, string>;
  let lines: Array<{ line: string; failed: boolean }>;
  const run = (overrides: Record<string, string | undefined> = {}) =>
    runMonitor({ ...env, ...overrides }, { log: (line, failed) => lines.push({ line, failed }) });
  const setThresholds = async (changes: object) => {
    const answer = await api.put('/config/thresholds', changes, { token: admin });
    if (answer.status !== 200) throw new Error(`PUT /config/thresholds: ${answer.status} ${answer.text}`);
  };

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await TestApp.start({ ALERTS_CRON: '0 0 1 1 *' });
    admin = await api.adminToken();
    hostname = (await api.get('/health')).body.hostname;
    env = {
      MONITOR_API_URL: api.url,
      MONITOR_USERNAME: 'admin',
      MONITOR_PASSWORD: TEST_ADMIN_PASSWORD,
      DISCORD_WEBHOOK_URL: discord.webhookUrl('77', 'monitor-token-0123456789'),
      DISCORD_ALLOWED_HOSTS: '127.0.0.1',
    };
  });
  afterAll(async () => {
    await api.close();
    await discord.close();
  });
  beforeEach(async () => {
    discord.reset();
    lines = [];
    await setThresholds(QUIET);
  });

  it('exits 0 and sends nothing when there is no alert', async () => {
    // A busy test machine may reach 100 % CPU, above any threshold: wait for a calm sample.
    for (let tries = 0; tries < 20 && (await api.get('/alerts', { token: admin })).body.total_alerts > 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await run()).toBe(0);
    expect(discord.requests).toHaveLength(0);
    expect(lines).toEqual([{ line: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ healthcheck-monitor ok: no alert to send \(0 alert\(s\) from the API\)$/), failed: false }]);
  });

  it('posts the alerts of GET /alerts to the webhook and exits 0', async () => {
    await setThresholds(DISK_CRITICAL);
    expect(await run()).toBe(0);
    expect(discord.requests).toHaveLength(1);
    const [request] = discord.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/v10/webhooks/77/monitor-token-0123456789', query: { wait: 'true' } });
    expect(request.body).toMatchObject({ username: 'Monitoring Bot', content: `🚨 ALERTE MONITORING - ${hostname}` });
    // every alert of /alerts at that moment (the CPU may join the disk on a busy machine)
    const titles: string[] = request.body.embeds.map((e: any) => e.title);
    expect(titles).toContain('⚠️ DISK - CRITICAL');
    titles.forEach((title) => expect(title).toMatch(/^⚠️ (CPU|MEMORY|DISK) - (WARNING|CRITICAL)$/));
    expect(lines[0].line).toMatch(new RegExp(`ok: ${titles.length} alert\\(s\\) sent`));
    expect(request.body.embeds.find((e: any) => e.title === '⚠️ DISK - CRITICAL').fields[1]).toEqual({ name: 'Seuil', value: '1%', inline: true });
    expect(lines).toHaveLength(1);
    expect(lines[0].line).toMatch(/ok: \d alert\(s\) sent to http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/77\/moni… \(.*DISK critical/);
    expect(lines[0].line).not.toContain('monitor-token-0123456789');
  });

  it('works with MONITOR_TOKEN instead of a password', async () => {
    await setThresholds(DISK_CRITICAL);
    expect(await run({ MONITOR_USERNAME: undefined, MONITOR_PASSWORD: undefined, MONITOR_TOKEN: admin })).toBe(0);
    expect(discord.requests).toHaveLength(1);
  });

  it('honours MONITOR_NOTIFY_ON', async () => {
    await setThresholds({ disk: { warning: 0, critical: 99 } });
    expect(await run({ MONITOR_NOTIFY_ON: 'critical' })).toBe(0);
    expect(discord.requests).toHaveLength(0);
  });

  it('exits 1 when Discord refuses the message, without printing the token', async () => {
    await setThresholds(DISK_CRITICAL);
    discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    expect(await run()).toBe(1);
    expect(discord.requests).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].failed).toBe(true);
    expect(lines[0].line).toMatch(/error: Discord delivery to .* failed: Discord answered 404: Unknown Webhook/);
    expect(lines[0].line).not.toContain('monitor-token-0123456789');
  });

  it('retries a 429 and a 500 like the application does', async () => {
    await setThresholds(DISK_CRITICAL);
    discord.answerNext({ status: 429, body: { retry_after: 0.2, global: false } }, { status: 500 });
    expect(await run()).toBe(0);
    expect(discord.requests).toHaveLength(3);
  });

  it.each([
    ['a refused login', { MONITOR_PASSWORD: 'wrong-password' }, /API http:\/\/127\.0\.0\.1:\d+: login refused \(401/],
    ['an unreachable API', { MONITOR_API_URL: 'closed-port' }, /API http:\/\/127\.0\.0\.1:\d+: \/login unreachable \(ECONNREFUSED\)/],
    ['no token for a protected API', { MONITOR_USERNAME: undefined, MONITOR_PASSWORD: undefined }, /GET \/alerts answered 401/],
    ['a missing webhook URL', { DISCORD_WEBHOOK_URL: undefined }, /configuration: DISCORD_WEBHOOK_URL is not set/],
    ['a webhook on another host', { DISCORD_WEBHOOK_URL: 'https://example.com/api/webhooks/1/abc' }, /configuration: DISCORD_WEBHOOK_URL refused/],
    ['a username without password', { MONITOR_PASSWORD: undefined }, /configuration: MONITOR_USERNAME and MONITOR_PASSWORD/],
    ['a bad API URL', { MONITOR_API_URL: 'not a url' }, /configuration: MONITOR_API_URL/],
    ['a bad level list', { MONITOR_NOTIFY_ON: 'info' }, /configuration: MONITOR_NOTIFY_ON/],
  ])('exits 2 on %s', async (_name, given, message) => {
    let overrides: Record<string, string | undefined> = given;
    await setThresholds(DISK_CRITICAL);
    if (overrides.MONITOR_API_URL === 'closed-port') {
      const closed = await FakeDiscord.start();
      await closed.close();
      overrides = { ...overrides, MONITOR_API_URL: `http://127.0.0.1:${closed.port}` };
    }
    expect(await run(overrides)).toBe(2);
    expect(discord.requests).toHaveLength(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({ line: expect.stringMatching(message), failed: true });
  });

  describe('compiled, as crontab runs it', () => {
    let outDir: string;
    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'healthcheck-monitor-'));
      execFileSync(
        process.execPath,
        [
          require.resolve('typescript/bin/tsc'),
          join(__dirname, '..', 'src', 'monitor.ts'),
          ...['--outDir', outDir, '--rootDir', join(__dirname, '..', 'src'), '--target', 'ES2022', '--module', 'commonjs'],
          ...['--esModuleInterop', '--skipLibCheck', '--types', 'node'],
        ],
        { stdio: 'pipe' },
      );
    }, 60_000);
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));

    const spawnMonitor = (extra: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(outDir, 'monitor.js')], { env: { PATH: process.env.PATH ?? '', ...env, ...extra } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    it('prints one line and exits 0 after sending, 1 when Discord refuses, 2 on a configuration error', async () => {
      await setThresholds(DISK_CRITICAL);
      const sent = await spawnMonitor({});
      expect(sent).toEqual({ code: 0, stdout: expect.stringMatching(/^\S+ healthcheck-monitor ok: \d alert\(s\) sent to .*\n$/), stderr: '' });
      expect(discord.requests).toHaveLength(1);

      discord.answerNext({ status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } });
      const refused = await spawnMonitor({});
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^\S+ healthcheck-monitor error: Discord delivery .* failed: Discord answered 401: Invalid Webhook Token.*\n$/);
      expect(refused.stdout).toBe('');

      const misconfigured = await spawnMonitor({ DISCORD_WEBHOOK_URL: '' });
      expect(misconfigured.code).toBe(2);
      expect(misconfigured.stderr.trim().split('\n')).toHaveLength(1);
    }, 30_000);
  });
});
