// parse-prometheus-text-format ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus: (text: string) => Array<{ name: string; type: string; metrics: Array<{ value: string; labels?: Record<string, string> }> }> = require('parse-prometheus-text-format');
import { HistoryService } from '../src/history/history.service';
import { SamplerService } from '../src/metrics/sampler.service';
import { expectError, ISO_SECONDS, TestApp } from './support/test-app';

const waitForPoints = async (api: TestApp, count: number) => {
  const history = api.app.get(HistoryService);
  const deadline = Date.now() + 10_000;
  while (history.buffer.size < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(history.buffer.size).toBeGreaterThanOrEqual(count);
};

describe('/history and /metrics (e2e)', () => {
  let api: TestApp;
  let viewer: string;

  beforeAll(async () => {
    api = await TestApp.start();
    viewer = await api.userToken('viewer.one', 'viewer');
    // SAMPLE_INTERVAL_SECONDS=1 in the tests: two samples give a network rate.
    await waitForPoints(api, 2);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('GET /history', () => {
    it('needs a token (401 in the API error shape)', async () => {
      expectError(await api.get('/history'), 401);
    });

    it('gives the last hour of CPU by default, one point per sample, oldest first', async () => {
      const { status, body } = await api.get('/history', { token: viewer });
      expect(status).toBe(200);
      expect(body).toEqual({ checked_at: expect.stringMatching(ISO_SECONDS), resource: 'cpu', interval_seconds: 1, points: expect.any(Array) });
      expect(body.points.length).toBeGreaterThanOrEqual(2);
      for (const point of body.points) {
        expect(point).toEqual({ t: expect.stringMatching(ISO_SECONDS), usage_percent: expect.any(Number) });
        expect(point.usage_percent).toBeGreaterThanOrEqual(0);
        expect(point.usage_percent).toBeLessThanOrEqual(100);
        expect(Math.round(point.usage_percent * 10) / 10).toBe(point.usage_percent);
      }
      const times = body.points.map((point: { t: string }) => Date.parse(point.t));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(body.points.at(-1).t).toBe(body.checked_at);
    });

    it('memory and disk points carry the same usage as /memory and /disk', async () => {
      const memory = await api.get('/history?resource=memory&minutes=5', { token: viewer });
      const disk = await api.get('/history?resource=disk&minutes=5', { token: viewer });
      const now = await api.get('/system', { token: viewer });
      expect(memory.status).toBe(200);
      expect(disk.status).toBe(200);
      expect(memory.body.resource).toBe('memory');
      expect(disk.body.points.at(-1)).toEqual({ t: expect.stringMatching(ISO_SECONDS), usage_percent: expect.any(Number) });
      if (now.body.checked_at === disk.body.checked_at) {
        expect(disk.body.points.at(-1).usage_percent).toBe(now.body.disk.usage_percent);
        expect(memory.body.points.at(-1).usage_percent).toBe(now.body.memory.usage_percent);
      }
    });

    it('load points have the three averages', async () => {
      const { status, body } = await api.get('/history?resource=load&minutes=1', { token: viewer });
      expect(status).toBe(200);
      expect(body.points.at(-1)).toEqual({ t: expect.stringMatching(ISO_SECONDS), '1_min': expect.any(Number), '5_min': expect.any(Number), '15_min': expect.any(Number) });
    });

    it('network points are byte rates (null only for the very first sample)', async () => {
      const { status, body } = await api.get('/history?resource=network&minutes=1440', { token: viewer });
      expect(status).toBe(200);
      const last = body.points.at(-1);
      expect(last).toEqual({ t: expect.stringMatching(ISO_SECONDS), rx_bytes_per_sec: expect.any(Number), tx_bytes_per_sec: expect.any(Number) });
      expect(last.rx_bytes_per_sec).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(last.tx_bytes_per_sec)).toBe(true);
      for (const point of body.points.slice(1)) expect(point.rx_bytes_per_sec).not.toBeNull();
    });

    it('minutes narrows the window to the samples of the last minutes', async () => {
      const history = api.app.get(HistoryService);
      const all = (await api.get('/history?resource=cpu&minutes=1440', { token: viewer })).body.points;
      expect(all.length).toBe(history.buffer.size);
      // Seen from 2 minutes in the future, a 1-minute window holds none of these samples, a 5-minute one all.
      const later = Date.now() + 2 * 60_000;
      expect(history.history({ resource: 'cpu', minutes: 1 }, later).points).toEqual([]);
      expect(history.history({ resource: 'cpu', minutes: 5 }, later).points.length).toBe(history.buffer.size);
    });

    it('points caps the number of points: each the average of its step, interval_seconds the step', async () => {
      const { status, body } = await api.get('/history?resource=memory&minutes=1&points=2', { token: viewer });
      expect(status).toBe(200);
      expect(body.interval_seconds).toBe(60);
      expect(body.points.length).toBeGreaterThanOrEqual(1);
      expect(body.points.length).toBeLessThanOrEqual(2);
      expect(body.points.at(-1)).toEqual({ t: body.checked_at, usage_percent: expect.any(Number) });
      const day = await api.get('/history?resource=load&minutes=1440&points=300', { token: viewer });
      expect(day.body.interval_seconds).toBe(289); // 86400 / 299 = 288.96 → 289 (SAMPLE_INTERVAL_SECONDS=1 here)
      expect(day.body.points.length).toBeLessThanOrEqual(300);
    });

    it.each([
      ['/history?resource=swap', 'resource'],
      ['/history?minutes=0', 'minutes'],
      ['/history?minutes=1441', 'minutes'],
      ['/history?minutes=abc', 'minutes'],
      ['/history?minutes=2.5', 'minutes'],
      ['/history?points=1', 'points'],
      ['/history?points=10001', 'points'],
      ['/history?points=many', 'points'],
      ['/history?other=1', 'other'],
    ])('%s is a 400 naming the parameter', async (path, parameter) => {
      const body = expectError(await api.get(path, { token: viewer }), 400, 'Requête invalide');
      expect(JSON.stringify(body)).toContain(parameter);
    });
  });

  describe('GET /metrics', () => {
    it('needs a token (401 in the API error shape)', async () => {
      expectError(await api.get('/metrics'), 401);
    });

    it('answers the Prometheus text format to a viewer, with the documented series', async () => {
      const answer = await api.get('/metrics', { token: viewer });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const families = parsePrometheus(answer.text);
      const byName = new Map(families.map((family) => [family.name, family]));
      expect(Number(byName.get('healthcheck_up')?.metrics[0].value)).toBe(1);
      expect(Number(byName.get('healthcheck_cpu_cores')?.metrics[0].value)).toBeGreaterThanOrEqual(1);
      expect(Number(byName.get('healthcheck_memory_total_bytes')?.metrics[0].value)).toBeGreaterThan(0);
      const root = byName.get('healthcheck_filesystem_size_bytes')?.metrics ?? [];
      expect(root.length).toBeGreaterThanOrEqual(1);
      for (const series of root) expect(Object.keys(series.labels ?? {}).sort()).toEqual(['device', 'fstype', 'mount']);
      expect(byName.get('healthcheck_network_receive_bytes_total')?.type).toBe('COUNTER');
      expect(byName.get('healthcheck_threshold_percent')?.metrics).toHaveLength(6);
      expect(byName.get('healthcheck_alert')?.metrics).toHaveLength(6);
      expect(byName.get('healthcheck_processes')?.metrics.map((series) => series.labels?.state).sort()).toEqual(['blocked', 'other', 'running', 'sleeping']);
    });

    it('follows the thresholds an admin writes, on the next scrape', async () => {
      const admin = await api.adminToken();
      const put = await api.put('/config/thresholds', { cpu: { warning: 55, critical: 66 } }, { token: admin });
      expect(put.status).toBe(200);
      const families = parsePrometheus((await api.get('/metrics', { token: viewer })).text);
      const thresholds = families.find((family) => family.name === 'healthcheck_threshold_percent')!.metrics;
      expect(thresholds.find((series) => series.labels?.resource === 'cpu' && series.labels?.level === 'critical')?.value).toBe('66');
    });

    it('does not collect the process list again on every scrape', async () => {
      const sampler = api.app.get(SamplerService);
      await api.get('/metrics', { token: viewer });
      const before = sampler.processes.collections;
      await Promise.all(Array.from({ length: 5 }, () => api.get('/metrics', { token: viewer })));
      expect(sampler.processes.collections).toBe(before);
    });
  });

  it('200 concurrent requests to /processes/top right after the start share the one collection of the warm-up', async () => {
    // A fresh app: its process list is being collected once, in the background, since the start.
    const fresh = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      const sampler = fresh.app.get(SamplerService);
      expect(sampler.processes.collections).toBeLessThanOrEqual(1);
      const answers = await Promise.all(Array.from({ length: 200 }, () => fresh.get('/processes/top?limit=3')));
      expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
      expect(sampler.processes.collections).toBe(1);
      // The baseline list, and at most the first list with recent CPU figures if it came in meanwhile.
      expect(new Set(answers.map((answer) => answer.text)).size).toBeLessThanOrEqual(2);
    } finally {
      await fresh.close();
    }
  });

  it('PUBLIC_METRICS=true opens /history and /metrics without a token', async () => {
    const open = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      expect((await open.get('/history?resource=load')).status).toBe(200);
      const metrics = await open.get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('healthcheck_cpu_usage_percent');
    } finally {
      await open.close();
    }
  });
});
