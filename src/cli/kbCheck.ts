// npm run kb:check [-- DIR] [--ask "câu hỏi"]…
// Validates every knowledge source file: prints "file:line: problem" and exits 1 on any; says where each
// article's year came from. With --ask, a dry run: starts the bot in this process on the working copy of
// the folder (a temporary data folder, no network but loopback) and prints its reply and what it drew on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildKnowledge } from '../knowledge/kbBuilder.js';
import { readKnowledgeFile } from '../knowledge/kbFile.js';
import { formatProblem, KnowledgeError } from '../knowledge/problems.js';

const { values, positionals } = parseArgs({ options: { ask: { type: 'string', multiple: true } }, allowPositionals: true });
const dir = positionals[0] ?? 'knowledge';
const { kb, problems, files } = await buildKnowledge(dir);

const YEAR_FROM = { lead: 'the lead', 'file name': 'the file name', text: 'the text (no year in the lead or the file name)' };
for (const { file, part, yearFrom } of files) {
  if (part?.kind === 'article' && yearFrom) console.log(`${dir}/${file}: dated ${part.article.date}, the year from ${YEAR_FROM[yearFrom]}`);
}
for (const problem of problems) console.error(`${dir}/${formatProblem(problem)}`);
if (kb) {
  console.log(`OK: ${kb.articles.length} article(s), ${kb.entries.length} entries, version ${kb.version}`);
  if ((await readKnowledgeFile(dir))?.version !== kb.version)
    console.log(`${dir}/kb.json is not this version yet: run npm run kb:build before you commit`);
} else {
  console.error(`${problems.length} problem(s) found.`);
}

if (values.ask?.length) {
  if (!kb) console.log("\nDry run: each file with a problem answers from its content in kb.json, or is left out, as at the bot's start.");
  // Loaded only here: the whole bot comes with it, and a plain check should stay quick.
  const { askDryRun } = await import('./kbDryRun.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-kb-check-'));
  try {
    for (const answer of await askDryRun(dir, dataDir, values.ask)) {
      console.log(`\nQ: ${answer.question}`);
      for (const reply of answer.replies) console.log(`Bot: ${reply.replaceAll('\n', '\n     ')}`);
      console.log(`Drawn from: ${answer.source}`);
    }
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    console.error('\nDry run: the bot would not start with these files: nothing to answer from (see the problems above).');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.exitCode = kb ? 0 : 1;
