import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  let now: number;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets an address fail up to the limit, then asks it to wait until its oldest failure is a minute old', () => {
    const limiter = new AuthFailureLimiter(3, clock);
    expect(limiter.recordFailure('10.0.0.1')).toBe(false);
    now += 10_000;
    expect(limiter.recordFailure('10.0.0.1')).toBe(false);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    expect(limiter.recordFailure('10.0.0.1')).toBe(true);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(50);
    now += 50_000;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('counts each address on its own', () => {
    const limiter = new AuthFailureLimiter(2, clock);
    limiter.recordFailure('10.0.0.1');
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
  });

  it('forgets the quietest address when full, so memory stays bounded', () => {
    const limiter = new AuthFailureLimiter(1, clock, 2);
    limiter.recordFailure('a');
    limiter.recordFailure('b');
    limiter.recordFailure('c');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    expect(limiter.retryAfterSeconds('b')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('c')).toBeGreaterThan(0);
  });

  it('refuses a limit below 1', () => {
    expect(() => new AuthFailureLimiter(0)).toThrow('positive integer');
  });
});
