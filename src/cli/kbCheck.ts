// npm run kb:check — validates every knowledge source file; prints "file:line: problem" and exits 1 on any.
import { buildKnowledge } from '../knowledge/kbBuilder.js';
import { formatProblem } from '../knowledge/problems.js';

const dir = process.argv[2] ?? 'knowledge';
const { kb, problems } = await buildKnowledge(dir);
for (const problem of problems) console.error(`${dir}/${formatProblem(problem)}`);
if (!kb) {
  console.error(`${problems.length} problem(s) found.`);
  process.exit(1);
}
console.log(`OK: ${kb.articles.length} article(s), ${kb.entries.length} entries, version ${kb.version}`);
