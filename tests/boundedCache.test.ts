// The get-or-compute cache shared by the hot paths: computes a key once, keeps undefined too, stays bounded.
import { describe, expect, it, vi } from 'vitest';
import { BoundedCache } from '../src/boundedCache.js';

describe('BoundedCache', () => {
  it('computes each key once, keeps an undefined result, and empties itself when full', () => {
    const cache = new BoundedCache<string, number | undefined>(2);
    const compute = vi.fn((key: string) => (key === 'none' ? undefined : key.length));
    expect(cache.get('ab', compute)).toBe(2);
    expect(cache.get('ab', compute)).toBe(2);
    expect(cache.get('none', compute)).toBeUndefined();
    expect(cache.get('none', compute)).toBeUndefined();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.get('abc', compute)).toBe(3); // full: emptied, then keeps "abc" alone
    expect(cache.get('abc', compute)).toBe(3);
    expect(cache.get('ab', compute)).toBe(2);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
