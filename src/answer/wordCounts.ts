// The answer engine's statistics over every knowledge text: in how many units (an entry, an article sentence)
// each word occurs, as written and folded (the confidence's rarity), and how often each folded word and pair of
// words side by side stand in the texts (the short-word typos). Kept by difference: a new version's counts are
// the last version's, less what the entries and articles it no longer holds contributed, plus what its new ones
// contribute, so that a reload reads only what changed; saved with the version, a start reads none of them.
import { sliceDue, type Steps } from '../slices.js';
import { unitWords, type Frequencies, type UnitTerms } from './confidence.js';

/** What one entry or article contributes: its units' words, and each of its texts as folded words. */
export interface Contribution {
  units: UnitTerms[];
  texts: string[][];
}

export interface WordCounts {
  /** How many units were counted. */
  units: number;
  frequencies: Frequencies;
  /** How often each folded word, and each pair of folded words side by side (`a b`), stands in the texts. */
  words: Map<string, number>;
  pairs: Map<string, number>;
}

/** Counts and the items (entries, articles) they were counted over, objects shared by the versions that hold them. */
export interface Counted<T> {
  items: readonly T[];
  counts: WordCounts;
}

/** The counts of `items`, from `base` by difference when given (the items of both are compared as objects). */
export function* countWords<T extends object>(
  items: readonly T[],
  contribution: (item: T) => Contribution,
  base?: Counted<T>,
): Steps<WordCounts> {
  const counts = base ? yield* copy(base.counts) : empty();
  const now = new Set(items);
  const before = new Set(base?.items);
  for (const item of base?.items ?? []) {
    if (now.has(item)) continue;
    add(counts, contribution(item), -1);
    if (sliceDue()) yield;
  }
  for (const item of items) {
    if (before.has(item)) continue;
    add(counts, contribution(item), 1);
    if (sliceDue()) yield;
  }
  return counts;
}

function empty(): WordCounts {
  return { units: 0, frequencies: { exact: new Map(), folded: new Map() }, words: new Map(), pairs: new Map() };
}

/** A copy: the counts of the version before stay as they are while it serves. */
function* copy(counts: WordCounts): Steps<WordCounts> {
  const copied = empty();
  copied.units = counts.units;
  const maps: Array<[Map<string, number>, Map<string, number>]> = [
    [counts.frequencies.exact, copied.frequencies.exact],
    [counts.frequencies.folded, copied.frequencies.folded],
    [counts.words, copied.words],
    [counts.pairs, copied.pairs],
  ];
  for (const [from, to] of maps) {
    for (const [key, n] of from) {
      to.set(key, n);
      if (sliceDue()) yield;
    }
  }
  return copied;
}

function add(counts: WordCounts, { units, texts }: Contribution, sign: 1 | -1): void {
  counts.units += sign * units.length;
  for (const unit of units) {
    for (const form of ['exact', 'folded'] as const) for (const term of unitWords(unit, form)) bump(counts.frequencies[form], term, sign);
  }
  for (const words of texts) {
    words.forEach((word, i) => {
      bump(counts.words, word, sign);
      if (i > 0) bump(counts.pairs, `${words[i - 1]} ${word}`, sign);
    });
  }
}

/** A count that falls to 0 goes: a word no text holds any more is unknown, not known 0 times. */
function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
