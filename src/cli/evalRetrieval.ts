// npm run eval:retrieval -- [--tuning JSON] [--typos SEED] DIR [DIR...]: scores the search engine
// on BEIR folders. --tuning overrides ranking parameters (e.g. '{"foldedPair":0}') for the
// ablations of docs/search.md; --typos puts one seeded typo in every query.
// The last line is JSON: one object per folder (an array when several folders are given).
import { evaluateRetrieval, formatReport, type EvalOptions } from '../evaluation/retrievalEval.js';
import { requireRetrievalDirs } from './retrievalDirs.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const tuning = flag('--tuning');
const typos = flag('--typos');
const options: EvalOptions = {
  ...(tuning !== undefined ? { tuning: JSON.parse(tuning) as EvalOptions['tuning'] } : {}),
  ...(typos !== undefined ? { typoSeed: Number(typos) } : {}),
};
requireRetrievalDirs('eval:retrieval', args);
const reports = args.map((dir) => {
  const report = evaluateRetrieval(dir, options);
  console.log(formatReport(report));
  return report;
});
console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports));
