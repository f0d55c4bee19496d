import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { SharedStateUnavailableError } from './shared-state-unavailable.error';

/**
 * The jti replay cache in Redis, shared by every replica: one `SET key 1 NX PXAT <exp + skew>` per accepted
 * token, atomic in Redis, so of two requests with one token — on one replica or two — exactly one passes.
 * Redis forgets the key when the token could no longer be accepted anyway. Keyed by a hash of issuer and jti
 * (a jti is the client's choice and may be long). Redis unreachable → SharedStateUnavailableError (503).
 */
export class RedisJtiReplayStore {
  constructor(private readonly redis: Redis) {}

  async use(iss: string, jti: string, expiresAtMs: number): Promise<boolean> {
    const key = `jti:${createHash('sha256')
      .update(JSON.stringify([iss, jti]))
      .digest('base64url')}`;
    let answer: string | null;
    try {
      answer = await this.redis.set(key, '1', 'PXAT', Math.ceil(expiresAtMs), 'NX');
    } catch (error) {
      throw new SharedStateUnavailableError('The token replay check', error);
    }
    return answer === 'OK';
  }
}
