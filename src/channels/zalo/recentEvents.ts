// Zalo delivers webhooks at least once: an event whose 200 got lost comes again (from 30 s up to hours later).
// Keys of the events already taken are remembered for a day, bounded in number, so a redelivery is dropped.

export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs = 24 * 60 * 60 * 1000, private readonly max = 50_000) {}

  /** True the first time a key is offered (within the TTL), false for a repeat. */
  firstTime(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // A Map iterates in insertion order: the first entries are the oldest.
    for (const [oldest, when] of this.seen) {
      if (this.seen.size <= this.max && now - when < this.ttlMs) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}
