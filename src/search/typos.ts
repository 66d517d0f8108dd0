// One-letter typo tolerance (insertion, deletion, substitution, swap of neighbours) against the
// corpus's own folded vocabulary, by the deletion-neighbourhood method: a term and its
// one-letter deletions are keys; a query term and its deletions look them up.

/** Shorter syllables have too many one-letter neighbours that are real words (tien → dien, tinh). */
export const MIN_TYPO_LENGTH = 5;
const LETTERS_ONLY = /^\p{L}+$/u;

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** Damerau distance ≤ 1 (the deletion keys also match some distance-2 pairs, filtered here). */
function withinOneEdit(a: string, b: string): boolean {
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

export class TypoIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly terms: readonly string[];

  /** terms[id] is a folded term; only letter-only terms of MIN_TYPO_LENGTH - 1 letters or more are indexed. */
  constructor(terms: readonly string[]) {
    this.terms = terms;
    terms.forEach((term, id) => {
      if (term.length < MIN_TYPO_LENGTH - 1 || !LETTERS_ONLY.test(term)) return;
      for (const key of [term, ...deletions(term)]) {
        const ids = this.byKey.get(key);
        if (ids) {
          if (ids[ids.length - 1] !== id) ids.push(id);
        } else this.byKey.set(key, [id]);
      }
    });
  }

  /** Ids of the indexed terms one edit away from an unknown query term. */
  corrections(term: string): number[] {
    if (term.length < MIN_TYPO_LENGTH || !LETTERS_ONLY.test(term)) return [];
    const found = new Set<number>();
    for (const key of [term, ...deletions(term)]) {
      for (const id of this.byKey.get(key) ?? []) {
        if (withinOneEdit(term, this.terms[id]!)) found.add(id);
      }
    }
    return [...found];
  }
}
