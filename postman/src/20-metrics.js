const { request, folder, status, apiError, checkedAt, sizeBlock } = require('./lib');

module.exports = folder('Metrics', [
  request({
    name: 'GET /health (public)',
    path: '/health',
    auth: false,
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('UP with hostname', () => { const b = pm.response.json(); pm.expect(b.status).to.eql('UP'); pm.expect(b.hostname).to.be.a('string'); });",
    ],
  }),
  request({
    name: 'GET /cpu',
    path: '/cpu',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('cpu usage and cores', () => { const c = pm.response.json().cpu; pm.expect(c.usage_percent).to.be.within(0, 100); pm.expect(c.cores).to.be.above(0); });",
    ],
  }),
  request({
    name: 'GET /memory',
    path: '/memory',
    tests: [
      ...status(200),
      ...checkedAt,
      ...sizeBlock('memory'),
      "pm.test('used + free = total', () => { const m = pm.response.json().memory; pm.expect(Math.abs(m.used_gb + m.free_gb - m.total_gb)).to.be.below(0.15); });",
    ],
  }),
  request({
    name: 'GET /disk',
    path: '/disk',
    tests: [
      ...status(200),
      ...checkedAt,
      ...sizeBlock('disk'),
      "pm.test('mounts listed', () => { const m = pm.response.json().mounts; pm.expect(m).to.be.an('array'); m.forEach(x => { pm.expect(x.mount).to.be.a('string'); pm.expect(x.fs_type).to.be.a('string'); pm.expect(x.usage_percent).to.be.a('number'); }); });",
    ],
  }),
  request({
    name: 'GET /system',
    path: '/system',
    tests: [
      ...status(200),
      ...checkedAt,
      ...sizeBlock('memory'),
      ...sizeBlock('disk'),
      "pm.test('system header and uptime', () => { const b = pm.response.json(); pm.expect(b.status).to.eql('UP'); pm.expect(b.hostname).to.be.a('string'); pm.expect(b.cpu.cores).to.be.above(0); pm.expect(b.uptime.formatted).to.match(/^\\d+ jours?, \\d+ heures?, \\d+ minutes?$/); });",
    ],
  }),
  request({
    name: 'GET /os',
    path: '/os',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('os fields', () => { const o = pm.response.json().os; ['name','version','architecture','kernel','hostname'].forEach(k => pm.expect(o[k]).to.be.a('string')); pm.expect(o.uptime_seconds).to.be.a('number'); });",
    ],
  }),
  request({
    name: 'GET /load',
    path: '/load',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('load averages', () => { const l = pm.response.json().load_average; ['1_min','5_min','15_min'].forEach(k => pm.expect(l[k]).to.be.a('number')); });",
    ],
  }),
  request({
    name: 'GET /network',
    path: '/network',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('interfaces and connections', () => { const n = pm.response.json().network; pm.expect(n.total_connections).to.be.a('number'); n.interfaces.forEach(i => { pm.expect(i.name).to.not.eql('lo'); pm.expect(i.bytes_sent_mb).to.be.a('number'); pm.expect(i.bytes_recv_mb).to.be.a('number'); }); });",
    ],
  }),
  request({
    name: 'GET /processes',
    path: '/processes',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('process counts', () => { const p = pm.response.json().processes; ['total','running','sleeping','blocked'].forEach(k => pm.expect(p[k]).to.be.a('number')); pm.expect(p.total).to.be.above(0); });",
    ],
  }),
  request({
    name: 'GET /processes/top',
    path: '/processes/top',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('top 5 by cpu', () => { const b = pm.response.json(); pm.expect(b.top_processes.length).to.be.at.most(5); pm.expect(b.total_processes).to.be.above(0); const c = b.top_processes.map(p => p.cpu_percent); pm.expect(c).to.eql([...c].sort((a, z) => z - a)); b.top_processes.forEach(p => { pm.expect(p.pid).to.be.a('number'); pm.expect(p.name).to.be.a('string'); pm.expect(p.memory_percent).to.be.a('number'); }); });",
    ],
  }),
  request({
    name: 'GET /processes/top?sort=memory&limit=3',
    path: '/processes/top?sort=memory&limit=3',
    tests: [
      ...status(200),
      "pm.test('top 3 by memory', () => { const t = pm.response.json().top_processes; pm.expect(t.length).to.be.at.most(3); const m = t.map(p => p.memory_percent); pm.expect(m).to.eql([...m].sort((a, z) => z - a)); });",
    ],
  }),
  request({ name: 'GET /processes/top?limit=0 → 400', path: '/processes/top?limit=0', tests: apiError(400, 'Requête invalide') }),
  request({ name: 'GET /processes/top?sort=name → 400', path: '/processes/top?sort=name', tests: apiError(400, 'Requête invalide') }),
  request({
    name: 'GET /services',
    path: '/services',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('services with status', () => { const s = pm.response.json().services; pm.expect(s).to.be.an('array'); s.forEach(x => { pm.expect(x.name).to.be.a('string'); pm.expect(['running','stopped']).to.include(x.status); if (x.status === 'stopped') pm.expect(x.uptime).to.eql(null); }); });",
    ],
  }),
  request({
    name: 'GET /alerts',
    path: '/alerts',
    tests: [
      ...status(200),
      ...checkedAt,
      "pm.test('alerts shape', () => { const b = pm.response.json(); pm.expect(b.alerts).to.be.an('array'); pm.expect(b.total_alerts).to.eql(b.alerts.length); b.alerts.forEach(a => { pm.expect(['CPU','MEMORY','DISK']).to.include(a.type); pm.expect(['warning','critical']).to.include(a.level); pm.expect(a.value).to.be.above(a.threshold); }); });",
    ],
  }),
  request({ name: 'GET /unknown → 404', path: '/does-not-exist', tests: apiError(404) }),
  request({ name: 'DELETE /cpu → 405', method: 'DELETE', path: '/cpu', tests: apiError(405) }),
]);
