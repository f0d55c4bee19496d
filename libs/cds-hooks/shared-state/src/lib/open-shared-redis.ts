import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/** Prefix of every key this product writes, so one Redis (or one db index) can serve other things too. */
export const DEFAULT_SHARED_STATE_KEY_PREFIX = 'pcb-cds:';

export interface SharedRedisOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  keyPrefix?: string;
  /** A command unanswered this long fails (and the request it serves is refused); default 1 s. */
  commandTimeoutMs?: number;
}

/**
 * One connection shared by the replay cache, the failed-authentication limit and the rate limit. Commands are
 * never queued while disconnected (`enableOfflineQueue: false`) and never retried: a token check that cannot
 * reach Redis fails at once and closed, rather than waiting or being answered later. The client reconnects by
 * itself (every ≤ 2 s); an outage is logged once when it starts and once when it ends, never the URL.
 */
export function openSharedRedis(options: SharedRedisOptions): Redis {
  const logger = new Logger('SharedState');
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? DEFAULT_SHARED_STATE_KEY_PREFIX,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) {
      down = true;
      logger.error(
        `Redis unreachable (${error.name}: ${(error as Error & { code?: string }).code ?? 'no code'}): token checks and rate limits answer 503 until it is back`,
      );
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      logger.log('Redis reachable again');
    }
  });
  return redis;
}

/**
 * Resolves when the connection can run commands, or after `timeoutMs` whatever its state (false then): start-up
 * waits for Redis so that a replica a balancer reaches as soon as it listens does not answer its first calls
 * with 503, yet still starts when Redis is away (fail closed, /ready 503 until it is back).
 */
export function sharedRedisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
