import { expectError, TEST_ADMIN_PASSWORD, TestApp } from './support/test-app';

/**
 * The default limits, counted for real: 60 logins and 120 writes a minute per address, two separate
 * counters; the per-username lock after 5 failures on its own; metric reads never limited.
 */
describe('rate limits with the default settings (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let logins = 0;
  let writes = 0;
  const started = Date.now();

  const login = (username: string, password: string) => {
    logins += 1;
    return api.post('/login', { username, password });
  };
  const write = (warning: number) => {
    writes += 1;
    return api.put('/config/thresholds', { cpu: { warning, critical: warning + 10 } }, { token: admin });
  };

  beforeAll(async () => {
    api = await TestApp.start({ MONITORED_SERVICES: 'hc-absent' });
    logins += 1;
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('documents a 429 on every write route (each one is rate limited)', async () => {
    const docs = await api.get('/docs-json');
    const unguarded: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, any>>(docs.body.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        if (method !== 'get' && !operation.responses?.['429']) unguarded.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unguarded).toEqual([]);
  });

  it('allows 120 writes a minute from one address, then answers 429 with Retry-After', async () => {
    const created = await api.post('/users', { username: 'rl.user', password: 'Rl-User-Pass-1', role: 'viewer' }, { token: admin });
    writes += 1;
    expect(created.status).toBe(201);
    const statuses: number[] = [];
    while (writes < 120) statuses.push((await write(50 + (writes % 30))).status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const limited = await write(60);
    expectError(limited, 429, 'Trop de requêtes');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The counter is per address, across every write route.
    expectError(await api.post('/fleet', { name: 'x', base_url: 'http://127.0.0.1:9' }, { token: admin }), 429);
    expectError(await api.post('/commands/uptime', {}, { token: admin }), 429);
  });

  it('never limits metric reads, even with the write limit reached', async () => {
    const paths = ['/cpu', '/memory', '/disk', '/system', '/load', '/alerts', '/health', '/metrics', '/history', '/config/thresholds'];
    const statuses: number[] = [];
    for (let round = 0; round < 25; round += 1) {
      const answers = await Promise.all(paths.map((path) => api.get(path, { token: admin })));
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses).toHaveLength(250);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  }, 30000);

  it('counts logins apart from writes, and locks one username after 5 failures without locking others', async () => {
    // The write limit is reached, yet a login passes: its own counter.
    expect((await login('admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expectError(await login('rl.user', `Wrong-Pass-${i}`), 401, 'Connexion échouée');
    const locked = await login('rl.user', 'Rl-User-Pass-1');
    expectError(locked, 429);
    // The lock lasts 15 minutes, not the minute of the address limit.
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await login('admin', TEST_ADMIN_PASSWORD)).status).toBe(200);
  });

  it('allows 60 logins a minute from one address, then answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    while (logins < 60) statuses.push((await login('admin', TEST_ADMIN_PASSWORD)).status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // Everything above ran inside the limiter's one-minute window, or the count means nothing.
    expect(Date.now() - started).toBeLessThan(55_000);
    const limited = await login('admin', TEST_ADMIN_PASSWORD);
    expectError(limited, 429, 'Trop de requêtes');
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await api.get('/cpu', { token: admin })).status).toBe(200);
  }, 60_000);
});

/** Behind a reverse proxy every request comes from the proxy's address: TRUST_PROXY names it. */
describe('client addresses behind a reverse proxy (e2e)', () => {
  const forwardedLogin = (api: TestApp, from: string, password = 'wrong-password-1') =>
    api.post('/login', { username: 'admin', password }, { headers: { 'x-forwarded-for': from } });

  it('with TRUST_PROXY naming the proxy, counts each client on its own and audits its address', async () => {
    const api = await TestApp.start({ TRUST_PROXY: '127.0.0.1', LOGIN_RATE_LIMIT: '2' });
    try {
      for (const client of ['203.0.113.7', '198.51.100.9']) {
        expect((await forwardedLogin(api, client)).status).toBe(401);
        expect((await forwardedLogin(api, client)).status).toBe(401);
        expectError(await forwardedLogin(api, client), 429, 'Trop de requêtes');
      }
      // The admin logs in through the proxy too (another client address, its own budget).
      const login = await forwardedLogin(api, '192.0.2.1', TEST_ADMIN_PASSWORD);
      expect(login.status).toBe(200);
      const audit = await api.get('/audit?action=login_failed', { token: login.body.token });
      expect(new Set(audit.body.entries.map((entry: { source_ip: string }) => entry.source_ip))).toEqual(new Set(['203.0.113.7', '198.51.100.9']));
    } finally {
      await api.close();
    }
  });

  it('by default believes no X-Forwarded-For: a client cannot pick the address it is counted as', async () => {
    const api = await TestApp.start({ LOGIN_RATE_LIMIT: '2' });
    try {
      expect((await forwardedLogin(api, '203.0.113.7')).status).toBe(401);
      expect((await forwardedLogin(api, '198.51.100.9')).status).toBe(401);
      expectError(await forwardedLogin(api, '192.0.2.55'), 429, 'Trop de requêtes');
    } finally {
      await api.close();
    }
  });
});
