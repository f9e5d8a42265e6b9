const { request, folder, status, apiError, checkedAt } = require('./lib');

const iso = "/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$/";

/** Tests of a /history answer for `resource`, whose points carry `fields`. */
const historyTests = (resource, fields) => [
  ...status(200),
  ...checkedAt,
  `pm.test('resource ${resource}, interval, points', () => { const b = pm.response.json(); pm.expect(b.resource).to.eql('${resource}'); pm.expect(b.interval_seconds).to.be.above(0); pm.expect(b.points).to.be.an('array').that.is.not.empty; });`,
  `pm.test('points are {t, ${fields.join(', ')}}', () => { pm.response.json().points.forEach(p => { pm.expect(p.t).to.match(${iso}); pm.expect(Object.keys(p).sort()).to.eql(${JSON.stringify(['t', ...fields].sort())}); }); });`,
];

module.exports = folder(
  'History and Prometheus',
  [
    request({
      name: 'GET /history (default: CPU, last 60 minutes)',
      path: '/history',
      tests: [
        ...historyTests('cpu', ['usage_percent']),
        "pm.test('usage within 0..100', () => pm.response.json().points.forEach(p => pm.expect(p.usage_percent).to.be.within(0, 100)));",
      ],
    }),
    request({ name: 'GET /history?resource=memory', path: '/history?resource=memory&minutes=30', tests: historyTests('memory', ['usage_percent']) }),
    request({ name: 'GET /history?resource=disk', path: '/history?resource=disk&minutes=1440', tests: historyTests('disk', ['usage_percent']) }),
    request({ name: 'GET /history?resource=load', path: '/history?resource=load&minutes=5', tests: historyTests('load', ['1_min', '5_min', '15_min']) }),
    request({
      name: 'GET /history?resource=network',
      path: '/history?resource=network&minutes=5',
      tests: historyTests('network', ['rx_bytes_per_sec', 'tx_bytes_per_sec']),
    }),
    request({
      name: 'GET /history?points=288 (24 h of CPU in 288 averaged points, one per 5 minutes at 2 s sampling)',
      path: '/history?resource=cpu&minutes=1440&points=288',
      tests: [
        ...historyTests('cpu', ['usage_percent']),
        "pm.test('at most 288 points, interval_seconds the step', () => { const b = pm.response.json(); pm.expect(b.points.length).to.be.at.most(288); pm.expect(b.interval_seconds).to.be.at.least(86400 / 287); });",
      ],
    }),
    request({ name: 'GET /history?resource=swap (400)', path: '/history?resource=swap', tests: apiError(400, 'Requête invalide') }),
    request({ name: 'GET /history?minutes=1441 (400)', path: '/history?minutes=1441', tests: apiError(400, 'Requête invalide') }),
    request({ name: 'GET /history?points=1 (400)', path: '/history?points=1', tests: apiError(400, 'Requête invalide') }),
    request({
      name: 'GET /metrics (Prometheus text format)',
      path: '/metrics',
      tests: [
        ...status(200),
        "pm.test('text/plain exposition format', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^text\\/plain; version=0\\.0\\.4/));",
        "pm.test('holds the healthcheck_cpu series', () => { const t = pm.response.text(); pm.expect(t).to.include('healthcheck_cpu_usage_percent'); pm.expect(t).to.include('healthcheck_cpu_cores'); pm.expect(t).to.match(/^healthcheck_up 1$/m); });",
        "pm.test('one threshold series per resource and level', () => pm.expect(pm.response.text().match(/^healthcheck_threshold_percent\\{/gm)).to.have.lengthOf(6));",
      ],
    }),
    request({ name: 'GET /metrics without a token (401)', path: '/metrics', auth: false, tests: apiError(401) }),
  ],
  'The last 24 hours of samples for charts, and every figure in the Prometheus text format for a scraper.',
);
