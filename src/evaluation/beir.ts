// Reading a retrieval test set in the BEIR layout: corpus.jsonl, queries.jsonl, qrels.tsv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchDoc } from '../search/documents.js';

export interface BeirSet {
  corpus: SearchDoc[];
  queries: { id: string; text: string }[];
  /** query id → (document id → graded relevance > 0). */
  qrels: Map<string, Map<string, number>>;
}

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function loadBeir(dir: string): BeirSet {
  const corpus = jsonLines(join(dir, 'corpus.jsonl')).map((r) => ({
    id: String(r._id),
    text: String(r.text ?? ''),
    ...(typeof r.title === 'string' && r.title !== '' ? { title: r.title } : {}),
  }));
  const queries = jsonLines(join(dir, 'queries.jsonl')).map((r) => ({ id: String(r._id), text: String(r.text ?? '') }));
  const qrels = new Map<string, Map<string, number>>();
  const [, ...rows] = readFileSync(join(dir, 'qrels.tsv'), 'utf8').split('\n');
  for (const row of rows) {
    const [queryId, docId, score] = row.trim().split('\t');
    if (!queryId || !docId || !(Number(score) > 0)) continue;
    if (!qrels.has(queryId)) qrels.set(queryId, new Map());
    qrels.get(queryId)!.set(docId, Number(score));
  }
  return { corpus, queries, qrels };
}
