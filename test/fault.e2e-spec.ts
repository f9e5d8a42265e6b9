import { chmodSync, renameSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../src/database/unit-of-work';
import { expectError, TestApp } from './support/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the health check's and the file monitor's caches. */
const CACHE_MS = 1100;

describe('database faults (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let file: string;

  beforeAll(async () => {
    api = await TestApp.start({});
    admin = await api.adminToken();
    file = join(api.dir, 'healthcheck.sqlite');
  });
  afterAll(() => api.close());

  it('database file removed: /health DOWN, writes 503, reads work; back: UP and writable', async () => {
    expect((await api.get('/health')).status).toBe(200);
    renameSync(file, `${file}.moved`);
    try {
      await pause(CACHE_MS);
      const health = await api.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual(expect.objectContaining({ status: 'DOWN', reason: expect.stringMatching(/database file missing/) }));

      const write = await api.post('/users', { username: 'during.fault', password: 'During-Fault-1', role: 'viewer' }, { token: admin });
      expectError(write, 503, 'Service indisponible');
      expect(write.headers.get('retry-after')).toBe('5');
      expect(write.body.message).toMatch(/Base de données indisponible/);

      for (const path of ['/cpu', '/memory', '/system', '/alerts', '/config/thresholds']) {
        expect({ path, status: (await api.get(path, { token: admin })).status }).toEqual({ path, status: 200 });
      }
      // Diagnostics stay usable: they are what an operator needs then.
      expect((await api.post('/commands/uptime', {}, { token: admin })).status).toBe(200);
    } finally {
      renameSync(`${file}.moved`, file);
    }
    await pause(CACHE_MS);
    expect((await api.get('/health')).body.status).toBe('UP');
    const created = await api.post('/users', { username: 'after.fault', password: 'After-Fault-1', role: 'viewer' }, { token: admin });
    expect(created.status).toBe(201);
    const users = await api.get('/users', { token: admin });
    expect(users.body.users.map((u: any) => u.username)).toEqual(expect.arrayContaining(['after.fault']));
    expect(users.body.users.map((u: any) => u.username)).not.toContain('during.fault');
  });

  // Root ignores file modes, so the probe reads "no write bit" as read-only itself: this runs as root too.
  it('database file made read-only: DOWN and writes 503, reads work, then back', async () => {
    const before = await api.get('/users', { token: admin });
    chmodSync(file, 0o400);
    try {
      await pause(CACHE_MS);
      const health = await api.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual(expect.objectContaining({ status: 'DOWN', reason: expect.stringMatching(/read-only/) }));
      expectError(await api.post('/logout', undefined, { token: admin }), 503, 'Service indisponible');
      expectError(await api.put('/config/thresholds', { cpu: { warning: 50, critical: 60 } }, { token: admin }), 503);
      for (const path of ['/cpu', '/memory', '/disk', '/metrics', '/history', '/config/thresholds']) {
        expect({ path, status: (await api.get(path, { token: admin })).status }).toEqual({ path, status: 200 });
      }
    } finally {
      chmodSync(file, 0o600);
    }
    await pause(CACHE_MS);
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/users', { token: admin })).body.total).toBe(before.body.total);
    expect((await api.get('/config/thresholds', { token: admin })).body.thresholds.cpu).not.toEqual({ warning: 50, critical: 60 });
    expect((await api.post('/logout', undefined, { token: await api.adminToken() })).status).toBe(200);
  });

  it('the connection left inside a transaction nobody committed: that write 503, rolled back, and the connection recovered', async () => {
    // What a write bypassing the unit of work used to do (issue 15): a BEGIN without its COMMIT.
    const connection = (api.app.get(DataSource).driver as unknown as { databaseConnection: Database }).databaseConnection;
    await new Promise<void>((resolve, reject) => Database.prototype.exec.call(connection, 'BEGIN', (error) => (error ? reject(error) : resolve())));

    const refused = await api.post('/fleet', { name: 'stray-tx', base_url: 'http://stray-tx.example.net' }, { token: admin });
    expectError(refused, 503, 'Service indisponible');
    expect(refused.headers.get('retry-after')).toBe('5');
    // Recovered at once: the audit entry of that failure is the next write, and it commits.
    const audit = await api.get('/audit?action=fleet.add&limit=1', { token: admin });
    expect(audit.body.entries[0]).toMatchObject({ outcome: 'failure', target: 'stray-tx', details: expect.objectContaining({ status: 503 }) });

    const created = await api.post('/fleet', { name: 'after-stray', base_url: 'http://after-stray.example.net' }, { token: admin });
    expect(created.status).toBe(201);
    await pause(CACHE_MS);
    expect((await api.get('/health')).body.status).toBe('UP');
    const names = (await api.get('/fleet', { token: admin })).body.probes.map((probe: { name: string }) => probe.name);
    expect(names).toContain('after-stray');
    expect(names).not.toContain('stray-tx');
  });

  it('a COMMIT that fails: rolled back, 503, /health DOWN until a write commits again', async () => {
    // A deferred foreign key is only checked at COMMIT, which SQLite then refuses.
    const failing = api.app.get(UnitOfWork).run(async (manager) => {
      await manager.query('PRAGMA defer_foreign_keys = ON');
      await manager.query(
        "INSERT INTO sessions (id, user_id, token_hash, expires_at, created_at) VALUES ('orphan', 999999, 'x', '2099-01-01', '2026-01-01')",
      );
    });
    await expect(failing).rejects.toMatchObject({ status: 503 });
    await pause(CACHE_MS);
    expect((await api.get('/health')).body).toEqual(expect.objectContaining({ status: 'DOWN', reason: expect.stringMatching(/COMMIT failed/) }));
    expect((await api.post('/fleet', { name: 'after-commit', base_url: 'http://after-commit.example.net' }, { token: admin })).status).toBe(201);
    await pause(CACHE_MS);
    expect((await api.get('/health')).body.status).toBe('UP');
  });
});

describe('Discord unreachable (e2e)', () => {
  let api: TestApp;
  let blackHole: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never answers: the worst kind of unreachable.
    blackHole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', DISCORD_TIMEOUT_SECONDS: '3', ALERTS_CRON: '* * * * * *' });
  });
  afterAll(async () => {
    await api.close();
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('never blocks an API request', async () => {
    const admin = await api.adminToken();
    const port = (blackHole.address() as { port: number }).port;
    const saved = await api.post(
      '/config/discord',
      { webhook_url: `http://127.0.0.1:${port}/api/webhooks/123/token-abc`, enabled: true, notify_on: ['critical', 'warning'] },
      { token: admin },
    );
    expect(saved.status).toBe(200);
    // Every threshold crossed, so the alert cycle tries to deliver every second.
    expect((await api.put('/config/thresholds', { cpu: { warning: 0, critical: 1 } }, { token: admin })).status).toBe(200);
    const pendingTest = api.post('/config/discord/test', undefined, { token: admin });
    await pause(300);
    for (const path of ['/cpu', '/alerts', '/system', '/health', '/config/discord']) {
      const started = Date.now();
      const answer = await api.get(path, { token: admin });
      expect({ path, status: answer.status, fast: Date.now() - started < 500 }).toEqual({ path, status: 200, fast: true });
    }
    const started = Date.now();
    expect((await api.post('/commands/uptime', {}, { token: admin })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const test = await pendingTest;
    expect(test.status).toBeGreaterThanOrEqual(500);
    expect(test.status).not.toBe(500);
    expect(test.body).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
  }, 20000);
});
