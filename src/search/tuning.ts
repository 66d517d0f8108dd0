// Ranking parameters of SearchIndex, overridable for the ablations of docs/search.md.

/** Ranking parameters; the defaults are those measured in docs/search.md. */
export interface SearchTuning {
  k1: number;
  b: number;
  /** A title occurrence counts as this many text occurrences. */
  titleWeight: number;
  /** Weight of each view in the score. */
  folded: number;
  exact: number;
  /** Weight of the exact views when the written forms were restored from a query typed without diacritics. */
  restored: number;
  foldedPair: number;
  exactPair: number;
  /** Weight of a vocabulary syllable one edit away from an unknown query syllable. */
  typo: number;
  /** Second stage: this many first-stage candidates are re-scored by their best window. */
  rerankDepth: number;
  /** Width of that window in syllables, and the weight of its score. */
  window: number;
  windowWeight: number;
}

export const DEFAULT_TUNING: Readonly<SearchTuning> = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 2,
  folded: 1,
  exact: 1,
  restored: 0.5,
  foldedPair: 1,
  exactPair: 1,
  typo: 0.7,
  rerankDepth: 30,
  window: 24,
  windowWeight: 1,
};
