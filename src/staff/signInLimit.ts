// Failed sign-ins per client IP and per user name within a window: past the limit, sign-in is refused
// (429) before the password is even checked. Successful sign-ins are not counted. Kept per instance.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 10_000;

export class SignInLimit {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly maxFailures: number, private readonly now = () => Date.now()) {}

  /** Seconds until `key` may try again, 0 when it may now. */
  wait(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const left = entry.since + WINDOW_MS - this.now();
    if (left <= 0) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (entry && now - entry.since < WINDOW_MS) entry.count++;
    else this.failures.set(key, { count: 1, since: now });
    // Oldest first out: a flood of made-up names cannot grow the map without bound.
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
