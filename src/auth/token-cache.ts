/** What a verified token stands for. `exp` is in milliseconds since the epoch. */
export interface VerifiedToken {
  sessionId: string;
  userId: number;
  exp: number;
}

/**
 * Tokens whose signature was already verified, so that a request does not pay the HMAC again.
 * Bounded (the oldest entry goes when full), an entry is dropped once expired and when its session
 * is revoked. Only a cache: the session/user checks still run on every request.
 */
export class TokenCache {
  private readonly byToken = new Map<string, VerifiedToken>();
  private readonly tokenBySession = new Map<string, string>();

  constructor(readonly maxEntries = 10_000) {}

  get size(): number {
    return this.byToken.size;
  }

  /** The entry of a token, or undefined when unknown or expired (an expired one is dropped). */
  get(token: string, now = Date.now()): VerifiedToken | undefined {
    const entry = this.byToken.get(token);
    if (entry === undefined) return undefined;
    if (entry.exp <= now) {
      this.delete(token, entry);
      return undefined;
    }
    return entry;
  }

  set(token: string, entry: VerifiedToken): void {
    if (this.byToken.has(token)) this.delete(token, this.byToken.get(token)!);
    while (this.byToken.size >= this.maxEntries) {
      const oldest = this.byToken.keys().next().value as string;
      this.delete(oldest, this.byToken.get(oldest)!);
    }
    this.byToken.set(token, entry);
    this.tokenBySession.set(entry.sessionId, token);
  }

  /** Forgets the token of a session (logout, revocation). */
  dropSession(sessionId: string): void {
    const token = this.tokenBySession.get(sessionId);
    if (token !== undefined) this.delete(token, this.byToken.get(token));
  }

  /** Removes every expired entry (called now and then, so that memory follows live tokens). */
  purgeExpired(now = Date.now()): void {
    for (const [token, entry] of this.byToken) if (entry.exp <= now) this.delete(token, entry);
  }

  clear(): void {
    this.byToken.clear();
    this.tokenBySession.clear();
  }

  private delete(token: string, entry: VerifiedToken | undefined): void {
    this.byToken.delete(token);
    if (entry && this.tokenBySession.get(entry.sessionId) === token) this.tokenBySession.delete(entry.sessionId);
  }
}
