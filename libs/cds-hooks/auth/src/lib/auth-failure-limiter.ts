/** Bound of the addresses remembered at once; beyond it the longest-quiet address is forgotten first. */
export const DEFAULT_AUTH_FAILURE_ADDRESSES = 10_000;

const WINDOW_MS = 60_000;

/**
 * Failed authentications per client address over a sliding minute. An address that reached the limit is
 * refused (before any token is looked at) until its oldest counted failure leaves the window. Counted by
 * address, never by the claimed `iss`: anyone can write a trusted EHR's issuer into a forged token, and
 * counting by it would let an attacker lock that EHR out from elsewhere. Successful calls are not counted.
 *
 * In memory and per process, bounded: at most `maxAddresses` addresses, each with at most `limit` times.
 */
export class AuthFailureLimiter {
  // Insertion order = order of the last failure (re-inserted on each), so eviction drops the quietest first.
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly nowMs: () => number = Date.now,
    private readonly maxAddresses: number = DEFAULT_AUTH_FAILURE_ADDRESSES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('AuthFailureLimiter limit must be a positive integer');
    }
  }

  /** Seconds until `address` may try again (≥ 1), or 0 when it is not over its budget. */
  retryAfterSeconds(address: string): number {
    const times = this.recent(address);
    if (times.length < this.limit) {
      return 0;
    }
    return Math.max(1, Math.ceil((times[0] + WINDOW_MS - this.nowMs()) / 1000));
  }

  /** Counts one failure; true when it is the one that used up the budget (worth one log line). */
  recordFailure(address: string): boolean {
    const times = this.recent(address);
    this.failures.delete(address);
    if (this.failures.size >= this.maxAddresses) {
      const quietest = this.failures.keys().next().value as string;
      this.failures.delete(quietest);
    }
    times.push(this.nowMs());
    if (times.length > this.limit) {
      times.shift();
    }
    this.failures.set(address, times);
    return times.length === this.limit;
  }

  private recent(address: string): number[] {
    const times = this.failures.get(address);
    if (times === undefined) {
      return [];
    }
    const since = this.nowMs() - WINDOW_MS;
    while (times.length > 0 && times[0] <= since) {
      times.shift();
    }
    if (times.length === 0) {
      this.failures.delete(address);
    }
    return times;
  }
}
