// Token buckets per key (a user id, a client IP): `perMinute` requests as a burst, refilled evenly over
// the minute. A key idle for a minute has a full bucket again, the same as no bucket, so it is dropped:
// the map holds the keys of the last minute (every new conversation is a new user id), and at most
// `maxKeys`, least recently used out first, so random ids cannot grow memory without bound.
import { BoundedCache } from '../boundedCache.js';

export class RateLimiter {
  private readonly buckets: BoundedCache<string, { tokens: number; at: number }>;
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
    this.buckets = new BoundedCache(maxKeys, { order: 'use', ttlMs: 60_000, now });
  }

  /** Keys with a bucket: those used within the last minute. */
  get size(): number {
    return this.buckets.size;
  }

  /** Counts one request for `key`: 0 when allowed, otherwise the whole seconds to wait (Retry-After). */
  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    } else {
      bucket = { tokens: this.perMinute, at: now };
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}
