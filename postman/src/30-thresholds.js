const { request, folder, status, apiError, checkedAt } = require('./lib');

// Thresholds: GET (any role), PUT (admin). Ends with the defaults back in place.
const DEFAULTS = { cpu: { warning: 70, critical: 90 }, memory: { warning: 70, critical: 85 }, disk: { warning: 80, critical: 90 } };
const SPEC = { cpu: { warning: 60, critical: 85 }, memory: { warning: 75, critical: 90 }, disk: { warning: 70, critical: 85 } };
const AFTER_ONE = { ...SPEC, disk: { warning: 75, critical: 88 } };
const iso = '/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/';
/** What the API answers for the spec's levels: the spec's fields unchanged, issue 16's at their defaults. */
const full = (set) => ({
  ...Object.fromEntries(Object.entries(set).map(([resource, level]) => [resource, { ...level, for_minutes: 0, clear_margin: 0 }])),
  disk_mounts: {},
  ignored_mounts: [],
});
const thresholdsAre = (value, label) => `pm.test('${label}', () => pm.expect(pm.response.json().thresholds).to.eql(${JSON.stringify(full(value))}));`;

const invalid = (name, body, message) =>
  request({
    name: `PUT /config/thresholds, ${name} → 400`,
    method: 'PUT',
    path: '/config/thresholds',
    body,
    tests: [...apiError(400, 'Requête invalide'), `pm.test('says why', () => pm.expect(pm.response.json().message).to.include(${JSON.stringify(message)}));`],
  });

module.exports = folder(
  'Thresholds',
  [
    request({
      name: 'GET /config/thresholds (defaults)',
      path: '/config/thresholds',
      tests: [...status(200), ...checkedAt, thresholdsAre(DEFAULTS, 'the spec defaults')],
    }),
    request({
      name: 'GET /config/thresholds as viewer',
      path: '/config/thresholds',
      auth: 'viewerToken',
      tests: [...status(200), thresholdsAre(DEFAULTS, 'same for a viewer')],
    }),
    request({
      name: 'PUT /config/thresholds (spec example)',
      method: 'PUT',
      path: '/config/thresholds',
      body: SPEC,
      tests: [
        ...status(200),
        `pm.test('the spec answer', () => { const b = pm.response.json(); pm.expect(Object.keys(b).sort()).to.eql(['message', 'thresholds', 'updated_at', 'updated_by']); pm.expect(b.message).to.eql('Seuils mis à jour avec succès'); pm.expect(b.thresholds).to.eql(${JSON.stringify(full(SPEC))}); pm.expect(b.updated_at).to.match(${iso}); pm.expect(b.updated_by).to.eql(pm.variables.get('username')); });`,
      ],
    }),
    request({ name: 'GET /config/thresholds (changed)', path: '/config/thresholds', tests: [...status(200), thresholdsAre(SPEC, 'the new values')] }),
    request({
      name: 'PUT /config/thresholds, one resource (disk)',
      method: 'PUT',
      path: '/config/thresholds',
      body: { disk: { warning: 75, critical: 88 } },
      tests: [...status(200), thresholdsAre(AFTER_ONE, 'only disk changed')],
    }),
    invalid('warning = critical', { cpu: { warning: 80, critical: 80 } }, 'doit être strictement inférieur à critical'),
    invalid('warning > critical', { memory: { warning: 95, critical: 90 } }, 'doit être strictement inférieur à critical'),
    invalid('critical > 100', { cpu: { warning: 50, critical: 101 } }, 'entier entre 0 et 100'),
    invalid('not an integer', { cpu: { warning: 50.5, critical: 60 } }, 'entier entre 0 et 100'),
    invalid('unknown resource', { swap: { warning: 50, critical: 60 } }, "Le champ 'swap' n'est pas autorisé"),
    invalid('unknown field', { cpu: { warning: 50, critical: 60, emergency: 95 } }, "Le champ 'cpu.emergency' n'est pas autorisé"),
    invalid('a valid and an invalid resource', { cpu: { warning: 10, critical: 20 }, disk: { warning: 90, critical: 10 } }, 'disk'),
    request({
      name: 'GET /config/thresholds (nothing changed by the refused bodies)',
      path: '/config/thresholds',
      tests: [...status(200), thresholdsAre(AFTER_ONE, 'unchanged')],
    }),
    request({
      name: 'PUT /config/thresholds as viewer → 403',
      method: 'PUT',
      path: '/config/thresholds',
      auth: 'viewerToken',
      body: DEFAULTS,
      tests: [
        ...status(403),
        "pm.test('exactly the answer', () => pm.expect(pm.response.json()).to.eql({ error: 'Accès refusé', message: \"Permission 'config' requise pour cette action\" }));",
      ],
    }),
    request({
      name: 'PUT /config/thresholds as technicien → 403',
      method: 'PUT',
      path: '/config/thresholds',
      auth: 'technicianToken',
      body: DEFAULTS,
      tests: apiError(403, 'Accès refusé'),
    }),
    request({ name: 'PUT /config/thresholds without token → 401', method: 'PUT', path: '/config/thresholds', auth: false, body: DEFAULTS, tests: apiError(401, 'Token manquant') }),
    request({ name: 'GET /config/thresholds without token → 401', path: '/config/thresholds', auth: false, tests: apiError(401, 'Token manquant') }),
    request({
      name: 'PUT /config/thresholds, memory lowered to 0/1',
      method: 'PUT',
      path: '/config/thresholds',
      body: { memory: { warning: 0, critical: 1 } },
      tests: status(200),
    }),
    request({
      name: 'GET /alerts uses the lowered memory threshold at once',
      path: '/alerts',
      auth: 'viewerToken',
      tests: [
        ...status(200),
        "pm.test('a memory alert at threshold 0 or 1', () => { const a = pm.response.json().alerts.find(x => x.type === 'MEMORY'); pm.expect(a).to.be.an('object'); pm.expect([0, 1]).to.include(a.threshold); pm.expect(a.level).to.eql(a.threshold === 1 ? 'critical' : 'warning'); pm.expect(a.value).to.be.above(a.threshold); });",
      ],
    }),
    request({
      name: 'PUT /config/thresholds (back to the defaults)',
      method: 'PUT',
      path: '/config/thresholds',
      body: DEFAULTS,
      tests: [...status(200), thresholdsAre(DEFAULTS, 'defaults again')],
    }),
    request({
      name: 'GET /alerts (no memory alert at the defaults unless memory is really above 70 %)',
      path: '/alerts',
      tests: [
        ...status(200),
        "pm.test('memory alert only above the default thresholds', () => { const a = pm.response.json().alerts.find(x => x.type === 'MEMORY'); if (a) { pm.expect([70, 85]).to.include(a.threshold); } });",
      ],
    }),
  ],
  'Alert thresholds stored in SQLite: read with any token, changed by an admin; /alerts uses them on the next request.',
);
