import { DiscordNotifierService } from '../src/discord/discord-notifier.service';
import { FakeDiscord } from './support/fake-discord';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

// Only the disk is driven; CPU and memory are kept quiet, as far as thresholds can (never critical).
const QUIET = { cpu: { warning: 99, critical: 100 }, memory: { warning: 99, critical: 100 } };
const DISK_WARNING = { disk: { warning: 0, critical: 99 } };
const DISK_CLEAR = { disk: { warning: 98, critical: 99 } };
const NEVER = '0 0 1 1 *';
const PATH = '/config/discord/last-message';

/** The DISK embeds of a payload (a busy machine may add a CPU one: warning at 99 % is reachable). */
const diskEmbeds = (payload: { embeds: Array<{ title: string }> } | null) => (payload?.embeds ?? []).filter((embed) => embed.title.includes('DISK'));

describe('GET /config/discord/last-message (e2e)', () => {
  let discord: FakeDiscord;
  let api: TestApp;
  let admin: string;
  let hostname: string;
  const notifier = () => api.app.get(DiscordNotifierService);
  const thresholds = async (changes: object) => expect((await api.put('/config/thresholds', changes, { token: admin })).status).toBe(200);
  const configure = async (extra: object = {}) =>
    expect(
      (await api.post('/config/discord', { webhook_url: discord.webhookUrl('77', 'last-token'), enabled: true, notify_on: ['critical', 'warning'], ...extra }, { token: admin }))
        .status,
    ).toBe(200);

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    api = await TestApp.start({ DISCORD_ALLOWED_HOSTS: '127.0.0.1', ALERTS_CRON: NEVER });
    admin = await api.adminToken();
    hostname = (await api.get('/health')).body.hostname;
    await thresholds(QUIET);
  });
  afterAll(async () => {
    await api.close();
    await discord.close();
  });
  beforeEach(() => discord.reset());

  it('needs a token (401) and the admin role (403)', async () => {
    expectError(await api.get(PATH), 401);
    expectError(await api.get(PATH, { token: await api.userToken('lastviewer', 'viewer', admin) }), 403);
    expectError(await api.get(PATH, { token: await api.userToken('lasttech', 'technicien', admin) }), 403);
  });

  it('before any delivery, previews what the current alerts would send, at the configured levels', async () => {
    await thresholds(DISK_CLEAR);
    const clear = await api.get(PATH, { token: admin });
    expect(clear.body).toMatchObject({ delivered_at: null, payload: null });
    expect(diskEmbeds(clear.body.preview)).toEqual([]);

    await thresholds(DISK_WARNING);
    const answer = await api.get(PATH, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ delivered_at: null, payload: null });
    const preview = answer.body.preview;
    expect(preview).toMatchObject({ username: 'Monitoring Bot', content: `🚨 ALERTE MONITORING - ${hostname}`, allowed_mentions: { parse: [] } });
    expect(diskEmbeds(preview)).toEqual([
      {
        title: '⚠️ DISK - WARNING',
        description: expect.stringMatching(/^Disk usage is at [\d.]+%$/),
        color: 0xe67e22,
        fields: [
          { name: 'Valeur actuelle', value: expect.stringMatching(/^[\d.]+%$/), inline: true },
          { name: 'Seuil', value: '0%', inline: true },
        ],
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    ]);
    // Nothing was sent to build it.
    expect(discord.requests).toHaveLength(0);

    // A warning is not previewed when only critical alerts are notified (and no critical can fire here).
    await configure({ notify_on: ['critical'] });
    expect((await api.get(PATH, { token: admin })).body).toEqual({ delivered_at: null, payload: null, preview: null });
  });

  it('after a test message, answers the exact JSON body Discord received', async () => {
    await configure();
    const sent = await api.post('/config/discord/test', undefined, { token: admin });
    expect(sent.status).toBe(200);
    const [received] = await discord.waitForRequests(1);
    const answer = await api.get(PATH, { token: admin });
    expect(answer.body).toEqual({ delivered_at: sent.body.sent_at, payload: received.body, preview: null });
    expect(answer.body.delivered_at).toMatch(ISO_SECONDS);
    // Byte for byte: the stored text is the body that was POSTed, not a rebuilt message.
    expect(JSON.stringify(answer.body.payload)).toBe(received.rawBody);
  });

  it('after an alert delivery, answers that message; a refused one changes nothing; it survives a restart', async () => {
    await configure();
    await thresholds(DISK_WARNING);
    expect((await notifier().check()).outcome).toBe('sent');
    const [received] = await discord.waitForRequests(1);
    const answer = await api.get(PATH, { token: admin });
    expect(answer.body.payload).toEqual(received.body);
    expect(JSON.stringify(answer.body.payload)).toBe(received.rawBody);
    expect(diskEmbeds(answer.body.payload).map((embed) => embed.title)).toEqual(['⚠️ DISK - WARNING']);

    // Discord refuses the résolu message: the last message delivered is still the alert.
    await thresholds(DISK_CLEAR);
    discord.answerNext({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    expect((await notifier().check()).outcome).toBe('failed');
    expect((await api.get(PATH, { token: admin })).body).toEqual(answer.body);

    api = await api.restart();
    admin = await api.adminToken();
    expect((await api.get(PATH, { token: admin })).body).toEqual(answer.body);
  });

  it('is documented in Swagger with the payload schema', async () => {
    const doc = (await api.get('/docs-json')).body;
    const operation = doc.paths[PATH]?.get;
    expect(operation).toMatchObject({ tags: ['discord'], security: [{ bearer: [] }], summary: expect.any(String) });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    const ref = operation.responses['200'].content['application/json'].schema.$ref.replace('#/components/schemas/', '');
    expect(Object.keys(doc.components.schemas[ref].properties).sort()).toEqual(['delivered_at', 'payload', 'preview']);
    expect(Object.keys(doc.components.schemas.DiscordEmbedDto.properties).sort()).toEqual(['color', 'description', 'fields', 'footer', 'timestamp', 'title']);
  });
});
