import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { TestApp } from './support/test-app';

/** Hostile strings: SQL, traversal, control characters, unicode, huge. */
const nasty = fc.oneof(
  fc.constantFrom(
    "' OR '1'='1",
    "admin'--",
    '1; DROP TABLE users; --',
    '" UNION SELECT password_hash FROM users --',
    '../../../../etc/passwd',
    '..%2f..%2fetc%2fshadow',
    '/bin/sh',
    '$(id)',
    '`reboot`',
    '; rm -rf /',
    '\u0000',
    '\r\nX-Injected: 1',
    '𝕳𝖊𝖑𝖑𝖔 🔥 \u202e',
    '%s%n%x',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'nginx',
    'hc-absent',
    'uptime',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant('x'.repeat(20000)),
);

/** Any JSON value, with hostile strings and wrong types in every position. */
const value = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }));
const fields = (names: string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor', 'role', 'id'), fc.string({ maxLength: 10 })), value, {
    maxKeys: 5,
  });

type Endpoint = { method: string; path: (param: string) => string; body?: fc.Arbitrary<unknown>; query?: string[] };

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: () => '/login', body: fields(['username', 'password']) },
  { method: 'POST', path: () => '/change-password', body: fields(['current_password', 'new_password', 'confirm_password']) },
  { method: 'POST', path: () => '/users', body: fields(['username', 'password', 'role']) },
  { method: 'GET', path: (id) => `/users/${id}` },
  { method: 'PUT', path: (id) => `/users/${id}`, body: fields(['role', 'password']) },
  { method: 'DELETE', path: (id) => `/users/${id}` },
  { method: 'PUT', path: () => '/config/thresholds', body: fields(['cpu', 'memory', 'disk', 'warning', 'critical']) },
  { method: 'POST', path: () => '/config/discord', body: fields(['webhook_url', 'enabled', 'notify_on', 'repeat_minutes']) },
  { method: 'POST', path: () => '/config/discord/test', body: fields(['webhook_url', 'content']) },
  { method: 'POST', path: () => '/fleet', body: fields(['name', 'base_url']) },
  { method: 'DELETE', path: (id) => `/fleet/${id}` },
  { method: 'POST', path: (name) => `/commands/${name}`, body: fields(['service']) },
  { method: 'POST', path: (name) => `/services/${name}/restart` },
  { method: 'GET', path: () => '/processes/top', query: ['sort', 'limit'] },
  { method: 'GET', path: () => '/history', query: ['resource', 'minutes'] },
  { method: 'GET', path: () => '/metrics', query: ['name[]', 'format', 'resource'] },
  { method: 'GET', path: () => '/audit', query: ['limit', 'before', 'action', 'user'] },
  { method: 'POST', path: () => '/silences', body: fields(['type', 'mount', 'minutes', 'ends_at', 'reason']) },
  { method: 'DELETE', path: (id) => `/silences/${id}` },
  { method: 'GET', path: () => '/alerts/history', query: ['type', 'since', 'until', 'limit', 'before'] },
];

describe('fuzz: hostile input at every endpoint with a body or a parameter', () => {
  let api: TestApp;
  let admin: string;
  let adminId: number;
  let dataSource: DataSource;

  /**
   * Every table but the audit trail (refused requests are recorded there, on purpose) and the alert
   * history (the engine writes it whenever the machine's own load crosses a threshold).
   */
  async function dump(): Promise<string> {
    const tables = await dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'alert_episodes', 'sqlite_sequence') ORDER BY name`,
    );
    const parts: string[] = [];
    for (const { name } of tables) parts.push(name, JSON.stringify(await dataSource.query(`SELECT * FROM "${name}" ORDER BY rowid`)));
    return parts.join('\n');
  }

  beforeAll(async () => {
    // Only a service no machine has: a restart reached by chance never touches a real one.
    api = await TestApp.start({
      LOGIN_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '100000',
      COMMAND_TIMEOUT_SECONDS: '2',
      MONITORED_SERVICES: 'hc-absent',
    });
    admin = await api.adminToken();
    adminId = (await api.get('/me', { token: admin })).body.id ?? (await api.get('/me', { token: admin })).body.user?.id;
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path(':param')}`, async () => {
      const rawBody = fc.oneof(
        { weight: 3, arbitrary: (endpoint.body ?? fields(['x'])).map((body) => JSON.stringify(body)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
        { weight: 1, arbitrary: value.map((v) => JSON.stringify(v)) },
      );
      const query = fc.array(fc.tuple(fc.constantFrom(...(endpoint.query ?? ['x']), 'zz'), nasty), { maxLength: 3 });
      // Never the admin's own id: a valid-by-chance password reset would lock the fuzzer out.
      const param = nasty.filter((text) => text !== String(adminId));
      await fc.assert(
        fc.asyncProperty(param, rawBody, query, async (p, body, pairs) => {
          const before = await dump();
          const search = pairs.map(([key, v]) => `${key}=${encodeURIComponent(v)}`).join('&');
          const path = endpoint.path(encodeURIComponent(p)) + (endpoint.query && search ? `?${search}` : '');
          const answer = await api.request(endpoint.method, path, {
            token: admin,
            ...(endpoint.body || endpoint.method !== 'GET' && endpoint.method !== 'DELETE' ? { rawBody: body } : {}),
          });
          const where = `${endpoint.method} ${path.slice(0, 120)} ${body.slice(0, 120)} → ${answer.status} ${answer.text.slice(0, 200)}`;
          if (answer.status >= 500 && answer.status !== 501) throw new Error(`server error: ${where}`);
          if (answer.status >= 400) {
            if (typeof answer.body?.error !== 'string' || typeof answer.body?.message !== 'string') throw new Error(`not the error shape: ${where}`);
            if ((await dump()) !== before) throw new Error(`database changed by a refused request: ${where}`);
          }
        }),
        { numRuns: 40, seed: 7007, endOnFailure: true },
      );
    }, 60000);
  }

  it('covers every route that takes a body or a parameter (per the OpenAPI document)', async () => {
    const docs = await api.get('/docs-json');
    expect(docs.status).toBe(200);
    const fuzzed = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path(':param')}`));
    const needed: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, any>>(docs.body.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        if ((operation.parameters ?? []).length === 0 && !operation.requestBody) continue;
        needed.push(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':param')}`);
      }
    }
    expect(needed.length).toBeGreaterThan(10);
    expect(needed.filter((route) => !fuzzed.has(route))).toEqual([]);
  });

  it('still works afterwards', async () => {
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/me', { token: admin })).status).toBe(200);
  });
});
