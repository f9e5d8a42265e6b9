import { expectError, ISO_SECONDS, TestApp } from './support/test-app';
import { FakeDiscord } from './support/fake-discord';

const SPEC_URL = 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnop';
const SPEC_BODY = { webhook_url: SPEC_URL, enabled: true, notify_on: ['critical', 'warning'] };

describe('/config/discord (e2e)', () => {
  let api: TestApp;
  let discord: FakeDiscord;
  let admin: string;

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: 'discord.com,discordapp.com,127.0.0.1', ALERTS_CRON: '0 0 1 1 *' });
    admin = await api.adminToken();
  });
  afterAll(async () => {
    await api.close();
    await discord.close();
  });
  beforeEach(() => discord.reset());

  it('shows nothing configured at first', async () => {
    const answer = await api.get('/config/discord', { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      webhook_configured: false,
      webhook_url: null,
      enabled: false,
      notify_on: ['critical', 'warning'],
      repeat_minutes: 60,
      schedule: '0 0 1 1 *',
      last_sent_at: null,
      last_error: null,
      last_error_at: null,
      updated_at: null,
      updated_by: null,
      notifications: [],
    });
  });

  it("saves the spec's example and answers exactly the spec's body, sending nothing", async () => {
    const answer = await api.post('/config/discord', SPEC_BODY, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ message: 'Configuration Discord sauvegardée', webhook_configured: true, notify_on: ['critical', 'warning'] });
    expect(discord.requests).toHaveLength(0);
  });

  it('shows the settings with the token masked, and who changed them (by username)', async () => {
    const answer = await api.get('/config/discord', { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      webhook_configured: true,
      webhook_url: 'https://discord.com/api/webhooks/1234567890/abcd…',
      enabled: true,
      notify_on: ['critical', 'warning'],
      repeat_minutes: 60,
      last_sent_at: null,
      last_error: null,
      updated_at: expect.stringMatching(ISO_SECONDS),
      updated_by: 'admin',
    });
    expect(answer.text).not.toContain('abcdefghijklmnop');
  });

  it('updated_by names whoever saved last, and becomes null once that user is deleted', async () => {
    const other = await api.userToken('discord.admin', 'admin', admin);
    expect((await api.post('/config/discord', SPEC_BODY, { token: other })).status).toBe(200);
    expect((await api.get('/config/discord', { token: admin })).body.updated_by).toBe('discord.admin');

    const users = await api.get('/users', { token: admin });
    const id = (users.body.users as Array<{ id: number; username: string }>).find((user) => user.username === 'discord.admin')!.id;
    expect((await api.delete(`/users/${id}`, { token: admin })).status).toBe(200);
    expect((await api.get('/config/discord', { token: admin })).body.updated_by).toBeNull();

    expect((await api.post('/config/discord', SPEC_BODY, { token: admin })).status).toBe(200);
    expect((await api.get('/config/discord', { token: admin })).body.updated_by).toBe('admin');
  });

  it('keeps notify_on in a fixed order, accepts repeat_minutes, and can disable', async () => {
    const answer = await api.post(
      '/config/discord',
      { webhook_url: SPEC_URL, enabled: false, notify_on: ['warning', 'critical'], repeat_minutes: 240 },
      { token: admin },
    );
    expect(answer.body).toEqual({ message: 'Configuration Discord sauvegardée', webhook_configured: true, notify_on: ['critical', 'warning'] });
    const view = await api.get('/config/discord', { token: admin });
    expect(view.body).toMatchObject({ enabled: false, repeat_minutes: 240 });
    const only = await api.post('/config/discord', { ...SPEC_BODY, notify_on: ['critical'] }, { token: admin });
    expect(only.body.notify_on).toEqual(['critical']);
    // repeat_minutes left out keeps the stored one
    expect((await api.get('/config/discord', { token: admin })).body).toMatchObject({ enabled: true, repeat_minutes: 240, notify_on: ['critical'] });
  });

  it.each([
    ['a non-Discord host', 'https://example.com/api/webhooks/1234567890/abcdefghijklmnop'],
    ['a look-alike host', 'https://discord.com.evil.net/api/webhooks/1234567890/abcdefghijklmnop'],
    ['http on a public host', 'http://discord.com/api/webhooks/1234567890/abcdefghijklmnop'],
    ['a loopback host that is not listed', 'http://localhost:9/api/webhooks/1234567890/abcdefghijklmnop'],
    ['a listed loopback host with a path that is not a webhook', 'http://127.0.0.1:9/admin'],
    ['a non-numeric id', 'https://discord.com/api/webhooks/abc/abcdefghijklmnop'],
    ['a missing token', 'https://discord.com/api/webhooks/1234567890'],
    ['a path that is not a webhook', 'https://discord.com/api/v10/channels/1234567890/messages'],
    ['extra path segments', 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnop/github'],
    ['a query string', 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnop?thread_id=1'],
    ['credentials in the URL', 'https://me:pw@discord.com/api/webhooks/1234567890/abcdefghijklmnop'],
    ['not a URL at all', 'discord webhook please'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses %s with a 400 and keeps the previous settings', async (_name, url) => {
    const answer = await api.post('/config/discord', { ...SPEC_BODY, webhook_url: url }, { token: admin });
    const body = expectError(answer, 400, 'Requête invalide');
    expect(body.message).toMatch(/webhook/);
    expect((await api.get('/config/discord', { token: admin })).body.webhook_url).toBe('https://discord.com/api/webhooks/1234567890/abcd…');
  });

  it.each([
    ['an empty notify_on', { ...SPEC_BODY, notify_on: [] }, /notify_on/],
    ['an unknown level', { ...SPEC_BODY, notify_on: ['critical', 'info'] }, /notify_on/],
    ['a duplicate level', { ...SPEC_BODY, notify_on: ['critical', 'critical'] }, /notify_on/],
    ['notify_on not a list', { ...SPEC_BODY, notify_on: 'critical' }, /notify_on/],
    ['enabled missing', { webhook_url: SPEC_URL, notify_on: ['critical'] }, /enabled/],
    ['enabled as a string', { ...SPEC_BODY, enabled: 'yes' }, /enabled/],
    ['webhook_url missing', { enabled: true, notify_on: ['critical'] }, /webhook_url/],
    ['repeat_minutes 0', { ...SPEC_BODY, repeat_minutes: 0 }, /repeat_minutes/],
    ['repeat_minutes over a week', { ...SPEC_BODY, repeat_minutes: 10081 }, /repeat_minutes/],
    ['repeat_minutes a fraction', { ...SPEC_BODY, repeat_minutes: 1.5 }, /repeat_minutes/],
    ['an unknown field', { ...SPEC_BODY, channel: 'x' }, /channel/],
  ])('refuses %s with a 400', async (_name, body, message) => {
    const answer = await api.post('/config/discord', body, { token: admin });
    expect(expectError(answer, 400, 'Requête invalide').message).toMatch(message);
  });

  it('is documented in Swagger: the three routes, their answers and errors, with examples matching the real answers', async () => {
    const { status, body: doc } = await api.get('/docs-json');
    expect(status).toBe(200);
    const schema = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')];
    const answer = (operation: any, code: string) => operation?.responses?.[code]?.content?.['application/json']?.schema?.$ref;
    const save = doc.paths['/config/discord']?.post;
    const view = doc.paths['/config/discord']?.get;
    const test = doc.paths['/config/discord/test']?.post;
    for (const [operation, codes] of [
      [save, ['200', '400', '401', '403', '429']],
      [view, ['200', '401', '403']],
      [test, ['200', '401', '403', '409', '429', '502', '504']],
    ] as const) {
      expect(operation).toMatchObject({ tags: ['discord'], security: [{ bearer: [] }], summary: expect.any(String) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([...codes]));
    }
    const request = schema(save.requestBody.content['application/json'].schema.$ref);
    expect(Object.fromEntries(Object.entries<any>(request.properties).map(([key, value]) => [key, value.example]))).toEqual({ ...SPEC_BODY, repeat_minutes: 60 });
    expect(request.required.sort()).toEqual(['enabled', 'notify_on', 'webhook_url']);
    const examples = (ref: string) => Object.fromEntries(Object.entries<any>(schema(ref).properties).map(([key, value]) => [key, value.example]));
    expect(examples(answer(save, '200'))).toEqual({ message: 'Configuration Discord sauvegardée', webhook_configured: true, notify_on: ['critical', 'warning'] });
    // the documented fields are exactly those the routes answer
    const shown = await api.get('/config/discord', { token: admin });
    expect(Object.keys(schema(answer(view, '200')).properties).sort()).toEqual(Object.keys(shown.body).sort());
    expect(examples(answer(view, '200')).webhook_url).toBe('https://discord.com/api/webhooks/1234567890/abcd…');
    expect(Object.keys(schema(answer(test, '200')).properties).sort()).toEqual(['attempts', 'delivered', 'discord_status', 'message', 'sent_at']);
  });

  describe('access', () => {
    let viewer: string;
    let technicien: string;
    beforeAll(async () => {
      viewer = await api.userToken('discordviewer', 'viewer', admin);
      technicien = await api.userToken('discordtech', 'technicien', admin);
    });

    it.each([
      ['GET', '/config/discord'],
      ['POST', '/config/discord'],
      ['POST', '/config/discord/test'],
    ])('%s %s needs a token (401) and the admin role (403)', async (method, path) => {
      const body = method === 'POST' && path === '/config/discord' ? SPEC_BODY : undefined;
      expectError(await api.request(method, path, { body }), 401);
      expectError(await api.request(method, path, { body, token: viewer }), 403);
      expectError(await api.request(method, path, { body, token: technicien }), 403);
      expect(discord.requests).toHaveLength(0);
    });
  });

  describe('POST /config/discord/test', () => {
    it('sends a test message to the webhook and reports Discord’s answer', async () => {
      await api.post('/config/discord', { ...SPEC_BODY, webhook_url: discord.webhookUrl('987', 'test-token-xyz-0123456789') }, { token: admin });
      const answer = await api.post('/config/discord/test', undefined, { token: admin });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        message: 'Message de test envoyé',
        delivered: true,
        discord_status: 200,
        attempts: 1,
        sent_at: expect.stringMatching(ISO_SECONDS),
      });
      expect(discord.requests).toHaveLength(1);
      const [request] = discord.requests;
      expect(request).toMatchObject({ method: 'POST', path: '/api/v10/webhooks/987/test-token-xyz-0123456789', query: { wait: 'true' } });
      const health = await api.get('/health');
      expect(request.body).toMatchObject({ username: 'Monitoring Bot', content: `🔔 TEST MONITORING - ${health.body.hostname}` });
      const view = await api.get('/config/discord', { token: admin });
      expect(view.body).toMatchObject({
        webhook_url: `http://127.0.0.1:${discord.port}/api/webhooks/987/test…`,
        last_sent_at: answer.body.sent_at,
        last_error: null,
      });
    });

    it('reports a deleted webhook as a 502 and records the error, without the token', async () => {
      discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
      const answer = await api.post('/config/discord/test', undefined, { token: admin });
      const body = expectError(answer, 502, 'Erreur Discord');
      expect(body.message).toBe('Discord a refusé le message : Discord answered 404: Unknown Webhook (webhook invalid or deleted)');
      expect(discord.requests).toHaveLength(1);
      const view = await api.get('/config/discord', { token: admin });
      expect(view.body.last_error).toBe('Discord answered 404: Unknown Webhook (webhook invalid or deleted)');
      expect(view.body.last_error_at).toMatch(ISO_SECONDS);
      expect(view.text).not.toContain('test-token-xyz-0123456789');
    });

    it('answers 504 when Discord is unreachable', async () => {
      const gone = await FakeDiscord.start();
      const url = gone.webhookUrl('5', 'gone-token');
      await gone.close();
      await api.post('/config/discord', { ...SPEC_BODY, webhook_url: url }, { token: admin });
      const answer = await api.post('/config/discord/test', undefined, { token: admin });
      const body = expectError(answer, 504, 'Discord injoignable');
      expect(body.message).toMatch(/ECONNREFUSED/);
      expect(body.message).not.toContain('gone-token');
    }, 15_000);
  });
});

describe('/config/discord/test before any configuration (e2e)', () => {
  it('answers 409', async () => {
    const api = await TestApp.start();
    try {
      const admin = await api.adminToken();
      expectError(await api.post('/config/discord/test', undefined, { token: admin }), 409, 'Conflit');
    } finally {
      await api.close();
    }
  });
});
