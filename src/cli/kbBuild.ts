// npm run kb:build — builds knowledge/kb.json from the source files, or lists what is wrong.
import { buildKnowledge } from '../knowledge/kbBuilder.js';
import { writeKnowledgeFile } from '../knowledge/kbFile.js';
import { formatProblem } from '../knowledge/problems.js';

const dir = process.argv[2] ?? 'knowledge';
const { kb, problems } = await buildKnowledge(dir);
if (!kb) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`${problems.length} problem(s): kb.json was not written.`);
  process.exit(1);
}
const file = await writeKnowledgeFile(dir, kb);
console.log(
  `${file}: version ${kb.version}, ${kb.articles.length} article(s), ${kb.entries.length} entries, ${Object.keys(kb.abbreviations).length} abbreviations`,
);
