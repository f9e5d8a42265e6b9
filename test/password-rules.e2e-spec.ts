import { expectError, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD, TestApp } from './support/test-app';

const change = (current: string, next: string) => ({ current_password: current, new_password: next, confirm_password: next });

/** Passwords the rule refuses, whoever the user, with the message saying why. */
const WEAK: Array<[string, RegExp]> = [
  ['password123', /plus courants/],
  ['12345678', /plus courants/],
  ['Azerty123', /plus courants/],
  ['        ', /que d'espaces/],
  ['\t\t\t\t\n\n\n\n', /que d'espaces/],
];

describe('password rule (e2e)', () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await TestApp.start({ LOGIN_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '100000' });
    admin = await api.adminToken();
  });
  afterAll(() => api.close());

  it('POST /users refuses a common, blank or username-containing password (400, French), and creates nobody', async () => {
    for (const [password, why] of [...WEAK, ['Jean.Dupont-2024', /nom d'utilisateur/] as [string, RegExp]]) {
      const answer = await api.post('/users', { username: 'jean.dupont', password, role: 'viewer' }, { token: admin });
      expect(expectError(answer, 400, 'Requête invalide').message).toMatch(why);
    }
    expect((await api.get('/users', { token: admin })).body.users.map((user: { username: string }) => user.username)).toEqual(['admin']);
    expect((await api.post('/users', { username: 'jean.dupont', password: 'Correct-Horse-9', role: 'viewer' }, { token: admin })).status).toBe(201);
  });

  it('PUT /users/:id (admin reset) applies the same rule, with the target user’s name', async () => {
    const created = await api.post('/users', { username: 'reset.me', password: 'Correct-Horse-9', role: 'viewer' }, { token: admin });
    expect(created.status).toBe(201);
    const id = created.body.user.id;
    for (const [password, why] of [...WEAK, ['xx-RESET.ME-xx', /nom d'utilisateur/] as [string, RegExp]]) {
      expect(expectError(await api.put(`/users/${id}`, { password }, { token: admin }), 400).message).toMatch(why);
    }
    // Nothing changed: the first password still works and no change is forced again.
    expect((await api.post('/login', { username: 'reset.me', password: 'Correct-Horse-9' })).status).toBe(200);
    expect((await api.put(`/users/${id}`, { password: 'Another-Horse-9' }, { token: admin })).status).toBe(200);
  });

  it('POST /change-password applies it to the new password, the own username included', async () => {
    const token = await api.userToken('marie.curie', 'viewer', admin);
    for (const [password, why] of [...WEAK, ['my-Marie.Curie-pass', /nom d'utilisateur/] as [string, RegExp]]) {
      expect(expectError(await api.post('/change-password', change(TEST_USER_PASSWORD, password), { token }), 400).message).toMatch(why);
    }
    const same = await api.post('/change-password', change(TEST_USER_PASSWORD, TEST_USER_PASSWORD), { token });
    expect(expectError(same, 400).message).toBe("Le nouveau mot de passe doit être différent de l'actuel");
    expect((await api.post('/change-password', change(TEST_USER_PASSWORD, 'Radium-Polonium-1898'), { token })).status).toBe(200);
    expect((await api.post('/login', { username: 'marie.curie', password: 'Radium-Polonium-1898' })).status).toBe(200);
  });

  it('the first start still creates admin / admin123 (to change at once)', async () => {
    const fresh = await TestApp.start({ ADMIN_PASSWORD: '' });
    try {
      const login = await fresh.post('/login', { username: 'admin', password: 'admin123' });
      expect({ status: login.status, must: login.body.must_change_password }).toEqual({ status: 200, must: true });
      // and the change itself refuses a common password
      const weak = await fresh.post('/change-password', change('admin123', 'password123'), { token: login.body.token });
      expect(expectError(weak, 400).message).toMatch(/plus courants/);
    } finally {
      await fresh.close();
    }
  });

  it('refuses to start with an ADMIN_PASSWORD that breaks the rule, without showing it', async () => {
    await expect(TestApp.start({ ADMIN_PASSWORD: 'password123' })).rejects.toThrow(
      /^Invalid environment variable ADMIN_PASSWORD \(value not shown\): is one of the most common passwords/,
    );
    await expect(TestApp.start({ ADMIN_PASSWORD: 'Admin-2024-Pass' })).rejects.toThrow(/must not contain the username 'admin'/);
  });
});

describe('wrong current_password on /change-password (e2e)', () => {
  it('counts toward the login lock of the username: 5 failures → 429 with Retry-After, /login locked too', async () => {
    const api = await TestApp.start({ LOGIN_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '100000' });
    try {
      const token = await api.userToken('stolen.token', 'viewer');
      for (let i = 0; i < 5; i += 1) {
        const guess = await api.post('/change-password', change(`Guess-Number-${i}`, 'Brand-New-Secret-7'), { token });
        expect(expectError(guess, 400).message).toBe('Le mot de passe actuel est incorrect');
      }
      // Locked: even the right current password is refused now, with Retry-After.
      const locked = await api.post('/change-password', change(TEST_USER_PASSWORD, 'Brand-New-Secret-7'), { token });
      expectError(locked, 429, 'Trop de tentatives');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // The same username is locked on /login (from this address), the right password included.
      const login = await api.post('/login', { username: 'stolen.token', password: TEST_USER_PASSWORD });
      expectError(login, 429, 'Trop de tentatives');
      expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other users are not affected.
      expect((await api.post('/login', { username: 'admin', password: TEST_ADMIN_PASSWORD })).status).toBe(200);
    } finally {
      await api.close();
    }
  }, 30000);

  it('parallel guesses get no more than 5 checks', async () => {
    const api = await TestApp.start({ LOGIN_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '100000' });
    try {
      const token = await api.userToken('parallel.guess', 'viewer');
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => api.post('/change-password', change(`Guess-Number-${i}`, 'Brand-New-Secret-7'), { token })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 400)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    } finally {
      await api.close();
    }
  }, 30000);

  it('failed logins lock /change-password too, and a right current password clears earlier failures', async () => {
    const api = await TestApp.start({ LOGIN_RATE_LIMIT: '100000', WRITE_RATE_LIMIT: '100000' });
    try {
      const token = await api.userToken('lock.both', 'viewer');
      for (let i = 0; i < 4; i += 1) {
        expectError(await api.post('/change-password', change(`Guess-Number-${i}`, 'Brand-New-Secret-7'), { token }), 400);
      }
      expect((await api.post('/change-password', change(TEST_USER_PASSWORD, 'Brand-New-Secret-7'), { token })).status).toBe(200);
      for (let i = 0; i < 5; i += 1) expectError(await api.post('/login', { username: 'lock.both', password: `Wrong-${i}-x` }), 401);
      expectError(await api.post('/change-password', change('Brand-New-Secret-7', 'Other-New-Secret-8'), { token }), 429);
    } finally {
      await api.close();
    }
  }, 30000);
});
