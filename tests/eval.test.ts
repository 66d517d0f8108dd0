// The bot's own question set (tests/eval/questions.json, also run by `npm run eval`) through the real server.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateBot, loadQuestions, summarize } from '../src/evaluation/botEval.js';
import { startBot, type TestBot } from './helpers/botServer.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.dispose());

it('answers at least 95% of the question set correctly, over at least 80 questions of every kind', async () => {
  const questions = loadQuestions(path.resolve(import.meta.dirname, 'eval/questions.json'));
  expect(questions.length).toBeGreaterThanOrEqual(80);
  expect(new Set(questions.map((q) => q.category))).toEqual(
    new Set(['có dấu', 'không dấu', 'viết tắt', 'lỗi gõ', 'English', 'bài viết', 'thời gian', 'ngoài phạm vi', 'giao tiếp']),
  );
  const results = await evaluateBot(bot.url, questions);
  const { lines, share } = summarize(results);
  expect(share, `${lines.join('\n')}\nmissed:\n${results.filter((r) => !r.ok).map((r) => r.question).join('\n')}`).toBeGreaterThanOrEqual(0.95);
}, 60_000);
