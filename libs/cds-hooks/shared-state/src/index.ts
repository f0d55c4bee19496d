export { openSharedRedis, sharedRedisReady } from './lib/open-shared-redis';
export { RedisAuthFailureCounter } from './lib/redis-auth-failure.counter';
export { RedisJtiReplayStore } from './lib/redis-jti-replay.store';
export { RedisThrottlerStorage } from './lib/redis-throttler.storage';
export { SharedStateUnavailableError } from './lib/shared-state-unavailable.error';
