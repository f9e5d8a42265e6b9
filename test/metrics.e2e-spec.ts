import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

const SIZE_FIGURES = {
  total_gb: expect.any(Number),
  used_gb: expect.any(Number),
  free_gb: expect.any(Number),
  usage_percent: expect.any(Number),
};

const oneDecimal = (value: number) => Math.round(value * 10) / 10 === value;

describe('metrics endpoints (e2e)', () => {
  let api: TestApp;
  let token: string | undefined;

  beforeAll(async () => {
    // `node` runs the test itself, so one monitored service is surely running.
    api = await TestApp.start({ MONITORED_SERVICES: 'node,surely-not-a-service-xyz', PUBLIC_METRICS: 'true' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('GET /health answers UP with the hostname and the sample time', async () => {
    const { status, body } = await api.get('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'UP', hostname: expect.any(String), checked_at: expect.stringMatching(ISO_SECONDS) });
  });

  it('GET /cpu gives a recent usage and the core count', async () => {
    const { status, body } = await api.get('/cpu', { token });
    expect(status).toBe(200);
    expect(body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), cpu: { usage_percent: expect.any(Number), cores: expect.any(Number) } });
    expect(body.cpu.usage_percent).toBeGreaterThanOrEqual(0);
    expect(body.cpu.usage_percent).toBeLessThanOrEqual(100);
    expect(oneDecimal(body.cpu.usage_percent)).toBe(true);
    expect(body.cpu.cores).toBeGreaterThanOrEqual(1);
  });

  it('GET /memory: used + free = total, in GiB with one decimal', async () => {
    const { status, body } = await api.get('/memory', { token });
    expect(status).toBe(200);
    expect(body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), memory: SIZE_FIGURES });
    const { total_gb, used_gb, free_gb, usage_percent } = body.memory;
    expect(Math.abs(used_gb + free_gb - total_gb)).toBeLessThanOrEqual(0.11);
    expect(Math.abs((used_gb / total_gb) * 100 - usage_percent)).toBeLessThan(1);
    for (const value of [total_gb, used_gb, free_gb, usage_percent]) expect(oneDecimal(value)).toBe(true);
  });

  it('GET /disk gives the disk of DISK_PATH and the real mounts', async () => {
    const { status, body } = await api.get('/disk', { token });
    expect(status).toBe(200);
    expect(body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), disk: SIZE_FIGURES, mounts: expect.any(Array) });
    expect(body.disk.total_gb).toBeGreaterThan(0);
    for (const mount of body.mounts) {
      expect(mount).toEqual({ mount: expect.any(String), fs_type: expect.any(String), ...SIZE_FIGURES });
      expect(['tmpfs', 'overlay', 'proc', 'squashfs', 'devtmpfs', 'sysfs']).not.toContain(mount.fs_type);
    }
  });

  it('GET /system holds everything the spec shows, with a French uptime', async () => {
    const { status, body } = await api.get('/system', { token });
    expect(status).toBe(200);
    expect(body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      hostname: expect.any(String),
      status: 'UP',
      cpu: { usage_percent: expect.any(Number), cores: expect.any(Number) },
      memory: SIZE_FIGURES,
      disk: SIZE_FIGURES,
      uptime: { days: expect.any(Number), hours: expect.any(Number), minutes: expect.any(Number), formatted: expect.any(String) },
    });
    expect(body.uptime.formatted).toMatch(/^\d+ jours?, \d+ heures?, \d+ minutes?$/);
  });

  it('GET /os names the system, version, architecture and kernel', async () => {
    const { status, body } = await api.get('/os', { token });
    expect(status).toBe(200);
    expect(body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      os: {
        name: expect.any(String),
        version: expect.any(String),
        architecture: expect.any(String),
        kernel: expect.any(String),
        hostname: expect.any(String),
        uptime_seconds: expect.any(Number),
      },
    });
    expect(body.os.kernel.length).toBeGreaterThan(0);
  });

  it('GET /load uses the keys 1_min, 5_min, 15_min', async () => {
    const { status, body } = await api.get('/load', { token });
    expect(status).toBe(200);
    expect(body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      load_average: { '1_min': expect.any(Number), '5_min': expect.any(Number), '15_min': expect.any(Number) },
    });
  });

  it('GET /network lists non-loopback interfaces and established connections', async () => {
    const { status, body } = await api.get('/network', { token });
    expect(status).toBe(200);
    expect(body.network.total_connections).toEqual(expect.any(Number));
    for (const entry of body.network.interfaces) {
      expect(entry).toEqual({
        name: expect.any(String),
        ip_address: entry.ip_address === null ? null : expect.any(String),
        mac_address: entry.mac_address === null ? null : expect.any(String),
        bytes_sent_mb: expect.any(Number),
        bytes_recv_mb: expect.any(Number),
      });
      expect(entry.name).not.toBe('lo');
    }
  });

  it('GET /processes counts processes by state', async () => {
    const { status, body } = await api.get('/processes', { token });
    expect(status).toBe(200);
    expect(body).toEqual({
      checked_at: expect.stringMatching(ISO_SECONDS),
      processes: { total: expect.any(Number), running: expect.any(Number), sleeping: expect.any(Number), blocked: expect.any(Number) },
    });
    expect(body.processes.total).toBeGreaterThan(0);
  });

  it('GET /processes/top gives 5 processes sorted by CPU by default', async () => {
    const { status, body } = await api.get('/processes/top', { token });
    expect(status).toBe(200);
    expect(body.top_processes).toHaveLength(5);
    expect(body.total_processes).toBeGreaterThan(0);
    const cpu = body.top_processes.map((entry: { cpu_percent: number }) => entry.cpu_percent);
    expect([...cpu].sort((a, b) => b - a)).toEqual(cpu);
    expect(body.top_processes[0]).toEqual({ pid: expect.any(Number), name: expect.any(String), cpu_percent: expect.any(Number), memory_percent: expect.any(Number) });
  });

  it('GET /processes/top?sort=memory&limit=3 sorts by memory', async () => {
    const { status, body } = await api.get('/processes/top?sort=memory&limit=3', { token });
    expect(status).toBe(200);
    expect(body.top_processes).toHaveLength(3);
    const memory = body.top_processes.map((entry: { memory_percent: number }) => entry.memory_percent);
    expect([...memory].sort((a, b) => b - a)).toEqual(memory);
  });

  it.each(['sort=name', 'limit=0', 'limit=51', 'limit=abc', 'limit=2.5', 'unknown=1'])('GET /processes/top?%s is a 400', async (query) => {
    expectError(await api.get(`/processes/top?${query}`, { token }), 400, 'Requête invalide');
  });

  it('GET /services lists every monitored service with its state', async () => {
    const { status, body } = await api.get('/services', { token });
    expect(status).toBe(200);
    expect(body.services).toEqual([
      { name: 'node', status: 'running', uptime: expect.stringMatching(/^\d+ (second|minute|hour|day)s?$/) },
      { name: 'surely-not-a-service-xyz', status: 'stopped', uptime: null },
    ]);
  });

  it('GET /alerts answers the spec shape', async () => {
    const { status, body } = await api.get('/alerts', { token });
    expect(status).toBe(200);
    expect(body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), alerts: expect.any(Array), total_alerts: body.alerts.length, pending: expect.any(Array) });
  });

  it('an unknown path is a 404 and a wrong method a 405, in the API error shape', async () => {
    expectError(await api.get('/nope'), 404);
    const wrongMethod = await api.request('DELETE', '/cpu');
    expectError(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /docs-json', async () => {
    const ui = await api.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const { status, body } = await api.get('/docs-json');
    expect(status).toBe(200);
    for (const path of ['/health', '/cpu', '/memory', '/disk', '/system', '/os', '/load', '/network', '/processes', '/processes/top', '/services', '/alerts']) {
      expect(body.paths[path]?.get?.responses?.['200']).toBeDefined();
    }
  });
});
