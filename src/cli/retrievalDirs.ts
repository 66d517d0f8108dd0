// The retrieval commands read BEIR folders that live outside the repository (the ViRHE4QA sets are in
// ../shared/eval/retrieval/ beside a checkout, not in a clone). A missing folder is a usage problem, not a
// crash: one line saying what is needed and how to give it, exit code 2.
import { existsSync } from 'node:fs';
import path from 'node:path';

const FILES = ['corpus.jsonl', 'queries.jsonl', 'qrels.tsv'];

/** Exits with one line on stderr unless every folder holds a BEIR set. */
export function requireRetrievalDirs(command: string, dirs: string[]): void {
  const missing = dirs.find((dir) => FILES.some((file) => !existsSync(path.join(dir, file))));
  if (dirs.length > 0 && missing === undefined) return;
  const what = missing === undefined ? 'needs at least one BEIR folder' : `needs the BEIR folder ${missing}, which is not here`;
  console.error(
    `${command}: ${what} (each with ${FILES.join(', ')}; the ViRHE4QA sets are in ../shared/eval/retrieval/, outside this repository): give the folders as arguments, npm run ${command} -- DIR [DIR...]`,
  );
  process.exit(2);
}
