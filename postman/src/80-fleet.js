const { request, folder, status, apiError, checkedAt } = require('./lib');

// The probes of the dashboard's fleet view. The URL is made unique per run (a path with the time), so
// the folder can run again against the same server; nothing listens there (port 9, discard): the API
// stores addresses, it never calls them (the browser does).
const skipWithout = (name) => [`if (!pm.variables.get('${name}')) { console.log('no ${name}: skipped'); pm.execution.skipRequest(); }`];
const probeShape =
  "const p = pm.response.json().probe; pm.expect(p.id).to.be.a('number'); pm.expect(p.name).to.eql('web-01'); pm.expect(p.base_url).to.eql(pm.collectionVariables.get('fleetUrl')); pm.expect(p.created_at).to.match(/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/);";

module.exports = folder(
  'Fleet',
  [
    request({
      name: 'GET /fleet',
      path: '/fleet',
      tests: [
        ...status(200),
        ...checkedAt,
        "pm.test('probes and total', () => { const b = pm.response.json(); pm.expect(b.probes).to.be.an('array'); pm.expect(b.total).to.eql(b.probes.length); });",
      ],
    }),
    request({
      name: 'POST /fleet (trailing slash removed)',
      method: 'POST',
      path: '/fleet',
      prerequest: ["pm.collectionVariables.set('fleetUrl', 'http://127.0.0.1:9/postman-' + Date.now());"],
      body: '{\n  "name": "web-01",\n  "base_url": "{{fleetUrl}}/"\n}',
      tests: [
        ...status(201),
        `pm.test('probe added', () => { pm.expect(pm.response.json().message).to.eql('Sonde ajoutée'); ${probeShape} });`,
        "pm.collectionVariables.set('fleetProbeId', pm.response.json().probe.id);",
      ],
    }),
    request({
      name: 'POST /fleet, same URL → 409',
      method: 'POST',
      path: '/fleet',
      body: '{\n  "name": "web-01 again",\n  "base_url": "{{fleetUrl}}"\n}',
      tests: apiError(409, 'Conflit'),
    }),
    request({
      name: 'POST /fleet, not http(s) → 400',
      method: 'POST',
      path: '/fleet',
      body: { name: 'ftp', base_url: 'ftp://files.example.com' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'POST /fleet, credentials in the URL → 400',
      method: 'POST',
      path: '/fleet',
      body: { name: 'leaky', base_url: 'http://user:secret@web-09.example.com:3000' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'POST /fleet, no name → 400',
      method: 'POST',
      path: '/fleet',
      body: { base_url: 'http://web-10.example.com:3000' },
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'GET /fleet lists it',
      path: '/fleet',
      tests: [
        ...status(200),
        "pm.test('the probe is listed', () => { const b = pm.response.json(); const p = b.probes.find((x) => x.id === Number(pm.collectionVariables.get('fleetProbeId'))); pm.expect(p).to.be.an('object'); pm.expect(p.base_url).to.eql(pm.collectionVariables.get('fleetUrl')); });",
      ],
    }),
    request({
      name: 'GET /fleet as viewer (read)',
      path: '/fleet',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: [...status(200), "pm.test('probes', () => pm.expect(pm.response.json().probes).to.be.an('array'));"],
    }),
    request({
      name: 'POST /fleet as viewer → 403',
      method: 'POST',
      path: '/fleet',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      body: { name: 'viewer-probe', base_url: 'http://web-11.example.com:3000' },
      tests: apiError(403, 'Accès refusé'),
    }),
    request({
      name: 'DELETE /fleet/{id} as viewer → 403',
      method: 'DELETE',
      path: '/fleet/{{fleetProbeId}}',
      auth: 'viewerToken',
      prerequest: skipWithout('viewerToken'),
      tests: apiError(403, 'Accès refusé'),
    }),
    request({
      name: 'GET /fleet without token → 401',
      path: '/fleet',
      auth: false,
      tests: apiError(401, 'Token manquant'),
    }),
    request({
      name: 'DELETE /fleet/{id}',
      method: 'DELETE',
      path: '/fleet/{{fleetProbeId}}',
      tests: [
        ...status(200),
        "pm.test('probe removed', () => pm.expect(pm.response.json()).to.eql({ message: 'Sonde supprimée', id: Number(pm.collectionVariables.get('fleetProbeId')) }));",
      ],
    }),
    request({
      name: 'DELETE /fleet/{id} again → 404',
      method: 'DELETE',
      path: '/fleet/{{fleetProbeId}}',
      tests: apiError(404, 'Ressource introuvable'),
    }),
    request({
      name: 'DELETE /fleet/abc → 400',
      method: 'DELETE',
      path: '/fleet/abc',
      tests: apiError(400, 'Requête invalide'),
    }),
    request({
      name: 'GET /audit?action=fleet.remove: the removal is recorded',
      path: '/audit?action=fleet.remove&limit=5',
      tests: [
        ...status(200),
        "pm.test('who removed which probe', () => { const e = pm.response.json().entries.find((x) => x.target === String(pm.collectionVariables.get('fleetProbeId')) && x.outcome === 'success'); pm.expect(e).to.be.an('object'); pm.expect(e.username).to.eql('admin'); });",
      ],
    }),
  ],
  'The other probes shown by the dashboard’s fleet view (GET: read; POST/DELETE: admin). The API stores them; the browser polls them.',
);
