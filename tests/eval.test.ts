// The bot's own conversation set (tests/eval/conversations, also run by `npm run eval`) through the real
// server, over a copy of the fixture knowledge plus the announcement fixtures.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateBot, loadConversations, summarize } from '../src/evaluation/botEval.js';
import { evalKnowledgeDir } from '../src/evaluation/evalKnowledge.js';
import { startBot, type TestBot } from './helpers/botServer.js';

let bot: TestBot;
beforeAll(async () => {
  // Hundreds of conversations from one address through the Emulator's channel: no per-address limit.
  bot = await startBot({
    knowledgeDir: evalKnowledgeDir(path.resolve(import.meta.dirname, '..'), 'tests/fixtures/knowledge'),
    env: { RATE_LIMIT_IP_PER_MINUTE: '0' },
  });
});
afterAll(() => bot.dispose());

it('answers at least 90% of 250+ conversations right and none confidently wrong', async () => {
  const conversations = loadConversations(path.resolve(import.meta.dirname, 'eval/conversations'));
  expect(conversations.length).toBeGreaterThanOrEqual(250);
  const results = await evaluateBot(bot, conversations, bot.app.knowledge.kb.articles);
  const { lines, right, total } = summarize(results);
  const wrong = results.filter((r) => r.verdict === 'wrong');
  const report = `${lines.join('\n')}\nconfidently wrong:\n${wrong.map((r) => `${r.say} → ${r.got.text.slice(0, 100)}`).join('\n')}`;
  expect(wrong, report).toEqual([]);
  expect(right / total, report).toBeGreaterThanOrEqual(0.9);
}, 120_000);

it("takes the tracking flow's reply for the tracking entry a label names, its wording still checked", async () => {
  const code = 'CQ724476204VN';
  const turn = (contains: string) => ({
    kind: 'tracking',
    turns: [{ say: `${code} hàng của em tới đâu rồi ạ`, expect: { answerId: 'tracking', contains } }],
  });
  const results = await evaluateBot(bot, [turn(code), turn('UPU S10')], bot.app.knowledge.kb.articles);
  expect(results.map((r) => [r.got.intent, r.verdict])).toEqual([
    ['tracking', 'right'],
    ['tracking', 'wrong'],
  ]);
});
