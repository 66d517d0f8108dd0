// One-letter typo tolerance (insertion, deletion, substitution, swap of neighbours) against the
// corpus's own folded vocabulary, by the deletion-neighbourhood method: a term and its
// one-letter deletions are keys; a query term and its deletions look them up. The one typo model of the
// bot: the search index, the answer engine's confidence and its short-word corrections all use it.

import { runNow, sliceDue, type Steps } from '../slices.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { STOPWORDS } from './stopwords.js';

/**
 * The length from which the search and the answer's confidence correct an unknown word. Shorter syllables have
 * too many one-letter neighbours that are real words (tien → dien, tinh; mùng → cùng, mạng): those are left to
 * ShortWordTypos, which needs the neighbouring word to agree.
 */
export const MIN_TYPO_LENGTH = 5;
const LETTERS_ONLY = /^\p{L}+$/u;
const FOLDED_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS].map(foldDiacritics));

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** Damerau distance ≤ 1 (the deletion keys also match some distance-2 pairs, filtered here). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Each key (a term, a one-letter deletion of one) → the ids of the indexed terms that have it, ascending. */
function* keysOf(terms: readonly string[], minLength: number): Steps<Map<string, number[]>> {
  const byKey = new Map<string, number[]>();
  for (const [id, term] of terms.entries()) {
    if (sliceDue()) yield;
    if (term.length < minLength - 1 || !LETTERS_ONLY.test(term)) continue;
    for (const key of [term, ...deletions(term)]) {
      const ids = byKey.get(key);
      if (ids) {
        if (ids[ids.length - 1] !== id) ids.push(id);
      } else byKey.set(key, [id]);
    }
  }
  return byKey;
}

export class TypoIndex {
  /**
   * terms[id] is a term; only letter-only terms of minLength - 1 letters or more are indexed, and only
   * query terms of minLength letters or more are corrected. `byKey` is what TypoIndex.steps built from them.
   */
  constructor(
    private readonly terms: readonly string[],
    private readonly minLength = MIN_TYPO_LENGTH,
    private readonly byKey = runNow(keysOf(terms, minLength)),
  ) {}

  /** The same index as the constructor's, built in pieces that can be run in slices (src/slices.ts). */
  static *steps(terms: readonly string[], minLength = MIN_TYPO_LENGTH): Steps<TypoIndex> {
    return new TypoIndex(terms, minLength, yield* keysOf(terms, minLength));
  }

  /**
   * The likeliest correction of an unknown term: the most frequent indexed term one edit away (of two as frequent,
   * the first in alphabetical order, so that the order the terms were counted in does not matter), or -1.
   */
  likeliest(term: string, frequency: (id: number) => number): number {
    const better = (id: number, best: number): boolean =>
      frequency(id) > frequency(best) || (frequency(id) === frequency(best) && this.terms[id]! < this.terms[best]!);
    return this.corrections(term).reduce((best, id) => (best < 0 || better(id, best) ? id : best), -1);
  }

  /** Ids of the indexed terms one edit away from an unknown query term. */
  corrections(term: string): number[] {
    if (term.length < this.minLength || !LETTERS_ONLY.test(term)) return [];
    const found = new Set<number>();
    for (const key of [term, ...deletions(term)]) {
      for (const id of this.byKey.get(key) ?? []) {
        if (withinOneEdit(term, this.terms[id]!)) found.add(id);
      }
    }
    return [...found];
  }
}

/** How often each word and each pair of words side by side occur in the texts. */
export interface Counts {
  words: Map<string, number>;
  pairs: Map<string, number>;
}

/** What ShortWordTypos holds: the counts, the words counted and their typo index. */
interface CountedWords {
  counts: Counts;
  vocabulary: string[];
  index: TypoIndex;
}

function* countWords(texts: Iterable<string[]>): Steps<CountedWords> {
  const counts: Counts = { words: new Map(), pairs: new Map() };
  for (const words of texts) {
    if (sliceDue()) yield;
    words.forEach((w, i) => {
      counts.words.set(w, (counts.words.get(w) ?? 0) + 1);
      if (i > 0) counts.pairs.set(`${words[i - 1]} ${w}`, (counts.pairs.get(`${words[i - 1]} ${w}`) ?? 0) + 1);
    });
  }
  return yield* indexed(counts);
}

/** The counted words with their typo index. */
function* indexed(counts: Counts): Steps<CountedWords> {
  const vocabulary = [...counts.words.keys()];
  return { counts, vocabulary, index: yield* TypoIndex.steps(vocabulary, SHORT_MIN_LENGTH) };
}

/**
 * One-letter typos in short words ("luong hu" → "luong huu"), where a short word has many real neighbours:
 * corrected only when exactly one neighbour forms, with the word before or after it, a pair the texts use.
 */
export class ShortWordTypos {
  private readonly index: TypoIndex;
  private readonly vocabulary: string[];
  private readonly known: Map<string, number>;
  private readonly pairs: Map<string, number>;
  /** How often each word stands beside its most frequent neighbour, read from the pairs on first use. */
  private closest?: Map<string, number>;

  /** texts: folded words, each text a list (pairs are taken within a text only); `counted` is what ShortWordTypos.steps counted in them. */
  constructor(texts: Iterable<string[]>, counted = runNow(countWords(texts))) {
    this.known = counted.counts.words;
    this.pairs = counted.counts.pairs;
    this.vocabulary = counted.vocabulary;
    this.index = counted.index;
  }

  /** The same as the constructor's, built in pieces that can be run in slices (src/slices.ts); texts read as it goes. */
  static *steps(texts: Iterable<string[]>): Steps<ShortWordTypos> {
    return new ShortWordTypos([], yield* countWords(texts));
  }

  /** From the counts of words and of pairs of words side by side that the texts hold (src/answer/wordCounts.ts), in steps. */
  static *counted(counts: Counts): Steps<ShortWordTypos> {
    return new ShortWordTypos([], yield* indexed(counts));
  }

  /** Whether two folded words stand side by side somewhere in the texts. */
  formsPair(first: string, second: string): boolean {
    return this.pairs.has(`${first} ${second}`);
  }

  /**
   * Whether the texts use a folded word almost only beside one neighbour: in at least BOUND_SHARE of its (at
   * least MIN_BOUND_COUNT) occurrences ("điện" after "bưu").
   */
  bound(word: string): boolean {
    const count = this.known.get(word) ?? 0;
    if (count < MIN_BOUND_COUNT) return false;
    if (!this.closest) {
      this.closest = new Map();
      for (const [pair, n] of this.pairs) {
        for (const w of pair.split(' ')) if ((this.closest.get(w) ?? 0) < n) this.closest.set(w, n);
      }
    }
    return (this.closest.get(word) ?? 0) >= BOUND_SHARE * count;
  }

  /**
   * The folded words with each unknown short word replaced by its one neighbour that fits its context. A
   * function word beside it is no context: "hoi o" (hội ở) does not make "ket hon" (kết hôn) "ket hoi"; nor is one a
   * typo, though the knowledge may not write it: "hay noi" (hay nói) is no "ha noi" (Hà Nội).
   */
  correct(words: string[]): string[] {
    const context = (w: string | undefined): string | undefined => (w === undefined || FOLDED_STOPWORDS.has(w) ? undefined : w);
    return words.map((w, i) => {
      if (this.known.has(w) || FOLDED_STOPWORDS.has(w) || w.length >= MIN_TYPO_LENGTH || !LETTERS_ONLY.test(w)) return w;
      const [before, after] = [context(words[i - 1]), context(words[i + 1])];
      const fitting = this.index
        .corrections(w)
        .map((id) => this.vocabulary[id]!)
        .filter(
          (c) => (before !== undefined && this.pairs.has(`${before} ${c}`)) || (after !== undefined && this.pairs.has(`${c} ${after}`)),
        );
      return fitting.length === 1 ? fitting[0]! : w;
    });
  }
}

const SHORT_MIN_LENGTH = 2;
const BOUND_SHARE = 0.75;
const MIN_BOUND_COUNT = 5;
