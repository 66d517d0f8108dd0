// Answer feedback end to end: answers carry 👍/👎 suggested actions; a rating is kept for the last answer
// of the conversation (once), 👎 offers a person or a ticket, and the gaps report lists the answers most
// often rated 👎 with the questions that got them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GapsLog } from '../src/services/gapsLog.js';
import { buildGapsReport, formatGapsReport } from '../src/services/gapsReport.js';
import { actionTitles, ask, meta, startBot, type TestBot } from './helpers/botServer.js';

const QUESTION = 'gui buu kien toi da bao nhieu kg';

describe('answer feedback', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('offers 👍 / 👎 after an answer, not after a fallback', async () => {
    const [answer] = await ask(bot.url, 'buttons', QUESTION);
    expect(meta(answer)?.intent).toBe('answer');
    expect(answer.suggestedActions?.actions.slice(-2).map((a) => a.value)).toEqual(['👍', '👎']);
    expect(actionTitles(answer).slice(-2)).toEqual(['👍 Hữu ích', '👎 Chưa đúng']);
    const [fallback] = await ask(bot.url, 'buttons', 'kết quả xổ số miền bắc hôm qua');
    expect(meta(fallback)?.intent).toBe('fallback');
    expect(actionTitles(fallback)).not.toContain('👍 Hữu ích');
  });

  it('counts each answer once per rating, and reports the answers most often rated 👎', async () => {
    for (const conversation of ['down-1', 'down-2']) {
      await ask(bot.url, conversation, QUESTION);
      const [thanks] = await ask(bot.url, conversation, '👎');
      expect(meta(thanks)?.intent).toBe('rating');
      // No person can be reached (no office hours or handoff route here): no "Gặp nhân viên".
      expect(actionTitles(thanks)).toEqual(['Gửi góp ý – khiếu nại', 'Gọi 1900 54 54 81']);
      await ask(bot.url, conversation, '👎'); // a second tap on the same answer is not counted
    }
    await ask(bot.url, 'up-1', QUESTION);
    const [upThanks] = await ask(bot.url, 'up-1', '👍🏽');
    expect(upThanks!.text).toContain('cảm ơn');
    await ask(bot.url, 'rated-nothing', '👎'); // nothing answered yet in this conversation

    const gaps = new GapsLog(bot.app.storage);
    const ratings = await gaps.ratings();
    expect(ratings).toEqual([{ answerId: 'parcel-post', up: 1, down: 2, downExamples: [QUESTION] }]);
    const report = buildGapsReport(await gaps.gaps(), ratings, (id) => (id === 'parcel-post' ? 'Bưu kiện' : undefined));
    expect(report.disliked).toEqual([{ answerId: 'parcel-post', title: 'Bưu kiện', down: 2, up: 1, examples: [QUESTION] }]);
    expect(formatGapsReport(report)).toContain('1. parcel-post – Bưu kiện: 2 👎, 1 👍');
  });
});
