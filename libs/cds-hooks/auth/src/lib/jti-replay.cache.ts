export const DEFAULT_REPLAY_CACHE_MAX_ENTRIES = 100_000;

/**
 * Remembers the `jti` of every accepted token until the token could no longer be accepted anyway
 * (its `exp` plus the clock skew), so each token is single-use (CDS Hooks 2.0: jti protects against
 * replay). Keyed by issuer AND jti: two clients may pick the same nonce.
 *
 * In memory, so per process: behind several instances a token could be replayed once per instance
 * within its (≤ 5 minute) lifetime. Bounded: when full, expired entries go first, then the oldest
 * entries (the ones closest to expiring). Only tokens with a valid signature from a trusted client get
 * here, so filling it takes a trusted client's key.
 */
export class JtiReplayCache {
  // Map keeps insertion order, which is what "oldest first" eviction walks.
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxEntries: number = DEFAULT_REPLAY_CACHE_MAX_ENTRIES,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('JtiReplayCache maxEntries must be a positive integer');
    }
  }

  /**
   * Records (iss, jti) as used until `expiresAtMs`. Returns false when it was already used and is still
   * remembered, i.e. a replay. Synchronous, so two concurrent requests with one token cannot both pass.
   */
  use(iss: string, jti: string, expiresAtMs: number): boolean {
    const key = JSON.stringify([iss, jti]);
    const now = this.nowMs();
    const known = this.expiries.get(key);
    if (known !== undefined && known > now) {
      return false;
    }
    this.expiries.delete(key);
    if (this.expiries.size >= this.maxEntries) {
      this.evict(now);
    }
    this.expiries.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private evict(now: number): void {
    for (const [key, expiry] of this.expiries) {
      if (expiry <= now) {
        this.expiries.delete(key);
      }
    }
    for (const key of this.expiries.keys()) {
      if (this.expiries.size < this.maxEntries) {
        break;
      }
      this.expiries.delete(key);
    }
  }
}
