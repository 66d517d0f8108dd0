// A progressive delay per user name: after a few failed sign-ins on a name (from any address), each further
// attempt on it waits before its password is checked, twice as long as the one before, up to a cap. It only
// slows guessing spread over many addresses; it never refuses, so nobody can lock the owner out by failing on
// purpose (the per-address limits refuse; see src/http/failureLimit.ts).
import { BoundedCache } from '../boundedCache.js';
import { WINDOW_MS } from '../http/failureLimit.js';

/** Failures on a name before attempts on it are slowed. */
const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;
const MAX_NAMES = 10_000;

export class SignInDelay {
  private readonly failures: BoundedCache<string, number>;

  constructor(now = () => Date.now()) {
    this.failures = new BoundedCache(MAX_NAMES, { ttlMs: WINDOW_MS, now });
  }

  /** How long an attempt on `name` waits now, in ms. */
  delayMs(name: string): number {
    const beyond = (this.failures.get(name) ?? 0) - FREE_FAILURES;
    return beyond < 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** beyond);
  }

  /** Waits out the name's delay. */
  async before(name: string): Promise<void> {
    const ms = this.delayMs(name);
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  fail(name: string): void {
    this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
  }
}
