// Synthetic corpora of any size made from a real one, for the scale benchmark: each passage
// takes the length of a random real passage and is filled with real sentences drawn at random,
// so syllable statistics, vocabulary and passage lengths stay those of real text.
import type { SearchDoc } from '../search/documents.js';

/** Deterministic PRNG (mulberry32), so every run benchmarks the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCorpus(real: readonly SearchDoc[], size: number, seed = 1): SearchDoc[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentences = real.flatMap((d) => d.text.split(/(?<=[.!?\n])\s*/u)).filter((s) => s.trim() !== '');
  return Array.from({ length: size }, (_, i) => {
    const target = pick(real).text.length;
    let text = '';
    while (text.length < target) text += (text ? ' ' : '') + pick(sentences);
    return { id: `s${i}`, text };
  });
}

const LETTERS = 'abcdeghiklmnopqrstuvxy';

/**
 * The query with one keyboard slip (letter deleted, doubled, replaced or swapped with the next)
 * in its longest syllable of 5+ letters; queries without such a syllable are returned unchanged.
 */
export function withTypo(query: string, random: () => number): string {
  const words = query.split(/(\s+)/u);
  const longest = words.reduce((best, w, i) => (w.length > (words[best]?.length ?? 0) ? i : best), -1);
  const word = words[longest] ?? '';
  if (!/^\p{L}{5,}$/u.test(word)) return query;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letter = LETTERS[Math.floor(random() * LETTERS.length)]!;
  const slips = [
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
    word.slice(0, at) + letter + word.slice(at + 1),
    word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
  ];
  const changed = slips.filter((s) => s !== word);
  words[longest] = changed[Math.floor(random() * changed.length)]!;
  return words.join('');
}
