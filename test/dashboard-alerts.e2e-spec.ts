import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import { axeViolations, CHROMIUM, describeViolations, DESKTOP, HAS_CHROMIUM, pageFits, PHONE, SCREENSHOTS, WAIT_MS } from './support/browser';
import { TEST_ADMIN_PASSWORD, TestApp } from './support/test-app';

/**
 * The dashboard's alerting pages in Chromium, against the real app: the thresholds editor
 * (for_minutes, clear_margin, per-mount overrides, ignored mounts), silences (create with a preset
 * or a custom duration, list, end; read-only for a viewer), the alert history (filter, paging) and
 * the overview's silenced and pending marks. See dashboard.e2e-spec.ts for the rest of the dashboard.
 */
jest.setTimeout(240_000);

if (!HAS_CHROMIUM && process.env.CI) {
  describe('dashboard alerting pages in a browser', () => {
    it('needs Chromium in CI', () => {
      throw new Error(`${CHROMIUM} is missing: CI must run the browser test (.ci/run installs the chromium package)`);
    });
  });
}

const TECH = 'lea.tech';
const VIEWER = 'noe.viewer';
const NORMAL = {
  cpu: { warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 },
  memory: { warning: 70, critical: 85, for_minutes: 0, clear_margin: 0 },
  disk: { warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 },
};
/** CPU and memory out of reach, every disk in use above 1 %: DISK critical alerts, whatever the machine. */
const DISK_ALERTS = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 }, disk: { warning: 0, critical: 1, for_minutes: 0, clear_margin: 0 } };

(HAS_CHROMIUM ? describe : describe.skip)('dashboard alerting pages in a browser (e2e)', () => {
  let api: TestApp;
  let browser: Browser;
  let adminToken: string;
  let techToken: string;
  let viewerToken: string;
  let admin: Page;
  let tech: Page;
  let viewer: Page;
  /** The mount of DISK_PATH (`/` here), as /disk lists it. */
  let rootMount: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      // Chromium logs every 4xx answer: the test asks for those (the 400s shown in the API's words).
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    return page;
  }

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${api.url}/`);
    const form = page.locator('[data-test=login-form]');
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await page.locator('[data-test=nav]').waitFor();
  }

  const worded = (body: { error: string; message: string }) => `${body.error} : ${body.message}`;
  /** A date as the page writes it: French, 24-hour (the browser's own formatting, in its time zone). */
  const french = (page: Page, iso: string) => page.evaluate((value) => new Date(value).toLocaleString('fr-FR'), iso);
  const thresholds = async () => (await api.get('/config/thresholds', { token: adminToken })).body.thresholds;
  const put = async (body: unknown) => expect((await api.put('/config/thresholds', body, { token: adminToken })).status).toBe(200);

  /** Polls the API until `check` holds (the engine writes episodes on its own schedule). */
  async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await read();
      if (check(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    const web = require('../web/build.js');
    if (web.webIsStale()) await web.buildWeb();
    await require('esbuild').stop();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Every episode is stored, however short: the history fills as fast as the test changes thresholds.
    api = await TestApp.start({ ALERT_HISTORY_MIN_SECONDS: '0' });
    adminToken = await api.adminToken();
    techToken = await api.userToken(TECH, 'technicien', adminToken);
    viewerToken = await api.userToken(VIEWER, 'viewer', adminToken);
    rootMount = (await api.get('/disk', { token: adminToken })).body.mounts[0].mount;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    admin = await newPage();
    tech = await newPage();
    viewer = await newPage();
    await logIn(admin, 'admin', TEST_ADMIN_PASSWORD);
    await logIn(tech, TECH, `Final-${TECH}-1`);
    await logIn(viewer, VIEWER, `Final-${VIEWER}-1`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await api?.close();
  });

  it('puts the new pages in the menu: history and silences for every role', async () => {
    const links = (page: Page) => page.locator('[data-test=nav] a').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-nav')}:${item.textContent}`));
    expect(await links(viewer)).toEqual(['overview:Vue d’ensemble', 'history:Historique', 'silences:Silences', 'fleet:Flotte']);
    expect(await links(tech)).toEqual(['overview:Vue d’ensemble', 'history:Historique', 'silences:Silences', 'fleet:Flotte', 'commands:Commandes']);
    expect((await links(admin)).map((link) => link.split(':')[0])).toEqual(['overview', 'history', 'silences', 'fleet', 'commands', 'users', 'thresholds', 'discord']);
  });

  it('edits for_minutes and clear_margin, shows a refusal in the API’s words', async () => {
    await admin.goto(`${api.url}/#/thresholds`);
    const form = admin.locator('[data-test=thresholds-form]');
    await admin.waitForFunction(() => (globalThis as any).document.querySelector('input[name=cpu-for_minutes]')?.value === '0');
    await form.locator('input[name=cpu-for_minutes]').fill('5');
    await form.locator('input[name=cpu-clear_margin]').fill('2.5');
    await form.locator('input[name=memory-clear_margin]').fill('3');
    await form.locator('button[type=submit]').click();
    const card = admin.locator('section.card', { has: form });
    await expect(card.locator('[data-test=success]').textContent()).resolves.toBe('Seuils mis à jour avec succès');
    const saved = await thresholds();
    expect(saved.cpu).toEqual({ warning: 70, critical: 90, for_minutes: 5, clear_margin: 2.5 });
    expect(saved.memory).toEqual({ warning: 70, critical: 85, for_minutes: 0, clear_margin: 3 });
    expect(saved.disk).toEqual(NORMAL.disk);

    await form.locator('input[name=cpu-for_minutes]').fill('61');
    await form.locator('button[type=submit]').click();
    const refused = await api.put('/config/thresholds', { ...saved, disk_mounts: undefined, ignored_mounts: undefined, cpu: { ...saved.cpu, for_minutes: 61 } }, { token: adminToken });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('for_minutes');
    await expect(card.locator('[data-test=error]').textContent()).resolves.toContain(worded(refused.body));
    expect((await thresholds()).cpu.for_minutes).toBe(5);
  });

  it('adds, edits and removes a per-mount override, and ignores a mount, as GET /config/thresholds then says', async () => {
    const overrides = admin.locator('[data-test=overrides]');
    // The mounts of /disk are listed, with the rule each follows, and offered as suggestions.
    await expect(admin.locator(`[data-test="seen-${rootMount}"] td`).last().textContent()).resolves.toBe('Disque 80 / 90 %');
    expect(await admin.locator(`datalist#seen-mounts option[value="${rootMount}"]`).count()).toBe(1);
    await overrides.locator('[data-test=no-override]').waitFor();

    const add = admin.locator('[data-test=override-add]');
    await add.locator('input[name=mount]').fill(rootMount);
    await add.locator('input[name=new-mount-warning]').fill('85');
    await add.locator('input[name=new-mount-critical]').fill('95');
    await add.locator('input[name=new-mount-for_minutes]').fill('3');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    await expect(overrides.locator('[data-test=success]').textContent()).resolves.toBe(`Seuils mis à jour avec succès : surcharge de ${rootMount}`);
    expect((await thresholds()).disk_mounts).toEqual({ [rootMount]: { warning: 85, critical: 95, for_minutes: 3 } });
    await admin.locator(`[data-test="seen-${rootMount}"] td`, { hasText: 'surcharge 85 / 95 %' }).waitFor();

    // Edited in its row; an empty clear_margin follows the disk rule, a filled one is the mount's.
    const row = admin.locator(`[data-test="override-${rootMount}"]`);
    expect(await row.locator(`input[name="mount:${rootMount}-clear_margin"]`).getAttribute('placeholder')).toBe('0');
    await row.locator(`input[name="mount:${rootMount}-critical"]`).fill('97');
    await row.locator(`input[name="mount:${rootMount}-clear_margin"]`).fill('1.5');
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await overrides.locator('[data-test=success]', { hasText: 'surcharge de' }).waitFor();
    await until(thresholds, (value) => value.disk_mounts[rootMount]?.critical === 97);
    expect((await thresholds()).disk_mounts).toEqual({ [rootMount]: { warning: 85, critical: 97, for_minutes: 3, clear_margin: 1.5 } });

    // A relative path: the API's 400, in its words, and nothing changed.
    await add.locator('input[name=mount]').fill('var');
    await add.locator('input[name=new-mount-warning]').fill('50');
    await add.locator('input[name=new-mount-critical]').fill('60');
    await add.getByRole('button', { name: 'Ajouter' }).click();
    const refused = await api.put('/config/thresholds', { disk_mounts: { var: { warning: 50, critical: 60 } } }, { token: adminToken });
    expect(refused.status).toBe(400);
    await expect(overrides.locator('[data-test=error]').textContent()).resolves.toBe(worded(refused.body));
    expect(Object.keys((await thresholds()).disk_mounts)).toEqual([rootMount]);

    await admin.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await admin.screenshot({ path: join(SCREENSHOTS, 'thresholds.png'), fullPage: true });

    await row.getByRole('button', { name: 'Retirer' }).click();
    await overrides.locator('[data-test=no-override]').waitFor();
    expect((await thresholds()).disk_mounts).toEqual({});

    // Ignored mounts: added (the list replaces the stored one), shown, removed.
    const ignored = admin.locator('[data-test=ignored]');
    const ignore = admin.locator('[data-test=ignored-add]');
    await ignore.locator('input[name=ignored]').fill('/boot/efi');
    await ignore.getByRole('button', { name: 'Ignorer' }).click();
    await ignored.locator('[data-test="ignored-/boot/efi"]').waitFor();
    await ignore.locator('input[name=ignored]').fill(rootMount);
    await ignore.getByRole('button', { name: 'Ignorer' }).click();
    await admin.locator(`[data-test="seen-${rootMount}"] td`, { hasText: 'ignoré' }).waitFor();
    expect((await thresholds()).ignored_mounts).toEqual(['/boot/efi', rootMount].sort());
    await ignored.getByRole('button', { name: `Ne plus ignorer ${rootMount}`, exact: true }).click();
    await ignored.locator(`[data-test="ignored-${rootMount}"]`).waitFor({ state: 'detached' });
    await ignored.getByRole('button', { name: 'Ne plus ignorer /boot/efi', exact: true }).click();
    await ignored.locator('[data-test=no-ignored]').waitFor();
    expect((await thresholds()).ignored_mounts).toEqual([]);
    await put(NORMAL);
  });

  it('shows a pending alert apart from the open ones on the overview', async () => {
    // Memory above 1 %, averaged over 60 minutes: pending for the hour to come, never an alert yet.
    await put({ ...NORMAL, memory: { warning: 1, critical: 100, for_minutes: 60, clear_margin: 0 } });
    const { body } = await api.get('/alerts', { token: viewerToken });
    expect(body.pending).toEqual([expect.objectContaining({ type: 'MEMORY', level: 'warning', threshold: 1, for_minutes: 60 })]);
    expect(body.alerts.map((alert: { type: string }) => alert.type)).not.toContain('MEMORY');
    await viewer.goto(`${api.url}/#/overview`);
    const pending = viewer.locator('[data-test=pending] [data-test=pending-MEMORY]');
    await expect(pending.textContent()).resolves.toMatch(/^MEMORY · warning en attente moyenne [\d.]+ % au-dessus du seuil 1 % depuis ([01]\d|2[0-3]):[0-5]\d ; s’ouvrira quand la fenêtre de 60 min sera couverte$/);
    expect(await viewer.locator('[data-test=alerts] [data-test=alert-MEMORY]').count()).toBe(0);
    await put(NORMAL);
    await pending.waitFor({ state: 'detached' });
  });

  it('creates a silence with a preset and a reason, lists it, marks the alert on the overview, ends it', async () => {
    await put(DISK_ALERTS);
    await tech.goto(`${api.url}/#/silences`);
    await tech.locator('[data-test=no-silence]').waitFor();
    const form = tech.locator('[data-test=silence-create]');
    const card = tech.locator('section.card', { has: form });

    // No reason: the API's 400, in its words.
    await form.locator('select[name=type]').selectOption('DISK');
    await form.getByRole('button', { name: 'Créer le silence' }).click();
    const refused = await api.post('/silences', { type: 'DISK', minutes: 60, reason: '' }, { token: techToken });
    expect(refused.status).toBe(400);
    await expect(card.locator('[data-test=error]').textContent()).resolves.toBe(worded(refused.body));

    await form.getByLabel('4 h', { exact: true }).check();
    await form.locator('input[name=reason]').fill('Remplacement du disque');
    await form.getByRole('button', { name: 'Créer le silence' }).click();
    await card.locator('[data-test=success]').waitFor();
    const [silence] = (await api.get('/silences', { token: viewerToken })).body.silences;
    expect(silence).toMatchObject({ type: 'DISK', mount: null, reason: 'Remplacement du disque', created_by: TECH });
    expect(Date.parse(silence.ends_at) - Date.parse(silence.starts_at)).toBe(4 * 3600_000);
    expect(await card.locator('[data-test=success]').textContent()).toBe(`Silence ${silence.id} créé : DISK jusqu’au ${await french(tech, silence.ends_at)}`);

    const row = tech.locator(`[data-test=silence-${silence.id}]`);
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      'DISK',
      await french(tech, silence.starts_at),
      await french(tech, silence.ends_at),
      'Remplacement du disque',
      TECH,
      'actif',
      'Terminer',
    ]);
    // French, 24-hour: 02/12/2026 17:05:00.
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);

    // The overview marks the silenced alert, with the silence's end and reason.
    const alert = (await api.get('/alerts', { token: viewerToken })).body.alerts.find((item: { type: string; mount?: string }) => item.type === 'DISK' && item.mount === rootMount);
    expect(alert).toMatchObject({ silenced: true, silence_id: silence.id });
    await viewer.goto(`${api.url}/#/overview`);
    const marked = viewer.locator(`[data-test=alert-DISK][data-mount="${rootMount}"]`);
    await expect(marked.locator('[data-test=silence-mark]').textContent()).resolves.toBe(`silence jusqu’au ${await french(viewer, silence.ends_at)} : Remplacement du disque (${TECH})`);
    expect(await marked.getAttribute('data-silenced')).toBe('true');

    // A viewer reads the list, without the form nor the end button.
    await viewer.goto(`${api.url}/#/silences`);
    await viewer.locator(`[data-test=silence-${silence.id}]`).waitFor();
    expect(await viewer.locator('[data-test=silence-create]').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Terminer/ }).count()).toBe(0);
    await viewer.locator('[data-test=silence-readonly]').waitFor();

    await tech.screenshot({ path: join(SCREENSHOTS, 'silences.png'), fullPage: true });

    // Ended from its row: gone from the list, and the alert is no longer silenced.
    await row.getByRole('button', { name: `Terminer le silence ${silence.id}` }).click();
    await expect(tech.locator('[data-test=success]', { hasText: 'Silence terminé' }).textContent()).resolves.toBe('Silence terminé : DISK (Remplacement du disque)');
    await tech.locator('[data-test=no-silence]').waitFor();
    expect((await api.get('/silences', { token: viewerToken })).body.silences).toEqual([]);
    await viewer.goto(`${api.url}/#/overview`);
    await viewer.locator(`[data-test=alert-DISK][data-mount="${rootMount}"][data-silenced=false]`).waitFor();
    expect(await viewer.locator('[data-test=silence-mark]').count()).toBe(0);
  });

  it('creates a silence of a custom duration for one mount', async () => {
    await tech.goto(`${api.url}/#/silences`);
    const form = tech.locator('[data-test=silence-create]');
    await form.locator('select[name=type]').selectOption('DISK');
    await form.locator('input[name=mount]').fill(rootMount);
    await form.getByLabel('autre :', { exact: true }).check();
    await form.getByLabel('Durée personnalisée', { exact: true }).fill('90');
    await form.getByLabel('Unité de la durée personnalisée', { exact: true }).selectOption({ label: 'minutes' });
    await form.locator('input[name=reason]').fill('fsck');
    await form.getByRole('button', { name: 'Créer le silence' }).click();
    await tech.locator('[data-test=success]', { hasText: `DISK ${rootMount}` }).waitFor();
    const [silence] = (await api.get('/silences', { token: viewerToken })).body.silences;
    expect(silence).toMatchObject({ type: 'DISK', mount: rootMount, reason: 'fsck' });
    expect(Date.parse(silence.ends_at) - Date.parse(silence.starts_at)).toBe(90 * 60_000);
    await tech.locator(`[data-test=silence-${silence.id}] td`, { hasText: `DISK ${rootMount}` }).waitFor();
    // Left active for the accessibility pass below (a silenced alert on the overview).
  });

  it('shows the alert history, filtered by type, a page at a time', async () => {
    // Twelve MEMORY episodes: opened (memory above 1 %) and resolved (below 99 %) in turn.
    for (let round = 0; round < 12; round += 1) {
      await put({ memory: { warning: 1, critical: 100, for_minutes: 0, clear_margin: 0 } });
      await put({ memory: { warning: 99, critical: 100 } });
    }
    await put(NORMAL);
    type Episode = { id: number; level: string; opened_at: string; resolved_at: string; peak_value: number; threshold: number };
    const memory = await until(
      async () => (await api.get('/alerts/history?type=MEMORY&limit=500', { token: viewerToken })).body.episodes as Episode[],
      (episodes) => episodes.length >= 12 && episodes.every((episode) => episode.resolved_at !== null),
    );
    expect(memory.length).toBeGreaterThanOrEqual(12);

    await viewer.goto(`${api.url}/#/history`);
    const rows = viewer.locator('[data-test=history-rows] tr');
    await rows.first().waitFor();
    const ids = () => rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-test')));
    const types = () => rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    const shown = async (query: string) =>
      ((await api.get(`/alerts/history?${query}`, { token: viewerToken })).body.episodes as Array<{ id: number }>).map((episode) => `episode-${episode.id}`);

    await viewer.locator('select[name=type]').selectOption('MEMORY');
    await viewer.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('[data-test=history-rows] tr')].every((row: any) => row.dataset.type === 'MEMORY'));
    await viewer.locator('select[name=limit]').selectOption('10');
    await viewer.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-test=history-rows] tr').length === 10);
    expect(await ids()).toEqual(await shown('type=MEMORY&limit=10'));
    expect(await viewer.locator('[data-test=history-page]').textContent()).toBe('Page 1');
    expect(await viewer.locator('[data-test=history-newer]').isDisabled()).toBe(true);

    // One episode as the page writes it: French 24-hour dates, duration, peak and threshold.
    const [first] = memory;
    const cells = await viewer.locator(`[data-test=episode-${first.id}] td`).allTextContents();
    expect(cells.slice(0, 4)).toEqual(['MEMORY', '–', first.level, await french(viewer, first.opened_at)]);
    expect(cells[4]).toBe(await french(viewer, first.resolved_at));
    expect(cells[5]).toMatch(/^\d+ s$|^\d+ min \d{2} s$/);
    expect(cells.slice(6)).toEqual([`${first.peak_value} %`, `${first.threshold} %`, 'non']);

    const page1 = await ids();
    const { next_before: next } = (await api.get('/alerts/history?type=MEMORY&limit=10', { token: viewerToken })).body;
    await viewer.getByRole('button', { name: 'Plus anciens →' }).click();
    await viewer.locator('[data-test=history-page]', { hasText: 'Page 2' }).waitFor();
    await viewer.waitForFunction((before) => !(globalThis as any).document.querySelector(`[data-test=${before}]`), page1[0]);
    expect(await ids()).toEqual(await shown(`type=MEMORY&limit=10&before=${next}`));
    expect(await types()).toEqual(expect.arrayContaining(['MEMORY']));
    await viewer.getByRole('button', { name: '← Plus récents' }).click();
    await viewer.locator('[data-test=history-page]', { hasText: 'Page 1' }).waitFor();
    await viewer.waitForFunction((id) => !!(globalThis as any).document.querySelector(`[data-test=${id}]`), page1[0]);
    expect(await ids()).toEqual(page1);

    // Another type starts again from the newest page.
    await viewer.locator('select[name=type]').selectOption('DISK');
    await viewer.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('[data-test=history-rows] tr')].every((row: any) => row.dataset.type === 'DISK'));
    expect(await ids()).toEqual(await shown('type=DISK&limit=10'));
    expect(await viewer.locator('[data-test=history-page]').textContent()).toBe('Page 1');
    // The silenced DISK episode says so.
    expect(await viewer.locator('[data-test=history-rows] tr[data-type=DISK] td:last-child', { hasText: 'oui' }).count()).toBeGreaterThan(0);

    await viewer.locator('select[name=type]').selectOption('');
    await viewer.locator('select[name=limit]').selectOption('25');
    await viewer.locator('[data-test=history-rows] tr:nth-child(11)').waitFor();
    await viewer.screenshot({ path: join(SCREENSHOTS, 'alert-history.png'), fullPage: true });
  });

  it('has no accessibility violation (axe-core) on the alerting pages, at desktop and at phone width, and fits a phone', async () => {
    // A silenced alert (the custom silence above) and a pending one on the overview.
    await put({ ...DISK_ALERTS, memory: { warning: 1, critical: 100, for_minutes: 60, clear_margin: 0 } });
    const found: string[] = [];
    const pages: Array<[string, string, string, string]> = [
      ['admin', TEST_ADMIN_PASSWORD, 'thresholds', '[data-test=mounts-seen] tr'],
      ['admin', TEST_ADMIN_PASSWORD, 'overview', '[data-test=silence-mark]'],
      ['admin', TEST_ADMIN_PASSWORD, 'overview', '[data-test=pending] li'],
      [TECH, `Final-${TECH}-1`, 'silences', '[data-test=silence-rows] td'],
      [VIEWER, `Final-${VIEWER}-1`, 'silences', '[data-test=silence-readonly]'],
      [VIEWER, `Final-${VIEWER}-1`, 'history', '[data-test=history-rows] td'],
    ];
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const sessions = new Map<string, Page>();
      for (const [user, password, route, loaded] of pages) {
        let page = sessions.get(user);
        if (!page) {
          page = await newPage({ viewport, ...(size === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
          await logIn(page, user, password);
          sessions.set(user, page);
        }
        await page.goto(`${api.url}/#/${route}`);
        await page.locator(loaded).first().waitFor();
        found.push(describeViolations(`${size} ${user} #/${route}`, await axeViolations(page)));
        const fit = await pageFits(page);
        expect({ size, route, width: fit.page }).toEqual({ size, route, width: expect.any(Number) });
        expect(fit.page).toBeLessThanOrEqual(fit.screen);
      }
    }
    const report = found.filter(Boolean).join('\n');
    if (report) console.log(`axe-core violations:\n${report}`);
    expect(report).toBe('');
    await put(NORMAL);
  });

  it('raised no console error on any page', () => {
    expect(problems).toEqual([]);
  });
});
