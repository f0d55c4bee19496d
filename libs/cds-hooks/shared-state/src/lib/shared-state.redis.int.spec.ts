import type Redis from 'ioredis';
import { openSharedRedis, sharedRedisReady } from './open-shared-redis';
import { RedisAuthFailureCounter } from './redis-auth-failure.counter';
import { RedisJtiReplayStore } from './redis-jti-replay.store';
import { close, closedPort, killableProxy, TEST_REDIS_URL, testRedis, whenReady } from '../testing/redis-test-helpers';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { SharedStateUnavailableError } from './shared-state-unavailable.error';

// Against the real Redis on loopback; two connections stand for two replicas.
describe('shared state in Redis', () => {
  let redis: ReturnType<typeof testRedis>;
  let replicaA: Redis;
  let replicaB: Redis;

  beforeEach(async () => {
    redis = testRedis();
    replicaA = redis.open();
    replicaB = redis.open();
    expect(await Promise.all([sharedRedisReady(replicaA, 10_000), sharedRedisReady(replicaB, 10_000)])).toEqual([true, true]);
  });
  afterEach(() => redis.cleanup());

  describe('jti replay cache', () => {
    it('accepts a token once across replicas and remembers it until exp + skew, not longer', async () => {
      const expiresAtMs = Date.now() + 120_000;
      expect(await new RedisJtiReplayStore(replicaA).use('https://ehr.example', 'jti-1', expiresAtMs)).toBe(true);
      expect(await new RedisJtiReplayStore(replicaB).use('https://ehr.example', 'jti-1', expiresAtMs)).toBe(false);
      expect(await new RedisJtiReplayStore(replicaA).use('https://ehr.example', 'jti-1', expiresAtMs)).toBe(false);
      const [key] = await redis.raw.keys(`${redis.prefix}jti:*`);
      expect(await redis.raw.pexpiretime(key)).toBe(expiresAtMs);
    });

    it('keeps issuers apart: two clients may pick the same jti', async () => {
      const exp = Date.now() + 60_000;
      expect(await new RedisJtiReplayStore(replicaA).use('https://ehr-a.example', 'same', exp)).toBe(true);
      expect(await new RedisJtiReplayStore(replicaB).use('https://ehr-b.example', 'same', exp)).toBe(true);
    });

    it('lets exactly one of many concurrent uses of one token through, whichever replica they reach', async () => {
      const exp = Date.now() + 60_000;
      const stores = [new RedisJtiReplayStore(replicaA), new RedisJtiReplayStore(replicaB)];
      const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].use('https://ehr.example', 'raced', exp)));
      expect(verdicts.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('failed-authentication limit per address', () => {
    it('counts failures from every replica against one budget and names the wait from the oldest', async () => {
      let now = 1_800_000_000_000;
      const clock = (): number => now;
      const a = new RedisAuthFailureCounter(replicaA, 3, clock);
      const b = new RedisAuthFailureCounter(replicaB, 3, clock);
      expect(await a.recordFailure('203.0.113.9')).toBe(false);
      now += 10_000;
      expect(await b.recordFailure('203.0.113.9')).toBe(false);
      expect(await a.retryAfterSeconds('203.0.113.9')).toBe(0);
      expect(await b.recordFailure('203.0.113.9')).toBe(true);
      expect(await a.retryAfterSeconds('203.0.113.9')).toBe(50);
      expect(await b.retryAfterSeconds('198.51.100.7')).toBe(0);
      now += 50_000; // the first failure leaves the window
      expect(await b.retryAfterSeconds('203.0.113.9')).toBe(0);
    });
  });

  describe('rate limit storage for the throttler', () => {
    it('counts one client across replicas and tells a blocked client to wait for the window, not 1 ms', async () => {
      const a = new RedisThrottlerStorage(replicaA);
      const b = new RedisThrottlerStorage(replicaB);
      const hits = [];
      for (let i = 0; i < 4; i++) {
        hits.push(await (i % 2 ? b : a).increment('client:https://ehr.example', 60_000, 3, 0, 'cds-hooks'));
      }
      expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true]);
      expect(hits[3].timeToBlockExpire).toBeGreaterThan(1);
      expect(hits[3].timeToBlockExpire).toBeLessThanOrEqual(60);
      expect((await a.increment('client:https://other.example', 60_000, 3, 0, 'cds-hooks')).isBlocked).toBe(false);
      // Every key is under this test's prefix (the adapter's Lua script gets the prefix too).
      expect((await redis.raw.keys('*cds-hooks*')).every((key) => key.startsWith(redis.prefix))).toBe(true);
    });
  });
});

describe('shared state with Redis unreachable fails closed', () => {
  const expectUnavailable = async (attempt: Promise<unknown>): Promise<void> => {
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SharedStateUnavailableError);
    expect((error as SharedStateUnavailableError).getStatus()).toBe(503);
    expect((error as SharedStateUnavailableError).getResponse()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'transient' }],
    });
  };

  it('refuses every check when nothing listens at REDIS_URL', async () => {
    const redis = openSharedRedis({ url: `redis://127.0.0.1:${await closedPort()}/11`, keyPrefix: 'pcb-cds-test:closed:' });
    try {
      expect(await sharedRedisReady(redis, 200)).toBe(false); // start-up stops waiting and starts failing closed
      await expectUnavailable(new RedisJtiReplayStore(redis).use('https://ehr.example', 'jti', Date.now() + 60_000));
      await expectUnavailable(new RedisAuthFailureCounter(redis, 3).retryAfterSeconds('127.0.0.1'));
      await expectUnavailable(new RedisAuthFailureCounter(redis, 3).recordFailure('127.0.0.1'));
      await expectUnavailable(new RedisThrottlerStorage(redis).increment('client:x', 60_000, 3, 0, 'cds-hooks'));
      // The log line (not the answer) says why.
      await expect(new RedisJtiReplayStore(redis).use('i', 'j', Date.now() + 1_000)).rejects.toThrow(
        /^The token replay check is unavailable: Error: /,
      );
    } finally {
      await close(redis);
    }
  });

  it('refuses checks once a working Redis goes away', async () => {
    const proxy = await killableProxy(new URL(TEST_REDIS_URL));
    const shared = testRedis();
    // A short command timeout: a command sent just before the kill is not kept waiting (or keeping Jest) for 1 s.
    const redis = shared.open(proxy.url, 100);
    try {
      await whenReady(redis);
      const store = new RedisJtiReplayStore(redis);
      expect(await store.use('https://ehr.example', 'before', Date.now() + 60_000)).toBe(true);
      await proxy.kill();
      await expectUnavailable(store.use('https://ehr.example', 'during', Date.now() + 60_000));
      await expectUnavailable(new RedisThrottlerStorage(redis).increment('client:x', 60_000, 3, 0, 'cds-hooks'));
    } finally {
      await shared.cleanup();
    }
  });
});
