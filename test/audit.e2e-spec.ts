import { SchedulerRegistry } from '@nestjs/schedule';
import { AUDIT_ACTIONS } from '../src/audit/audit.decorator';
import { AuditService } from '../src/audit/audit.service';
import { UnitOfWork } from '../src/database/unit-of-work';
import { FakeDiscord } from './support/fake-discord';
import { expectError, ISO_SECONDS, TEST_ADMIN_PASSWORD, TestApp } from './support/test-app';

describe('audit trail (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let discord: FakeDiscord;

  const entries = async (query = '') => {
    const answer = await api.get(`/audit${query}`, { token: admin });
    expect(answer.status).toBe(200);
    return answer.body.entries as any[];
  };

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: '0 0 1 1 *', MONITORED_SERVICES: 'hc-absent' });
    admin = await api.adminToken();
  });

  afterAll(async () => {
    await api.close();
    await discord.close();
  });

  it('records logins, failed logins (without the password) and logouts', async () => {
    expect((await api.post('/login', { username: 'admin', password: 'Wrong-Password-9' })).status).toBe(401);
    expect((await api.post('/login', { username: 'nobody', password: 'Whatever-123' })).status).toBe(401);
    const token = await api.adminToken();
    expect((await api.post('/logout', undefined, { token })).status).toBe(200);

    const failed = await entries('?action=login_failed');
    expect(failed.slice(0, 2)).toEqual([
      expect.objectContaining({ username: 'nobody', user_id: null, target: 'nobody', outcome: 'failure', source_ip: '127.0.0.1' }),
      expect.objectContaining({ username: 'admin', target: 'admin', outcome: 'failure', details: expect.objectContaining({ status: 401 }) }),
    ]);
    const logins = await entries('?action=login');
    expect(logins[0]).toEqual(
      expect.objectContaining({ username: 'admin', user_id: expect.any(Number), action: 'login', outcome: 'success', at: expect.stringMatching(ISO_SECONDS) }),
    );
    expect((await entries('?action=logout'))[0]).toEqual(expect.objectContaining({ username: 'admin', outcome: 'success' }));
    const everything = JSON.stringify(await entries('?limit=500'));
    expect(everything).not.toContain('Wrong-Password-9');
    expect(everything).not.toContain('Whatever-123');
    expect(everything).not.toContain(TEST_ADMIN_PASSWORD);
    expect(everything).not.toContain(token);
  });

  it('records user changes, password changes and threshold updates with their targets', async () => {
    const created = await api.post('/users', { username: 'audit.user', password: 'Initial-Pass-1', role: 'viewer' }, { token: admin });
    expect(created.status).toBe(201);
    const id = created.body.user.id;
    expect((await api.put(`/users/${id}`, { role: 'technicien' }, { token: admin })).status).toBe(200);
    expectError(await api.post('/users', { username: 'audit.user', password: 'Initial-Pass-1', role: 'viewer' }, { token: admin }), 409);
    const userToken = await api.login('audit.user', 'Initial-Pass-1');
    const changed = await api.post(
      '/change-password',
      { current_password: 'Initial-Pass-1', new_password: 'Second-Pass-2', confirm_password: 'Second-Pass-2' },
      { token: userToken },
    );
    expect(changed.status).toBe(200);
    expect((await api.put('/config/thresholds', { cpu: { warning: 60, critical: 80 } }, { token: admin })).status).toBe(200);
    expect((await api.delete(`/users/${id}`, { token: admin })).status).toBe(200);

    const creates = await entries('?action=user.create');
    expect(creates[0]).toEqual(expect.objectContaining({ target: 'audit.user', outcome: 'failure', details: expect.objectContaining({ status: 409 }) }));
    expect(creates[1]).toEqual(
      expect.objectContaining({ username: 'admin', target: 'audit.user', outcome: 'success', details: { request: { username: 'audit.user', role: 'viewer' } } }),
    );
    expect((await entries('?action=user.update'))[0]).toEqual(
      expect.objectContaining({ target: String(id), outcome: 'success', details: { request: { role: 'technicien' } } }),
    );
    expect((await entries('?action=user.delete'))[0]).toEqual(expect.objectContaining({ target: String(id), outcome: 'success' }));
    expect((await entries('?action=password.change'))[0]).toEqual(
      expect.objectContaining({ username: 'audit.user', outcome: 'success', details: null }),
    );
    expect((await entries('?action=thresholds.update'))[0]).toEqual(
      expect.objectContaining({ username: 'admin', outcome: 'success', details: { request: { cpu: { warning: 60, critical: 80 } } } }),
    );
    expect(JSON.stringify(await entries('?limit=500'))).not.toMatch(/Initial-Pass-1|Second-Pass-2/);
  });

  it('records Discord settings changes and test messages, never the webhook URL', async () => {
    const webhook = discord.webhookUrl('987654321', 'secret-webhook-token');
    const saved = await api.post('/config/discord', { webhook_url: webhook, enabled: true, notify_on: ['critical'] }, { token: admin });
    expect(saved.status).toBe(200);
    expectError(await api.post('/config/discord', { webhook_url: 'https://evil.example/api/webhooks/1/x', enabled: true }, { token: admin }), 400);
    expect((await api.post('/config/discord/test', undefined, { token: admin })).status).toBe(200);
    discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    const refused = await api.post('/config/discord/test', undefined, { token: admin });
    expect(refused.status).toBe(502);

    const updates = await entries('?action=discord.update');
    expect(updates.slice(0, 2)).toEqual([
      expect.objectContaining({ username: 'admin', target: 'discord', outcome: 'failure', details: expect.objectContaining({ status: 400 }) }),
      expect.objectContaining({
        username: 'admin',
        user_id: expect.any(Number),
        source_ip: '127.0.0.1',
        target: 'discord',
        outcome: 'success',
        details: { request: { enabled: true, notify_on: ['critical'] } },
      }),
    ]);
    const tests = await entries('?action=discord.test');
    expect(tests.slice(0, 2)).toEqual([
      expect.objectContaining({ username: 'admin', target: 'discord', outcome: 'failure', details: expect.objectContaining({ status: 502 }) }),
      expect.objectContaining({ username: 'admin', target: 'discord', outcome: 'success' }),
    ]);
    const everything = JSON.stringify(await entries('?limit=500'));
    expect(everything).not.toContain('secret-webhook-token');
    expect(everything).not.toContain('evil.example');
  });

  it('has written every action the issue lists (success or failure)', async () => {
    const tech = await api.userToken('audit.runner', 'technicien', admin);
    expect((await api.post('/commands/uptime', {}, { token: tech })).status).toBe(200);
    // hc-absent is a unit no machine has: 501 without systemd, systemctl's refusal with it.
    expect([200, 501]).toContain((await api.post('/services/hc-absent/restart', undefined, { token: tech })).status);
    const listed = ['login', 'login_failed', 'logout', 'user.create', 'user.update', 'user.delete', 'password.change', 'thresholds.update', 'discord.update', 'discord.test', 'command.run', 'service.restart'];
    expect([...AUDIT_ACTIONS].sort()).toEqual([...listed, 'fleet.add', 'fleet.remove', 'silence.create', 'silence.delete', 'discord.check'].sort());
    const seen = new Set((await entries('?limit=500')).map((e) => e.action));
    expect(listed.filter((action) => !seen.has(action))).toEqual([]);
  });

  it('records fleet changes: the probe added (by name), the one removed (by id), and a refusal', async () => {
    const added = await api.post('/fleet', { name: 'web-01', base_url: 'http://10.0.0.5:3000' }, { token: admin });
    expect(added.status).toBe(201);
    expectError(await api.post('/fleet', { name: 'web-01 again', base_url: 'http://10.0.0.5:3000' }, { token: admin }), 409);
    expect((await api.delete(`/fleet/${added.body.probe.id}`, { token: admin })).status).toBe(200);

    expect((await entries('?action=fleet.add')).slice(0, 2)).toEqual([
      expect.objectContaining({ username: 'admin', target: 'web-01 again', outcome: 'failure', details: expect.objectContaining({ status: 409 }) }),
      expect.objectContaining({
        username: 'admin',
        target: 'web-01',
        outcome: 'success',
        details: { request: { name: 'web-01', base_url: 'http://10.0.0.5:3000' } },
      }),
    ]);
    expect((await entries('?action=fleet.remove'))[0]).toEqual(
      expect.objectContaining({ username: 'admin', target: String(added.body.probe.id), outcome: 'success' }),
    );
  });

  it('filters by action and user, and pages with before', async () => {
    const byUser = await entries('?user=audit.user');
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((e) => e.username === 'audit.user')).toBe(true);
    const adminId = (await entries('?user=admin&action=login'))[0].user_id;
    const byId = await entries(`?user=${adminId}`);
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((e) => e.user_id === adminId || e.username === String(adminId))).toBe(true);
    const combined = await entries('?user=admin&action=thresholds.update');
    expect(combined.length).toBeGreaterThan(0);
    expect(combined.every((e) => e.username === 'admin' && e.action === 'thresholds.update')).toBe(true);
    const all = await entries('?limit=500');
    const page1 = await api.get('/audit?limit=2', { token: admin });
    expect(page1.body.entries.map((e: any) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(page1.body.next_before).toBe(all[1].id);
    const page2 = await api.get(`/audit?limit=2&before=${page1.body.next_before}`, { token: admin });
    expect(page2.body.entries.map((e: any) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    const last = await api.get('/audit?limit=500', { token: admin });
    expect(last.body.next_before).toBeNull();
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses bad filters and non-admins', async () => {
    for (const query of ['?limit=0', '?limit=501', '?limit=abc', '?before=-1', '?action=drop', '?colour=red']) {
      expectError(await api.get(`/audit${query}`, { token: admin }), 400, 'Requête invalide');
    }
    expectError(await api.get('/audit'), 401);
    const tech = await api.userToken('audit.tech', 'technicien', admin);
    expectError(await api.get('/audit', { token: tech }), 403, 'Accès refusé');
  });

  it('prunes entries older than AUDIT_RETENTION_DAYS, at start and on demand', async () => {
    const insert = (sql: string, parameters: string[]) => api.app.get(UnitOfWork).run((manager) => manager.query(sql, parameters));
    const old = new Date(Date.now() - 91 * 24 * 3600 * 1000).toISOString();
    const recent = new Date(Date.now() - 89 * 24 * 3600 * 1000).toISOString();
    await insert(
      `INSERT INTO audit_log (at, username, action, outcome) VALUES (?, 'ghost', 'login', 'success'), (?, 'ghost', 'logout', 'success')`,
      [old, recent],
    );
    expect(await api.app.get(AuditService).prune()).toBe(1);
    expect((await entries('?user=ghost')).map((e) => e.action)).toEqual(['logout']);

    // The scheduler's nightly job does the same.
    const job = api.app.get(SchedulerRegistry).getCronJob('audit-prune');
    expect(job.cronTime.source).toBe('0 03 * * *');
    expect(job.isActive).toBe(true);
    await insert(`INSERT INTO audit_log (at, username, action, outcome) VALUES (?, 'ghost', 'user.delete', 'success')`, [old]);
    await job.fireOnTick();
    const deadline = Date.now() + 5000;
    while ((await entries('?user=ghost')).length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await entries('?user=ghost')).map((e) => e.action)).toEqual(['logout']);

    await insert(`INSERT INTO audit_log (at, username, action, outcome) VALUES (?, 'ghost', 'login', 'success')`, [old]);
    api = await api.restart({ AUDIT_RETENTION_DAYS: '30' });
    admin = await api.adminToken();
    expect(await entries('?user=ghost')).toEqual([]);
  });
});
