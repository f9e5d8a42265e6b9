import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { FakeDiscord } from './support/fake-discord';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

// CPU and memory are kept quiet (a busy test machine may spike them); the disk of DISK_PATH ('/'
// here) is driven through its thresholds, since its usage barely moves during a test.
const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 } };
const DISK_WARNING = { disk: { warning: 0, critical: 99 } };
const DISK_CLEAR = { disk: { warning: 98, critical: 99 } };

const until = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe('alert rules: for_minutes, clear_margin, every mount (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let viewer: string;
  const put = async (body: object) => {
    const answer = await api.put('/config/thresholds', body, { token: admin });
    if (answer.status !== 200) throw new Error(`PUT /config/thresholds: ${answer.status} ${answer.text}`);
    return answer.body;
  };
  const alerts = async () => (await api.get('/alerts', { token: viewer })).body;
  const diskAlerts = async () => (await alerts()).alerts.filter((alert: { type: string }) => alert.type === 'DISK');

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.adminToken();
    viewer = await api.userToken('rules.viewer', 'viewer', admin);
    await put(QUIET);
  });
  afterAll(() => api.close());
  afterEach(async () => {
    await put({ ...DISK_CLEAR, disk: { ...DISK_CLEAR.disk, for_minutes: 0, clear_margin: 0 }, ignored_mounts: [] });
  });

  it('GET/PUT take for_minutes and clear_margin per resource; a body without them keeps them', async () => {
    const answer = await put({ cpu: { warning: 97, critical: 99, for_minutes: 5, clear_margin: 2.5 } });
    expect(answer.thresholds.cpu).toEqual({ warning: 97, critical: 99, for_minutes: 5, clear_margin: 2.5 });
    expect((await put({ cpu: { warning: 99, critical: 100 } })).thresholds.cpu).toEqual({ warning: 99, critical: 100, for_minutes: 5, clear_margin: 2.5 });
    const got = await api.get('/config/thresholds', { token: viewer });
    expect(got.body.thresholds.cpu).toEqual({ warning: 99, critical: 100, for_minutes: 5, clear_margin: 2.5 });
    await put({ cpu: { warning: 99, critical: 100, for_minutes: 0, clear_margin: 0 } });
  });

  it('400 for out-of-range or malformed rules, mounts and lists, and nothing changes', async () => {
    const before = (await api.get('/config/thresholds', { token: viewer })).body.thresholds;
    const ok = { warning: 50, critical: 60 };
    const cases: [unknown, string][] = [
      [{ cpu: { ...ok, for_minutes: 61 } }, 'for_minutes doit être un entier entre 0 et 60'],
      [{ cpu: { ...ok, for_minutes: 1.5 } }, 'for_minutes doit être un entier entre 0 et 60'],
      [{ cpu: { ...ok, clear_margin: 51 } }, 'clear_margin doit être un nombre entre 0 et 50'],
      [{ cpu: { ...ok, clear_margin: -1 } }, 'clear_margin doit être un nombre entre 0 et 50'],
      [{ cpu: { ...ok, clear_margin: '2' } }, 'clear_margin doit être un nombre entre 0 et 50'],
      [{ disk_mounts: { var: ok } }, 'doit être un chemin absolu normalisé'],
      [{ disk_mounts: { '/var/': ok } }, 'doit être un chemin absolu normalisé'],
      [{ disk_mounts: { '/var/../etc': ok } }, 'doit être un chemin absolu normalisé'],
      [{ disk_mounts: { '/var': { warning: 60, critical: 60 } } }, "disk_mounts['/var']: warning (60) doit être strictement inférieur à critical (60)"],
      [{ disk_mounts: { '/var': { warning: 50 } } }, "disk_mounts['/var'].critical doit être un entier entre 0 et 100"],
      [{ disk_mounts: { '/var': { ...ok, for_minutes: 99 } } }, 'for_minutes doit être un entier entre 0 et 60'],
      [{ disk_mounts: { '/var': { ...ok, emergency: 1 } } }, "Le champ 'disk_mounts['/var'].emergency' n'est pas autorisé"],
      [{ disk_mounts: { '/var': 80 } }, 'doit être un objet {warning, critical} ou null'],
      [{ disk_mounts: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`/m${i}`, ok])) }, 'disk_mounts : au plus 50 points de montage'],
      [{ ignored_mounts: '/boot' }, "Le champ 'ignored_mounts' doit être une liste de points de montage"],
      [{ ignored_mounts: ['boot'] }, 'doit être un chemin absolu normalisé'],
      [{ ignored_mounts: [7] }, 'chaque point de montage doit être une chaîne'],
      [{ ignored_mounts: Array.from({ length: 51 }, (_, i) => `/m${i}`) }, 'ignored_mounts : au plus 50 points de montage'],
      [{ cpu: ok, disk_mounts: { '/var': { warning: 70, critical: 60 } } }, 'doit être strictement inférieur à critical'],
    ];
    for (const [body, message] of cases) {
      const answer = await api.put('/config/thresholds', body, { token: admin });
      expect({ body, status: answer.status, error: answer.body.error }).toEqual({ body, status: 400, error: 'Requête invalide' });
      expect({ body, message: answer.body.message }).toEqual({ body, message: expect.stringContaining(message) });
    }
    expect((await api.get('/config/thresholds', { token: viewer })).body.thresholds).toEqual(before);
  });

  it('disk_mounts and ignored_mounts are stored and returned; null removes an override', async () => {
    let answer = await put({ disk_mounts: { '/var': { warning: 85, critical: 95, for_minutes: 5 }, '/data': { warning: 10, critical: 20 } }, ignored_mounts: ['/boot/efi', '/mnt/backup'] });
    expect(answer.thresholds.disk_mounts).toEqual({ '/data': { warning: 10, critical: 20 }, '/var': { warning: 85, critical: 95, for_minutes: 5 } });
    expect(answer.thresholds.ignored_mounts).toEqual(['/boot/efi', '/mnt/backup']);
    answer = await put({ disk_mounts: { '/data': null } });
    expect(answer.thresholds.disk_mounts).toEqual({ '/var': { warning: 85, critical: 95, for_minutes: 5 } });
    expect(answer.thresholds.ignored_mounts).toEqual(['/boot/efi', '/mnt/backup']);
    const rows = await api.app.get(DataSource).query('SELECT mount, warning_level, critical_level, for_minutes, clear_margin FROM disk_mount_thresholds');
    expect(rows).toEqual([{ mount: '/var', warning_level: 85, critical_level: 95, for_minutes: 5, clear_margin: null }]);
    await put({ disk_mounts: { '/var': null }, ignored_mounts: [] });
    expect((await api.get('/config/thresholds', { token: viewer })).body.thresholds).toMatchObject({ disk_mounts: {}, ignored_mounts: [] });
  });

  it("DISK_PATH's mount: the alert has its mount and the spec's message word for word", async () => {
    await put(DISK_WARNING);
    const [disk] = await diskAlerts();
    expect(disk).toEqual({
      type: 'DISK',
      level: 'warning',
      message: `Disk usage is at ${disk.value}%`,
      value: expect.any(Number),
      threshold: 0,
      mount: '/',
      since: expect.stringMatching(ISO_SECONDS),
      peak: expect.any(Number),
      silenced: false,
      silence_id: null,
    });
    expect(disk.peak).toBeGreaterThanOrEqual(disk.value);
  });

  it('a per-mount override replaces the disk rule for that mount; an ignored mount never alerts', async () => {
    await put({ ...DISK_WARNING, disk_mounts: { '/': { warning: 98, critical: 99 } } });
    expect(await diskAlerts()).toEqual([]);
    await put({ disk_mounts: { '/': null } });
    expect(await diskAlerts()).toHaveLength(1);
    await put({ ignored_mounts: ['/'] });
    expect(await diskAlerts()).toEqual([]);
  });

  it('for_minutes: the mean must hold for the whole window; meanwhile the alert is pending, not counted', async () => {
    await put({ disk: { warning: 0, critical: 99, for_minutes: 1 } });
    const body = await alerts();
    expect(body.alerts.filter((alert: { type: string }) => alert.type === 'DISK')).toEqual([]);
    expect(body.total_alerts).toBe(body.alerts.length);
    expect(body.pending).toEqual([
      { type: 'DISK', level: 'warning', mount: '/', value: expect.any(Number), threshold: 0, since: expect.stringMatching(ISO_SECONDS), for_minutes: 1 },
    ]);
  });

  it('clear_margin: an open alert stays open until the value is at or below threshold − margin', async () => {
    await put(DISK_WARNING);
    const [open] = await diskAlerts();
    const above = Math.floor(open.value) + 1;
    // Above the value now, but within the margin: the warning stays open, with the new threshold.
    await put({ disk: { warning: above, critical: 99, clear_margin: 5 } });
    expect(await diskAlerts()).toEqual([expect.objectContaining({ level: 'warning', threshold: above, since: open.since })]);
    // Without the margin it resolves at once; and it does not open again (the value is not above).
    await put({ disk: { warning: above, critical: 99, clear_margin: 0 } });
    expect(await diskAlerts()).toEqual([]);
    await put({ disk: { warning: above, critical: 99, clear_margin: 5 } });
    expect(await diskAlerts()).toEqual([]);
  });
});

describe('silences (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let viewer: string;
  let tech: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.adminToken();
    viewer = await api.userToken('sil.viewer', 'viewer', admin);
    tech = await api.userToken('sil.tech', 'technicien', admin);
    await api.put('/config/thresholds', { ...QUIET, ...DISK_WARNING }, { token: admin });
  });
  afterAll(() => api.close());

  it('POST (technicien, admin) answers 201 with the silence; viewer 403, no token 401', async () => {
    const before = Date.now();
    const created = await api.post('/silences', { type: 'CPU', minutes: 60, reason: 'Mise à jour du noyau' }, { token: tech });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      type: 'CPU',
      mount: null,
      starts_at: expect.stringMatching(ISO_SECONDS),
      ends_at: expect.stringMatching(ISO_SECONDS),
      reason: 'Mise à jour du noyau',
      created_by: 'sil.tech',
    });
    const span = Date.parse(created.body.ends_at) - Date.parse(created.body.starts_at);
    expect(Math.abs(span - 3_600_000)).toBeLessThanOrEqual(1000);
    expect(Date.parse(created.body.starts_at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const endsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const byAdmin = await api.post('/silences', { type: '*', ends_at: endsAt, reason: 'Maintenance' }, { token: admin });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ type: '*', created_by: 'admin', ends_at: endsAt.slice(0, 19) + 'Z' });
    expect((await api.post('/silences', { type: 'CPU', minutes: 5, reason: 'x' }, { token: viewer })).body).toEqual({
      error: 'Accès refusé',
      message: "Permission 'execute' requise pour cette action",
    });
    expectError(await api.post('/silences', { type: 'CPU', minutes: 5, reason: 'x' }), 401);
    // GET (any token) lists both; DELETE ends them
    const list = await api.get('/silences', { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), silences: [created.body, byAdmin.body], total: 2 });
    for (const id of [created.body.id, byAdmin.body.id]) expect((await api.delete(`/silences/${id}`, { token: admin })).status).toBe(200);
    expect((await api.get('/silences', { token: viewer })).body.silences).toEqual([]);
  });

  it('400 for every bad body', async () => {
    const inAWeek = new Date(Date.now() + 7 * 86_400_000 + 60_000).toISOString();
    const cases: [unknown, string][] = [
      [{ type: 'CPU', minutes: 5 }, 'reason est obligatoire'],
      [{ type: 'CPU', minutes: 5, reason: '   ' }, 'reason est obligatoire'],
      [{ type: 'CPU', minutes: 5, reason: 'x'.repeat(201) }, 'reason est obligatoire (1 à 200 caractères)'],
      [{ type: 'SWAP', minutes: 5, reason: 'x' }, "type doit valoir l'une de : CPU, MEMORY, DISK, *"],
      [{ type: 'CPU', reason: 'x' }, 'Indiquez soit minutes (1 à 10080), soit ends_at'],
      [{ type: 'CPU', minutes: 5, ends_at: inAWeek, reason: 'x' }, 'Indiquez soit minutes (1 à 10080), soit ends_at'],
      [{ type: 'CPU', minutes: 0, reason: 'x' }, 'minutes doit être un entier entre 1 et 10080'],
      [{ type: 'CPU', minutes: 10081, reason: 'x' }, 'minutes doit être un entier entre 1 et 10080'],
      [{ type: 'CPU', minutes: 1.5, reason: 'x' }, 'minutes doit être un entier entre 1 et 10080'],
      [{ type: 'CPU', ends_at: '2020-01-01T00:00:00Z', reason: 'x' }, 'ends_at doit être dans le futur'],
      [{ type: 'CPU', ends_at: inAWeek, reason: 'x' }, 'ends_at doit être dans les 7 jours'],
      [{ type: 'CPU', ends_at: 'tomorrow', reason: 'x' }, 'ends_at doit être une date ISO 8601'],
      [{ type: 'CPU', mount: '/var', minutes: 5, reason: 'x' }, 'mount ne va qu’avec type DISK'],
      [{ type: 'DISK', mount: 'var', minutes: 5, reason: 'x' }, 'doit être un chemin absolu normalisé'],
      [{ type: 'DISK', minutes: 5, reason: 'x', by: 'me' }, "Le champ 'by' n'est pas autorisé"],
    ];
    for (const [body, message] of cases) {
      const answer = await api.post('/silences', body, { token: tech });
      expect({ body, status: answer.status, error: answer.body.error }).toEqual({ body, status: 400, error: 'Requête invalide' });
      expect({ body, message: answer.body.message }).toEqual({ body, message: expect.stringContaining(message) });
    }
    expect((await api.get('/silences', { token: viewer })).body.total).toBe(0);
  });

  it('DELETE: 200 ends it now, 409 when already over, 404 unknown, 400 bad id, 403 viewer', async () => {
    const { body: silence } = await api.post('/silences', { type: 'MEMORY', minutes: 30, reason: 'swap' }, { token: tech });
    expect((await api.delete(`/silences/${silence.id}`, { token: viewer })).status).toBe(403);
    const ended = await api.delete(`/silences/${silence.id}`, { token: tech });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ message: 'Silence terminé', silence: { ...silence, ends_at: expect.stringMatching(ISO_SECONDS) } });
    expect(Date.parse(ended.body.silence.ends_at)).toBeLessThanOrEqual(Date.now());
    expectError(await api.delete(`/silences/${silence.id}`, { token: tech }), 409, 'Conflit');
    expectError(await api.delete('/silences/999999', { token: tech }), 404);
    expectError(await api.delete('/silences/abc', { token: tech }), 400);
  });

  it('a silenced alert stays in /alerts with silenced and silence_id; /metrics says so; audited; kept across a restart', async () => {
    const { body: silence } = await api.post('/silences', { type: 'DISK', mount: '/', minutes: 60, reason: 'RAID rebuild' }, { token: tech });
    const disk = (await api.get('/alerts', { token: viewer })).body.alerts.find((alert: { type: string }) => alert.type === 'DISK');
    expect(disk).toMatchObject({ type: 'DISK', mount: '/', silenced: true, silence_id: silence.id });
    const metrics = (await api.get('/metrics', { token: viewer })).text;
    expect(metrics).toContain('healthcheck_alert_silenced{type="DISK",mount="/"} 1');
    expect(metrics).toMatch(/healthcheck_alert_active\{type="DISK",level="warning",mount="\/"\} 1/);

    const audit = (await api.get('/audit?limit=50', { token: admin })).body.entries as Array<{ action: string; username: string; outcome: string }>;
    expect(audit.filter((entry) => entry.action === 'silence.create').length).toBeGreaterThanOrEqual(3);
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'silence.create', username: 'sil.tech', outcome: 'success' }),
      expect.objectContaining({ action: 'silence.create', username: 'sil.tech', outcome: 'failure' }),
      expect.objectContaining({ action: 'silence.delete', username: 'sil.tech', outcome: 'success' }),
    ]));

    api = await api.restart();
    const listed = (await api.get('/silences', { token: await api.adminToken() })).body.silences;
    expect(listed).toEqual([silence]);
    const again = await until(
      async () => (await api.get('/alerts', { token: await api.adminToken() })).body.alerts.find((alert: { type: string }) => alert.type === 'DISK'),
      (alert) => alert !== undefined,
    );
    expect(again).toMatchObject({ silenced: true, silence_id: silence.id });
  });
});

// DISK_PATH on a pseudo file system (tmpfs /dev/shm, on every Linux): it stays the primary disk, and
// the real root file system becomes "another mount" — the every-mount path, on any machine.
const describeWithShm = existsSync('/dev/shm') ? describe : describe.skip;

describeWithShm('every mount: DISK_PATH=/dev/shm, the root file system is another mount (e2e)', () => {
  let api: TestApp;
  let admin: string;
  const disks = async () =>
    (await api.get('/alerts', { token: admin })).body.alerts.filter((alert: { type: string }) => alert.type === 'DISK') as Array<Record<string, unknown>>;

  beforeAll(async () => {
    api = await TestApp.start({ DISK_PATH: '/dev/shm', DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: '0 0 1 1 *' });
    admin = await api.adminToken();
    await api.put('/config/thresholds', { ...QUIET, disk: { warning: 0, critical: 99 } }, { token: admin });
  });
  afterAll(() => api.close());

  it("alerts on '/' with its mount and ' on /' at the end of the message, beside DISK_PATH's own", async () => {
    const found = await until(disks, (list) => list.some((alert) => alert.mount === '/'));
    const root = found.find((alert) => alert.mount === '/')!;
    expect(root).toMatchObject({ type: 'DISK', level: 'warning', threshold: 0, message: `Disk usage is at ${root.value}% on /` });
    // /dev/shm is DISK_PATH's mount: listed with the spec's words when above 0 %, never with " on "
    for (const alert of found.filter((entry) => entry.mount !== '/')) expect(alert).toMatchObject({ mount: '/dev/shm', message: `Disk usage is at ${alert.value}%` });
  });

  it("a per-mount override and an ignored mount apply to '/', and /metrics has its series", async () => {
    const metrics = (await api.get('/metrics', { token: admin })).text;
    expect(metrics).toMatch(/healthcheck_alert_active\{type="DISK",level="warning",mount="\/"\} 1/);
    await api.put('/config/thresholds', { disk_mounts: { '/': { warning: 0, critical: 1 } } }, { token: admin });
    expect((await disks()).find((alert) => alert.mount === '/')).toMatchObject({ level: 'critical', threshold: 1 });
    await api.put('/config/thresholds', { ignored_mounts: ['/'] }, { token: admin });
    expect((await disks()).find((alert) => alert.mount === '/')).toBeUndefined();
    await api.put('/config/thresholds', { ignored_mounts: [], disk_mounts: { '/': null } }, { token: admin });
  });

  it("Discord names the mount: '⚠️ DISK / - WARNING', then '✅ DISK / - RÉSOLU' when it is ignored", async () => {
    const discord = await FakeDiscord.start();
    try {
      await until(disks, (list) => list.some((alert) => alert.mount === '/'));
      for (const type of ['CPU', 'MEMORY']) await api.post('/silences', { type, minutes: 60, reason: 'quiet test' }, { token: admin });
      await api.post('/config/discord', { webhook_url: discord.webhookUrl(), enabled: true, notify_on: ['critical', 'warning'] }, { token: admin });
      const sent = await api.post('/config/discord/check', undefined, { token: admin });
      expect(sent.body.sent.alerts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'DISK', mount: '/', level: 'warning' })]));
      const titles = () => discord.requests.flatMap((request) => request.body.embeds.map((embed: { title: string }) => embed.title));
      expect(titles()).toContain('⚠️ DISK / - WARNING');
      // what Discord was told is kept per mount
      expect((await api.get('/config/discord', { token: admin })).body.notifications).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'DISK:/', notified_level: 'warning' })]),
      );
      await api.put('/config/thresholds', { ignored_mounts: ['/'] }, { token: admin });
      const resolved = await api.post('/config/discord/check', undefined, { token: admin });
      expect(resolved.body.sent.resolved).toEqual([{ type: 'DISK', mount: '/', level: 'warning', now_level: null, value: expect.any(Number) }]);
      const embed = discord.requests.at(-1)!.body.embeds.find((entry: { title: string }) => entry.title === '✅ DISK / - RÉSOLU');
      expect(embed.description).toMatch(/^Disk usage is at [\d.]+% on \/: the warning alert is resolved$/);
    } finally {
      await api.put('/config/thresholds', { ignored_mounts: [] }, { token: admin });
      await discord.close();
    }
  });
});

