import { JtiReplayCache } from './jti-replay.cache';

describe('JtiReplayCache', () => {
  let now = 1_000_000;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('accepts a jti once and refuses it again until it expires', () => {
    const cache = new JtiReplayCache(10, clock);
    expect(cache.use('https://a.example', 'jti-1', now + 5_000)).toBe(true);
    expect(cache.use('https://a.example', 'jti-1', now + 5_000)).toBe(false);
    now += 4_999;
    expect(cache.use('https://a.example', 'jti-1', now + 5_000)).toBe(false);
  });

  it('forgets a jti once its expiry has passed (the token could not be accepted any more anyway)', () => {
    const cache = new JtiReplayCache(10, clock);
    cache.use('https://a.example', 'jti-1', now + 5_000);
    now += 5_000;
    expect(cache.use('https://a.example', 'jti-1', now + 5_000)).toBe(true);
  });

  it('keys by issuer and jti: the same jti from two clients is two tokens, and no separator trick collides', () => {
    const cache = new JtiReplayCache(10, clock);
    expect(cache.use('https://a.example', 'same', now + 5_000)).toBe(true);
    expect(cache.use('https://b.example', 'same', now + 5_000)).toBe(true);
    expect(cache.use('a|b', 'c', now + 5_000)).toBe(true);
    expect(cache.use('a', 'b|c', now + 5_000)).toBe(true);
  });

  it('when full, evicts expired entries first and keeps the live ones', () => {
    const cache = new JtiReplayCache(3, clock);
    cache.use('i', 'short', now + 1_000);
    cache.use('i', 'long-1', now + 60_000);
    cache.use('i', 'long-2', now + 60_000);
    now += 2_000;
    expect(cache.use('i', 'new', now + 60_000)).toBe(true);
    expect(cache.size).toBe(3);
    expect(cache.use('i', 'long-1', now + 60_000)).toBe(false);
    expect(cache.use('i', 'long-2', now + 60_000)).toBe(false);
  });

  it('when full of live entries, evicts the oldest and stays bounded', () => {
    const cache = new JtiReplayCache(3, clock);
    for (const jti of ['1', '2', '3', '4', '5']) {
      expect(cache.use('i', jti, now + 60_000)).toBe(true);
    }
    expect(cache.size).toBe(3);
    expect(cache.use('i', '5', now + 60_000)).toBe(false);
    expect(cache.use('i', '4', now + 60_000)).toBe(false);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new JtiReplayCache(0)).toThrow(RangeError);
    expect(() => new JtiReplayCache(1.5)).toThrow(RangeError);
  });
});
