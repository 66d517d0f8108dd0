// Ranking metrics at cut-off 10, as BEIR and the published baselines report them.

export interface QueryMetrics {
  pAt1: number;
  rAt10: number;
  mrrAt10: number;
  ndcgAt10: number;
}

const CUTOFF = 10;

/** Metrics of one ranked list of document ids against graded relevance judgements (gain = grade). */
export function rankMetrics(ranked: readonly string[], relevant: ReadonlyMap<string, number>): QueryMetrics {
  const top = ranked.slice(0, CUTOFF);
  const grade = (id: string): number => relevant.get(id) ?? 0;
  const firstHit = top.findIndex((id) => grade(id) > 0);
  const dcg = top.reduce((s, id, i) => s + grade(id) / Math.log2(i + 2), 0);
  const ideal = [...relevant.values()]
    .sort((a, b) => b - a)
    .slice(0, CUTOFF)
    .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return {
    pAt1: top.length > 0 && grade(top[0]!) > 0 ? 1 : 0,
    rAt10: relevant.size === 0 ? 0 : top.filter((id) => grade(id) > 0).length / relevant.size,
    mrrAt10: firstHit < 0 ? 0 : 1 / (firstHit + 1),
    ndcgAt10: ideal === 0 ? 0 : dcg / ideal,
  };
}

/** Mean of each metric over the queries. */
export function meanMetrics(all: readonly QueryMetrics[]): QueryMetrics {
  const mean = (key: keyof QueryMetrics): number => (all.length === 0 ? 0 : all.reduce((s, m) => s + m[key], 0) / all.length);
  return { pAt1: mean('pAt1'), rAt10: mean('rAt10'), mrrAt10: mean('mrrAt10'), ndcgAt10: mean('ndcgAt10') };
}

/** Value at quantile q (0..1) of the samples, nearest-rank method. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
