// Builds the four BM25 views of the documents (folded and written syllables, folded and written
// syllable pairs) as compact postings, reusing position arrays to bound the memory of a build.
import { BREAK, type TokenizedDocuments } from './documents.js';
import { Postings } from './postings.js';
import type { SearchTuning } from './tuning.js';
import { PairVocabulary, type SyllableVocabulary } from './vocabulary.js';

export interface Views {
  foldedUni: Postings;
  /** Only for syllables whose folded form is written several ways; otherwise use foldedUni. */
  exactUni: Postings;
  foldedBi: Postings;
  /** Only for pairs whose folded pair is written several ways; otherwise use foldedBi. */
  exactBi: Postings;
  exactPairs: PairVocabulary;
  foldedPairs: PairVocabulary;
  /** foldedPairOf[exact pair id] = folded pair id. */
  foldedPairOf: number[];
  /** pairForms[folded pair id] = number of written pairs that fold to it. */
  pairForms: number[];
  /** Folded syllable id at each position (BREAK between phrases). */
  foldedAt: Int32Array;
}

/** Consumes documents.tokens (overwritten). */
export function buildViews(
  documents: TokenizedDocuments,
  syllables: SyllableVocabulary,
  tuning: Pick<SearchTuning, 'k1' | 'b' | 'titleWeight'>,
): Views {
  const { tokens, starts, titleEnds } = documents;
  const { k1, b, titleWeight } = tuning;
  const { foldOf, formsOf } = syllables;
  const docCount = starts.length - 1;
  const lengths = new Float64Array(docCount);
  for (let d = 0; d < docCount; d++) {
    for (let at = starts[d]!; at < starts[d + 1]!; at++) {
      if (tokens[at] !== BREAK) lengths[d]! += at < titleEnds[d]! ? titleWeight : 1;
    }
  }
  const avg = lengths.reduce((s, l) => s + l, 0) / Math.max(1, docCount) || 1;
  const norm = Float64Array.from(lengths, (l) => k1 * (1 - b + (b * l) / avg));
  // BM25's saturated term frequency, scaled to 0..1.
  const impact = (d: number, tf: number): number => tf / (tf + norm[d]!);
  const build = (terms: Int32Array, termCount: number): Postings =>
    Postings.build(terms, termCount, documents, titleWeight, impact);

  const foldedAt = tokens.map((t) => (t === BREAK ? BREAK : foldOf[t]!));
  const foldedUni = build(foldedAt, syllables.folded.size);

  // A pair sits at the position of its second syllable; one scratch array serves both pair views.
  const pairsAt = new Int32Array(tokens.length);
  const fillPairs = (view: Int32Array, intern: (a: number, b: number) => number): void => {
    for (let at = 0; at < view.length; at++) {
      const prev = at > 0 ? view[at - 1]! : BREAK;
      pairsAt[at] = view[at] === BREAK || prev === BREAK ? BREAK : intern(prev, view[at]!);
    }
  };
  const exactPairs = new PairVocabulary(syllables.exact.size);
  const foldedPairs = new PairVocabulary(syllables.folded.size);
  const foldedPairOf: number[] = [];
  const pairForms: number[] = [];
  fillPairs(tokens, (a, b) => {
    const id = exactPairs.intern(a, b);
    if (id === foldedPairOf.length) {
      const folded = foldedPairs.intern(foldOf[a]!, foldOf[b]!);
      foldedPairOf.push(folded);
      pairForms[folded] = (pairForms[folded] ?? 0) + 1;
    }
    return id;
  });
  // A written list identical to its folded list is left out (most pairs, many syllables).
  for (let at = 0; at < pairsAt.length; at++) {
    if (pairsAt[at] !== BREAK && pairForms[foldedPairOf[pairsAt[at]!]!] === 1) pairsAt[at] = BREAK;
  }
  const exactBi = build(pairsAt, exactPairs.size);
  fillPairs(foldedAt, (a, b) => foldedPairs.intern(a, b));
  const foldedBi = build(pairsAt, foldedPairs.size);
  for (let at = 0; at < tokens.length; at++) {
    if (tokens[at] !== BREAK && formsOf[foldOf[tokens[at]!]!]!.length === 1) tokens[at] = BREAK;
  }
  const exactUni = build(tokens, syllables.exact.size);
  return { foldedUni, exactUni, foldedBi, exactBi, exactPairs, foldedPairs, foldedPairOf, pairForms, foldedAt };
}
