// npm run eval — asks the bot its own conversation set (tests/eval/conversations/*.json) through the real
// server, over the live knowledge plus the announcement test fixtures, and prints per kind: right, honest
// fallback, clarification, confidently wrong. Exits 1 on any confidently wrong reply or below 90% right.
// `--set DIR` asks another set (e.g. the held-out dev split, tests/eval/dev); `--verbose` lists every turn
// that was not right; `--gates` counts how often each gate rejected the expected answer; `--signals`
// measures what tells the confidently wrong answers from the right ones (src/evaluation/coverageReport.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { evaluateBot, loadConversations, summarize } from '../evaluation/botEval.js';
import { evalKnowledgeDir } from '../evaluation/evalKnowledge.js';
import { gateLines, gateReport } from '../evaluation/gateReport.js';
import { coverageLines, coverageReport } from '../evaluation/coverageReport.js';
import { createLogger } from '../logger.js';
import { createApp } from '../app.js';

const setIndex = process.argv.indexOf('--set');
const setDir = setIndex >= 0 ? process.argv[setIndex + 1] : 'tests/eval/conversations';
if (!setDir) throw new Error('--set needs a folder of conversation files');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-eval-'));
const knowledgeDir = evalKnowledgeDir(process.cwd());
const app = await createApp(
  // Every conversation comes from this one address through the Emulator's channel: no per-address limit.
  loadConfig({ ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, PORT: '0', RATE_LIMIT_IP_PER_MINUTE: '0' }),
  createLogger('silent'),
);
const port = await app.listen(0);
try {
  const conversations = loadConversations(setDir);
  const results = await evaluateBot({ url: `http://127.0.0.1:${port}`, app }, conversations, app.knowledge.kb.articles);
  const summary = summarize(results);
  if (process.argv.includes('--verbose')) {
    for (const r of results.filter((x) => x.verdict !== 'right')) {
      console.log(
        `${r.verdict.toUpperCase()} [${r.kind}] ${r.say} → expected ${JSON.stringify(r.expect)}, got ${JSON.stringify({ ...r.got, text: r.got.text.replace(/\s+/gu, ' ').slice(0, 160) })}`,
      );
    }
  }
  console.log(`${conversations.length} conversations, ${summary.total} judged turns`);
  console.log(summary.lines.join('\n'));
  if (process.argv.includes('--signals'))
    console.log(coverageLines(coverageReport(app.answers.engine, results), process.argv.includes('--verbose')).join('\n'));
  if (process.argv.includes('--gates')) console.log(gateLines(gateReport(app.answers.engine, results)).join('\n'));
  process.exitCode = summary.wrong === 0 && summary.right / summary.total >= 0.9 ? 0 : 1;
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(knowledgeDir, { recursive: true, force: true });
}
