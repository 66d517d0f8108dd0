// The one bounded map: every in-memory map whose keys come from outside (user ids, IPs, service URLs,
// message texts) is one of these, so none can grow without bound. When full, the oldest entry goes: oldest
// by insertion, or by use with `order: 'use'` (least recently used first). With `ttlMs`, an entry that old
// is gone as well: dropped when met, and from the front of the map at each write (or by prune()).
export interface BoundedCacheOptions<K, V> {
  /** 'insertion' (default): reads leave the order alone; 'use': a read moves the entry to the back and restarts its ttl. */
  order?: 'insertion' | 'use';
  /** Entries written (with order 'use': used) this many ms ago or more are gone. */
  ttlMs?: number;
  /** Told of each entry that goes by itself, for room or age (not of delete()). */
  onEvict?: (key: K, value: V) => void;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  /** When written or, with order 'use', last used; 0 when nothing needs the time. */
  at: number;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly timed: boolean;
  private readonly now: () => number;

  constructor(
    readonly max: number,
    private readonly options: BoundedCacheOptions<K, V> = {},
  ) {
    this.timed = options.ttlMs !== undefined || options.order === 'use';
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, or (when `compute` is given) computes, keeps and returns it. A kept undefined counts as a value. */
  get(key: K): V | undefined;
  get(key: K, compute: (key: K) => V): V;
  get(key: K, compute?: (key: K) => V): V | undefined {
    const entry = this.live(key, true);
    if (entry) return entry.value;
    if (!compute) return undefined;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Whether a live entry is kept; does not count as a use. */
  has(key: K): boolean {
    return this.live(key, false) !== undefined;
  }

  /** Keeps the value as the newest entry, then drops expired entries and the oldest beyond `max`. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.timed ? this.now() : 0 });
    this.prune();
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** The values, oldest first. */
  *values(): IterableIterator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }

  /** Drops the expired entries (and any beyond `max`); the oldest are at the front, so it stops at the first live one. */
  prune(): void {
    const { ttlMs, onEvict } = this.options;
    const now = ttlMs === undefined ? 0 : this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.max && !(ttlMs !== undefined && now - entry.at >= ttlMs)) break;
      this.entries.delete(key);
      onEvict?.(key, entry.value);
    }
  }

  private live(key: K, use: boolean): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry || !this.timed) return entry;
    const now = this.now();
    const { ttlMs, order, onEvict } = this.options;
    if (ttlMs !== undefined && now - entry.at >= ttlMs) {
      this.entries.delete(key);
      onEvict?.(key, entry.value);
      return undefined;
    }
    if (use && order === 'use') {
      entry.at = now;
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
}
