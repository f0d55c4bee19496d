import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { SharedStateUnavailableError } from './shared-state-unavailable.error';

const WINDOW_MS = 60_000;

/**
 * Failed authentications per client address over a sliding minute, counted in Redis so that every replica
 * sees every failure (an attacker spreading tries over the balancer gets the same budget as on one replica).
 * One sorted set per address, scored by time, trimmed to the last `limit` failures and expiring after a quiet
 * minute, so Redis holds no more than the in-memory limiter would. Same answers as AuthFailureLimiter.
 */
export class RedisAuthFailureCounter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('RedisAuthFailureCounter limit must be a positive integer');
    }
  }

  /** Seconds until `address` may try again (≥ 1), or 0 when it is not over its budget. */
  async retryAfterSeconds(address: string): Promise<number> {
    const key = this.key(address);
    const now = this.nowMs();
    const [, count, oldest] = await this.run(
      this.redis
        .multi()
        .zremrangebyscore(key, '-inf', now - WINDOW_MS)
        .zcard(key)
        .zrange(key, 0, 0, 'WITHSCORES'),
    );
    if ((count as number) < this.limit) {
      return 0;
    }
    return Math.max(1, Math.ceil((Number((oldest as string[])[1]) + WINDOW_MS - now) / 1000));
  }

  /** Counts one failure; true when it is the one that used up the budget (worth one log line). */
  async recordFailure(address: string): Promise<boolean> {
    const key = this.key(address);
    const now = this.nowMs();
    const [, , , count] = await this.run(
      this.redis
        .multi()
        .zremrangebyscore(key, '-inf', now - WINDOW_MS)
        .zadd(key, now, `${now}:${randomUUID()}`)
        .zremrangebyrank(key, 0, -(this.limit + 1))
        .zcard(key)
        .pexpire(key, WINDOW_MS),
    );
    return count === this.limit;
  }

  private key(address: string): string {
    return `auth-failures:${address}`;
  }

  private async run(transaction: ChainableCommander): Promise<unknown[]> {
    let results: Array<[Error | null, unknown]> | null;
    try {
      results = await transaction.exec();
    } catch (error) {
      throw new SharedStateUnavailableError('The failed-authentication limit', error);
    }
    const failed = results?.find(([error]) => error !== null);
    if (results === null || failed) {
      throw new SharedStateUnavailableError('The failed-authentication limit', failed?.[0]);
    }
    return results.map(([, value]) => value);
  }
}
