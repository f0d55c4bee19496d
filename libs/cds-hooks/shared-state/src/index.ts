export * from './lib/open-shared-redis';
export * from './lib/redis-auth-failure.counter';
export * from './lib/redis-jti-replay.store';
export * from './lib/redis-throttler.storage';
export * from './lib/shared-state-unavailable.error';
