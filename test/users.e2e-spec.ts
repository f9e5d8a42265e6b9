import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expectError, HttpAnswer, ISO_SECONDS, TestApp, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every answer of this file, to check at the end that none holds a hash or a token. */
const answers: HttpAnswer[] = [];
const keep = <T extends HttpAnswer>(answer: T): T => {
  answers.push(answer);
  return answer;
};

describe('users (e2e)', () => {
  let api: TestApp;
  let admin: string;
  const db = () => api.app.get(DataSource);
  const total = async () => (await api.get('/users', { token: admin })).body.total as number;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('POST /users answers the spec shape (201); the user must change the password at first login', async () => {
    const before = Date.now();
    const created = keep(await api.post('/users', { username: 'jean.dupont', password: 'TempPassword123!', role: 'technicien' }, { token: admin }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      message: 'Utilisateur créé avec succès',
      user: {
        id: expect.any(Number),
        username: 'jean.dupont',
        role: 'technicien',
        permissions: ['read', 'execute'],
        created_at: expect.stringMatching(ISO_SECONDS),
      },
    });
    expect(Date.parse(created.body.user.created_at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const login = keep(await api.post('/login', { username: 'jean.dupont', password: 'TempPassword123!' }));
    expect(login.body).toMatchObject({ must_change_password: true, user: { role: 'technicien', permissions: ['read', 'execute'] } });
  });

  it('GET /users answers the spec list; GET /users/{id} one user with permissions', async () => {
    const list = keep(await api.get('/users', { token: admin }));
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      users: [
        { id: 1, username: 'admin', role: 'admin', created_at: expect.stringMatching(ISO_SECONDS), last_login: expect.stringMatching(ISO_SECONDS), must_change_password: false },
        { id: 2, username: 'jean.dupont', role: 'technicien', created_at: expect.stringMatching(ISO_SECONDS), last_login: expect.stringMatching(ISO_SECONDS), must_change_password: true },
      ],
      total: 2,
    });
    const one = keep(await api.get('/users/2', { token: admin }));
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      user: { ...list.body.users[1], permissions: ['read', 'execute'] },
    });
  });

  it('400 for every invalid user, and nothing is created', async () => {
    const before = await total();
    const good = { username: 'valid.name', password: 'Valid-Pass-1', role: 'viewer' };
    const usernameRule = "Le nom d'utilisateur doit faire 3 à 32 caractères parmi a-z, 0-9, '.', '_' et '-'";
    const passwordRule = 'Le mot de passe doit faire entre 8 et 256 caractères';
    const roleRule = 'Le rôle doit être viewer, technicien ou admin';
    const cases: [object, string][] = [
      [{ ...good, username: 'ab' }, usernameRule],
      [{ ...good, username: 'x'.repeat(33) }, usernameRule],
      [{ ...good, username: 'Jean' }, usernameRule],
      [{ ...good, username: 'jean dupont' }, usernameRule],
      [{ ...good, username: 'jean@example' }, usernameRule],
      [{ ...good, username: 42 }, usernameRule],
      [{ password: good.password, role: good.role }, usernameRule],
      [{ ...good, password: 'short' }, passwordRule],
      [{ ...good, password: 'x'.repeat(257) }, passwordRule],
      [{ username: good.username, role: good.role }, passwordRule],
      [{ ...good, role: 'superadmin' }, roleRule],
      [{ ...good, role: 'Admin' }, roleRule],
      [{ username: good.username, password: good.password }, roleRule],
      [{ ...good, must_change_password: false }, "Le champ 'must_change_password' n'est pas autorisé"],
    ];
    for (const [body, message] of cases) {
      const answer = keep(await api.post('/users', body, { token: admin }));
      expect({ body, status: answer.status, error: answer.body.error, message: answer.body.message }).toEqual({
        body,
        status: 400,
        error: 'Requête invalide',
        message,
      });
    }
    expect(await total()).toBe(before);
  });

  it('409 on a duplicate username', async () => {
    const duplicate = keep(await api.post('/users', { username: 'jean.dupont', password: 'Another-Pass-1', role: 'viewer' }, { token: admin }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({ error: 'Conflit', message: "Le nom d'utilisateur 'jean.dupont' existe déjà" });
  });

  it('404 for an unknown id, 400 for an id that is not a positive integer', async () => {
    for (const answer of [
      await api.get('/users/9999', { token: admin }),
      await api.put('/users/9999', { role: 'viewer' }, { token: admin }),
      await api.delete('/users/9999', { token: admin }),
    ]) {
      expect(keep(answer).body).toEqual({ error: 'Utilisateur introuvable', message: "Aucun utilisateur avec l'id 9999" });
      expect(answer.status).toBe(404);
    }
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999']) {
      expectError(keep(await api.get(`/users/${id}`, { token: admin })), 400, 'Requête invalide');
      expectError(keep(await api.delete(`/users/${id}`, { token: admin })), 400, 'Requête invalide');
    }
  });

  it('PUT /users/{id}: 400 for an empty body, a bad role, a short password or an unknown field; nothing changes', async () => {
    const before = (await api.get('/users/2', { token: admin })).body.user;
    const cases: [object, string][] = [
      [{}, "Indiquez au moins un champ à modifier : 'role' ou 'password'"],
      [{ role: 'root' }, 'Le rôle doit être viewer, technicien ou admin'],
      [{ password: 'short' }, 'Le mot de passe doit faire entre 8 et 256 caractères'],
      [{ role: 'viewer', username: 'renamed' }, "Le champ 'username' n'est pas autorisé"],
    ];
    for (const [body, message] of cases) {
      const answer = keep(await api.put('/users/2', body, { token: admin }));
      expect({ status: answer.status, message: answer.body.message }).toEqual({ status: 400, message });
    }
    expect((await api.get('/users/2', { token: admin })).body.user).toEqual(before);
  });

  it('a role change acts on the existing tokens at once, both ways', async () => {
    const token = await api.userToken('role.change', 'technicien', admin);
    const id = (await api.get('/me', { token })).body.id;
    expect((await api.get('/commands', { token })).status).toBe(200);
    const changed = keep(await api.put(`/users/${id}`, { role: 'viewer' }, { token: admin }));
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      message: 'Utilisateur modifié avec succès',
      user: expect.objectContaining({ id, username: 'role.change', role: 'viewer', permissions: ['read'], must_change_password: false }),
    });
    expectError(await api.get('/commands', { token }), 403, 'Accès refusé');
    expect((await api.get('/me', { token })).body.permissions).toEqual(['read']);
    await api.put(`/users/${id}`, { role: 'admin' }, { token: admin });
    expect((await api.get('/users', { token })).status).toBe(200);
  });

  it("a demoted admin's old token loses admin rights at once", async () => {
    const second = await api.userToken('second.admin', 'admin', admin);
    expect((await api.get('/users', { token: second })).status).toBe(200);
    const id = (await api.get('/me', { token: second })).body.id;
    expect(keep(await api.put(`/users/${id}`, { role: 'technicien' }, { token: admin })).status).toBe(200);
    const refused = await api.get('/users', { token: second });
    expect(refused.body).toEqual({ error: 'Accès refusé', message: "Permission 'users' requise pour cette action" });
    expectError(await api.put('/config/thresholds', { cpu: { warning: 1, critical: 2 } }, { token: second }), 403, 'Accès refusé');
    expect((await api.get('/commands', { token: second })).status).toBe(200);
    await api.delete(`/users/${id}`, { token: admin });
  });

  it('a deleted user: 200, then their tokens are refused at once and the id is gone', async () => {
    const token = await api.userToken('to.delete', 'viewer', admin);
    const id = (await api.get('/me', { token })).body.id;
    const deleted = keep(await api.delete(`/users/${id}`, { token: admin }));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ message: 'Utilisateur supprimé avec succès' });
    expectError(await api.get('/cpu', { token }), 401, 'Token invalide');
    expect((await api.get(`/users/${id}`, { token: admin })).status).toBe(404);
    expect(await db().query('SELECT id FROM sessions WHERE user_id = ?', [id])).toEqual([]);
    expectError(await api.post('/login', { username: 'to.delete', password: TEST_USER_PASSWORD }), 401, 'Connexion échouée');
  });

  it('an admin cannot delete their own account; the last admin cannot be demoted (409, saying why)', async () => {
    const admins = (await api.get('/users', { token: admin })).body.users.filter((u: { role: string }) => u.role === 'admin');
    for (const other of admins.filter((u: { id: number }) => u.id !== 1)) {
      await api.put(`/users/${other.id}`, { role: 'viewer' }, { token: admin });
    }
    const self = keep(await api.delete('/users/1', { token: admin }));
    expect(self.body).toEqual({ error: 'Conflit', message: 'Un administrateur ne peut pas supprimer son propre compte' });
    expect(self.status).toBe(409);
    const demote = keep(await api.put('/users/1', { role: 'technicien' }, { token: admin }));
    expect(demote.status).toBe(409);
    expect(demote.body).toEqual({
      error: 'Conflit',
      message: 'Il doit rester au moins un administrateur : le dernier ne peut être ni supprimé ni rétrogradé',
    });
    // Staying admin is no demotion; a password reset of the last admin is allowed.
    expect((await api.put('/users/1', { role: 'admin' }, { token: admin })).status).toBe(200);
  });

  it('two admins demoting or deleting each other at the same moment: exactly one succeeds, one admin is left', async () => {
    const adminCount = async () => (await db().query("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'"))[0].n as number;
    const a = await api.userToken('race.a', 'admin', admin);
    const b = await api.userToken('race.b', 'admin', admin);
    const idA = (await api.get('/me', { token: a })).body.id;
    const idB = (await api.get('/me', { token: b })).body.id;
    // admin (id 1) steps down first, so that race.a and race.b are the only two admins.
    await api.put('/users/1', { role: 'viewer' }, { token: a });
    expect(await adminCount()).toBe(2);
    const demotions = await Promise.all([
      api.put(`/users/${idB}`, { role: 'viewer' }, { token: a }),
      api.put(`/users/${idA}`, { role: 'viewer' }, { token: b }),
    ]);
    expect(demotions.map((d) => d.status).filter((s) => s === 200)).toHaveLength(1);
    expect(await adminCount()).toBe(1);
    const [winner, loser] = demotions[0].status === 200 ? [a, b] : [b, a];
    const loserId = loser === a ? idA : idB;
    await api.put(`/users/${loserId}`, { role: 'admin' }, { token: winner });
    expect(await adminCount()).toBe(2);
    const deletions = await Promise.all([api.delete(`/users/${idB}`, { token: a }), api.delete(`/users/${idA}`, { token: b })]);
    expect(deletions.map((d) => d.status).filter((s) => s === 200)).toHaveLength(1);
    expect(await adminCount()).toBe(1);
    const survivor = deletions[0].status === 200 ? a : b;
    await api.put('/users/1', { role: 'admin' }, { token: survivor });
  });

  it('users.token/token_expires follow the latest live session; sessions keep only SHA-256 hashes', async () => {
    const row = async () => (await db().query('SELECT token, token_expires FROM users WHERE id = 1'))[0] as { token: string | null; token_expires: string | null };
    const older = keep(await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD }));
    const newer = keep(await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD }));
    expect((await row()).token).toBe(sha256(newer.body.token));
    expect(Date.parse((await row()).token_expires!.replace(' ', 'T') + 'Z')).toBe(Date.parse(newer.body.expires_at));
    const sessions = await db().query('SELECT token_hash FROM sessions WHERE user_id = 1');
    expect(sessions.map((s: { token_hash: string }) => s.token_hash)).toEqual(expect.arrayContaining([sha256(older.body.token), sha256(newer.body.token)]));
    await api.post('/logout', undefined, { token: newer.body.token });
    expect((await row()).token).toBe(sha256(older.body.token));
    await api.post('/logout', undefined, { token: older.body.token });
    const live = (await db().query('SELECT COUNT(*) AS n FROM sessions WHERE user_id = 1 AND revoked_at IS NULL'))[0].n;
    expect((await row()).token === null).toBe(live === 0);
    // The own password change revokes the other sessions: the column follows the one kept.
    const kept = await api.login('admin', TEST_ADMIN_PASSWORD);
    await api.login('admin', TEST_ADMIN_PASSWORD);
    const next = 'Probe-Test-Pass-2';
    await api.post('/change-password', { current_password: TEST_ADMIN_PASSWORD, new_password: next, confirm_password: next }, { token: kept });
    expect((await row()).token).toBe(sha256(kept));
    await api.post('/change-password', { current_password: next, new_password: TEST_ADMIN_PASSWORD, confirm_password: TEST_ADMIN_PASSWORD }, { token: kept });
    admin = kept;
  });

  it('no answer of this file held a password hash or a token (but /login its own)', async () => {
    const hashes = (await db().query('SELECT password_hash AS h FROM users UNION SELECT token_hash FROM sessions')).map((r: { h: string }) => r.h);
    for (const answer of answers) {
      const isLogin = typeof answer.body?.token === 'string' && answer.body?.message === 'Connexion réussie';
      const text = isLogin ? answer.text.replace(answer.body.token, '') : answer.text;
      expect(text).not.toMatch(/\$argon2|password_hash|eyJ[\w-]+\.[\w-]+\./);
      for (const hash of hashes) expect(text).not.toContain(hash);
    }
    expect(answers.length).toBeGreaterThan(40);
  });
});
