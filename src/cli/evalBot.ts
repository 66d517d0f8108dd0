// npm run eval — asks the bot its own question set (tests/eval/questions.json) through the real server and
// prints the share answered correctly per category; exits 1 below the 95% bar. `--verbose` lists misses.
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { evaluateBot, loadQuestions, summarize } from '../evaluation/botEval.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-eval-'));
const app = await createApp(loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0' }), createLogger('silent'));
const port = await app.listen(0);
try {
  const results = await evaluateBot(`http://127.0.0.1:${port}`, loadQuestions('tests/eval/questions.json'));
  const { lines, share } = summarize(results);
  if (process.argv.includes('--verbose')) {
    for (const r of results.filter((x) => !x.ok)) {
      console.log(`MISS [${r.category}] ${r.question} → expected ${JSON.stringify(r.expect)}, got ${JSON.stringify({ ...r.got, text: r.got.text.slice(0, 80) })}`);
    }
  }
  console.log(lines.join('\n'));
  process.exitCode = share >= 0.95 ? 0 : 1;
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
