import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

/** The fleet list behind the dashboard's fleet view: stored in SQLite, admin writes, everyone reads. */
describe('fleet (e2e)', () => {
  let api: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.adminToken();
    viewer = await api.userToken('fleet.viewer', 'viewer', admin);
  }, 60_000);
  afterAll(() => api.close());

  it('starts empty', async () => {
    const answer = await api.get('/fleet', { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), probes: [], total: 0 });
  });

  it('adds probes with a normalised URL, lists them by name, refuses a second probe at the same URL', async () => {
    const added = await api.post('/fleet', { name: ' web-02 ', base_url: 'HTTP://Web-02.Example.com:3000/' }, { token: admin });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      message: 'Sonde ajoutée',
      probe: { id: expect.any(Number), name: 'web-02', base_url: 'http://web-02.example.com:3000', created_at: expect.stringMatching(ISO_SECONDS) },
    });
    const second = await api.post('/fleet', { name: 'db-01', base_url: 'https://db-01.example.com/healthcheck' }, { token: admin });
    expect(second.status).toBe(201);

    const duplicate = await api.post('/fleet', { name: 'other', base_url: 'http://web-02.example.com:3000' }, { token: admin });
    expect(expectError(duplicate, 409, 'Conflit').message).toBe("Une sonde a déjà l'URL http://web-02.example.com:3000");

    const list = await api.get('/fleet', { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.probes.map((probe: { name: string; base_url: string }) => [probe.name, probe.base_url])).toEqual([
      ['db-01', 'https://db-01.example.com/healthcheck'],
      ['web-02', 'http://web-02.example.com:3000'],
    ]);
  });

  it.each([
    [{ name: 'x', base_url: 'ftp://files.example.com' }],
    [{ name: 'x', base_url: 'javascript:alert(1)' }],
    [{ name: 'x', base_url: 'http://user:secret@web.example.com' }],
    [{ name: 'x', base_url: 'http://web.example.com/?token=abc' }],
    [{ name: 'x', base_url: 'web.example.com:3000' }],
    [{ name: '', base_url: 'http://web.example.com' }],
    [{ name: 'x'.repeat(65), base_url: 'http://web.example.com' }],
    [{ base_url: 'http://web.example.com' }],
    [{ name: 'x', base_url: 'http://web.example.com', extra: true }],
  ])('refuses %j with a 400', async (body) => {
    expectError(await api.post('/fleet', body, { token: admin }), 400, 'Requête invalide');
  });

  it('lets only an admin write, and asks a token to read', async () => {
    expectError(await api.post('/fleet', { name: 'v', base_url: 'http://v.example.com' }, { token: viewer }), 403, 'Accès refusé');
    const id = (await api.get('/fleet', { token: admin })).body.probes[0].id;
    expectError(await api.delete(`/fleet/${id}`, { token: viewer }), 403, 'Accès refusé');
    expectError(await api.get('/fleet'), 401, 'Token manquant');
  });

  it('keeps the list across a restart, and deletes: 200, then 404; a bad id is a 400', async () => {
    api = await api.restart();
    admin = await api.adminToken();
    const probes = (await api.get('/fleet', { token: admin })).body.probes as Array<{ id: number; name: string }>;
    expect(probes.map((probe) => probe.name)).toEqual(['db-01', 'web-02']);

    const removed = await api.delete(`/fleet/${probes[0].id}`, { token: admin });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ message: 'Sonde supprimée', id: probes[0].id });
    expectError(await api.delete(`/fleet/${probes[0].id}`, { token: admin }), 404, 'Ressource introuvable');
    expectError(await api.delete('/fleet/abc', { token: admin }), 400, 'Requête invalide');
    expect((await api.get('/fleet', { token: admin })).body.total).toBe(1);
  });
});
