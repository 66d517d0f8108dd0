// npm run eval:retrieval -- DIR [DIR...]: scores the search engine on BEIR folders; the last line is JSON.
import { evaluateRetrieval, formatReport } from '../search/retrievalEval.js';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npm run eval:retrieval -- DIR [DIR...]   (each DIR holds corpus.jsonl, queries.jsonl, qrels.tsv)');
  process.exit(2);
}
const reports = dirs.map((dir) => {
  const report = evaluateRetrieval(dir);
  console.log(formatReport(report));
  return report;
});
console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports));
