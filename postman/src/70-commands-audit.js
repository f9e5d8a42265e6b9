const { request, folder, status, apiError, checkedAt } = require('./lib');

// Tokens set by the earlier folders: {{token}} (admin), {{technicianToken}} and {{viewerToken}}
// (10-users). A request needing one of the last two is skipped when it is missing.
const skipWithout = (name) => [`if (!pm.variables.get('${name}')) { console.log('no ${name}: skipped'); pm.execution.skipRequest(); }`];

module.exports = folder(
  'Commands and audit',
  [
    request({
      name: 'GET /commands',
      path: '/commands',
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('allow-list with names and descriptions', () => { const b = pm.response.json(); pm.expect(b.total).to.eql(b.commands.length); pm.expect(b.commands.map(c => c.name)).to.include('uptime'); b.commands.forEach(c => { pm.expect(c.name).to.be.a('string'); pm.expect(c.description).to.be.a('string'); pm.expect(c.service_param).to.be.a('boolean'); }); });",
      ],
    }),
    request({
      name: 'POST /commands/uptime',
      method: 'POST',
      path: '/commands/uptime',
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('command result', () => { const b = pm.response.json(); pm.expect(b.command).to.eql('uptime'); pm.expect(b.exit_code).to.eql(0); pm.expect(b.stdout).to.match(/load average/); pm.expect(b.stderr).to.be.a('string'); pm.expect(b.duration_ms).to.be.a('number'); pm.expect(b.truncated).to.eql(false); pm.expect(b.timed_out).to.eql(false); });",
      ],
    }),
    request({
      name: 'GET /commands as technicien',
      path: '/commands',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: [...status(200), "pm.test('same allow-list', () => pm.expect(pm.response.json().commands.map(c => c.name)).to.include('disk-usage'));"],
    }),
    request({
      name: 'POST /commands/disk-usage as technicien',
      method: 'POST',
      path: '/commands/disk-usage',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('df -h output', () => { const b = pm.response.json(); pm.expect(b.command).to.eql('disk-usage'); pm.expect(b.exit_code).to.eql(0); pm.expect(b.stdout).to.match(/^Filesystem/); pm.expect(b.truncated).to.eql(false); });",
      ],
    }),
    request({
      name: 'POST /commands/uptime with a service → 400',
      method: 'POST',
      path: '/commands/uptime',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      body: { service: 'nginx' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'GET /commands as viewer → 403',
      path: '/commands',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403),
    }),
    request({
      name: 'POST /commands/uptime as viewer → 403',
      method: 'POST',
      path: '/commands/uptime',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403),
    }),
    request({
      name: 'POST /commands/rm (not allowed → 404)',
      method: 'POST',
      path: '/commands/rm',
      tests: apiError(404, 'Commande introuvable'),
    }),
    request({
      name: 'POST /commands/uptime without token → 401',
      method: 'POST',
      path: '/commands/uptime',
      auth: false,
      tests: apiError(401),
    }),
    request({
      name: 'POST /services/not-monitored/restart → 404',
      method: 'POST',
      path: '/services/not-monitored/restart',
      tests: apiError(404, 'Service introuvable'),
    }),
    // No restart of a monitored service here: on a machine run by systemd it would really restart
    // nginx. The e2e tests cover 200/501 with a unit no machine has.
    request({
      name: 'POST /services/nginx/restart as viewer → 403',
      method: 'POST',
      path: '/services/nginx/restart',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403),
    }),
    request({
      name: 'POST /services/sshd/restart as technicien (not monitored → 404)',
      method: 'POST',
      path: '/services/sshd/restart',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: apiError(404, 'Service introuvable'),
    }),
    request({
      name: 'GET /audit',
      path: '/audit',
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('entries newest first, no secrets', () => { const b = pm.response.json(); pm.expect(b.entries.length).to.be.above(0); const ids = b.entries.map(e => e.id); pm.expect(ids).to.eql([...ids].sort((x, y) => y - x)); b.entries.forEach(e => { pm.expect(e.action).to.be.a('string'); pm.expect(['success', 'failure']).to.include(e.outcome); pm.expect(e.username).to.be.a('string'); }); pm.expect(pm.response.text()).to.not.match(/password\"\\s*:/); });",
      ],
    }),
    request({
      name: 'GET /audit?action=command.run&limit=2',
      path: '/audit?action=command.run&limit=2',
      tests: [
        ...status(200),
        "pm.test('filtered and paged', () => { const b = pm.response.json(); pm.expect(b.entries.length).to.eql(2); b.entries.forEach(e => pm.expect(e.action).to.eql('command.run')); pm.expect(b.next_before).to.eql(b.entries[1].id); pm.environment.set('auditBefore', b.next_before); });",
      ],
    }),
    request({
      name: 'GET /audit?user=admin&before={{auditBefore}}',
      path: '/audit?user=admin&before={{auditBefore}}',
      tests: [
        ...status(200),
        "pm.test('older entries of admin only', () => { const b = pm.response.json(); const before = Number(pm.environment.get('auditBefore')); b.entries.forEach(e => { pm.expect(e.id).to.be.below(before); pm.expect(e.username).to.eql('admin'); }); });",
      ],
    }),
    request({
      name: 'GET /audit?action=command.run: the technicien run is recorded',
      path: '/audit?action=command.run&limit=50',
      prerequest: skipWithout('technicianToken'),
      tests: [
        ...status(200),
        "pm.test('disk-usage by a non-admin, success', () => { const e = pm.response.json().entries.find(x => x.target === 'disk-usage'); pm.expect(e).to.be.an('object'); pm.expect(e.outcome).to.eql('success'); pm.expect(e.username).to.not.eql('admin'); pm.expect(e.user_id).to.be.a('number'); });",
      ],
    }),
    request({
      name: 'GET /audit as technicien → 403',
      path: '/audit',
      auth: 'technicianToken',
      prerequest: skipWithout('technicianToken'),
      tests: apiError(403),
    }),
    request({
      name: 'GET /audit?limit=501 → 400',
      path: '/audit?limit=501',
      tests: apiError(400, 'Requête invalide'),
    }),
  ],
  'Allow-listed diagnostic commands (permission execute) and the audit trail (admin).',
);
