// Failed sign-ins per client IP and per user name within a window: past the limit, sign-in is refused
// (429) before the password is even checked. Successful sign-ins are not counted. Kept per instance; a flood
// of made-up names cannot grow the map without bound (oldest first out).
import { BoundedCache } from '../boundedCache.js';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 10_000;

export class SignInLimit {
  private readonly failures: BoundedCache<string, { count: number; since: number }>;

  constructor(
    private readonly maxFailures: number,
    private readonly now = () => Date.now(),
  ) {
    this.failures = new BoundedCache(MAX_KEYS, { ttlMs: WINDOW_MS, now });
  }

  /** Seconds until `key` may try again, 0 when it may now. */
  wait(key: string): number {
    const entry = this.failures.get(key);
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(0, Math.ceil((entry.since + WINDOW_MS - this.now()) / 1000));
  }

  fail(key: string): void {
    const entry = this.failures.get(key);
    if (entry) entry.count++;
    else this.failures.set(key, { count: 1, since: this.now() });
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
