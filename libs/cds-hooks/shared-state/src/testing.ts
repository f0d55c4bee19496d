// Test helpers (a Redis under a key prefix of its own, a closed port, a killable proxy). Not exported from index.ts.
export * from './testing/redis-test-helpers';
