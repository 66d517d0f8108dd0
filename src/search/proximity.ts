// Second-stage evidence: how much of the query one short stretch of the passage covers.
// Long passages collect query words from unrelated sentences; the passage that answers
// usually has them together.

/**
 * Best sum of weights of distinct query terms inside any `width` consecutive positions of
 * terms[start, end). slots[term] is a term's query slot (or -1), weights[slot] its weight;
 * negative terms are separators that belong to no slot.
 */
export function bestWindow(
  terms: ArrayLike<number>,
  start: number,
  end: number,
  width: number,
  slots: ArrayLike<number>,
  weights: readonly number[],
): number {
  const slotOf = (term: number): number => (term < 0 ? -1 : slots[term]!);
  const inWindow = new Uint16Array(weights.length);
  let current = 0;
  let best = 0;
  for (let at = start; at < end; at++) {
    const slot = slotOf(terms[at]!);
    if (slot >= 0 && inWindow[slot]!++ === 0) current += weights[slot]!;
    const leaving = at - width;
    if (leaving >= start) {
      const old = slotOf(terms[leaving]!);
      if (old >= 0 && --inWindow[old]! === 0) current -= weights[old]!;
    }
    if (current > best) best = current;
  }
  return best;
}
