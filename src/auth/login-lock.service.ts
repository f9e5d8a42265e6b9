import { Injectable } from '@nestjs/common';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;
const MAX_KEYS = 50_000;

/**
 * Brute-force lock: after 5 failed logins for one username from one address within 15 minutes,
 * further attempts are refused until the oldest of those failures leaves the window. In memory:
 * a restart forgets it (documented), and the map is bounded.
 */
@Injectable()
export class LoginLockService {
  private readonly failures = new Map<string, number[]>();
  /** The last attempt queued for each (address, username) that has one in progress. */
  private readonly inProgress = new Map<string, Promise<unknown>>();

  /**
   * Runs the attempts for one username from one address one after another, so that each sees the
   * failures of the ones before it: guesses sent in parallel get no more than 5 checks, and correct
   * logins sent in parallel all succeed (they wait for each other, about 55 ms each).
   */
  async oneAtATime<T>(address: string, username: string, attempt: () => Promise<T>): Promise<T> {
    const id = key(address, username);
    const result = (this.inProgress.get(id) ?? Promise.resolve()).then(attempt);
    const settled = result.catch(() => undefined);
    this.inProgress.set(id, settled);
    try {
      return await result;
    } finally {
      if (this.inProgress.get(id) === settled) this.inProgress.delete(id);
    }
  }

  /** Seconds until a login may be tried again, or 0 when it may be tried now. */
  retryAfterSeconds(address: string, username: string, now = Date.now()): number {
    const recent = this.recent(key(address, username), now);
    if (recent.length < MAX_FAILURES) return 0;
    return Math.ceil((recent[recent.length - MAX_FAILURES] + WINDOW_MS - now) / 1000);
  }

  recordFailure(address: string, username: string, now = Date.now()): void {
    const id = key(address, username);
    const recent = this.recent(id, now);
    recent.push(now);
    if (recent.length > MAX_FAILURES) recent.splice(0, recent.length - MAX_FAILURES);
    this.failures.delete(id);
    this.failures.set(id, recent);
    if (this.failures.size > MAX_KEYS) this.prune(now);
  }

  reset(address: string, username: string): void {
    this.failures.delete(key(address, username));
  }

  private recent(id: string, now: number): number[] {
    return (this.failures.get(id) ?? []).filter((at) => at > now - WINDOW_MS);
  }

  private prune(now: number): void {
    for (const [id, times] of this.failures) if (times[times.length - 1] <= now - WINDOW_MS) this.failures.delete(id);
    // Still too many (an attack from many addresses): drop the oldest keys.
    for (const id of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(id);
    }
  }
}

function key(address: string, username: string): string {
  return `${address}\u0000${username.toLowerCase()}`;
}
