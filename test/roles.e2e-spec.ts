import { DataSource } from 'typeorm';
import { expectError, HttpAnswer, TestApp, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support/test-app';

/**
 * The whole role matrix (issue 3): every route of the API, called without a token and as viewer,
 * technicien and admin. A route a role may use is called with a body or parameter that the handler
 * refuses or that changes nothing (400, 404, 409...), so that the matrix has no side effects: a guard
 * runs before any pipe or handler, so any answer but 401/403 proves the caller got through.
 */
type Access = 'public' | 'token' | 'read' | 'execute' | 'config' | 'users';
type Caller = 'none' | 'viewer' | 'technicien' | 'admin';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The OpenAPI path. */
  path: string;
  access: Access;
  /** A metrics GET that PUBLIC_METRICS=true opens. */
  metric?: boolean;
  /** What is actually requested (defaults to `path`), and the body. */
  url?: string;
  body?: unknown;
  /** The status a caller who may use the route gets for this request. */
  allowed: number;
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/health', access: 'public', allowed: 200 },
  { method: 'POST', path: '/login', access: 'public', body: {}, allowed: 400 },
  { method: 'POST', path: '/logout', access: 'token', allowed: 200 },
  { method: 'GET', path: '/me', access: 'token', allowed: 200 },
  { method: 'POST', path: '/change-password', access: 'token', body: {}, allowed: 400 },
  ...['/cpu', '/memory', '/disk', '/system', '/os', '/load', '/network', '/processes', '/processes/top', '/services', '/alerts', '/history', '/metrics'].map(
    (path): Route => ({ method: 'GET', path, access: 'read', metric: true, allowed: 200 }),
  ),
  { method: 'GET', path: '/config/thresholds', access: 'read', allowed: 200 },
  { method: 'PUT', path: '/config/thresholds', access: 'config', body: {}, allowed: 400 },
  { method: 'GET', path: '/users', access: 'users', allowed: 200 },
  { method: 'POST', path: '/users', access: 'users', body: {}, allowed: 400 },
  { method: 'GET', path: '/users/{id}', url: '/users/999999', access: 'users', allowed: 404 },
  { method: 'PUT', path: '/users/{id}', url: '/users/999999', body: { role: 'viewer' }, access: 'users', allowed: 404 },
  { method: 'DELETE', path: '/users/{id}', url: '/users/999999', access: 'users', allowed: 404 },
  { method: 'GET', path: '/config/discord', access: 'config', allowed: 200 },
  { method: 'GET', path: '/config/discord/last-message', access: 'config', allowed: 200 },
  { method: 'POST', path: '/config/discord', access: 'config', body: {}, allowed: 400 },
  { method: 'POST', path: '/config/discord/test', access: 'config', allowed: 409 },
  { method: 'POST', path: '/config/discord/check', access: 'config', allowed: 200 },
  { method: 'GET', path: '/alerts/history', access: 'read', allowed: 200 },
  { method: 'GET', path: '/silences', access: 'read', allowed: 200 },
  { method: 'POST', path: '/silences', access: 'execute', body: {}, allowed: 400 },
  { method: 'DELETE', path: '/silences/{id}', url: '/silences/999999', access: 'execute', allowed: 404 },
  { method: 'GET', path: '/audit', access: 'users', allowed: 200 },
  { method: 'GET', path: '/commands', access: 'execute', allowed: 200 },
  { method: 'POST', path: '/commands/{name}', url: '/commands/not-allowed', access: 'execute', allowed: 404 },
  { method: 'POST', path: '/services/{name}/restart', url: '/services/not-monitored/restart', access: 'execute', allowed: 404 },
  { method: 'GET', path: '/fleet', access: 'read', allowed: 200 },
  { method: 'POST', path: '/fleet', access: 'config', body: {}, allowed: 400 },
  { method: 'DELETE', path: '/fleet/{id}', url: '/fleet/999999', access: 'config', allowed: 404 },
];

const PERMISSIONS: Record<Caller, string[]> = {
  none: [],
  viewer: ['read'],
  technicien: ['read', 'execute'],
  admin: ['read', 'execute', 'config', 'users'],
};

/** What a caller must get: 'allowed', 401 or 403. */
function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (caller === 'none') return 401;
  if (route.access === 'token') return 'allowed';
  return PERMISSIONS[caller].includes(route.access) ? 'allowed' : 403;
}

const name = (route: Route) => `${route.method} ${route.path}`;
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

describe('role matrix (e2e)', () => {
  let api: TestApp;
  const tokens: Record<Exclude<Caller, 'none'>, string> = { viewer: '', technicien: '', admin: '' };
  const answers: { route: string; caller: Caller; answer: HttpAnswer }[] = [];

  beforeAll(async () => {
    api = await TestApp.start({ PUBLIC_METRICS: 'false', MONITORED_SERVICES: 'hc-absent' });
    tokens.admin = await api.adminToken();
    tokens.viewer = await api.userToken('matrix.viewer', 'viewer', tokens.admin);
    tokens.technicien = await api.userToken('matrix.tech', 'technicien', tokens.admin);
  });
  afterAll(() => api.close());

  /** A token of `caller`; /logout gets a fresh one, since it ends the session it is called with. */
  async function tokenFor(caller: Caller, route: Route): Promise<string | undefined> {
    if (caller === 'none') return undefined;
    if (route.path !== '/logout') return tokens[caller];
    const usernames = { viewer: 'matrix.viewer', technicien: 'matrix.tech', admin: 'admin' };
    const passwords = { viewer: TEST_USER_PASSWORD, technicien: TEST_USER_PASSWORD, admin: api.env.ADMIN_PASSWORD ?? TEST_ADMIN_PASSWORD };
    return api.login(usernames[caller], passwords[caller]);
  }

  it('lists every route of the OpenAPI document, and only those', async () => {
    const doc = (await api.get('/docs-json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map(name).sort());
  });

  it('Swagger shows the bearer scheme, and the permission of each route', async () => {
    const doc = (await api.get('/docs-json')).body;
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const route of ROUTES) {
      const operation = doc.paths[route.path][route.method.toLowerCase()];
      const seen = { route: name(route), security: operation.security, description: operation.description ?? '' };
      if (route.access === 'public') {
        // `security: []`: no token, said explicitly (an absent list would mean "unspecified").
        expect(seen).toEqual({ route: name(route), security: [], description: expect.any(String) });
        continue;
      }
      expect(seen.security).toEqual([{ bearer: [] }]);
      expect(operation.responses['401']).toBeDefined();
      if (route.access === 'token') {
        expect(seen.description).toContain('Token requis');
      } else {
        expect(seen.description).toContain(`Permission requise : \`${route.access}\``);
        expect(operation.responses['403']).toBeDefined();
      }
      if (route.metric) expect(seen.description).toContain('PUBLIC_METRICS');
    }
  });

  for (const caller of ['none', 'viewer', 'technicien', 'admin'] as Caller[]) {
    it(`as ${caller}: every route answers as the role allows`, async () => {
      const results: { route: string; status: number; error?: string; message?: string }[] = [];
      const wanted: typeof results = [];
      for (const route of ROUTES) {
        const token = await tokenFor(caller, route);
        const answer = await api.request(route.method, route.url ?? route.path, { token, body: route.body });
        answers.push({ route: name(route), caller, answer });
        const got = { route: name(route), status: answer.status, error: answer.body?.error, message: answer.body?.message };
        results.push(got);
        const expectation = expected(route, caller);
        if (expectation === 'allowed') {
          wanted.push({ ...got, status: route.allowed });
        } else if (expectation === 401) {
          wanted.push({ route: name(route), status: 401, error: 'Token manquant', message: "Header 'Authorization: Bearer <token>' requis" });
        } else {
          wanted.push({ route: name(route), status: 403, error: 'Accès refusé', message: `Permission '${route.access}' requise pour cette action` });
        }
      }
      expect(results).toEqual(wanted);
    });
  }

  it('no answer of the matrix holds a password hash or a token (but /login its own)', async () => {
    const db = api.app.get(DataSource);
    const secrets: string[] = [
      ...(await db.query('SELECT password_hash AS s FROM users')).map((row: { s: string }) => row.s),
      ...(await db.query('SELECT token_hash AS s FROM sessions')).map((row: { s: string }) => row.s),
      ...Object.values(tokens),
    ];
    expect(answers.length).toBe(ROUTES.length * 4);
    for (const { route, caller, answer } of answers) {
      const leaks = secrets.filter((secret) => answer.text.includes(secret));
      expect({ route, caller, leaks, argon2: answer.text.includes('$argon2'), jwt: JWT.test(answer.text) }).toEqual({
        route,
        caller,
        leaks: [],
        argon2: false,
        jwt: false,
      });
    }
  });
});

describe('must change password gate (e2e)', () => {
  let api: TestApp;
  let admin: string;
  beforeAll(async () => {
    api = await TestApp.start({ PUBLIC_METRICS: 'false', MONITORED_SERVICES: 'hc-absent' });
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('a user created by an admin: every protected route but /me, /change-password, /logout answers 403', async () => {
    expect((await api.post('/users', { username: 'gate.user', password: 'Initial-Pass-1', role: 'admin' }, { token: admin })).status).toBe(201);
    const login = await api.post('/login', { username: 'gate.user', password: 'Initial-Pass-1' });
    expect(login.body.must_change_password).toBe(true);
    const token = login.body.token as string;
    const results: { route: string; status: number; error?: string }[] = [];
    const wanted: typeof results = [];
    for (const route of ROUTES) {
      if (route.path === '/logout') continue; // checked last: it would end this session
      const answer = await api.request(route.method, route.url ?? route.path, { token, body: route.body });
      results.push({ route: name(route), status: answer.status, error: answer.body?.error });
      if (route.access === 'public' || route.access === 'token') {
        wanted.push({ route: name(route), status: route.allowed, error: answer.body?.error });
      } else {
        wanted.push({ route: name(route), status: 403, error: 'Changement de mot de passe requis' });
        expect(answer.body.message).toContain('/change-password');
      }
    }
    expect(results).toEqual(wanted);
    const out = await api.post('/logout', undefined, { token });
    expect(out.status).toBe(200);
    expectError(await api.get('/me', { token }), 401, 'Token invalide');
  });

  it('a password reset by an admin puts the user back in that state and ends their sessions', async () => {
    const viewer = await api.userToken('gate.reset', 'viewer', admin);
    expect((await api.get('/cpu', { token: viewer })).status).toBe(200);
    const id = (await api.get('/me', { token: viewer })).body.id;
    const reset = await api.put(`/users/${id}`, { password: 'Reset-Pass-123' }, { token: admin });
    expect(reset.status).toBe(200);
    expect(reset.body.user.must_change_password).toBe(true);
    expectError(await api.get('/cpu', { token: viewer }), 401, 'Token invalide');
    const token = await api.login('gate.reset', 'Reset-Pass-123');
    expectError(await api.get('/cpu', { token }), 403, 'Changement de mot de passe requis');
    const changed = await api.post(
      '/change-password',
      { current_password: 'Reset-Pass-123', new_password: 'Mine-Again-456', confirm_password: 'Mine-Again-456' },
      { token },
    );
    expect(changed.status).toBe(200);
    expect((await api.get('/cpu', { token })).status).toBe(200);
  });

  it('the gate is checked before the permission: a viewer who must change gets 403 "Changement..." on /users too', async () => {
    expect((await api.post('/users', { username: 'gate.viewer', password: 'Initial-Pass-1', role: 'viewer' }, { token: admin })).status).toBe(201);
    const token = await api.login('gate.viewer', 'Initial-Pass-1');
    expectError(await api.get('/users', { token }), 403, 'Changement de mot de passe requis');
  });
});

describe('PUBLIC_METRICS=true (e2e)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ PUBLIC_METRICS: 'true', MONITORED_SERVICES: 'hc-absent' });
  });
  afterAll(() => api.close());

  it('opens the metrics GETs without a token (even with a bad one), and nothing else', async () => {
    const results: { route: string; status: number }[] = [];
    const wanted: typeof results = [];
    for (const route of ROUTES) {
      if (route.access === 'public') continue;
      const answer = await api.request(route.method, route.url ?? route.path, { body: route.body });
      results.push({ route: name(route), status: answer.status });
      wanted.push({ route: name(route), status: route.metric ? 200 : 401 });
    }
    expect(results).toEqual(wanted);
    expect((await api.get('/cpu', { token: 'not-a-token' })).status).toBe(200);
  });
});
