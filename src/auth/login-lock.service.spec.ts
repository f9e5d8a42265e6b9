import { LoginLockService } from './login-lock.service';

describe('LoginLockService', () => {
  const t0 = 1_700_000_000_000;

  it('locks after 5 failures within 15 minutes, until the first one leaves the window', () => {
    const lock = new LoginLockService();
    for (let i = 0; i < 4; i += 1) lock.recordFailure('1.2.3.4', 'admin', t0 + i * 1000);
    expect(lock.retryAfterSeconds('1.2.3.4', 'admin', t0 + 5000)).toBe(0);
    lock.recordFailure('1.2.3.4', 'admin', t0 + 4000);
    expect(lock.retryAfterSeconds('1.2.3.4', 'admin', t0 + 5000)).toBe(15 * 60 - 5);
    expect(lock.retryAfterSeconds('1.2.3.4', 'admin', t0 + 15 * 60_000 + 1)).toBe(0);
  });

  it('counts per username and per address', () => {
    const lock = new LoginLockService();
    for (let i = 0; i < 5; i += 1) lock.recordFailure('1.2.3.4', 'admin', t0);
    expect(lock.retryAfterSeconds('1.2.3.4', 'ADMIN', t0)).toBeGreaterThan(0);
    expect(lock.retryAfterSeconds('5.6.7.8', 'admin', t0)).toBe(0);
    expect(lock.retryAfterSeconds('1.2.3.4', 'jean', t0)).toBe(0);
  });

  it('forgets failures older than the window, and after a success', () => {
    const lock = new LoginLockService();
    for (let i = 0; i < 4; i += 1) lock.recordFailure('a', 'u', t0);
    lock.recordFailure('a', 'u', t0 + 16 * 60_000);
    expect(lock.retryAfterSeconds('a', 'u', t0 + 16 * 60_000)).toBe(0);
    for (let i = 0; i < 5; i += 1) lock.recordFailure('a', 'v', t0);
    lock.reset('a', 'v');
    expect(lock.retryAfterSeconds('a', 'v', t0)).toBe(0);
  });

  it('runs the attempts of one account from one address one after another, others side by side', async () => {
    const lock = new LoginLockService();
    const events: string[] = [];
    const attempt = (name: string, ms: number, fails = false) => async () => {
      events.push(`${name} start`);
      await new Promise((done) => setTimeout(done, ms));
      events.push(`${name} end`);
      if (fails) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      lock.oneAtATime('a', 'admin', attempt('first', 30, true)),
      lock.oneAtATime('a', 'ADMIN', attempt('second', 1)),
      lock.oneAtATime('b', 'admin', attempt('other address', 1)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    // The second waited for the first, even though the first failed; the other address did not wait.
    expect(events.indexOf('second start')).toBeGreaterThan(events.indexOf('first end'));
    expect(events.indexOf('other address end')).toBeLessThan(events.indexOf('first end'));
    // Nothing is left behind once they are done.
    expect((lock as unknown as { inProgress: Map<string, unknown> }).inProgress.size).toBe(0);
  });
});
