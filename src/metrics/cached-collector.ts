/**
 * A costly reading collected on demand and kept for `ttlMs`. Concurrent callers share the one
 * collection in flight; a failed collection is not kept.
 */
export class CachedCollector<T> {
  private value: T | undefined;
  private collectedAt = 0;
  private inFlight: Promise<T> | null = null;
  collections = 0;

  constructor(
    private readonly collect: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value !== undefined && this.now() - this.collectedAt < this.ttlMs) return Promise.resolve(this.value);
    return this.refresh();
  }

  /**
   * Like `get()`, but accepts a value up to `maxAgeMs` old (never less than the ttl): for readers
   * such as a Prometheus scrape that must not trigger a costly collection every time.
   */
  getWithin(maxAgeMs: number): Promise<T> {
    const age = this.now() - this.collectedAt;
    if (this.value !== undefined && age < Math.max(maxAgeMs, this.ttlMs)) return Promise.resolve(this.value);
    return this.refresh();
  }

  /**
   * Stale-while-revalidate: the last value at once, whatever its age; when it is older than the ttl,
   * a new collection starts in the background (a failed one leaves the last value in place).
   * Undefined before the first collection has ended: then `get()` waits for it. A caller never
   * waits for a slow collection once there is a value, and says how old it is (`lastCollectedAt`).
   */
  last(): T | undefined {
    if (this.value !== undefined && this.now() - this.collectedAt >= this.ttlMs) this.refresh().catch(() => undefined);
    return this.value;
  }

  /** The value when collected within the ttl, else undefined (starts nothing). */
  fresh(): T | undefined {
    return this.value !== undefined && this.now() - this.collectedAt < this.ttlMs ? this.value : undefined;
  }

  /** `last()` as a promise, or the first collection when there is no value yet. */
  lastOrFirst(): Promise<T> {
    const value = this.last();
    return value !== undefined ? Promise.resolve(value) : this.refresh();
  }

  /** Starts a collection in the background unless a fresh value or a collection is there (start-up warm-up). */
  warm(): void {
    if (this.value === undefined || this.now() - this.collectedAt >= this.ttlMs) this.refresh().catch(() => undefined);
  }

  /** The time of the last successful collection (ms since the epoch), 0 before the first. */
  get lastCollectedAt(): number {
    return this.collectedAt;
  }

  private refresh(): Promise<T> {
    if (!this.inFlight) {
      this.collections += 1;
      this.inFlight = this.collect()
        .then((value) => {
          this.value = value;
          this.collectedAt = this.now();
          return value;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }
}
