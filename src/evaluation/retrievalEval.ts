// Scores SearchIndex on a BEIR folder: quality (P@1, R@10, MRR@10, nDCG@10) and cost
// (build time, query latency, heap). Used by `npm run eval:retrieval`.
import { performance } from 'node:perf_hooks';
import { loadBeir } from './beir.js';
import { meanMetrics, rankMetrics } from './metrics.js';
import { SearchIndex, type SearchTuning } from '../search/searchIndex.js';
import { seededRandom, withTypo } from './synthetic.js';
import { queryLatency } from './timing.js';

export interface RetrievalReport {
  dir: string;
  /** Queries that have relevance judgements. */
  n: number;
  p_at_1: number;
  r_at_10: number;
  mrr_at_10: number;
  ndcg_at_10: number;
  build_ms: number;
  p50_ms: number;
  p99_ms: number;
  /** Heap used (JS objects and typed arrays) after the run, whole process. */
  heap_mb: number;
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
/** JS heap plus typed-array storage, where the postings live. */
const heapBytes = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export interface EvalOptions {
  tuning?: Partial<SearchTuning>;
  /** When set, every query gets one typo (seeded), to measure typo tolerance. */
  typoSeed?: number;
}

export function evaluateRetrieval(dir: string, options: EvalOptions = {}): RetrievalReport {
  const set = loadBeir(dir);
  const random = seededRandom(options.typoSeed ?? 0);
  const queries = set.queries
    .filter((q) => set.qrels.has(q.id))
    .map((q) => (options.typoSeed === undefined ? q : { ...q, text: withTypo(q.text, random) }));
  const started = performance.now();
  const index = new SearchIndex(set.corpus, options.tuning);
  const buildMs = performance.now() - started;
  const perQuery = queries.map((q) =>
    rankMetrics(
      index.search(q.text, { limit: 10 }).map((h) => h.id),
      set.qrels.get(q.id)!,
    ),
  );
  const latency = queryLatency(
    queries.map((q) => q.text),
    (q) => index.search(q, { limit: 10 }),
  );
  const mean = meanMetrics(perQuery);
  return {
    dir,
    n: queries.length,
    p_at_1: round(100 * mean.pAt1),
    r_at_10: round(100 * mean.rAt10),
    mrr_at_10: round(100 * mean.mrrAt10),
    ndcg_at_10: round(100 * mean.ndcgAt10),
    build_ms: round(buildMs, 1),
    p50_ms: round(latency.p50, 3),
    p99_ms: round(latency.p99, 3),
    heap_mb: round(heapBytes() / 2 ** 20, 1),
  };
}

export function formatReport(r: RetrievalReport): string {
  return [
    `${r.dir} (${r.n} queries)`,
    `  P@1 ${r.p_at_1}  R@10 ${r.r_at_10}  MRR@10 ${r.mrr_at_10}  nDCG@10 ${r.ndcg_at_10}`,
    `  build ${r.build_ms} ms  query p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  heap ${r.heap_mb} MB`,
  ].join('\n');
}
