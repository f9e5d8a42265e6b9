import { SamplerService } from '../src/metrics/sampler.service';
import { TestApp } from './support/test-app';

/** systeminformation's per-process CPU needs two readings this far apart (sampler.service.ts). */
const BASELINE_GAP_MS = 600;

const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started, at: Date.now() };
};

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('first answers of the costly readings (e2e)', () => {
  it('the first GET /processes after the start does not wait for the 600 ms CPU baseline', async () => {
    const api = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      const sampler = api.app.get(SamplerService);
      const first = await timed(() => api.get('/processes'));
      expect(first.value.status).toBe(200);
      expect(first.value.body.processes.total).toBeGreaterThan(0);
      // The list with recent CPU figures needs the baseline, the gap and a second reading: the
      // answer came before it, from the baseline's list (counts are right in any list).
      const recent = await timed(() => sampler.processes.lastOrFirst());
      expect(sampler.processes.lastCollectedAt).toBeGreaterThan(first.at - first.ms);
      expect(recent.at - (first.at - first.ms)).toBeGreaterThanOrEqual(BASELINE_GAP_MS);
      expect(first.at).toBeLessThan(sampler.processes.lastCollectedAt);
      // /processes/top answers at once from a list too, and 200s all along.
      expect((await api.get('/processes/top')).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('after a long idle spell, /processes/top answers from the last list at once and refreshes it in the background', async () => {
    const api = await TestApp.start({ PUBLIC_METRICS: 'true' });
    try {
      const sampler = api.app.get(SamplerService);
      const before = await api.get('/processes/top');
      expect(before.status).toBe(200);
      await sampler.processes.lastOrFirst();
      // 60 s of idle, as the probe sees it: the list and the CPU baseline are both that old.
      const internals = sampler as unknown as { lastProcessCall: number; processes: { collectedAt: number } };
      const old = await sampler.processes.lastOrFirst();
      internals.lastProcessCall -= 60_000;
      internals.processes.collectedAt -= 60_000;
      const collections = sampler.processes.collections;
      const stale = await timed(() => api.get('/processes/top'));
      expect(stale.value.status).toBe(200);
      // The last list, with its own time, while a fresh one (baseline, gap, reading) is taken.
      expect(sampler.processes.collections).toBe(collections + 1);
      expect(sampler.processes.last()).toBe(old);
      // The refresh takes its own baseline again (the old one is 60 s old): at least the gap.
      const refresh = await timed(() => until(() => sampler.processes.last() !== old));
      expect(refresh.ms + stale.ms).toBeGreaterThanOrEqual(BASELINE_GAP_MS - 50);
      const refreshed = await api.get('/processes/top');
      expect(refreshed.status).toBe(200);
      expect(sampler.processes.last()).not.toBe(old);
      expect(Date.parse(refreshed.body.checked_at)).toBeGreaterThanOrEqual(Date.parse(stale.value.body.checked_at));
    } finally {
      await api.close();
    }
  });
});
