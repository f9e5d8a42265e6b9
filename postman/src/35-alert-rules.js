const { request, folder, status, apiError, checkedAt } = require('./lib');

// Issue 16: for_minutes, clear_margin, every mount, silences, the alert history and the on-demand
// Discord check. The disk of DISK_PATH is driven through its thresholds; ends with the defaults back.
const iso = '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/';
const says = (message) => `pm.test('says why', () => pm.expect(pm.response.json().message).to.include(${JSON.stringify(message)}));`;
const diskAlert = "const disk = () => pm.response.json().alerts.find(a => a.type === 'DISK');";

const invalid = (name, method, path, body, message, auth = true) =>
  request({ name: `${method} ${path}, ${name} → 400`, method, path, body, auth, tests: [...apiError(400, 'Requête invalide'), says(message)] });

module.exports = folder(
  'Alert rules, silences, history',
  [
    request({
      name: 'PUT /config/thresholds: for_minutes, clear_margin, a mount override, an ignored mount',
      method: 'PUT',
      path: '/config/thresholds',
      body: { memory: { warning: 70, critical: 85, for_minutes: 5, clear_margin: 3 }, disk_mounts: { '/var': { warning: 85, critical: 95 } }, ignored_mounts: ['/boot/efi'] },
      tests: [
        ...status(200),
        "pm.test('stored and answered', () => { const t = pm.response.json().thresholds; pm.expect(t.memory).to.eql({ warning: 70, critical: 85, for_minutes: 5, clear_margin: 3 }); pm.expect(t.disk_mounts).to.eql({ '/var': { warning: 85, critical: 95 } }); pm.expect(t.ignored_mounts).to.eql(['/boot/efi']); pm.expect(t.cpu).to.eql({ warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 }); });",
      ],
    }),
    invalid('for_minutes 61', 'PUT', '/config/thresholds', { cpu: { warning: 50, critical: 60, for_minutes: 61 } }, 'for_minutes doit être un entier entre 0 et 60'),
    invalid('clear_margin 51', 'PUT', '/config/thresholds', { cpu: { warning: 50, critical: 60, clear_margin: 51 } }, 'clear_margin doit être un nombre entre 0 et 50'),
    invalid('relative mount', 'PUT', '/config/thresholds', { disk_mounts: { var: { warning: 50, critical: 60 } } }, 'doit être un chemin absolu normalisé'),
    invalid('ignored_mounts not a list', 'PUT', '/config/thresholds', { ignored_mounts: '/boot' }, "Le champ 'ignored_mounts' doit être une liste de points de montage"),
    request({
      name: 'PUT /config/thresholds: disk warning 0 for 1 minute',
      method: 'PUT',
      path: '/config/thresholds',
      body: { disk: { warning: 0, critical: 99, for_minutes: 1 } },
      tests: status(200),
    }),
    request({
      name: 'GET /alerts: the disk is pending (window not covered), not counted',
      path: '/alerts',
      auth: 'viewerToken',
      tests: [
        ...status(200),
        `pm.test('pending DISK with since and for_minutes', () => { const b = pm.response.json(); const p = b.pending.find(x => x.type === 'DISK'); pm.expect(p).to.be.an('object'); pm.expect(p.for_minutes).to.eql(1); pm.expect(p.threshold).to.eql(0); pm.expect(p.since).to.match(${iso}); pm.expect(b.alerts.find(a => a.type === 'DISK')).to.eql(undefined); pm.expect(b.total_alerts).to.eql(b.alerts.length); });`,
      ],
    }),
    request({
      name: 'PUT /config/thresholds: disk warning 0 at once',
      method: 'PUT',
      path: '/config/thresholds',
      body: { disk: { warning: 0, critical: 99, for_minutes: 0 } },
      tests: status(200),
    }),
    request({
      name: "GET /alerts: DISK_PATH's mount alerts with the spec's message, mount, since, peak",
      path: '/alerts',
      auth: 'viewerToken',
      tests: [
        ...status(200),
        `pm.test('the disk alert', () => { ${diskAlert} const a = disk(); pm.expect(a.level).to.eql('warning'); pm.expect(a.message).to.eql('Disk usage is at ' + a.value + '%'); pm.expect(a.mount).to.be.a('string'); pm.expect(a.since).to.match(${iso}); pm.expect(a.peak).to.be.at.least(a.value); pm.expect(a.silenced).to.eql(false); pm.expect(a.silence_id).to.eql(null); });`,
      ],
    }),
    request({
      name: 'GET /metrics: healthcheck_alert_active for the disk',
      path: '/metrics',
      auth: 'viewerToken',
      tests: [...status(200), "pm.test('active alert series', () => pm.expect(pm.response.text()).to.match(/healthcheck_alert_active\\{type=\"DISK\",level=\"warning\",mount=\"[^\"]+\"\\} 1/));"],
    }),
    request({
      name: 'POST /silences as technicien → 201',
      method: 'POST',
      path: '/silences',
      auth: 'technicianToken',
      body: { type: 'DISK', minutes: 60, reason: 'Postman: RAID rebuild' },
      tests: [
        ...status(201),
        `pm.test('the silence', () => { const b = pm.response.json(); pm.expect(Object.keys(b).sort()).to.eql(['created_by', 'ends_at', 'id', 'mount', 'reason', 'starts_at', 'type']); pm.expect(b.type).to.eql('DISK'); pm.expect(b.mount).to.eql(null); pm.expect(b.reason).to.eql('Postman: RAID rebuild'); pm.expect(b.created_by).to.eql('postman.tech'); pm.expect(b.starts_at).to.match(${iso}); pm.expect(Date.parse(b.ends_at) - Date.parse(b.starts_at)).to.be.within(3599000, 3601000); pm.collectionVariables.set('silenceId', b.id); });`,
      ],
    }),
    request({ name: 'POST /silences as viewer → 403', method: 'POST', path: '/silences', auth: 'viewerToken', body: { type: 'CPU', minutes: 5, reason: 'x' }, tests: apiError(403, 'Accès refusé') }),
    request({ name: 'POST /silences without token → 401', method: 'POST', path: '/silences', auth: false, body: { type: 'CPU', minutes: 5, reason: 'x' }, tests: apiError(401, 'Token manquant') }),
    invalid('no reason', 'POST', '/silences', { type: 'CPU', minutes: 5 }, 'reason est obligatoire'),
    invalid('minutes and ends_at', 'POST', '/silences', { type: 'CPU', minutes: 5, ends_at: '2099-01-01T00:00:00Z', reason: 'x' }, 'Indiquez soit minutes (1 à 10080), soit ends_at'),
    invalid('minutes 10081', 'POST', '/silences', { type: 'CPU', minutes: 10081, reason: 'x' }, 'minutes doit être un entier entre 1 et 10080'),
    invalid('ends_at in the past', 'POST', '/silences', { type: 'CPU', ends_at: '2020-01-01T00:00:00Z', reason: 'x' }, 'ends_at doit être dans le futur'),
    invalid('mount with CPU', 'POST', '/silences', { type: 'CPU', mount: '/var', minutes: 5, reason: 'x' }, 'mount ne va qu’avec type DISK'),
    request({
      name: 'GET /silences as viewer',
      path: '/silences',
      auth: 'viewerToken',
      tests: [...status(200), ...checkedAt, "pm.test('lists the silence', () => { const b = pm.response.json(); pm.expect(b.total).to.eql(b.silences.length); pm.expect(b.silences.map(s => String(s.id))).to.include(String(pm.collectionVariables.get('silenceId'))); });"],
    }),
    request({
      name: 'GET /alerts: the disk alert is silenced',
      path: '/alerts',
      auth: 'viewerToken',
      tests: [...status(200), `pm.test('silenced with its id', () => { ${diskAlert} pm.expect(disk().silenced).to.eql(true); pm.expect(String(disk().silence_id)).to.eql(String(pm.collectionVariables.get('silenceId'))); });`],
    }),
    request({ name: 'DELETE /silences/{id} as viewer → 403', method: 'DELETE', path: '/silences/{{silenceId}}', auth: 'viewerToken', tests: apiError(403, 'Accès refusé') }),
    request({
      name: 'DELETE /silences/{id} as technicien → 200',
      method: 'DELETE',
      path: '/silences/{{silenceId}}',
      auth: 'technicianToken',
      tests: [...status(200), "pm.test('ended now', () => { const b = pm.response.json(); pm.expect(b.message).to.eql('Silence terminé'); pm.expect(String(b.silence.id)).to.eql(String(pm.collectionVariables.get('silenceId'))); pm.expect(Date.parse(b.silence.ends_at)).to.be.at.most(Date.now() + 1000); });"],
    }),
    request({ name: 'DELETE /silences/{id} again → 409', method: 'DELETE', path: '/silences/{{silenceId}}', auth: 'technicianToken', tests: apiError(409, 'Conflit') }),
    request({ name: 'DELETE /silences/999999 → 404', method: 'DELETE', path: '/silences/999999', tests: apiError(404) }),
    request({ name: 'DELETE /silences/abc → 400', method: 'DELETE', path: '/silences/abc', tests: apiError(400, 'Requête invalide') }),
    request({
      name: 'POST /config/discord/check: answers what it sent or why nothing',
      method: 'POST',
      path: '/config/discord/check',
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('outcome and message', () => { const b = pm.response.json(); pm.expect(['sent', 'nothing-to-send', 'not-configured', 'disabled', 'failed']).to.include(b.outcome); pm.expect(b.message).to.be.a('string'); ['alerts', 'resolved', 'between'].forEach(k => pm.expect(b.sent[k]).to.be.an('array')); pm.expect(b.silenced).to.be.a('number'); });",
      ],
    }),
    request({ name: 'POST /config/discord/check as technicien → 403', method: 'POST', path: '/config/discord/check', auth: 'technicianToken', tests: apiError(403, 'Accès refusé') }),
    request({
      name: 'PUT /config/thresholds: everything back to the defaults',
      method: 'PUT',
      path: '/config/thresholds',
      body: {
        cpu: { warning: 70, critical: 90, for_minutes: 0, clear_margin: 0 },
        memory: { warning: 70, critical: 85, for_minutes: 0, clear_margin: 0 },
        disk: { warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 },
        disk_mounts: { '/var': null },
        ignored_mounts: [],
      },
      tests: [...status(200), "pm.test('defaults', () => { const t = pm.response.json().thresholds; pm.expect(t.disk_mounts).to.eql({}); pm.expect(t.ignored_mounts).to.eql([]); pm.expect(t.disk).to.eql({ warning: 80, critical: 90, for_minutes: 0, clear_margin: 0 }); });"],
    }),
    request({
      name: 'GET /alerts/history',
      path: '/alerts/history?limit=50',
      auth: 'viewerToken',
      tests: [
        ...status(200),
        ...checkedAt,
        `pm.test('episodes shape, newest first', () => { const b = pm.response.json(); pm.expect(b.episodes).to.be.an('array'); pm.expect(b).to.have.property('next_before'); b.episodes.forEach(e => { pm.expect(['CPU','MEMORY','DISK']).to.include(e.type); pm.expect(['warning','critical']).to.include(e.level); pm.expect(e.opened_at).to.match(${iso}); pm.expect(e.duration_seconds).to.be.a('number'); pm.expect(e.peak_value).to.be.a('number'); pm.expect(e.silenced).to.be.a('boolean'); }); const ids = b.episodes.map(e => e.id); pm.expect(ids).to.eql([...ids].sort((x, y) => y - x)); });`,
      ],
    }),
    invalid('limit 0', 'GET', '/alerts/history?limit=0', undefined, "Le paramètre 'limit' doit être un entier entre 1 et 500"),
    invalid('bad type', 'GET', '/alerts/history?type=SWAP', undefined, "Le paramètre 'type' doit valoir CPU, MEMORY ou DISK"),
    request({ name: 'GET /alerts/history without token → 401', path: '/alerts/history', auth: false, tests: apiError(401, 'Token manquant') }),
  ],
  'Issue 16: sustained-for (for_minutes), hysteresis (clear_margin), every mount (disk_mounts, ignored_mounts), silences (technicien, admin), the alert history and POST /config/discord/check.',
);
