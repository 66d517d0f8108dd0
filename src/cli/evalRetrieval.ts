// npm run eval:retrieval -- [--tuning JSON] DIR [DIR...]: scores the search engine on BEIR folders.
// --tuning overrides ranking parameters (e.g. '{"foldedPair":0}') for the ablations of docs/search.md.
// The last line is JSON: one object per folder (an array when several folders are given).
import { evaluateRetrieval, formatReport } from '../search/retrievalEval.js';
import type { SearchTuning } from '../search/searchIndex.js';

const args = process.argv.slice(2);
const at = args.indexOf('--tuning');
const tuning = at >= 0 ? (JSON.parse(args.splice(at, 2)[1] ?? '{}') as Partial<SearchTuning>) : {};
if (args.length === 0) {
  console.error('usage: npm run eval:retrieval -- [--tuning JSON] DIR [DIR...]   (each DIR holds corpus.jsonl, queries.jsonl, qrels.tsv)');
  process.exit(2);
}
const reports = args.map((dir) => {
  const report = evaluateRetrieval(dir, tuning);
  console.log(formatReport(report));
  return report;
});
console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports));
