// Get-or-compute for hot paths where the same few inputs recur (a conversation's ids, a message folded
// several times, a knowledge version's answers). Bounded by emptying it when full: no bookkeeping per call.
export class BoundedCache<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K, compute: (key: K) => V): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    const value = compute(key);
    if (this.values.size >= this.max) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
