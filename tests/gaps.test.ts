// The gaps report: questions answered with low confidence or not at all are logged through /api/messages
// (normalised, phone numbers masked), and `npm run kb:gaps` groups paraphrases together, most asked first.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import type { StoreItems } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStorage } from '../src/storage/fileStorage.js';
import { GapsLog, type GapEntry } from '../src/services/gapsLog.js';
import { groupQuestions } from '../src/services/gapsReport.js';
import { ask, meta, startBot, storageEnv, tempDir, type TestBot } from './helpers/botServer.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

const entry = (text: string): GapEntry => ({
  at: '2026-11-26T09:00:00+07:00',
  text,
  outcome: 'fallback',
  confidence: 0,
  channelId: 'emulator',
});

describe('grouping', () => {
  it('puts paraphrases (with or without diacritics) in one group and unrelated questions apart, most asked first', () => {
    const groups = groupQuestions(
      [
        'rạp quốc gia chiếu phim gì hôm nay',
        'giá vé máy bay đi Hà Nội bao nhiêu',
        'vé máy bay ra Hà Nội giá bao nhiêu vậy',
        'gia ve may bay di ha noi',
        'lịch chiếu phim rạp quốc gia hôm nay',
        'giá vé máy bay đi Hà Nội bao nhiêu',
      ].map(entry),
    );
    expect(groups.map((g) => g.count)).toEqual([4, 2]);
    expect(groups[0]!.examples[0]).toBe('giá vé máy bay đi Hà Nội bao nhiêu');
    expect(groups[0]!.examples).toHaveLength(3);
    expect(groups[1]!.examples).toEqual(
      expect.arrayContaining(['rạp quốc gia chiếu phim gì hôm nay', 'lịch chiếu phim rạp quốc gia hôm nay']),
    );
  });
});

describe('gaps log and npm run kb:gaps', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('logs unanswered questions normalised and masked, and reports them grouped, most frequent first', async () => {
    const asked = [
      'kết quả xổ số miền bắc hôm qua',
      'xổ số miền bắc hôm qua ra số mấy',
      'ket qua xo so mien bac hom qua',
      'giá vàng hôm nay',
      'giá vàng SJC hôm nay bao nhiêu'.normalize('NFD'),
      'tỉ số bóng đá tối qua, gọi lại cho tôi số 0912 345 678',
    ];
    for (const [i, text] of asked.entries()) {
      const [reply] = await ask(bot.url, `gap-${i}`, text);
      expect(['fallback', 'clarify']).toContain(meta(reply)?.intent);
    }
    await ask(bot.url, 'answered', 'gui buu kien toi da bao nhieu kg'); // answered: not a gap

    const logged = await new GapsLog(bot.app.storage).gaps();
    expect(logged).toHaveLength(asked.length);
    expect(logged[4]!.text).toBe('giá vàng SJC hôm nay bao nhiêu'.normalize('NFC'));
    expect(logged[5]!.text).not.toContain('345');
    expect(logged[5]!.text).toContain('***');
    expect(logged[0]!.at).toMatch(/\+07:00$/u);

    await bot.stop();
    const { stdout } = await run('npx', ['tsx', 'src/cli/kbGaps.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: bot.dataDir, KNOWLEDGE_DIR: bot.knowledgeDir, ...storageEnv(bot.dataDir) },
    });
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    expect(stdout).toContain('6 lượt, 3 nhóm');
    const groups = stdout.split(/\n(?=\d+\. )/u).slice(1);
    expect(groups[0]).toMatch(/^1\. 3 lượt/u);
    expect(groups[0]).toContain('xổ số miền bắc hôm qua ra số mấy');
    expect(groups[1]).toMatch(/^2\. 2 lượt/u);
    expect(groups[1]).toContain('giá vàng SJC');
    expect(groups[2]).toMatch(/^3\. 1 lượt/u);
    expect(stdout).not.toContain('0912 345 678');
  }, 60_000);
});

describe('gaps logged at once', () => {
  it('share one write of the day’s record, each resolving once its entry is stored, none lost', async () => {
    const dir = tempDir('gaps-batch');
    const storage = new FileStorage(path.join(dir, 'state.json'));
    const dayWrites: number[] = [];
    const write = storage.write.bind(storage);
    // Counts the writes of the day's record (its entries, once created), as the turns' disk flushes would.
    storage.write = async (changes: StoreItems) => {
      for (const [key, item] of Object.entries(changes)) if (/gaps\/\d{4}-/u.test(key) && item.entries) dayWrites.push(item.entries.length);
      return write(changes);
    };
    const log = new GapsLog(storage, () => new Date('2026-12-04T03:00:00Z'));
    const stored: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await log.recordGap(`câu hỏi số ${i}`, 'fallback', 0, 'emulator');
        // Resolved only once the entry is in the store.
        if ((await log.gaps()).some((e) => e.text === `câu hỏi số ${i}`)) stored.push(`câu hỏi số ${i}`);
      }),
    );
    expect(stored).toHaveLength(20);
    expect((await log.gaps()).map((e) => e.text)).toEqual(Array.from({ length: 20 }, (_, i) => `câu hỏi số ${i}`));
    // One write per turn before: 20 writes of the day's record, one after another, each waiting for its own flush.
    expect(dayWrites.length).toBeLessThanOrEqual(2);
    await storage.flush();
    rmSync(dir, { recursive: true, force: true });
  });

  it('go into pages of 100, so a write never rewrites the whole day; all read back in order, all forgotten together', async () => {
    const dir = tempDir('gaps-pages');
    const storage = new FileStorage(path.join(dir, 'state.json'));
    const largest: number[] = [];
    const write = storage.write.bind(storage);
    storage.write = async (changes: StoreItems) => {
      for (const item of Object.values(changes)) if (item.entries) largest.push(item.entries.length);
      return write(changes);
    };
    const log = new GapsLog(storage, () => new Date('2026-12-04T03:00:00Z'));
    const texts = Array.from({ length: 250 }, (_, i) => `câu hỏi số ${i}`);
    for (const [i, text] of texts.entries()) {
      await log.recordGap(text, 'fallback', 0, 'emulator');
      // A restart halfway: the next process finds the page with room.
      if (i === 150) Object.assign(log, new GapsLog(storage, () => new Date('2026-12-04T03:00:00Z')));
    }
    expect((await log.gaps()).map((e) => e.text)).toEqual(texts);
    expect(Math.max(...largest)).toBe(100);
    expect(await log.forgetBefore('2026-12-05')).toBe(1);
    expect(await log.gaps()).toEqual([]);
    expect(Object.keys(await storage.read(['citizen/gaps/2026-12-04', 'citizen/gaps/2026-12-04/1', 'citizen/gaps/2026-12-04/2']))).toEqual(
      [],
    );
    await storage.flush();
    rmSync(dir, { recursive: true, force: true });
  });
});
