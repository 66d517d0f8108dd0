// Restores the diacritics of a phrase typed without them, from the corpus's own statistics:
// each folded syllable may stand for several written forms (co → có, cô, cơ, cỏ…); the most
// likely sequence under a smoothed bigram model of the corpus is found by Viterbi.

export interface FormStatistics {
  /** Written forms (exact ids) that fold to the folded id, most frequent first. */
  forms(folded: number): readonly number[];
  /** Number of documents containing the written form. */
  count(form: number): number;
  /** Number of documents containing the two written forms next to each other. */
  pairCount(first: number, second: number): number;
}

const MAX_FORMS = 6;
/** Additive smoothing mass given to the unigram prior in each transition. */
const SMOOTHING = 2;

/** For each folded id (or -1 for unknown) the most likely written form, or -1 when there is none. */
export function restorePhrase(folded: readonly number[], stats: FormStatistics): number[] {
  type Cell = { form: number; logp: number; back: number };
  const lattice: Cell[][] = [];
  for (let i = 0; i < folded.length; i++) {
    const forms = folded[i]! < 0 ? [] : stats.forms(folded[i]!).slice(0, MAX_FORMS);
    const total = forms.reduce((s, f) => s + stats.count(f), 0);
    const prev = lattice[i - 1] ?? [];
    lattice.push(
      forms.map((form) => {
        const prior = stats.count(form) / total;
        let best: Cell = { form, logp: -Infinity, back: -1 };
        if (prev.length === 0) return { form, logp: Math.log(prior), back: -1 };
        prev.forEach((p, j) => {
          const transition = (stats.pairCount(p.form, form) + SMOOTHING * prior) / (stats.count(p.form) + SMOOTHING);
          const logp = p.logp + Math.log(transition);
          if (logp > best.logp) best = { form, logp, back: j };
        });
        return best;
      }),
    );
  }
  const out = new Array<number>(folded.length).fill(-1);
  // Walk back from the best end of each run of known syllables (unknown ones break the chain).
  for (let i = folded.length - 1; i >= 0; i--) {
    const cells = lattice[i]!;
    if (cells.length === 0 || out[i] !== -1) continue;
    let at = cells.reduce((b, c, j) => (c.logp > cells[b]!.logp ? j : b), 0);
    for (let k = i; k >= 0 && at >= 0; k--) {
      out[k] = lattice[k]![at]!.form;
      at = lattice[k]![at]!.back;
    }
  }
  return out;
}
