// The knowledge the eval asks: a temp copy of a knowledge folder (the live one for `npm run eval`, the test
// fixture for `npm test`, so staff adding an article never breaks the suite) with the announcement test
// fixtures added as articles (realistic notices that must never go live: their facts are made up for the tests).
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function evalKnowledgeDir(projectRoot: string, knowledge = 'knowledge'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotline-eval-kb-'));
  cpSync(path.join(projectRoot, knowledge), dir, { recursive: true });
  const fixtures = path.join(projectRoot, 'tests/fixtures/announcements');
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt')))
    cpSync(path.join(fixtures, file), path.join(dir, 'articles', file));
  return dir;
}
