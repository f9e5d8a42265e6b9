const { request, folder, status, apiError, checkedAt } = require('./lib');

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
    request({
      name: 'POST /services/nginx/restart (no systemd here → 501, else 200)',
      method: 'POST',
      path: '/services/nginx/restart',
      tests: [
        "pm.test('501 without systemd, or systemctl result', () => { pm.expect([200, 501]).to.include(pm.response.code); const b = pm.response.json(); if (pm.response.code === 501) { pm.expect(b.error).to.eql('Non implémenté'); pm.expect(b.message).to.be.a('string'); } else { pm.expect(b.command).to.eql('service-restart'); } });",
      ],
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
      name: 'GET /audit?limit=501 → 400',
      path: '/audit?limit=501',
      tests: apiError(400, 'Requête invalide'),
    }),
  ],
  'Allow-listed diagnostic commands (permission execute) and the audit trail (admin).',
);
