import type { ThrottlerStorage } from '@nestjs/throttler';
import type { CdsClientAuthSharedState } from '@pcb-cds/cds-hooks-auth';
import {
  openSharedRedis,
  sharedRedisReady,
  RedisAuthFailureCounter,
  RedisJtiReplayStore,
  RedisThrottlerStorage,
} from '@pcb-cds/cds-hooks-shared-state';
import type { ReadinessCheck, ShutdownCloser } from '@pcb-cds/platform-observability';
import type { AppConfig } from './app-config';

/** What the replicas of a fleet share through Redis, and how its health and shutdown are wired. */
export interface SharedState {
  auth: CdsClientAuthSharedState;
  rateLimitStorage: ThrottlerStorage;
  readiness: ReadinessCheck;
  closer: ShutdownCloser;
  /** Resolves when Redis answers, or after the start-up wait (false: the service starts failing closed). */
  ready: Promise<boolean>;
}

/** How long start-up waits for Redis before listening anyway. */
const STARTUP_WAIT_MS = 10_000;

/**
 * With REDIS_URL: one Redis connection for the jti replay cache, the failed-authentication limit and the rate
 * limit. Start-up waits for it up to 10 s (see `ready`), then listens anyway: until Redis answers, /ready is 503
 * and token checks answer 503. Without REDIS_URL: undefined, everything stays in memory per process.
 */
export function openSharedState(config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix'>): SharedState | undefined {
  if (config.redisUrl === undefined) {
    return undefined;
  }
  const redis = openSharedRedis({ url: config.redisUrl, ...(config.redisKeyPrefix ? { keyPrefix: config.redisKeyPrefix } : {}) });
  return {
    auth: {
      replay: new RedisJtiReplayStore(redis),
      authFailures: (limitPerMinute) => new RedisAuthFailureCounter(redis, limitPerMinute),
    },
    rateLimitStorage: new RedisThrottlerStorage(redis),
    ready: sharedRedisReady(redis, STARTUP_WAIT_MS),
    readiness: {
      name: 'shared-state',
      check: async () => {
        await redis.ping();
      },
    },
    closer: {
      name: 'shared-state',
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    },
  };
}
