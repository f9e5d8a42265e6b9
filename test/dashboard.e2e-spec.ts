import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import { DiscordNotifierService } from '../src/discord/discord-notifier.service';
import { axeViolations, CHROMIUM, describeViolations, DESKTOP, HAS_CHROMIUM, PHONE, SCREENSHOTS, WAIT_MS } from './support/browser';
import { FakeDiscord } from './support/fake-discord';
import { TestApp, TEST_USER_PASSWORD } from './support/test-app';

// What the callbacks of page.evaluate() use: they run in the browser (this project compiles without the DOM lib).
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by playwright-core (no
 * browser download). Without Chromium the suite is skipped with a warning, except in CI (`CI` set,
 * as `.ci/run` does), where a missing browser is a failure.
 */
const NEW_ADMIN_PASSWORD = 'Dashboard-Root-Pass-1';
const VIEWER = { username: 'marie.viewer', initial: 'Viewer-Initial-1', final: 'Viewer-Final-1' };
const CHARTS = ['Utilisation (%)', 'Charge', 'Réseau'];

interface AxisLabel {
  text: string;
  at: number;
  size: number;
}

/** The tick labels a chart drew (its `data-axis-x` / `data-axis-y`), and the pairs that would overlap. */
async function chartAxes(page: Page, chart: string): Promise<{ x: AxisLabel[]; y: AxisLabel[]; overlaps: string[] }> {
  const figure = page.locator(`[data-test="chart-${chart}"][data-axis-x]`);
  await figure.waitFor();
  const x: AxisLabel[] = JSON.parse((await figure.getAttribute('data-axis-x')) ?? '[]');
  const y: AxisLabel[] = JSON.parse((await figure.getAttribute('data-axis-y')) ?? '[]');
  const overlaps: string[] = [];
  for (const labels of [x, y]) {
    const sorted = [...labels].sort((a, b) => a.at - b.at);
    sorted.forEach((label, index) => {
      const next = sorted[index + 1];
      // Centres farther apart than half of each label, plus 4 px of air.
      if (next && next.at - label.at < (label.size + next.size) / 2 + 4) overlaps.push(`${chart}: '${label.text}' and '${next.text}'`);
    });
  }
  return { x, y, overlaps };
}

/** French 24-hour clock times on the time axis, at least two of them, none overlapping its neighbour. */
async function expectReadableAxes(page: Page): Promise<void> {
  for (const chart of CHARTS) {
    const { x, y, overlaps } = await chartAxes(page, chart);
    expect(overlaps).toEqual([]);
    expect(x.length).toBeGreaterThanOrEqual(2);
    expect(y.length).toBeGreaterThanOrEqual(2);
    for (const label of x) expect(label.text).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
  }
}

jest.setTimeout(180_000);

if (!HAS_CHROMIUM) {
  if (process.env.CI) {
    describe('dashboard in a browser', () => {
      it('needs Chromium in CI', () => {
        throw new Error(`${CHROMIUM} is missing: CI must run the browser test (.ci/run installs the chromium package)`);
      });
    });
  } else {
    console.warn(`dashboard.e2e-spec: ${CHROMIUM} not found, browser test skipped (apt-get install chromium to run it)`);
  }
}

/** A port nothing listens on now: the fleet's unreachable probe, or one to start an app on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface DrawnEmbed {
  color: string;
  title: string;
  description: string;
  fields: Array<{ name: string; value: string; inline: boolean }>;
  footer: string;
}

/** What the Discord page drew, read back from the page: the content line and each embed. */
async function drawnMessage(page: Page): Promise<{ author: string; content: string; embeds: DrawnEmbed[] }> {
  return page.locator('[data-test=discord-message]').evaluate((message) => ({
    author: message.querySelector('.dc-author')?.textContent ?? '',
    content: message.querySelector('[data-test=discord-content]')?.textContent ?? '',
    embeds: [...message.querySelectorAll('[data-test=discord-embed]')].map((embed: any) => ({
      color: window.getComputedStyle(embed).borderLeftColor,
      title: embed.querySelector('[data-test=embed-title]')?.textContent ?? '',
      description: embed.querySelector('[data-test=embed-description]')?.textContent ?? '',
      fields: [...embed.querySelectorAll('[data-test=embed-field]')].map((field: any) => ({
        name: field.querySelector('.dc-field-name').textContent,
        value: field.querySelector('.dc-field-value').textContent,
        inline: field.dataset.inline === 'true',
      })),
      footer: embed.querySelector('[data-test=embed-footer]')?.textContent ?? '',
    })),
  }));
}

/** What Discord would draw for a payload: the colour bar as CSS gives it, the timestamp in French. */
function expectedMessage(payload: any): { author: string; content: string; embeds: DrawnEmbed[] } {
  const clock = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false });
  return {
    author: payload.username,
    content: payload.content,
    embeds: payload.embeds.map((embed: any) => ({
      color: `rgb(${(embed.color >> 16) & 255}, ${(embed.color >> 8) & 255}, ${embed.color & 255})`,
      title: embed.title,
      description: embed.description,
      fields: embed.fields,
      footer: [embed.footer?.text, `Aujourd’hui à ${clock.format(new Date(embed.timestamp))}`].filter(Boolean).join(' • '),
    })),
  };
}

(HAS_CHROMIUM ? describe : describe.skip)('dashboard in a browser (e2e)', () => {
  let api: TestApp;
  let peer: TestApp;
  let stranger: TestApp;
  let deadPort: number;
  let discord: FakeDiscord;
  let browser: Browser;
  let admin: Page;
  let adminToken: string;
  const contexts: BrowserContext[] = [];
  /** Console errors and CSP refusals from every page: the dashboard must cause none. */
  const problems: string[] = [];

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(WAIT_MS);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      // Chromium logs every 4xx answer and refused connection: the test asks for those (a wrong
      // password, a duplicate, the unreachable probe). Script errors, CSP refusals and 5xx remain.
      const expected = /Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_CONNECTION_REFUSED|net::ERR_FAILED)|blocked by CORS policy/;
      if (message.type() === 'error' && !expected.test(message.text())) problems.push(message.text());
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
  }

  async function changePassword(page: Page, current: string, next: string, confirm = next): Promise<void> {
    const form = page.locator('[data-test=password-form]');
    await form.locator('input[name=current_password]').fill(current);
    await form.locator('input[name=new_password]').fill(next);
    await form.locator('input[name=confirm_password]').fill(confirm);
    await form.locator('button[type=submit]').click();
  }

  /** `error : message`, as the page shows an API error. */
  const worded = (body: { error: string; message: string }) => `${body.error} : ${body.message}`;

  /** Each page, and what shows that it has loaded its data. */
  const LOADED: Record<string, string> = {
    overview: '[data-test=interfaces] tbody tr',
    fleet: '[data-test=probe-ghost][data-state=DOWN]',
    commands: 'section.command',
    users: '[data-test=user-admin]',
    thresholds: '[data-test=thresholds-form] input[name=cpu-warning]',
    discord: '[data-test=discord-state] dt',
    password: '[data-test=password-form]',
  };

  async function openLoaded(page: Page, route: string): Promise<void> {
    await page.goto(`${api.url}/#/${route}`);
    await page.locator(LOADED[route]).first().waitFor();
    if (route === 'thresholds') await page.waitForFunction(() => document.querySelector('input[name=cpu-warning]')?.value === '70');
    if (route === 'overview') {
      for (const chart of CHARTS) await page.locator(`[data-test="chart-${chart}"][data-axis-x]`).waitFor();
      await page.locator('[data-test=processes] tbody tr').first().waitFor();
    }
  }

  const navLinks = (page: Page) => page.locator('[data-test=nav] a').evaluateAll((links) => links.map((link) => link.getAttribute('data-nav')));

  beforeAll(async () => {
    // The app serves dist/public: build it when web/ changed since (esbuild, well under a second).
    const web = require('../web/build.js');
    if (web.webIsStale()) await web.buildWeb();
    await require('esbuild').stop();
    mkdirSync(SCREENSHOTS, { recursive: true });

    // A second probe for the fleet view: it lets the dashboard's origin call it (CORS_ORIGINS), and
    // opens its metric reads to the page, which holds no token of its own (PUBLIC_METRICS). Started
    // first: passport keeps one 'jwt' strategy per process, the last app's, and the browser logs in
    // to the dashboard's app, so that one must start last.
    const port = await freePort();
    peer = await TestApp.start({ CORS_ORIGINS: `http://127.0.0.1:${port}`, PUBLIC_METRICS: 'true' });
    // A probe that does not list the dashboard in CORS_ORIGINS: the browser may not read it.
    stranger = await TestApp.start({ PUBLIC_METRICS: 'true' });
    discord = await FakeDiscord.start();
    // No ADMIN_PASSWORD: the first start creates admin / admin123, who must change it.
    api = await TestApp.start({ ADMIN_PASSWORD: '', MONITORED_SERVICES: 'hc-absent', PORT: String(port), DISCORD_ALLOWED_HOSTS: '127.0.0.1' });
    deadPort = await freePort();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    admin = await newPage();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await peer?.close();
    await stranger?.close();
    await api?.close();
    await discord?.close();
  });

  it('logs in as the default admin, shows the API error for a wrong password, then forces the password change', async () => {
    await admin.goto(`${api.url}/`);
    await admin.locator('[data-test=login-form]').waitFor();

    await logIn(admin, 'admin', 'not-the-password');
    const refused = await api.post('/login', { username: 'admin', password: 'not-the-password' });
    expect(refused.status).toBe(401);
    await expect(admin.locator('[data-test=login-form] [data-test=error]').textContent()).resolves.toBe(worded(refused.body));

    await logIn(admin, 'admin', 'admin123');
    const form = admin.locator('[data-test=password-form]');
    await expect(form.locator('h1').textContent()).resolves.toBe('Changement de mot de passe requis');
    // Nothing else is reachable before the change.
    await admin.goto(`${api.url}/#/users`);
    await form.waitFor();
    expect(await admin.locator('[data-test=nav]').count()).toBe(0);

    await changePassword(admin, 'admin123', NEW_ADMIN_PASSWORD, 'Something-Else-1');
    await expect(form.locator('[data-test=error]').textContent()).resolves.toBe(
      'Requête invalide : La confirmation ne correspond pas au nouveau mot de passe',
    );
    await changePassword(admin, 'admin123', NEW_ADMIN_PASSWORD);
    await admin.locator('[data-test=nav]').waitFor();
    expect(await admin.locator('[data-test=who]').textContent()).toBe('admin · admin');
    expect(await navLinks(admin)).toEqual(['overview', 'history', 'silences', 'fleet', 'commands', 'users', 'thresholds', 'discord']);
    // The old password is gone for real.
    expect((await api.post('/login', { username: 'admin', password: 'admin123' })).status).toBe(401);
    adminToken = await api.login('admin', NEW_ADMIN_PASSWORD);
  });

  it('shows the figures the API gives: hostname, OS, cores, memory, thresholds, processes, services, interfaces, charts', async () => {
    await admin.goto(`${api.url}/#/overview`);
    const [system, os, thresholds, services, network] = await Promise.all(
      ['/system', '/os', '/config/thresholds', '/services', '/network'].map(async (path) => (await api.get(path, { token: adminToken })).body),
    );
    const hostname = admin.locator('[data-test=hostname]');
    await expect(hostname.filter({ hasText: system.hostname }).waitFor()).resolves.toBeUndefined();
    expect(await admin.locator('[data-test=fact-hostname]').textContent()).toBe(system.hostname);
    expect(await admin.locator('[data-test=fact-cores]').textContent()).toBe(String(system.cpu.cores));
    expect(await admin.locator('[data-test=fact-os]').textContent()).toBe(`${os.os.name} ${os.os.version}`.trim());
    expect(await admin.locator('[data-test=fact-kernel]').textContent()).toBe(`${os.os.kernel} (${os.os.architecture})`);
    expect(await admin.locator('[data-test=fact-uptime]').textContent()).toMatch(/^\d+ jours?, \d+ heures?, \d+ minutes?$/);
    expect(await admin.locator('[data-test=fact-load]').textContent()).toMatch(/^\d+\.\d{2} \/ \d+\.\d{2} \/ \d+\.\d{2}$/);

    // Gauges: the value as a percentage, the sizes of /system, coloured by the thresholds of the database.
    const cpu = admin.locator('[data-test=gauge-cpu]');
    expect(await cpu.locator('small').textContent()).toBe(
      `${system.cpu.cores} cœurs · seuils ${thresholds.thresholds.cpu.warning} / ${thresholds.thresholds.cpu.critical} %`,
    );
    expect(await cpu.locator('.gauge-value').textContent()).toMatch(/^\d+\.\d %$/);
    const memory = admin.locator('[data-test=gauge-memory] small');
    expect(await memory.textContent()).toContain(`/ ${system.memory.total_gb.toFixed(1)} Go · seuils 70 / 85 %`);
    const disk = admin.locator('[data-test=gauge-disk]');
    expect(await disk.locator('small').textContent()).toContain(`/ ${system.disk.total_gb.toFixed(1)} Go · seuils 80 / 90 %`);
    expect(await disk.getAttribute('data-level')).toBe(system.disk.usage_percent > 90 ? 'critical' : system.disk.usage_percent > 80 ? 'warning' : 'ok');

    // Services of MONITORED_SERVICES, interfaces of /network.
    expect(await admin.locator('[data-test=service-hc-absent] .badge').textContent()).toBe(services.services[0].status);
    const interfaceNames = await admin.locator('[data-test=interfaces] tbody tr td:first-child').allTextContents();
    expect(interfaceNames).toEqual(network.network.interfaces.map((item: { name: string }) => item.name));

    // Top processes, sortable: by memory, the memory column goes down.
    const rows = admin.locator('[data-test=processes] tbody tr');
    await rows.first().waitFor();
    await admin.locator('[data-test=processes] [data-sort=memory]').click();
    await admin.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-test=processes] tbody tr td:nth-child(4)')].map((cell) => parseFloat(cell.textContent ?? ''));
      return cells.length > 1 && cells.every((value, index) => index === 0 || value <= cells[index - 1]) && cells[0] > 0;
    });
    expect(await admin.locator('[data-test=processes] [data-sort=memory]').getAttribute('class')).toContain('active');

    // The charts of the last hour, drawn by uPlot from /history, their axes in French 24-hour time.
    for (const chart of CHARTS) {
      await admin.locator(`[data-test="chart-${chart}"] .uplot canvas`).waitFor();
    }
    await expectReadableAxes(admin);
    // ...from at most 600 averaged points each, not every sample of the hour (1,800 at 2 s).
    const asked = await admin.waitForRequest((request) => request.url().includes('/history?'));
    expect(new URL(asked.url()).searchParams.get('points')).toBe('600');
    await expect(admin.locator('[data-test=no-alert], [data-test=alerts] li').first().waitFor()).resolves.toBeUndefined();

    // It refreshes by itself.
    const firstUpdate = await admin.locator('[data-test=updated]').textContent();
    await admin.waitForFunction((before) => document.querySelector('[data-test=updated]')?.textContent !== before, firstUpdate);

    await admin.screenshot({ path: join(SCREENSHOTS, 'overview-desktop.png'), fullPage: true });
  });

  it('lowers a threshold in the editor and the alert appears; raised back through the API, it goes by itself', async () => {
    await admin.locator('[data-nav=thresholds]').click();
    const form = admin.locator('[data-test=thresholds-form]');
    const diskWarning = form.locator('input[name=disk-warning]');
    // The editor fills its fields once /config/thresholds has answered: wait for that first.
    await admin.waitForFunction(() => document.querySelector('input[name=disk-warning]')?.value === '80');
    // Any disk in use is above 1 %, and no disk is above 100 %: a warning, whatever the machine.
    await diskWarning.fill('1');
    await form.locator('input[name=disk-critical]').fill('100');
    await form.locator('button[type=submit]').click();
    await expect(admin.locator('[data-test=success]').textContent()).resolves.toBe('Seuils mis à jour avec succès');
    expect(await admin.locator('[data-test=thresholds-info]').textContent()).toMatch(/^Modifiés par admin le /);
    expect((await api.get('/config/thresholds', { token: adminToken })).body.thresholds.disk).toEqual({ warning: 1, critical: 100, for_minutes: 0, clear_margin: 0 });

    // A refusal is shown in the API's words.
    await form.locator('input[name=cpu-warning]').fill('95');
    await form.locator('button[type=submit]').click();
    const refused = await api.put('/config/thresholds', { cpu: { warning: 95, critical: 90 } }, { token: adminToken });
    expect(refused.status).toBe(400);
    await expect(admin.locator('[data-test=error]').textContent()).resolves.toContain(worded(refused.body));

    await admin.locator('[data-nav=overview]').click();
    // The alert of DISK_PATH's mount (another real mount's message ends with ` on <mount>`).
    const alert = admin.locator('[data-test=alert-DISK]').filter({ hasNotText: / on \// });
    await expect(alert.textContent()).resolves.toMatch(/^DISK · warning Disk usage is at [\d.]+% \(seuil 1 %\)$/);
    const alerts = (await api.get('/alerts', { token: adminToken })).body.alerts;
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'DISK', level: 'warning', threshold: 1 })]));
    await admin.locator('[data-test=gauge-disk][data-level=warning]').waitFor();

    // While the page stays open, the API changes the threshold back: the page follows on its own.
    expect((await api.put('/config/thresholds', { disk: { warning: 80, critical: 90 } }, { token: adminToken })).status).toBe(200);
    await alert.waitFor({ state: 'detached' });
    await admin.locator('[data-test=gauge-disk] small').filter({ hasText: 'seuils 80 / 90 %' }).waitFor();
  });

  it('manages users: create (and the API error for a duplicate), change a role, reset a password, delete', async () => {
    await admin.locator('[data-nav=users]').click();
    await admin.locator('[data-test=user-admin]').waitFor();
    const create = admin.locator('[data-test=create-user]');
    const createCard = admin.locator('section.card', { has: create });
    const createUser = async (username: string, password: string, role: string) => {
      await create.locator('input[name=username]').fill(username);
      await create.locator('input[name=password]').fill(password);
      await create.locator('select[name=role]').selectOption(role);
      await create.locator('button[type=submit]').click();
    };

    await createUser(VIEWER.username, VIEWER.initial, 'viewer');
    await expect(createCard.locator('[data-test=success]').textContent()).resolves.toMatch(/^Utilisateur créé avec succès : marie\.viewer \(viewer\)/);
    await admin.locator(`[data-test="user-${VIEWER.username}"]`).waitFor();

    await createUser(VIEWER.username, VIEWER.initial, 'viewer');
    const duplicate = await api.post('/users', { username: VIEWER.username, password: VIEWER.initial, role: 'viewer' }, { token: adminToken });
    expect(duplicate.status).toBe(409);
    await expect(createCard.locator('[data-test=error]').textContent()).resolves.toBe(worded(duplicate.body));

    await createUser('jean.tech', 'Tech-Initial-1', 'viewer');
    const jean = admin.locator('[data-test="user-jean.tech"]');
    await jean.locator('select[name=role]').selectOption('technicien');
    await jean.getByRole('button', { name: 'Changer le rôle' }).click();
    await admin.locator('[data-test=success]', { hasText: 'Utilisateur modifié avec succès (jean.tech : technicien)' }).waitFor();
    const users = (await api.get('/users', { token: adminToken })).body.users as Array<{ username: string; role: string }>;
    expect(users.find((user) => user.username === 'jean.tech')?.role).toBe('technicien');

    await admin.screenshot({ path: join(SCREENSHOTS, 'users.png'), fullPage: true });

    // Password reset: the new one works, and must be changed at the next login.
    await jean.locator('input[name=reset]').fill('Tech-Reset-Pass-2');
    await jean.getByRole('button', { name: 'Réinitialiser' }).click();
    await admin.locator('[data-test=success]', { hasText: 'Utilisateur modifié avec succès (jean.tech devra changer ce mot de passe)' }).waitFor();
    const relogin = await api.post('/login', { username: 'jean.tech', password: 'Tech-Reset-Pass-2' });
    expect({ status: relogin.status, must: relogin.body.must_change_password }).toEqual({ status: 200, must: true });

    const remove = jean.getByRole('button', { name: 'Supprimer' });
    await remove.click();
    await jean.getByRole('button', { name: 'Confirmer ?' }).click();
    await jean.waitFor({ state: 'detached' });
    const after = (await api.get('/users', { token: adminToken })).body.users as Array<{ username: string }>;
    expect(after.map((user) => user.username).sort()).toEqual(['admin', VIEWER.username]);
  });

  it('previews on the Discord page, before any delivery, what the current alerts would send', async () => {
    // Any disk in use is above 1 %: a DISK critical alert, whatever the machine.
    expect((await api.put('/config/thresholds', { disk: { warning: 0, critical: 1 } }, { token: adminToken })).status).toBe(200);
    await admin.locator('[data-nav=discord]').click();
    await admin.locator('[data-test=discord-channel][data-kind=preview] [data-test=discord-embed]', { hasText: '⚠️ DISK - CRITICAL' }).waitFor();
    expect(await admin.locator('[data-test=discord-last-message] h2').textContent()).toBe('Aperçu du prochain message');
    const { preview } = (await api.get('/config/discord/last-message', { token: adminToken })).body;
    const drawn = await drawnMessage(admin);
    expect(drawn.content).toBe(preview.content);
    const disk = drawn.embeds.find((embed) => embed.title === '⚠️ DISK - CRITICAL');
    expect(disk).toMatchObject({ color: 'rgb(231, 76, 60)', fields: [expect.objectContaining({ name: 'Valeur actuelle' }), { name: 'Seuil', value: '1%', inline: true }] });
    expect(discord.requests).toHaveLength(0);
  });

  it('configures Discord and sends a test from the Discord page', async () => {
    await admin.locator('[data-nav=discord]').click();
    await admin.locator('[data-test=discord-state] dt').first().waitFor();
    const test = admin.getByRole('button', { name: 'Envoyer un test' });
    await test.click();
    await expect(admin.locator('[data-test=error]').textContent()).resolves.toBe(
      'Conflit : Aucun webhook Discord configuré : utilisez POST /config/discord',
    );

    const form = admin.locator('[data-test=discord-form]');
    await form.locator('input[name=webhook_url]').fill(discord.webhookUrl('123', 'dashboard-token'));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(admin.locator('[data-test=success]').textContent()).resolves.toBe('Configuration Discord sauvegardée');
    // The token is never shown back.
    await admin.locator('[data-test=discord-state]', { hasText: '/api/webhooks/123/' }).waitFor();
    expect(await admin.locator('[data-test=discord-state]').textContent()).not.toContain('dashboard-token');

    await test.click();
    await admin.locator('[data-test=success]', { hasText: 'Message de test envoyé (Discord a répondu 200)' }).waitFor();
    const [received] = await discord.waitForRequests(1);
    expect(received.path).toBe('/api/v10/webhooks/123/dashboard-token');
    expect(received.body.content).toMatch(/^🔔 TEST MONITORING - /);
    // The test message is now the last one delivered, drawn from what Discord received.
    await admin.locator('[data-test=discord-channel][data-kind=delivered] [data-test=embed-title]', { hasText: 'Notification de test' }).waitFor();
    expect(await drawnMessage(admin)).toEqual(expectedMessage(received.body));
  });

  it('draws the alert Discord received, as Discord shows it, from the exact JSON that was posted', async () => {
    discord.reset();
    // Only the disk alerts (CPU and memory held above what they can reach, critical at 100 %).
    const quiet = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 }, disk: { warning: 0, critical: 1 } };
    expect((await api.put('/config/thresholds', quiet, { token: adminToken })).status).toBe(200);
    const form = admin.locator('[data-test=discord-form]');
    await form.locator('input[name=webhook_url]').fill(discord.webhookUrl('123', 'dashboard-token'));
    await form.locator('input[name=enabled]').check();
    // Critical alerts only: the DISK one above, nothing from a busy CPU (warning at 99 % is reachable).
    await form.locator('input[name=warning]').uncheck();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.locator('[data-test=success]', { hasText: 'Configuration Discord sauvegardée' }).waitFor();
    expect((await api.get('/config/discord', { token: adminToken })).body.enabled).toBe(true);

    // A real delivery to the stand-in Discord, as the schedule makes it.
    expect((await api.app.get(DiscordNotifierService).check()).outcome).toBe('sent');
    const [received] = await discord.waitForRequests(1);
    const last = (await api.get('/config/discord/last-message', { token: adminToken })).body;
    expect(JSON.stringify(last.payload)).toBe(received.rawBody);

    // The page follows by itself (or at once on a reload), and draws exactly that payload.
    await admin.reload();
    const channel = admin.locator('[data-test=discord-channel][data-kind=delivered]');
    await channel.locator('[data-test=embed-title]', { hasText: 'DISK - CRITICAL' }).first().waitFor();
    const drawn = await drawnMessage(admin);
    expect(drawn).toEqual(expectedMessage(received.body));
    expect(drawn.embeds.map((embed) => embed.title)).toEqual(['⚠️ DISK - CRITICAL']);
    expect(drawn.embeds[0].fields.map((field) => [field.name, field.inline])).toEqual([['Valeur actuelle', true], ['Seuil', true]]);
    expect(await admin.locator('[data-test=discord-json]').textContent()).toBe(JSON.stringify(received.body, null, 2));
    // The picture of the README: the channel at about the width of a Discord window's message column.
    await admin.setViewportSize({ width: 760, height: 900 });
    await channel.screenshot({ path: join(SCREENSHOTS, 'discord-notification.png') });
    await admin.setViewportSize({ width: 1280, height: 900 });

    expect((await api.put('/config/thresholds', { cpu: { warning: 70, critical: 90 }, memory: { warning: 70, critical: 85 }, disk: { warning: 80, critical: 90 } }, { token: adminToken })).status).toBe(200);
  });

  it('gives a viewer no admin page: no link, and a typed address is refused', async () => {
    const viewer = await newPage();
    await logIn(viewer, VIEWER.username, VIEWER.initial);
    await changePassword(viewer, VIEWER.initial, VIEWER.final);
    await viewer.locator('[data-test=nav]').waitFor();
    expect(await viewer.locator('[data-test=who]').textContent()).toBe(`${VIEWER.username} · viewer`);
    expect(await navLinks(viewer)).toEqual(['overview', 'history', 'silences', 'fleet']);
    await viewer.locator('[data-test=fact-hostname]').waitFor();

    for (const [page, permission] of [['users', 'users'], ['thresholds', 'config'], ['discord', 'config'], ['commands', 'execute']]) {
      await viewer.goto(`${api.url}/#/${page}`);
      await expect(viewer.locator('[data-test=denied]').textContent()).resolves.toContain(`demande la permission '${permission}'`);
    }
    // The fleet list is readable, without the admin's form.
    await viewer.goto(`${api.url}/#/fleet`);
    await viewer.locator('[data-test=fleet-empty]').waitFor();
    expect(await viewer.locator('[data-test=fleet-add]').count()).toBe(0);

    // Logout: back to the login form, and the token no longer opens the API.
    const token = await viewer.evaluate(() => JSON.parse(sessionStorage.getItem('healthcheck.session') ?? '{}').token);
    expect((await api.get('/me', { token })).status).toBe(200);
    await viewer.locator('[data-test=logout]').click();
    await viewer.locator('[data-test=login-form]').waitFor();
    expect(await viewer.evaluate(() => sessionStorage.length)).toBe(0);
    expect((await api.get('/me', { token })).status).toBe(401);
  });

  it('shows a technician the commands, and runs one', async () => {
    const token = await api.userToken('paul.tech', 'technicien', adminToken);
    expect(token).toEqual(expect.any(String));
    const tech = await newPage();
    await logIn(tech, 'paul.tech', TEST_USER_PASSWORD);
    await tech.locator('[data-test=nav]').waitFor();
    expect(await navLinks(tech)).toEqual(['overview', 'history', 'silences', 'fleet', 'commands']);
    await tech.locator('[data-nav=commands]').click();
    const uptime = tech.locator('section.command', { has: tech.locator('h2', { hasText: /^uptime$/ }) });
    await uptime.getByRole('button', { name: 'Exécuter' }).click();
    await expect(tech.locator('[data-test=command-output]').filter({ hasText: 'load average' }).textContent()).resolves.toMatch(/^\$ uptime {2}\(code 0, /);
  });

  it('adds fleet probes: another probe shown UP with its figures, a closed port shown DOWN', async () => {
    await admin.locator('[data-nav=fleet]').click();
    const form = admin.locator('[data-test=fleet-add]');
    const addCard = admin.locator('section.card', { has: form });
    const add = async (name: string, url: string) => {
      await form.locator('input[name=name]').fill(name);
      await form.locator('input[name=base_url]').fill(url);
      await form.locator('button[type=submit]').click();
    };
    await add('web-02', `${peer.url}/`);
    await expect(addCard.locator('[data-test=success]').textContent()).resolves.toBe('Sonde ajoutée : web-02');
    await add('ghost', `http://127.0.0.1:${deadPort}`);
    await addCard.locator('[data-test=success]').filter({ hasText: 'ghost' }).waitFor();
    await add('no-cors', stranger.url);
    await addCard.locator('[data-test=success]').filter({ hasText: 'no-cors' }).waitFor();
    expect((await api.get('/fleet', { token: adminToken })).body.probes.map((probe: { name: string; base_url: string }) => [probe.name, probe.base_url])).toEqual([
      ['ghost', `http://127.0.0.1:${deadPort}`],
      ['no-cors', stranger.url],
      ['web-02', peer.url],
    ]);

    const up = admin.locator('[data-test=probe-web-02][data-state=UP]');
    await up.locator('dl').waitFor();
    const peerSystem = (await peer.get('/system')).body;
    expect(await up.locator('[data-test=probe-status]').textContent()).toBe('UP');
    expect(await up.textContent()).toContain(`Hôte : ${peerSystem.hostname}`);
    expect(await up.locator('dl').textContent()).toContain(`(${peerSystem.cpu.cores} cœurs)`);
    // Its alerts too (public there with PUBLIC_METRICS): a badge per alert, or 'aucune alerte'.
    expect(await up.locator('[data-test=probe-alerts] .badge').first().textContent()).toMatch(/^(aucune alerte|(CPU|MEMORY|DISK) [\d.]+ %)$/);
    const down = admin.locator('[data-test=probe-ghost][data-state=DOWN]');
    await down.waitFor();
    expect(await down.locator('[data-test=probe-status]').textContent()).toBe('DOWN');
    expect(await down.textContent()).toContain('injoignable');
    // Up and running, but its CORS_ORIGINS leaves this dashboard out: the browser cannot read it.
    expect((await stranger.get('/health')).status).toBe(200);
    await expect(admin.locator('[data-test=probe-no-cors][data-state=DOWN]').textContent()).resolves.toContain('CORS_ORIGINS');

    await admin.screenshot({ path: join(SCREENSHOTS, 'fleet.png'), fullPage: true });

    // The same URL twice: the API's 409, in its words.
    await add('again', peer.url);
    const duplicate = await api.post('/fleet', { name: 'again', base_url: peer.url }, { token: adminToken });
    expect(duplicate.status).toBe(409);
    await expect(addCard.locator('[data-test=error]').textContent()).resolves.toBe(worded(duplicate.body));

    // Live: the peer stops, its card turns DOWN without a reload.
    await peer.close();
    peer = undefined as unknown as TestApp;
    await admin.locator('[data-test=probe-web-02][data-state=DOWN]').waitFor();
  });

  it('fits a phone-sized screen', async () => {
    const phone = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await logIn(phone, 'admin', NEW_ADMIN_PASSWORD);
    await phone.locator('[data-test=fact-hostname]').waitFor();
    await phone.locator('[data-test="chart-Utilisation (%)"] .uplot canvas').waitFor();
    await phone.locator('[data-test=processes] tbody tr').first().waitFor();
    // Nothing wider than the screen: no sideways scrolling of the page (wide tables scroll in their card).
    const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await phone.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png') });
    // Narrower charts get fewer ticks: still 24-hour times, still apart.
    await expectReadableAxes(phone);
    // A table wider than the phone scrolls in its card, and a keyboard can scroll it too.
    const interfaces = phone.getByRole('region', { name: 'Interfaces réseau' });
    await interfaces.locator('tbody tr').first().waitFor();
    const box = await interfaces.evaluate((element) => ({ scrollable: element.scrollWidth > element.clientWidth, tabIndex: element.tabIndex }));
    expect(box.tabIndex).toBe(0);
    if (box.scrollable) {
      await interfaces.focus();
      await phone.keyboard.press('ArrowRight');
      await phone.waitForFunction((element) => element.scrollLeft > 0, await interfaces.elementHandle());
    }

    for (const page of ['fleet', 'commands', 'users', 'thresholds', 'discord']) {
      await openLoaded(phone, page);
      const fit = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect({ page, width: fit.page }).toEqual({ page, width: expect.any(Number) });
      expect(fit.page).toBeLessThanOrEqual(fit.screen);
    }
  });

  it('has no accessibility violation (axe-core) on any page, at desktop and at phone width', async () => {
    const found: string[] = [];
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const page = await newPage({ viewport, ...(size === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
      await page.goto(`${api.url}/`);
      await page.locator('[data-test=login-form]').waitFor();
      found.push(describeViolations(`${size} login`, await axeViolations(page)));
      await logIn(page, 'admin', NEW_ADMIN_PASSWORD);
      await page.locator('[data-test=nav]').waitFor();
      for (const route of ['overview', 'fleet', 'commands', 'users', 'thresholds', 'discord', 'password']) {
        await openLoaded(page, route);
        found.push(describeViolations(`${size} #/${route}`, await axeViolations(page)));
      }
    }
    const report = found.filter(Boolean).join('\n');
    if (report) console.log(`axe-core violations:\n${report}`);
    expect(report).toBe('');
  });

  it('raised no console error and no CSP refusal on any page', () => {
    expect(problems).toEqual([]);
  });
});
