import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { SharedStateUnavailableError } from './shared-state-unavailable.error';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Nest's throttler storage in Redis (@nest-lab/throttler-storage-redis), shared by every replica, adapted to
 * the CDS rate-limit guard:
 * - the adapter counts a fixed window from a client's first request (one Lua script, atomic); the guard asks
 *   for no penalty block (0), which the adapter cannot store (`PX 0` is an error in Redis), so it gets 1 ms
 *   and a blocked client is told to wait until its window ends (`Retry-After` from the window, not the 1 ms);
 * - Redis unreachable → SharedStateUnavailableError (503 with an OperationOutcome), never an unlimited pass.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly adapter: ThrottlerStorageRedisService;

  constructor(redis: Redis) {
    this.adapter = new ThrottlerStorageRedisService(redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    let record: ThrottlerStorageRecord;
    try {
      record = await this.adapter.increment(key, ttl, limit, Math.max(1, blockDuration), throttlerName);
    } catch (error) {
      throw new SharedStateUnavailableError('The rate limit', error);
    }
    if (blockDuration > 0 || !record.isBlocked) {
      return record;
    }
    return { ...record, timeToBlockExpire: Math.max(1, record.timeToExpire) };
  }
}
