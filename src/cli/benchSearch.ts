// npm run bench:search -- [--sizes 1000,10000,100000] [DIR...]: build time, query latency and
// memory of SearchIndex on synthetic corpora made from the real passages of the BEIR folders
// (default: ../shared/eval/retrieval/virhe4qa-dev and -khongdau), queried with their real questions.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadBeir } from '../evaluation/beir.js';
import { SearchIndex } from '../search/searchIndex.js';
import { syntheticCorpus } from '../evaluation/synthetic.js';
import { queryLatency, TIMED_PASSES } from '../evaluation/timing.js';
import { requireRetrievalDirs } from './retrievalDirs.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
/** Heap objects plus typed-array storage (postings live outside the JS heap). */
const retained = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const args = process.argv.slice(2);
const at = args.indexOf('--sizes');
const sizes = (at >= 0 ? args.splice(at, 2)[1]! : '1000,10000,100000').split(',').map(Number);
const dirs = args.length > 0 ? args : ['../shared/eval/retrieval/virhe4qa-dev', '../shared/eval/retrieval/virhe4qa-dev-khongdau'];
requireRetrievalDirs('bench:search', dirs);
const sets = dirs.map(loadBeir);
const real = sets[0]!.corpus;
const queries = sets.flatMap((s) => s.queries.map((q) => q.text));

const rows = sizes.map((size) => {
  const before = retained();
  const docs = syntheticCorpus(real, size);
  const t0 = performance.now();
  const index = new SearchIndex(docs);
  const buildMs = performance.now() - t0;
  docs.length = 0;
  const indexMb = mb(retained() - before);
  const latency = queryLatency(queries, (q) => index.search(q));
  const row = {
    passages: index.size,
    build_ms: Math.round(buildMs),
    p50_ms: Number(latency.p50.toFixed(3)),
    p99_ms: Number(latency.p99.toFixed(3)),
    index_mb: indexMb,
    rss_mb: mb(process.memoryUsage().rss),
    // High-water mark of the process so far (sizes run in increasing order), build included.
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(
    `${row.passages} passages: build ${row.build_ms} ms, query p50 ${row.p50_ms} ms p99 ${row.p99_ms} ms (${queries.length} queries × ${TIMED_PASSES} passes, median), index ${row.index_mb} MB, rss ${row.rss_mb} MB (peak ${row.peak_rss_mb} MB)`,
  );
  return row;
});
console.log(JSON.stringify(rows));
