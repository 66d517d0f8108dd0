// Unanswered questions into knowledge through the staff API on the real service: the list holds fallbacks,
// honest "not confirmed" answers and 👎 (grouped as kb:gaps groups them); a group added to an entry is
// written to knowledge/entries/*.json and answered from it by the next citizen without a restart; a new
// entry with problems is refused by field with nothing written, a good one goes live; out of scope leaves
// the list; the history says who did what; a read-only folder gets the checked file back to download.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EntryEditor } from '../src/knowledge/entryEditor.js';
import type { GapGroup } from '../src/services/gapsReport.js';
import type { KnowledgeChange } from '../src/services/gapDecisions.js';
import { ask, copyKnowledge, meta, startBot, type TestBot } from './helpers/botServer.js';

const ADMIN_TOKEN = 'gaps-admin-token-77c2e1-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const UNANSWERED = 'vnpost có số máy nhận phản ánh riêng không';

interface Gaps {
  groups: GapGroup[];
  changes: KnowledgeChange[];
  writable: boolean;
}

const gaps = async (url: string): Promise<Gaps> => (await (await fetch(`${url}/api/admin/gaps`, { headers: auth })).json()) as Gaps;
const decide = (url: string, body: unknown) =>
  fetch(`${url}/api/admin/gaps/decisions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('unanswered questions into knowledge', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('lists fallbacks, "not confirmed" answers and 👎 in groups with counts', async () => {
    expect(meta((await ask(bot.url, 'g-1', UNANSWERED))[0])?.intent).toBe('fallback');
    expect(meta((await ask(bot.url, 'g-2', 'vnpost co so may nhan phan anh rieng khong'))[0])?.intent).toBe('fallback');
    expect(meta((await ask(bot.url, 'g-3', 'gửi 1kg hết bao nhiêu tiền'))[0])).toMatchObject({ intent: 'fallback', unconfirmed: true });
    expect(meta((await ask(bot.url, 'g-4', 'số tổng đài hỗ trợ là gì'))[0])?.intent).toBe('answer');
    await ask(bot.url, 'g-4', '👎');
    expect((await fetch(`${bot.url}/api/admin/gaps`)).status).toBe(401);
    const { groups, writable } = await gaps(bot.url);
    expect(writable).toBe(true);
    expect(groups[0]).toMatchObject({ count: 2, wordings: [UNANSWERED] }); // the unaccented wording folds into it
    const all = groups.flatMap((g) => g.wordings);
    expect(all).toEqual(expect.arrayContaining(['gửi 1kg hết bao nhiêu tiền', 'số tổng đài hỗ trợ là gì']));
  });

  it('adds a group to an existing entry: written, live, and the next citizen is answered from it', async () => {
    const [group] = (await gaps(bot.url)).groups;
    expect((await decide(bot.url, { questions: group!.wordings, action: 'addToEntry', entryId: 'no-such-entry' })).status).toBe(400);
    const search = (await (
      await fetch(`${bot.url}/api/admin/knowledge/entries?q=${encodeURIComponent('tổng đài')}`, { headers: auth })
    ).json()) as {
      entries: Array<{ id: string }>;
    };
    expect(search.entries.map((e) => e.id)).toContain('hotline');

    const response = await decide(bot.url, { questions: group!.wordings, action: 'addToEntry', entryId: 'hotline' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      file: string;
      live: boolean;
      replies: Array<{ question: string; intent: string; answerId: string; text: string }>;
    };
    expect(result).toMatchObject({ status: 'written', file: 'entries/hotline.json', live: true });
    expect(result.replies[0]).toMatchObject({
      question: UNANSWERED,
      intent: 'answer',
      answerId: 'hotline',
      text: expect.stringContaining('1900 54 54 81'),
    });
    const written = JSON.parse(readFileSync(path.join(bot.knowledgeDir, 'entries/hotline.json'), 'utf8')) as {
      entries: Array<{ id: string; questions: { vi: string[] } }>;
    };
    expect(written.entries.find((e) => e.id === 'hotline')!.questions.vi).toContain(UNANSWERED);
    expect(bot.app.knowledge.problems).toEqual([]);

    // The next citizen, without a restart.
    expect(meta((await ask(bot.url, 'g-next', UNANSWERED))[0])).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    const after = await gaps(bot.url);
    expect(after.groups.flatMap((g) => g.wordings)).not.toContain(UNANSWERED);
    expect(after.changes[0]).toMatchObject({
      by: 'api',
      action: 'addToEntry',
      file: 'entries/hotline.json',
      entryId: 'hotline',
      questions: group!.wordings,
    });
  });

  it('refuses a new entry with problems by field and writes nothing; a good one goes live', async () => {
    const questions = ['bưu điện có bán sim điện thoại không'];
    expect(meta((await ask(bot.url, 'g-5', questions[0]!))[0])?.intent).toBe('fallback');
    const file = path.join(bot.knowledgeDir, 'entries/cskh.json');
    const refused = await decide(bot.url, { questions, action: 'newEntry', entry: { title: '', answerVi: 'Có bán', sourceTitle: '' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual([
      'title',
      'answerVi',
      'sourceTitle',
    ]);
    const badUrl = await decide(bot.url, {
      questions,
      action: 'newEntry',
      entry: {
        title: 'Sim điện thoại',
        answerVi: 'Dạ, bot chưa có thông tin xác nhận.',
        sourceTitle: 'Bưu điện tỉnh',
        sourceUrl: 'not a url',
      },
    });
    expect(badUrl.status).toBe(400);
    expect(((await badUrl.json()) as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual(['sourceUrl']);
    expect(existsSync(file)).toBe(false);

    const saved = await decide(bot.url, {
      questions,
      action: 'newEntry',
      entry: {
        title: 'Sim điện thoại',
        answerVi: 'Dạ, thông tin về bán sim điện thoại tại bưu cục chưa được xác nhận; Quý khách vui lòng gọi 1900 54 54 81.',
        sourceTitle: 'Bưu điện tỉnh Bắc Kạn',
      },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ status: 'written', file: 'entries/cskh.json', entryId: 'sim-dien-thoai', live: true });
    // Its answer says the fact is not confirmed: the bot gives it as an honest "not confirmed" (never rated).
    expect(meta((await ask(bot.url, 'g-6', questions[0]!))[0])).toMatchObject({
      intent: 'fallback',
      unconfirmed: true,
      answerId: 'sim-dien-thoai',
    });
  });

  it('marks a group out of scope: it leaves the list', async () => {
    await ask(bot.url, 'g-7', 'giá vàng hôm nay bao nhiêu');
    const group = (await gaps(bot.url)).groups.find((g) => g.wordings.includes('giá vàng hôm nay bao nhiêu'))!;
    expect((await decide(bot.url, { questions: group.wordings, action: 'outOfScope' })).status).toBe(200);
    const after = await gaps(bot.url);
    expect(after.groups.flatMap((g) => g.wordings)).not.toContain('giá vàng hôm nay bao nhiêu');
    expect(after.changes[0]).toMatchObject({ action: 'outOfScope', by: 'api' });
  });
});

describe('a read-only knowledge folder', () => {
  it('writes nothing and gives back the checked file to download', async () => {
    const dir = copyKnowledge();
    const readOnly = () => Promise.reject(Object.assign(new Error('read-only file system'), { code: 'EROFS' }));
    const editor = new EntryEditor(dir, () => '2026-12-04', readOnly);
    const before = readFileSync(path.join(dir, 'entries/hotline.json'), 'utf8');
    const { buildKnowledge } = await import('../src/knowledge/kbBuilder.js');
    const { kb } = await buildKnowledge(dir);
    const hotline = kb!.entries.find((e) => e.id === 'hotline')!;
    const result = await editor.addQuestions(hotline, [UNANSWERED], kb!.entries);
    expect(result).toMatchObject({ status: 'readOnly', file: 'entries/hotline.json', reason: 'EROFS' });
    expect(result.status === 'readOnly' && result.content).toContain(UNANSWERED);
    expect(readFileSync(path.join(dir, 'entries/hotline.json'), 'utf8')).toBe(before);
  });
});
