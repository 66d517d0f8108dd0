// Failed authentications counted per key (an address, or a user name at an address) within a window: past
// the limit, the next attempt is refused (429) before its secret is checked. An attempt is counted BEFORE a
// slow check (scrypt) and given back when it succeeds, so simultaneous guesses cannot all pass the check
// while none has failed yet: at most `maxFailures` are ever evaluated. Used for staff sign-in and for the
// ADMIN_TOKEN / METRICS_TOKEN bearer tokens. Kept per instance; a flood of keys cannot grow the map without
// bound (oldest first out).
import { BoundedCache } from '../boundedCache.js';

export const WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 10_000;

export class FailureLimit {
  private readonly attempts: BoundedCache<string, { count: number; since: number }>;

  constructor(
    private readonly maxFailures: number,
    private readonly now = () => Date.now(),
  ) {
    this.attempts = new BoundedCache(MAX_KEYS, { ttlMs: WINDOW_MS, now });
  }

  /** Seconds until `key` may try again, 0 when it may now. */
  wait(key: string): number {
    const entry = this.attempts.get(key);
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.since + WINDOW_MS - this.now()) / 1000));
  }

  /** Counts an attempt about to be evaluated (call only when wait() was 0, with no await in between). */
  take(key: string): void {
    const entry = this.attempts.get(key);
    if (entry) entry.count++;
    else this.attempts.set(key, { count: 1, since: this.now() });
  }

  /** The attempt succeeded: it no longer counts; with `all`, neither do the failures before it. */
  refund(key: string, all = false): void {
    const entry = this.attempts.get(key);
    if (!entry) return;
    if (all || entry.count <= 1) this.attempts.delete(key);
    else entry.count--;
  }
}
