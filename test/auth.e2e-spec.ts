import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthStateService } from '../src/auth/auth-state.service';
import { AuthService } from '../src/auth/auth.service';
import { expectError, ISO_SECONDS, TestApp, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support/test-app';

const NEW_PASSWORD = 'Brand-New-Pass-9';
const change = (current: string, next: string, confirm = next) => ({
  current_password: current,
  new_password: next,
  confirm_password: confirm,
});

describe('login and tokens (e2e)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ PUBLIC_METRICS: 'false' });
  });
  afterAll(() => api.close());

  it('answers the spec login shape, with expires_at TOKEN_TTL ahead', async () => {
    const before = Date.now();
    const answer = await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      message: 'Connexion réussie',
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      user: { id: 1, username: 'admin', role: 'admin', permissions: ['read', 'execute', 'config', 'users'] },
      expires_at: expect.stringMatching(ISO_SECONDS),
      must_change_password: false,
    });
    const ttl = Date.parse(answer.body.expires_at) - before;
    expect(ttl).toBeGreaterThan(86_400_000 - 5000);
    expect(ttl).toBeLessThan(86_400_000 + 5000);
    const [header] = answer.body.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
  });

  it('refuses a bad password and an unknown user with the same answer', async () => {
    const wrong = await api.post('/login', { username: 'admin', password: 'not-the-password' });
    const unknown = await api.post('/login', { username: 'nobody', password: 'not-the-password' });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'Connexion échouée', message: "Nom d'utilisateur ou mot de passe incorrect" });
    }
  });

  it('takes about as long for an unknown user as for a wrong password', async () => {
    const time = async (username: string) => {
      const start = process.hrtime.bigint();
      await api.post('/login', { username, password: 'wrong-password-x' });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      known.push(await time('timing.known'));
      unknown.push(await time(`timing.unknown${i}`));
    }
    // Both pay one argon2 verification: an unknown user is not answered much faster.
    const median = (values: number[]) => values.sort((a, b) => a - b)[1];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('400 on a login body with missing or wrong-typed fields', async () => {
    expectError(await api.post('/login', { username: 'admin' }), 400, 'Requête invalide');
    expectError(await api.post('/login', { username: 1, password: 'x' }), 400, 'Requête invalide');
    expectError(await api.post('/login', { username: 'admin', password: 'x', extra: 1 }), 400, 'Requête invalide');
  });

  it('401 Token manquant without a token or with another scheme; 401 Token invalide for a bad one', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Basic YWRtaW46YWRtaW4=' }, { authorization: 'Bearer ' }];
    for (const headers of variants) {
      const answer = await api.get('/cpu', { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'Token manquant', message: "Header 'Authorization: Bearer <token>' requis" });
    }
    const token = await api.adminToken();
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const bad of ['garbage', tampered, token + 'x']) {
      expectError(await api.get('/me', { token: bad }), 401, 'Token invalide');
    }
  });

  it('refuses an expired token and one signed with another key or algorithm', async () => {
    const jwt = api.app.get(JwtService);
    const state = api.app.get(AuthStateService);
    const token = await api.adminToken();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(state.isLive(payload.jti, 1)).toBe(true);
    const expired = await jwt.signAsync({ sub: '1', jti: payload.jti, exp: Math.floor(Date.now() / 1000) - 10 });
    expectError(await api.get('/me', { token: expired }), 401, 'Token invalide');
    const otherKey = await jwt.signAsync({ sub: '1', jti: payload.jti, exp: payload.exp }, { secret: 'x'.repeat(40) });
    expectError(await api.get('/me', { token: otherKey }), 401, 'Token invalide');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`;
    expectError(await api.get('/me', { token: none }), 401, 'Token invalide');
  });

  it('GET /me shows my profile, never a hash or a token', async () => {
    const token = await api.adminToken();
    const me = await api.get('/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: 1,
      username: 'admin',
      role: 'admin',
      permissions: ['read', 'execute', 'config', 'users'],
      created_at: expect.stringMatching(ISO_SECONDS),
      last_login: expect.stringMatching(ISO_SECONDS),
      must_change_password: false,
      token_expires_at: expect.stringMatching(ISO_SECONDS),
    });
    expect(me.text).not.toMatch(/argon2|password_hash|token"/);
  });

  it('logout revokes that token at once, even after it was cached, and only that one', async () => {
    const token = await api.adminToken();
    const other = await api.adminToken();
    expect((await api.get('/cpu', { token })).status).toBe(200);
    expect((await api.get('/cpu', { token })).status).toBe(200); // now served from the cache
    const state = api.app.get(AuthStateService);
    expect(state.tokens.get(token)).toBeDefined();
    const out = await api.post('/logout', undefined, { token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ message: 'Déconnexion réussie' });
    expect(state.tokens.get(token)).toBeUndefined();
    expectError(await api.get('/cpu', { token }), 401, 'Token invalide');
    expectError(await api.post('/logout', undefined, { token }), 401, 'Token invalide');
    expect((await api.get('/cpu', { token: other })).status).toBe(200);
  });

  it('keeps only a SHA-256 of tokens in the database', async () => {
    const token = await api.adminToken();
    const rows: { token: string }[] = await api.app.get(JwtService) && (await queryDb(api, 'SELECT token FROM users WHERE id = 1'));
    expect(rows[0].token).toMatch(/^[0-9a-f]{64}$/);
    const sessions = await queryDb(api, 'SELECT * FROM sessions');
    expect(JSON.stringify(sessions)).not.toContain(token);
    expect(JSON.stringify(sessions)).not.toContain(token.split('.')[2]);
  });

  it('keeps the generated JWT secret in a 0600 file beside the database', () => {
    const file = join(api.dir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('default admin and forced password change (e2e)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ ADMIN_PASSWORD: '' });
  });
  afterAll(() => api.close());

  it('creates admin/admin123 that must change the password; everything but /me, /change-password, /logout is 403', async () => {
    const login = await api.post('/login', { username: 'admin', password: 'admin123' });
    expect(login.status).toBe(200);
    expect(login.body.must_change_password).toBe(true);
    const token = login.body.token;
    for (const path of ['/cpu', '/system', '/alerts', '/config/thresholds', '/users', '/users/1']) {
      const answer = await api.get(path, { token });
      expect({ path, status: answer.status, error: answer.body.error }).toEqual({
        path,
        status: 403,
        error: 'Changement de mot de passe requis',
      });
      expect(answer.body.message).toEqual(expect.any(String));
    }
    expectError(await api.put('/config/thresholds', { cpu: { warning: 1, critical: 2 } }, { token }), 403, 'Changement de mot de passe requis');
    const me = await api.get('/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.must_change_password).toBe(true);
  });

  it('validates the password change', async () => {
    const token = await api.login('admin', 'admin123');
    const cases: [object, string][] = [
      [change('wrong-current', NEW_PASSWORD), 'Le mot de passe actuel est incorrect'],
      [change('admin123', NEW_PASSWORD, 'Something-Else-1'), 'La confirmation ne correspond pas au nouveau mot de passe'],
      // The default password cannot be kept: it is one of the most common.
      [change('admin123', 'admin123'), 'Le mot de passe fait partie des plus courants : choisissez-en un autre'],
      [change('admin123', 'short'), 'Le mot de passe doit faire entre 8 et 256 caractères'],
      [{ current_password: 'admin123', new_password: NEW_PASSWORD }, "Le champ 'confirm_password' doit être une chaîne"],
      [{ ...change('admin123', NEW_PASSWORD), role: 'admin' }, "Le champ 'role' n'est pas autorisé"],
    ];
    for (const [body, message] of cases) {
      const answer = await api.post('/change-password', body, { token });
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: expect.objectContaining({ error: 'Requête invalide', message }),
      });
    }
    expect((await api.get('/cpu', { token })).status).toBe(403);
  });

  it('after the change: this session keeps working and is opened, other sessions are revoked, the old password fails', async () => {
    const token = await api.login('admin', 'admin123');
    const other = await api.login('admin', 'admin123');
    const changed = await api.post('/change-password', change('admin123', NEW_PASSWORD), { token });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ message: 'Mot de passe modifié avec succès' });
    expect((await api.get('/cpu', { token })).status).toBe(200);
    expectError(await api.get('/me', { token: other }), 401, 'Token invalide');
    expectError(await api.post('/login', { username: 'admin', password: 'admin123' }), 401, 'Connexion échouée');
    const relogin = await api.post('/login', { username: 'admin', password: NEW_PASSWORD });
    expect(relogin.body.must_change_password).toBe(false);
  });
});

describe('first start and token lifetime (e2e)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('creates admin / admin123 to change (main.ts warns at each start meanwhile); with ADMIN_PASSWORD, no warning and no secret in the logs', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    let api = await TestApp.start({ ADMIN_PASSWORD: '' });
    try {
      expect(log.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringMatching(/default account admin \/ admin123/));
      // What main.ts checks once listening, to log its warning line with the URL (test/release.e2e-spec.ts).
      expect(await api.app.get(AuthService).defaultPasswordUnchanged()).toBe(true);
    } finally {
      await api.close();
    }
    warn.mockClear();
    api = await TestApp.start({ ADMIN_PASSWORD: 'Chosen-At-Install-1' });
    try {
      expect(warn.mock.calls.map((call) => String(call[0])).filter((text) => /admin123/.test(text))).toEqual([]);
      expect(await api.app.get(AuthService).defaultPasswordUnchanged()).toBe(false);
      const logged = JSON.stringify([...warn.mock.calls, ...log.mock.calls]);
      expect(logged).not.toContain('Chosen-At-Install-1');
      const login = await api.post('/login', { username: 'admin', password: 'Chosen-At-Install-1' });
      expect(login.body.must_change_password).toBe(false);
      // Only at first start: the variable is ignored once users exist.
      api = await api.restart({ ADMIN_PASSWORD: 'Another-Value-99' });
      expectError(await api.post('/login', { username: 'admin', password: 'Another-Value-99' }), 401, 'Connexion échouée');
      expect((await api.post('/login', { username: 'admin', password: 'Chosen-At-Install-1' })).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('TOKEN_TTL sets the lifetime of a token and its expires_at', async () => {
    const api = await TestApp.start({ TOKEN_TTL: '2m' });
    try {
      const before = Date.now();
      const login = await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
      const ttl = Date.parse(login.body.expires_at) - before;
      expect(ttl).toBeGreaterThan(115_000);
      expect(ttl).toBeLessThanOrEqual(121_000);
      const payload = JSON.parse(Buffer.from(login.body.token.split('.')[1], 'base64url').toString());
      expect(payload.exp * 1000).toBe(Date.parse(login.body.expires_at));
      expect((await api.get('/me', { token: login.body.token })).body.token_expires_at).toBe(login.body.expires_at);
    } finally {
      await api.close();
    }
  });
});

describe('brute force (e2e)', () => {
  it('429 with Retry-After after 5 failed logins for one username from one address', async () => {
    const api = await TestApp.start();
    try {
      for (let i = 0; i < 5; i += 1) {
        expectError(await api.post('/login', { username: 'admin', password: `wrong-${i}` }), 401, 'Connexion échouée');
      }
      const locked = await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
      expectError(locked, 429);
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another username from the same address is not locked.
      expectError(await api.post('/login', { username: 'someone', password: 'whatever-1' }), 401, 'Connexion échouée');
    } finally {
      await api.close();
    }
  });

  it('counts guesses sent in parallel: never more than 5 are checked', async () => {
    const api = await TestApp.start();
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => api.post('/login', { username: 'admin', password: `parallel-wrong-${i}` })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
      for (const answer of answers.filter((a) => a.status === 429)) {
        expectError(answer, 429, 'Trop de tentatives');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      }
      // The right password is refused too while the lock lasts.
      expectError(await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD }), 429);
    } finally {
      await api.close();
    }
  });

  it('lets correct logins sent in parallel all in (a dashboard and scripts sharing an account)', async () => {
    const api = await TestApp.start();
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD })));
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
      expect(new Set(answers.map((answer) => answer.body.token)).size).toBe(8);
    } finally {
      await api.close();
    }
  });

  it('the request rate limit answers 429 in the API shape with Retry-After', async () => {
    const api = await TestApp.start({ LOGIN_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i += 1) await api.post('/login', { username: `u${i}`, password: 'whatever-1' });
      const limited = await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
      expectError(limited, 429, 'Trop de requêtes');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });
});

describe('restart (e2e)', () => {
  it('keeps users, sessions (tokens stay valid) and thresholds on the same file', async () => {
    let api = await TestApp.start();
    try {
      const admin = await api.adminToken();
      const viewer = await api.userToken('keeper', 'viewer', admin);
      const put = await api.put('/config/thresholds', { cpu: { warning: 11, critical: 22 } }, { token: admin });
      expect(put.status).toBe(200);
      const revoked = await api.adminToken();
      await api.post('/logout', undefined, { token: revoked });

      api = await api.restart();
      expect((await api.get('/me', { token: viewer })).body.username).toBe('keeper');
      expect((await api.get('/users', { token: admin })).body.total).toBe(2);
      expectError(await api.get('/me', { token: revoked }), 401, 'Token invalide');
      const thresholds = await api.get('/config/thresholds', { token: viewer });
      expect(thresholds.body.thresholds.cpu).toEqual({ warning: 11, critical: 22, for_minutes: 0, clear_margin: 0 });
      expect(await api.login('keeper', TEST_USER_PASSWORD)).toEqual(expect.any(String));
    } finally {
      await api.close();
    }
  });

  it('with JWT_SECRET, tokens are signed with it (a token survives a restart with the same secret only)', async () => {
    const secret = 'a-very-long-secret-for-the-tests-0123456789';
    let api = await TestApp.start({ JWT_SECRET: secret });
    try {
      const token = await api.adminToken();
      api = await api.restart({ JWT_SECRET: secret });
      expect((await api.get('/me', { token })).status).toBe(200);
      api = await api.restart({ JWT_SECRET: secret.replace('a-', 'b-') });
      expectError(await api.get('/me', { token }), 401, 'Token invalide');
    } finally {
      await api.close();
    }
  });
});

async function queryDb(api: TestApp, sql: string): Promise<any[]> {
  const { DataSource } = await import('typeorm');
  return api.app.get(DataSource).query(sql);
}
