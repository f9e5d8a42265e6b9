import { CachedCollector } from './cached-collector';

describe('CachedCollector', () => {
  it('shares one collection between concurrent callers', async () => {
    let calls = 0;
    const collector = new CachedCollector(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return calls;
    }, 1000);
    const results = await Promise.all(Array.from({ length: 200 }, () => collector.get()));
    expect(calls).toBe(1);
    expect(new Set(results)).toEqual(new Set([1]));
  });

  it('collects again once the value is older than the ttl', async () => {
    let clock = 0;
    let calls = 0;
    const collector = new CachedCollector(async () => ++calls, 100, () => clock);
    expect(await collector.get()).toBe(1);
    clock = 99;
    expect(await collector.get()).toBe(1);
    clock = 100;
    expect(await collector.get()).toBe(2);
  });

  it('does not keep a failed collection', async () => {
    let fail = true;
    const collector = new CachedCollector(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    }, 1000);
    await expect(collector.get()).rejects.toThrow('boom');
    fail = false;
    await expect(collector.get()).resolves.toBe('ok');
  });

  it('getWithin accepts an older value than the ttl, and collects past maxAge', async () => {
    let clock = 0;
    let calls = 0;
    const collector = new CachedCollector(async () => ++calls, 100, () => clock);
    expect(await collector.getWithin(1000)).toBe(1);
    clock = 999;
    expect(await collector.getWithin(1000)).toBe(1);
    expect(await collector.get()).toBe(2);
    clock = 1050;
    expect(await collector.getWithin(50)).toBe(2);
    clock = 2000;
    expect(await collector.getWithin(1000)).toBe(3);
  });

  it('last(): the last value at once, whatever its age, refreshed in the background once older than the ttl', async () => {
    let clock = 0;
    let calls = 0;
    let release: () => void = () => undefined;
    const collector = new CachedCollector(
      () =>
        new Promise<number>((resolve) => {
          calls += 1;
          const value = calls;
          release = () => resolve(value);
        }),
      100,
      () => clock,
    );
    expect(collector.last()).toBeUndefined();
    expect(calls).toBe(0);
    const first = collector.lastOrFirst();
    release();
    expect(await first).toBe(1);
    clock = 5000; // long idle: the caller still gets the old value at once...
    expect(collector.last()).toBe(1);
    expect(await collector.lastOrFirst()).toBe(1);
    expect(calls).toBe(2); // ...and one collection was started for the next caller
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(collector.last()).toBe(2);
    expect(collector.lastCollectedAt).toBe(5000);
    expect(calls).toBe(2);
  });

  it('warm() collects in the background, once, unless the value is fresh', async () => {
    let calls = 0;
    const collector = new CachedCollector(async () => ++calls, 1000);
    collector.warm();
    collector.warm();
    await new Promise((resolve) => setImmediate(resolve));
    collector.warm();
    expect(calls).toBe(1);
    expect(collector.last()).toBe(1);
  });
});
