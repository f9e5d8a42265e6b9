const { request, folder, status, apiError } = require('./lib');

// The webhook below is the spec's example: saved, never delivered to (the collection must not
// depend on Discord, nor post to it). /config/discord/test is therefore only checked for a clean
// error answer: 409 on a fresh server (nothing configured yet), 502/504 when it was configured
// (Discord refuses the example's token, or is out of reach).
const SPEC_URL = 'https://discord.com/api/webhooks/1234567890/abcdefghijklmnop';
const body = (extra = {}) => ({ webhook_url: SPEC_URL, enabled: true, notify_on: ['critical', 'warning'], ...extra });
// Tokens set by the earlier folders: {{token}} (admin), {{technicianToken}} and {{viewerToken}}
// (10-users). A request needing one of the last two is skipped when it is missing.
const skipWithout = (name) => [`if (!pm.variables.get('${name}')) { console.log('no ${name}: skipped'); pm.execution.skipRequest(); }`];
const noToken = "pm.test('token never returned', () => pm.expect(pm.response.text()).to.not.include('abcdefghijklmnop'));";

module.exports = folder(
  'Discord',
  [
    request({
      name: 'POST /config/discord/test (not configured or example webhook: clean error)',
      method: 'POST',
      path: '/config/discord/test',
      tests: [
        "pm.test('409, 502 or 504', () => pm.expect([409, 502, 504]).to.include(pm.response.code));",
        "pm.test('error shape', () => { const b = pm.response.json(); pm.expect(b.error).to.be.a('string'); pm.expect(b.message).to.be.a('string'); pm.expect(pm.response.text()).to.not.include('abcdefghijklmnop'); });",
      ],
    }),
    request({
      name: 'POST /config/discord (spec example)',
      method: 'POST',
      path: '/config/discord',
      body: body(),
      tests: [
        ...status(200),
        "pm.test('exactly the spec answer', () => pm.expect(pm.response.json()).to.eql({ message: 'Configuration Discord sauvegardée', webhook_configured: true, notify_on: ['critical', 'warning'] }));",
      ],
    }),
    request({
      name: 'GET /config/discord (token masked)',
      path: '/config/discord',
      tests: [
        ...status(200),
        "pm.test('settings with the token masked', () => { const b = pm.response.json(); pm.expect(b.webhook_configured).to.eql(true); pm.expect(b.webhook_url).to.eql('https://discord.com/api/webhooks/1234567890/abcd…'); pm.expect(b.enabled).to.eql(true); pm.expect(b.notify_on).to.eql(['critical', 'warning']); pm.expect(b.repeat_minutes).to.be.a('number'); pm.expect(b.updated_by).to.eql(pm.variables.get('username')); pm.expect(b).to.have.property('last_sent_at'); pm.expect(b).to.have.property('last_error'); pm.expect(b.notifications).to.be.an('array'); });",
        noToken,
      ],
    }),
    request({
      name: 'GET /config/discord/last-message (last message delivered, or a preview)',
      path: '/config/discord/last-message',
      tests: [
        ...status(200),
        "pm.test('delivered_at, payload, preview', () => pm.expect(Object.keys(pm.response.json()).sort()).to.eql(['delivered_at', 'payload', 'preview']));",
        // A message as Discord's webhook API takes it: bot name, header line, embeds with title, colour, fields, timestamp.
        "const isMessage = (m) => { pm.expect(m.username).to.eql('Monitoring Bot'); pm.expect(m.content).to.be.a('string'); pm.expect(m.allowed_mentions).to.eql({ parse: [] }); pm.expect(m.embeds).to.be.an('array').that.is.not.empty; m.embeds.forEach((e) => { pm.expect(e.title).to.be.a('string'); pm.expect(e.color).to.be.a('number'); pm.expect(e.fields).to.be.an('array'); e.fields.forEach((f) => { pm.expect(f.name).to.be.a('string'); pm.expect(f.value).to.be.a('string'); pm.expect(f.inline).to.be.a('boolean'); }); pm.expect(e.timestamp).to.match(/^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z$/); }); };",
        "pm.test('the delivered message, or before any a preview of the current alerts (null when none would be sent)', () => { const b = pm.response.json(); if (b.payload === null) { pm.expect(b.delivered_at).to.eql(null); if (b.preview !== null) { isMessage(b.preview); pm.expect(b.preview.content).to.match(/^🚨 ALERTE MONITORING - /); } } else { pm.expect(b.delivered_at).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/); isMessage(b.payload); pm.expect(b.preview).to.eql(null); } });",
      ],
    }),
    request({
      name: 'GET /config/discord/last-message as viewer → 403',
      path: '/config/discord/last-message',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403),
    }),
    request({
      name: 'GET /config/discord/last-message without token → 401',
      path: '/config/discord/last-message',
      auth: false,
      tests: apiError(401),
    }),
    request({
      name: 'POST /config/discord, notify_on critical, repeat 4 h',
      method: 'POST',
      path: '/config/discord',
      body: body({ notify_on: ['critical'], repeat_minutes: 240 }),
      tests: [...status(200), "pm.test('notify_on', () => pm.expect(pm.response.json().notify_on).to.eql(['critical']));"],
    }),
    request({
      name: 'POST /config/discord, not a Discord host → 400',
      method: 'POST',
      path: '/config/discord',
      body: body({ webhook_url: 'https://example.com/api/webhooks/1234567890/abcdefghijklmnop' }),
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.include('example.com'));", noToken],
    }),
    request({
      name: 'POST /config/discord, http → 400',
      method: 'POST',
      path: '/config/discord',
      body: body({ webhook_url: 'http://discord.com/api/webhooks/1234567890/abcdefghijklmnop' }),
      tests: [...apiError(400, 'Requête invalide'), "pm.test('says why', () => pm.expect(pm.response.json().message).to.include('https'));", noToken],
    }),
    request({
      name: 'POST /config/discord, non-numeric id → 400',
      method: 'POST',
      path: '/config/discord',
      body: body({ webhook_url: 'https://discord.com/api/webhooks/abc/abcdefghijklmnop' }),
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'POST /config/discord, empty notify_on → 400',
      method: 'POST',
      path: '/config/discord',
      body: body({ notify_on: [] }),
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'GET /config/discord without token → 401',
      path: '/config/discord',
      auth: false,
      tests: apiError(401),
    }),
    request({
      name: 'POST /config/discord as viewer → 403',
      method: 'POST',
      path: '/config/discord',
      auth: 'viewerToken',
      body: body(),
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403),
    }),
    request({
      name: 'GET /config/discord as viewer → 403',
      path: '/config/discord',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: [...apiError(403), noToken],
    }),
    request({
      name: 'GET /config/discord as technicien → 403',
      path: '/config/discord',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: [...apiError(403), noToken],
    }),
    request({
      name: 'POST /config/discord as technicien → 403',
      method: 'POST',
      path: '/config/discord',
      auth: 'technicianToken',
      body: body(),
      prerequest: skipWithout('technicianToken'),
      tests: apiError(403),
    }),
    request({
      name: 'POST /config/discord/test as technicien → 403',
      method: 'POST',
      path: '/config/discord/test',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: apiError(403),
    }),
    request({
      name: 'POST /config/discord/test without token → 401',
      method: 'POST',
      path: '/config/discord/test',
      auth: false,
      tests: apiError(401),
    }),
    request({
      name: 'POST /config/discord (disable again: the example webhook is not real)',
      method: 'POST',
      path: '/config/discord',
      body: body({ enabled: false }),
      tests: [...status(200), "pm.test('saved', () => pm.expect(pm.response.json().webhook_configured).to.eql(true));"],
    }),
  ],
  'Discord settings (admin only). The example webhook is saved but never used; see README "Discord notifications".',
);
