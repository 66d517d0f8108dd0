// The one bounded map (get-or-compute on hot paths, rate limits, sign-in failures, reused clients, the local
// Direct Line's conversations): computes a key once, keeps undefined too, stays bounded, expires by age.
import { describe, expect, it, vi } from 'vitest';
import { BoundedCache } from '../src/boundedCache.js';

describe('BoundedCache', () => {
  it('computes each key once, keeps an undefined result, and makes room when full', () => {
    const cache = new BoundedCache<string, number | undefined>(2);
    const compute = vi.fn((key: string) => (key === 'none' ? undefined : key.length));
    expect(cache.get('ab', compute)).toBe(2);
    expect(cache.get('ab', compute)).toBe(2);
    expect(cache.get('none', compute)).toBeUndefined();
    expect(cache.get('none', compute)).toBeUndefined();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.get('abc', compute)).toBe(3); // full: room made, "abc" kept
    expect(cache.get('abc', compute)).toBe(3);
    expect(cache.get('ab', compute)).toBe(2);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('drops the oldest written first; with order "use", the least recently used, and has() is not a use', () => {
    const evicted: string[] = [];
    const byInsertion = new BoundedCache<string, number>(2, { onEvict: (key) => evicted.push(key) });
    const byUse = new BoundedCache<string, number>(2, { order: 'use', onEvict: (key) => evicted.push(`use:${key}`) });
    for (const cache of [byInsertion, byUse]) {
      cache.set('a', 1);
      cache.set('b', 2);
      expect(cache.get('a')).toBe(1);
      expect(cache.has('b')).toBe(true);
      cache.set('c', 3);
    }
    expect([...byInsertion.values()]).toEqual([2, 3]);
    expect([...byUse.values()]).toEqual([1, 3]);
    expect(evicted).toEqual(['a', 'use:b']);
    expect(byUse.delete('a')).toBe(true);
    expect(evicted).toHaveLength(2); // delete() is not an eviction
  });

  it('forgets entries after ttlMs: when met, at each write from the front, and on prune()', () => {
    let now = 0;
    const evicted: string[] = [];
    const cache = new BoundedCache<string, number>(10, { order: 'use', ttlMs: 1000, now: () => now, onEvict: (key) => evicted.push(key) });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    now = 600;
    expect(cache.get('b')).toBe(2); // used: its ttl starts again
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    expect(evicted).toEqual(['a']);
    cache.set('d', 4); // "c" expired at the front
    expect(evicted).toEqual(['a', 'c']);
    expect(cache.size).toBe(2);
    now = 1600;
    cache.prune();
    expect(evicted).toEqual(['a', 'c', 'b']);
    expect([...cache.values()]).toEqual([4]);
  });
});
