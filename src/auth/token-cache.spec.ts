import { TokenCache } from './token-cache';

const entry = (n: number, exp = Date.now() + 60_000) => ({ sessionId: `s${n}`, userId: n, exp });

describe('TokenCache', () => {
  it('returns what was stored', () => {
    const cache = new TokenCache(10);
    cache.set('t1', entry(1));
    expect(cache.get('t1')).toEqual(entry(1, cache.get('t1')!.exp));
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('never holds more than its cap, dropping the oldest first', () => {
    const cache = new TokenCache(3);
    for (let n = 1; n <= 5; n += 1) cache.set(`t${n}`, entry(n));
    expect(cache.size).toBe(3);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t3')?.userId).toBe(3);
    expect(cache.get('t5')?.userId).toBe(5);
  });

  it('stays bounded under many distinct tokens', () => {
    const cache = new TokenCache(100);
    for (let n = 0; n < 10_000; n += 1) cache.set(`token-${n}`, entry(n));
    expect(cache.size).toBe(100);
    cache.dropSession('s9999');
    expect(cache.size).toBe(99);
  });

  it('drops an entry once expired', () => {
    const cache = new TokenCache(10);
    const now = 1_000_000;
    cache.set('t1', entry(1, now + 1000));
    expect(cache.get('t1', now + 999)).toBeDefined();
    expect(cache.get('t1', now + 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('purges expired entries in bulk', () => {
    const cache = new TokenCache(10);
    cache.set('old', entry(1, 10));
    cache.set('new', entry(2, 1_000));
    cache.purgeExpired(500);
    expect(cache.size).toBe(1);
    expect(cache.get('new', 500)).toBeDefined();
  });

  it('drops the entry of a revoked session, and only that one', () => {
    const cache = new TokenCache(10);
    cache.set('t1', entry(1));
    cache.set('t2', entry(2));
    cache.dropSession('s1');
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')).toBeDefined();
    cache.dropSession('never-seen');
    expect(cache.size).toBe(1);
  });

  it('re-setting a token replaces its entry without growing', () => {
    const cache = new TokenCache(10);
    cache.set('t1', entry(1));
    cache.set('t1', entry(1));
    expect(cache.size).toBe(1);
    cache.dropSession('s1');
    expect(cache.size).toBe(0);
  });
});
