// Builds the four BM25 views of the documents (folded and written syllables, folded and written
// syllable pairs) as compact postings.
import { BREAK, type TokenizedDocuments } from './documents.js';
import { Postings } from './postings.js';
import { sliceDue, type Steps } from '../slices.js';
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

type SavedPostings = Pick<Postings, 'offsets' | 'docs' | 'impacts'>;
type SavedPairs = ReturnType<PairVocabulary['saved']>;

/** The views as plain data and typed arrays, for v8.serialize (a start from what was built). */
export type SavedViews = Omit<Views, 'foldedUni' | 'exactUni' | 'foldedBi' | 'exactBi' | 'exactPairs' | 'foldedPairs'> &
  Record<'foldedUni' | 'exactUni' | 'foldedBi' | 'exactBi', SavedPostings> &
  Record<'exactPairs' | 'foldedPairs', SavedPairs>;

const POSTINGS = ['foldedUni', 'exactUni', 'foldedBi', 'exactBi'] as const;
const PAIRS = ['exactPairs', 'foldedPairs'] as const;

export function saveViews(views: Views): SavedViews {
  const saved = { ...views } as unknown as SavedViews;
  for (const name of POSTINGS) saved[name] = { offsets: views[name].offsets, docs: views[name].docs, impacts: views[name].impacts };
  for (const name of PAIRS) saved[name] = views[name].saved();
  return saved;
}

export function restoreViews(saved: SavedViews): Views {
  const views = { ...saved } as unknown as Views;
  for (const name of POSTINGS) views[name] = Postings.restore(saved[name]);
  for (const name of PAIRS) views[name] = PairVocabulary.restore(saved[name]);
  return views;
}

/** Consumes documents.tokens (overwritten, to bound the memory of a build). Pauses as it goes (src/slices.ts). */
export function* buildViews(
  documents: TokenizedDocuments,
  syllables: SyllableVocabulary,
  tuning: Pick<SearchTuning, 'k1' | 'b' | 'titleWeight'>,
): Steps<Views> {
  const { tokens, starts, titleEnds } = documents;
  const { k1, b, titleWeight } = tuning;
  const { foldOf, formsOf } = syllables;
  const docCount = starts.length - 1;
  const lengths = new Float64Array(docCount);
  for (let d = 0; d < docCount; d++) {
    if (sliceDue()) yield;
    for (let at = starts[d]!; at < starts[d + 1]!; at++) {
      if (tokens[at] !== BREAK) lengths[d]! += at < titleEnds[d]! ? titleWeight : 1;
    }
  }
  const avg = lengths.reduce((s, l) => s + l, 0) / Math.max(1, docCount) || 1;
  const norm = Float64Array.from(lengths, (l) => k1 * (1 - b + (b * l) / avg));
  // BM25's saturated term frequency, scaled to 0..1.
  const impact = (d: number, tf: number): number => tf / (tf + norm[d]!);
  const build = (terms: Int32Array, termCount: number, keep?: (term: number) => boolean): Steps<Postings> =>
    Postings.build(terms, termCount, documents, titleWeight, impact, keep);

  const foldedAt = new Int32Array(tokens.length);
  for (let at = 0; at < tokens.length; at++) {
    if ((at & 1023) === 0 && sliceDue()) yield;
    const t = tokens[at]!;
    foldedAt[at] = t === BREAK ? BREAK : foldOf[t]!;
  }
  const foldedUni = yield* build(foldedAt, syllables.folded.size);
  // A written list identical to its folded list is left out (many syllables, most pairs).
  const exactUni = yield* build(tokens, syllables.exact.size, (t) => formsOf[foldOf[t]!]!.length > 1);

  // From here the tokens array is reused in place for the pair views (a pair sits at the
  // position of its second syllable; walking backwards reads each position before overwriting it).
  const toPairs = function* (view: Int32Array, intern: (a: number, b: number) => number): Steps<void> {
    for (let at = view.length - 1; at >= 0; at--) {
      if ((at & 1023) === 0 && sliceDue()) yield;
      const prev = at > 0 ? view[at - 1]! : BREAK;
      tokens[at] = view[at] === BREAK || prev === BREAK ? BREAK : intern(prev, view[at]!);
    }
  };
  const exactPairs = new PairVocabulary(syllables.exact.size);
  const foldedPairs = new PairVocabulary(syllables.folded.size);
  const foldedPairOf: number[] = [];
  const pairForms: number[] = [];
  yield* toPairs(tokens, (a, b) => {
    const id = exactPairs.intern(a, b);
    if (id === foldedPairOf.length) {
      const folded = foldedPairs.intern(foldOf[a]!, foldOf[b]!);
      foldedPairOf.push(folded);
      pairForms[folded] = (pairForms[folded] ?? 0) + 1;
    }
    return id;
  });
  const exactBi = yield* build(tokens, exactPairs.size, (p) => pairForms[foldedPairOf[p]!]! > 1);
  yield* toPairs(foldedAt, (a, b) => foldedPairs.intern(a, b));
  const foldedBi = yield* build(tokens, foldedPairs.size);
  return { foldedUni, exactUni, foldedBi, exactBi, exactPairs, foldedPairs, foldedPairOf, pairForms, foldedAt };
}
