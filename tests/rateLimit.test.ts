// The token buckets behind the 429s: a burst of perMinute, refilled over the minute; a key idle for a
// minute is forgotten (its bucket would be full anyway), and never more than maxKeys are kept.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/http/rateLimit.js';

describe('RateLimiter', () => {
  it('allows a burst, then asks to wait until a token has refilled', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 100, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20); // one token every 20 s
    now += 20_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0); // keys are apart
  });

  it('forgets keys idle for a minute and keeps at most maxKeys', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    for (const key of ['a', 'b', 'c', 'd']) limiter.take(key);
    expect(limiter.size).toBe(3); // 'a', least recently used, made room
    now += 30_000;
    limiter.take('b');
    now += 30_000; // 'c' and 'd' idle a minute; 'b' half of one
    limiter.take('e');
    expect(limiter.size).toBe(2);
    // A forgotten key starts with a full bucket, as it would have had.
    limiter.take('c');
    expect([limiter.take('c'), limiter.take('c')]).toEqual([0, 30]);
  });
});
