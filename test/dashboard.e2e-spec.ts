import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
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
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
/** The README's screenshots are rewritten only on demand (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', 'docs', 'screenshots')
  : join(tmpdir(), 'healthcheck-screenshots');
const NEW_ADMIN_PASSWORD = 'Dashboard-Root-Pass-1';
const VIEWER = { username: 'marie.viewer', initial: 'Viewer-Initial-1', final: 'Viewer-Final-1' };
/** Waits are for what the page shows, never sleeps; generous for a busy 2-core machine. */
const WAIT_MS = 30_000;

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
    expect(await navLinks(admin)).toEqual(['overview', 'fleet', 'commands', 'users', 'thresholds', 'discord']);
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

    // The charts of the last hour, drawn by uPlot from /history.
    for (const chart of ['Utilisation (%)', 'Charge', 'Réseau']) {
      await admin.locator(`[data-test="chart-${chart}"] .uplot canvas`).waitFor();
    }
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
    expect((await api.get('/config/thresholds', { token: adminToken })).body.thresholds.disk).toEqual({ warning: 1, critical: 100 });

    // A refusal is shown in the API's words.
    await form.locator('input[name=cpu-warning]').fill('95');
    await form.locator('button[type=submit]').click();
    const refused = await api.put('/config/thresholds', { cpu: { warning: 95, critical: 90 } }, { token: adminToken });
    expect(refused.status).toBe(400);
    await expect(admin.locator('[data-test=error]').textContent()).resolves.toContain(worded(refused.body));

    await admin.locator('[data-nav=overview]').click();
    const alert = admin.locator('[data-test=alert-DISK]');
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
  });

  it('gives a viewer no admin page: no link, and a typed address is refused', async () => {
    const viewer = await newPage();
    await logIn(viewer, VIEWER.username, VIEWER.initial);
    await changePassword(viewer, VIEWER.initial, VIEWER.final);
    await viewer.locator('[data-test=nav]').waitFor();
    expect(await viewer.locator('[data-test=who]').textContent()).toBe(`${VIEWER.username} · viewer`);
    expect(await navLinks(viewer)).toEqual(['overview', 'fleet']);
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
    expect(await navLinks(tech)).toEqual(['overview', 'fleet', 'commands']);
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

    const loaded: Record<string, string> = {
      fleet: '[data-test=probe-ghost][data-state=DOWN]',
      commands: 'section.command',
      users: '[data-test=user-admin]',
      thresholds: '[data-test=thresholds-form] input[name=cpu-warning]',
      discord: '[data-test=discord-state] dt',
    };
    for (const [page, selector] of Object.entries(loaded)) {
      await phone.goto(`${api.url}/#/${page}`);
      await phone.locator(selector).first().waitFor();
      if (page === 'thresholds') await phone.waitForFunction(() => document.querySelector('input[name=cpu-warning]')?.value === '70');
      const fit = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect({ page, width: fit.page }).toEqual({ page, width: expect.any(Number) });
      expect(fit.page).toBeLessThanOrEqual(fit.screen);
    }
  });

  it('raised no console error and no CSP refusal on any page', () => {
    expect(problems).toEqual([]);
  });
});
