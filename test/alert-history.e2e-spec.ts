import { AlertHistoryService } from '../src/alerts/alert-history.service';
import { AlertEpisode } from '../src/alerts/entities/alert-episode.entity';
import { UnitOfWork } from '../src/database/unit-of-work';
import { FakeDiscord, RecordedRequest } from './support/fake-discord';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 } };
const DISK_WARNING = { disk: { warning: 0, critical: 99 } };
const DISK_CRITICAL = { disk: { warning: 0, critical: 1 } };
const DISK_CLEAR = { disk: { warning: 98, critical: 99 } };
const NEVER = '0 0 1 1 *';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function put(api: TestApp, admin: string, body: object): Promise<void> {
  const answer = await api.put('/config/thresholds', body, { token: admin });
  if (answer.status !== 200) throw new Error(`PUT /config/thresholds: ${answer.status} ${answer.text}`);
}

describe('alert history (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let viewer: string;
  const history = async (query = '') => api.get(`/alerts/history${query}`, { token: viewer });
  const written = () => api.app.get(AlertHistoryService).idle();

  beforeAll(async () => {
    api = await TestApp.start({ ALERT_HISTORY_MIN_SECONDS: '0' });
    admin = await api.adminToken();
    viewer = await api.userToken('hist.viewer', 'viewer', admin);
    await put(api, admin, { ...QUIET, ...DISK_CLEAR });
  });
  afterAll(() => api.close());

  it('stores an episode on its transitions: opened, level change, resolved (highest level, peak, duration)', async () => {
    const t0 = Date.now();
    await put(api, admin, DISK_WARNING);
    await written();
    let answer = await history('?type=DISK');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      episodes: [
        {
          id: expect.any(Number),
          type: 'DISK',
          mount: '/',
          level: 'warning',
          opened_at: expect.stringMatching(ISO_SECONDS),
          resolved_at: null,
          duration_seconds: expect.any(Number),
          peak_value: expect.any(Number),
          threshold: 0,
          silenced: false,
        },
      ],
      next_before: null,
    });
    const id = answer.body.episodes[0].id;
    await put(api, admin, DISK_CRITICAL);
    await sleep(1100);
    await put(api, admin, DISK_CLEAR);
    await written();
    answer = await history('?type=DISK');
    const [episode] = answer.body.episodes;
    expect(episode).toMatchObject({ id, type: 'DISK', mount: '/', level: 'critical', threshold: 1, silenced: false, resolved_at: expect.stringMatching(ISO_SECONDS) });
    expect(episode.duration_seconds).toBe((Date.parse(episode.resolved_at) - Date.parse(episode.opened_at)) / 1000);
    expect(Date.parse(episode.opened_at)).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);
    // written on transitions only: one row however many samples went by
    const rows = await api.app.get(AlertHistoryService)['repository'].count({ where: { type: 'DISK' } });
    expect(rows).toBe(1);
  });

  it('filters by type, since and until, pages with limit and before; 400 on bad parameters', async () => {
    for (let i = 0; i < 2; i += 1) {
      await put(api, admin, DISK_WARNING);
      await put(api, admin, DISK_CLEAR);
    }
    await written();
    // (a busy machine may add CPU episodes: DISK ones are the test's)
    const all = (await history('?type=DISK')).body.episodes;
    expect(all.length).toBe(3);
    expect(all.every((e: { type: string }) => e.type === 'DISK')).toBe(true);
    expect(all.map((e: { id: number }) => e.id)).toEqual([...all.map((e: { id: number }) => e.id)].sort((a, b) => b - a));
    const first = await history('?type=DISK&limit=2');
    expect(first.body.episodes).toEqual(all.slice(0, 2));
    expect(first.body.next_before).toBe(all[1].id);
    const second = await history(`?type=DISK&limit=2&before=${first.body.next_before}`);
    expect(second.body).toMatchObject({ episodes: all.slice(2), next_before: null });
    expect((await history('?type=MEMORY')).body.episodes).toEqual([]);
    expect((await history(`?type=DISK&since=${new Date(Date.now() + 60_000).toISOString()}`)).body.episodes).toEqual([]);
    const justAfter = new Date(Date.parse(all[2].opened_at) + 1000).toISOString();
    expect((await history(`?type=DISK&until=${justAfter}`)).body.episodes.map((e: { id: number }) => e.id)).toContain(all[2].id);
    expect((await history('?until=2020-01-01T00:00:00Z')).body.episodes).toEqual([]);

    for (const query of ['?limit=0', '?limit=501', '?limit=x', '?before=0', '?before=abc', '?type=SWAP', '?since=yesterday', '?until=2025-13-01', '?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z', '?page=2']) {
      expectError(await history(query), 400, 'Requête invalide');
    }
    expectError(await api.get('/alerts/history'), 401);
  });

  it('an episode open at a shutdown is continued if the condition still holds, else closed at the restart time; old ones are pruned at start', async () => {
    await put(api, admin, DISK_WARNING);
    await written();
    const open = (await history('?type=DISK&limit=1')).body.episodes[0];
    expect(open.resolved_at).toBeNull();

    // still holds: the same episode goes on
    api = await api.restart();
    admin = await api.adminToken();
    viewer = await api.userToken('hist.viewer2', 'viewer', admin);
    await sleep(1500);
    const after = (await history('?type=DISK&limit=1')).body.episodes[0];
    expect(after).toMatchObject({ id: open.id, opened_at: open.opened_at, resolved_at: null });
    const alert = (await api.get('/alerts', { token: viewer })).body.alerts.find((a: { type: string }) => a.type === 'DISK');
    expect(alert.since).toBe(open.opened_at);

    // An episode resolved 91 days ago (ALERT_HISTORY_DAYS 90): deleted at the next start.
    const old = await api.app.get(UnitOfWork).run(async (manager) => {
      const day = 86_400_000;
      const row = { alertKey: 'CPU', type: 'CPU' as const, mount: null, level: 'warning' as const, currentLevel: 'warning' as const, peakValue: 75, threshold: 70, silenced: false };
      const result = await manager.insert(AlertEpisode, { ...row, openedAt: new Date(Date.now() - 92 * day), resolvedAt: new Date(Date.now() - 91 * day) });
      return result.identifiers[0].id as number;
    });
    expect((await history('?type=CPU&limit=500')).body.episodes.map((e: { id: number }) => e.id)).toContain(old);

    // The condition no longer holds after the restart (DISK_PATH now on /dev/shm, at 0 %, not above
    // its warning of 0): the episode is closed with the restart time.
    await api.close(false);
    const restartAt = Date.now();
    api = await TestApp.start({ ...api.env, DISK_PATH: '/dev/shm' }, api.dir);
    admin = await api.adminToken();
    viewer = admin;
    await sleep(1500);
    await written();
    const episodes = (await history('?limit=500')).body.episodes;
    const closed = episodes.find((e: { id: number }) => e.id === open.id);
    expect(closed.resolved_at).toEqual(expect.stringMatching(ISO_SECONDS));
    expect(Math.abs(Date.parse(closed.resolved_at) - restartAt)).toBeLessThan(5000);
    expect(episodes.find((e: { id: number }) => e.id === old)).toBeUndefined();
  });
});

describe('ALERT_HISTORY_MIN_SECONDS (e2e)', () => {
  it('by default (30 s) a short episode shows in /alerts while it lasts but is not stored', async () => {
    const api = await TestApp.start();
    try {
      const admin = await api.adminToken();
      await put(api, admin, { ...QUIET, ...DISK_WARNING });
      expect((await api.get('/alerts', { token: admin })).body.alerts.some((a: { type: string }) => a.type === 'DISK')).toBe(true);
      await sleep(1500);
      await put(api, admin, DISK_CLEAR);
      await api.app.get(AlertHistoryService).idle();
      expect((await api.get('/alerts/history?type=DISK', { token: admin })).body.episodes).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('refuses a bad value at start, naming the variable', async () => {
    await expect(TestApp.start({ ALERT_HISTORY_MIN_SECONDS: '-1' })).rejects.toThrow(/ALERT_HISTORY_MIN_SECONDS/);
    await expect(TestApp.start({ ALERT_HISTORY_DAYS: '0' })).rejects.toThrow(/ALERT_HISTORY_DAYS/);
  });
});

describe('Discord reads the engine; POST /config/discord/check (e2e)', () => {
  let discord: FakeDiscord;
  let api: TestApp;
  let admin: string;
  const check = async (token = admin) => api.post('/config/discord/check', undefined, { token });
  const diskEmbeds = (requests: RecordedRequest[]) =>
    requests.flatMap((request) => (request.body?.embeds ?? []) as Array<{ title: string; description: string; fields: any[] }>).filter((embed) => embed.title.includes('DISK'));

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER, ALERT_HISTORY_MIN_SECONDS: '0' });
    admin = await api.adminToken();
    await put(api, admin, { ...QUIET, ...DISK_CLEAR });
    // A loaded test machine may sit at 100 % CPU, above any threshold: CPU and memory are silenced so
    // that only the disk, driven by the test, reaches Discord.
    for (const type of ['CPU', 'MEMORY']) await api.post('/silences', { type, minutes: 60, reason: 'quiet test' }, { token: admin });
  });
  afterAll(async () => {
    await api.close();
    await discord.close();
  });

  it('answers why nothing was sent when no webhook is configured; admin only', async () => {
    const answer = await check();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      outcome: 'not-configured',
      message: 'Aucun webhook Discord configuré (POST /config/discord) : rien envoyé',
      sent: { alerts: [], resolved: [], between: [] },
      silenced: 0,
    });
    const tech = await api.userToken('check.tech', 'technicien', admin);
    expectError(await check(tech), 403, 'Accès refusé');
    expectError(await api.post('/config/discord/check'), 401);
  });

  it('sends a real alert now and says what it sent; a silence skips it; at its end the alert is new; résolu gives duration and peak', async () => {
    const saved = await api.post('/config/discord', { webhook_url: discord.webhookUrl(), enabled: true, notify_on: ['critical', 'warning'] }, { token: admin });
    expect(saved.status).toBe(200);
    await put(api, admin, DISK_WARNING);
    let answer = await check();
    expect(answer.body).toMatchObject({ outcome: 'sent', message: expect.stringMatching(/^Envoyé à Discord : 1 alerte, 0 résolution, 0 épisode entre deux vérifications( \(\d+ alertes? sous silence\))?$/) });
    expect(answer.body.sent.alerts.filter((a: { type: string }) => a.type === 'DISK')).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'DISK', level: 'warning', threshold: 0, message: expect.stringMatching(/^Disk usage is at [\d.]+%$/) })]));
    expect(diskEmbeds(discord.requests).map((embed) => embed.title)).toEqual(['⚠️ DISK - WARNING']);
    expect((await check()).body).toMatchObject({ outcome: 'nothing-to-send', sent: { alerts: [], resolved: [], between: [] } });

    // silenced: no escalation, no résolu, nothing at all
    const tech = await api.userToken('check.tech2', 'technicien', admin);
    const { body: silence } = await api.post('/silences', { type: 'DISK', minutes: 30, reason: 'disk swap' }, { token: tech });
    await put(api, admin, DISK_CRITICAL);
    answer = await check();
    expect(answer.body.silenced).toBeGreaterThanOrEqual(1);
    expect(answer.body.message).toMatch(/\(\d+ alertes? sous silence\)$/);
    expect(diskEmbeds(discord.requests)).toHaveLength(1);

    // the silence ends with the alert still open: notified as a new alert
    expect((await api.delete(`/silences/${silence.id}`, { token: tech })).status).toBe(200);
    answer = await check();
    expect(answer.body.outcome).toBe('sent');
    expect(diskEmbeds(discord.requests).map((embed) => embed.title)).toEqual(['⚠️ DISK - WARNING', '⚠️ DISK - CRITICAL']);

    // clears: résolu once, with how long it lasted and its peak
    await sleep(1100);
    await put(api, admin, DISK_CLEAR);
    answer = await check();
    expect(answer.body.sent.resolved.filter((item: { type: string }) => item.type === 'DISK')).toEqual([{ type: 'DISK', level: 'critical', now_level: null, value: expect.any(Number) }]);
    const resolved = diskEmbeds(discord.requests)[2];
    expect(resolved.title).toBe('✅ DISK - RÉSOLU');
    expect(resolved.fields.map((f: { name: string }) => f.name)).toEqual(['Valeur actuelle', 'Niveau notifié', 'Durée', 'Pic']);
    expect(resolved.fields[2].value).toMatch(/^\d+ (s|min \d{2} s|h \d{2} min)$/);
    expect(resolved.fields[3].value).toMatch(/^[\d.]+%$/);

    const audit = (await api.get('/audit?action=discord.check', { token: admin })).body.entries;
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(audit[0]).toMatchObject({ action: 'discord.check', username: 'admin', target: 'discord', outcome: 'success', details: { outcome: 'sent' } });
  });

  it('an episode that opened and closed between two checks is reported once in the next one', async () => {
    expect((await check()).body.outcome).toBe('nothing-to-send');
    const before = discord.requests.length;
    await put(api, admin, DISK_CRITICAL);
    await sleep(1100);
    await put(api, admin, DISK_CLEAR);
    await api.app.get(AlertHistoryService).idle();
    const answer = await check();
    expect(answer.body).toMatchObject({ outcome: 'sent', sent: { alerts: [], resolved: [] } });
    expect(answer.body.sent.between).toEqual([
      { type: 'DISK', level: 'critical', opened_at: expect.stringMatching(ISO_SECONDS), resolved_at: expect.stringMatching(ISO_SECONDS), peak: expect.any(Number) },
    ]);
    const request = discord.requests[before];
    expect(request.body.content).toMatch(/^🕘 ALERTES ENTRE DEUX VÉRIFICATIONS - /);
    expect(request.body.embeds).toEqual([
      expect.objectContaining({ title: 'Entre deux vérifications', description: expect.stringMatching(/^DISK CRITICAL \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z–\d{2}:\d{2}:\d{2}Z, pic [\d.]+%$/) }),
    ]);
    expect((await check()).body.outcome).toBe('nothing-to-send');
  });
});
