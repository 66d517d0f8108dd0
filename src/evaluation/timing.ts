// Query latency as the benchmarks report it: a warm-up pass, then several timed passes; each
// percentile is the median over the passes, so one burst of another process on this shared
// 2-core machine does not decide the figure.
import { performance } from 'node:perf_hooks';
import { quantile } from './metrics.js';

export const TIMED_PASSES = 3;

export function queryLatency(queries: readonly string[], search: (query: string) => unknown): { p50: number; p99: number } {
  for (const q of queries) search(q);
  const passes = Array.from({ length: TIMED_PASSES }, () => {
    const latencies = queries.map((q) => {
      const t0 = performance.now();
      search(q);
      return performance.now() - t0;
    });
    return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  });
  const median = (values: number[]): number => quantile(values, 0.5);
  return { p50: median(passes.map((p) => p.p50)), p99: median(passes.map((p) => p.p99)) };
}
