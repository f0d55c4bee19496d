// Test helpers (a Redis under a key prefix of its own, a closed port). Not exported from index.ts.
export { closedPort, testRedis, whenReady } from './testing/redis-test-helpers';
