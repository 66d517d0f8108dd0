// Start from what was built (issue 27): a start where no source file changed takes the version and its answer
// engine from DATA_DIR/kb.snapshot (nothing parsed, counted or indexed); a damaged snapshot is not used, said in
// the log, and made again; a changed file is parsed again and the others are not, and the engine counts only it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { AnswerEngine, type SavedEngine } from '../src/answer/answerEngine.js';
import { readSnapshot, SNAPSHOT_FILE, writeSnapshot, type Snapshot } from '../src/knowledge/startSnapshot.js';
import type { SearchIndex } from '../src/search/searchIndex.js';
import { ask, startBot, tempDir, type TestBot } from './helpers/botServer.js';

const ARTICLE = 'articles/2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021.txt';
const SECOND = 'articles/2021-01-05-bai-thu-hai.txt';
const SECOND_TEXT = 'Bài thứ hai\n\nNgày 5/1, Bưu điện tỉnh tổ chức tập huấn nghiệp vụ cho 40 giao dịch viên.\n';
const QUESTIONS = [
  'doanh thu năm 2020 của bưu điện tỉnh',
  'so tong dai buu dien',
  'ai trao giấy khen ngày 23/12',
  'bưu điện tập huấn bao nhiêu giao dịch viên',
  'giá vàng hôm nay',
];

interface Line {
  level: number;
  msg: string;
  from?: string;
  reason?: string;
}

function logged(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  return { lines, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) }) };
}

/** Where each start's knowledge came from, as its log line says. */
const starts = (lines: Line[]): Array<string | undefined> => lines.filter((l) => l.msg === 'knowledge loaded').map((l) => l.from);

/** What a citizen (new in each start) reads for each question, and what the engine found. */
async function answersOf(bot: TestBot, start: string): Promise<unknown[]> {
  return Promise.all(
    QUESTIONS.map(async (question, i) => ({
      replies: (await ask(bot.url, `${start}-${i}`, question)).map((a) => a.text),
      lookup: bot.app.answers.engine.lookup(question),
    })),
  );
}

/**
 * Runs a test over successive starts of the bot on the same knowledge and data folders: `restart` stops the bot
 * running, does `meanwhile` (what changes between the two starts), and starts the next; the last one is disposed.
 */
async function overStarts(
  log: Logger,
  test: (first: TestBot, restart: (meanwhile?: () => unknown) => Promise<TestBot>) => Promise<void>,
): Promise<void> {
  let bot = await startBot({ log });
  const { dataDir, knowledgeDir } = bot;
  try {
    await test(bot, async (meanwhile) => {
      await bot.stop();
      await meanwhile?.();
      bot = await startBot({ dataDir, knowledgeDir, log });
      return bot;
    });
  } finally {
    await bot.dispose();
  }
}

/** Rewrites the snapshot in dataDir with a mark that shows, after the next start, what was taken from it and not read again. */
async function markSnapshot(dataDir: string, mark: (snapshot: Snapshot) => void): Promise<void> {
  const { snapshot } = await readSnapshot(dataDir);
  mark(snapshot!);
  await writeSnapshot(dataDir, snapshot!);
}

describe('start from what was built', () => {
  it('a start where no file changed takes the version and its answer engine from the snapshot, and answers the same', async () => {
    const { log, lines } = logged();
    await overStarts(log, async (first, restart) => {
      writeFileSync(path.join(first.knowledgeDir, SECOND), SECOND_TEXT);
      let bot = await restart();
      const built = await answersOf(bot, 'built');
      const version = bot.app.knowledge.kb.version;
      bot = await restart();
      expect(starts(lines)).toEqual(['sources', 'sources', 'snapshot']);
      expect(bot.app.knowledge.startedFrom).toBe('snapshot');
      expect(bot.app.knowledge.kb.version).toBe(version);
      expect(await answersOf(bot, 'restored')).toEqual(built);
      expect(bot.app.answers.engine.basis.counts).toEqual(new AnswerEngine(bot.app.knowledge.kb).basis.counts);
    });
  });

  it('a version a reload put live is saved in the snapshot at stop: the start after it builds nothing', async () => {
    const { log, lines } = logged();
    await overStarts(log, async (first, restart) => {
      writeFileSync(path.join(first.knowledgeDir, SECOND), SECOND_TEXT);
      for (let i = 0; i < 100 && first.app.knowledge.kb.articles.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const version = first.app.knowledge.kb.version;
      const bot = await restart();
      expect(starts(lines)).toEqual(['sources', 'snapshot']);
      expect(bot.app.knowledge.kb.version).toBe(version);
      expect(bot.app.answers.engine.lookup('bưu điện tập huấn bao nhiêu giao dịch viên').best).toMatchObject({ article: { file: SECOND } });
    });
  });

  it('a reload after a start from the snapshot reads only the changed file: the other sentences keep their saved readings', async () => {
    const { log } = logged();
    await overStarts(log, async (first, restart) => {
      const { dataDir, knowledgeDir } = first;
      writeFileSync(path.join(knowledgeDir, SECOND), SECOND_TEXT);
      await restart();
      // A syllable of the first article renamed in the saved readings: its sentences answer to the new one only if not read again.
      const bot = await restart(() =>
        markSnapshot(dataDir, (snapshot) => {
          const { readings } = snapshot.parts.answers!.data as SavedEngine;
          readings.terms[readings.terms.indexOf('doanh')] = 'qqqz';
        }),
      );
      expect(bot.app.knowledge.startedFrom).toBe('snapshot');
      writeFileSync(path.join(knowledgeDir, SECOND), SECOND_TEXT.replace('40 giao dịch viên', '45 giao dịch viên và 3 bưu tá'));
      expect(await bot.app.knowledge.reloadIfChanged()).toBe(true);
      const engine = bot.app.answers.engine;
      expect(engine.lookup('bưu điện tập huấn bao nhiêu bưu tá').best).toMatchObject({ kind: 'article', article: { file: SECOND } });
      // The sentence index the reload built (what a lookup searches first), against one of a full build.
      const sentencesOf = (of: AnswerEngine): SearchIndex => (of as unknown as { sentenceIndex: SearchIndex }).sentenceIndex;
      expect(sentencesOf(engine).search('qqqz')[0]?.id.startsWith(path.basename(ARTICLE, '.txt'))).toBe(true);
      // (a copy of the version: readings are kept per sentence object)
      expect(sentencesOf(new AnswerEngine(structuredClone(bot.app.knowledge.kb))).search('qqqz')).toEqual([]);
    });
  });

  it('a damaged snapshot is not used, the log says why, and the start saves a whole one', async () => {
    const { log, lines } = logged();
    await overStarts(log, async (first, restart) => {
      const bot = await restart(() => {
        const file = path.join(first.dataDir, SNAPSHOT_FILE);
        const bytes = readFileSync(file);
        // Wherever the byte is (the serialised payload, which may fail to deserialise first, or an array kept apart),
        // the reason is the checksum's.
        bytes[bytes.length >> 1] ^= 0xff;
        bytes[bytes.length - 1] ^= 0xff;
        writeFileSync(file, bytes);
      });
      expect(lines.filter((l) => l.msg.startsWith('knowledge snapshot not used')).map((l) => l.reason)).toEqual([
        'damaged (its checksum does not match)',
      ]);
      expect(bot.app.knowledge.startedFrom).toBe('sources');
      expect((await ask(bot.url, 'damaged', 'so tong dai buu dien')).at(-1)?.text).toContain('1900 54 54 81');
      await restart();
      expect(starts(lines)).toEqual(['sources', 'sources', 'snapshot']);
    });
  });

  it('a file changed between starts is parsed again and counted again; the others come from the snapshot', async () => {
    const { log, lines } = logged();
    await overStarts(log, async (first, restart) => {
      const { dataDir, knowledgeDir } = first;
      writeFileSync(path.join(knowledgeDir, SECOND), SECOND_TEXT);
      await restart();
      const bot = await restart(async () => {
        // The unchanged article marked in the snapshot (its date: no count or index depends on it): shown, it was not parsed.
        await markSnapshot(dataDir, (snapshot) => void (snapshot.kb.articles.find((a) => a.file === ARTICLE)!.date = '2020-12-24'));
        writeFileSync(path.join(knowledgeDir, SECOND), SECOND_TEXT.replace('40 giao dịch viên', '45 giao dịch viên và 3 bưu tá'));
      });
      expect(starts(lines)).toEqual(['sources', 'sources', 'sources']);
      const { kb } = bot.app.knowledge;
      expect(kb.articles.find((a) => a.file === ARTICLE)?.date).toBe('2020-12-24');
      const engine = bot.app.answers.engine;
      expect(engine.lookup('bưu điện tập huấn bao nhiêu bưu tá').best).toMatchObject({ kind: 'article', article: { file: SECOND } });
      // Counted by difference from the snapshot's counts: the same as counting every article again.
      expect(engine.basis.counts).toEqual(new AnswerEngine(kb).basis.counts);
      for (const question of QUESTIONS) expect(engine.lookup(question)).toEqual(new AnswerEngine(kb).lookup(question));
    });
  });
});

describe('the snapshot file', () => {
  // Large typed arrays (an index's postings) are written after the serialised value and read into arrays of their own.
  const large = Float64Array.from({ length: 20_000 }, (_, i) => i / 7);
  const value = {
    kb: { version: 'v' },
    files: [],
    parts: { answers: { stamp: 's', data: { large, small: new Int32Array([1, -1, 2]), list: [large.subarray(0, 3)] } } },
  };

  it('gives back what was written, large arrays included', async () => {
    const dir = tempDir('snap');
    await writeSnapshot(dir, value as unknown as Snapshot);
    const { snapshot } = await readSnapshot(dir);
    const data = snapshot!.parts.answers!.data as typeof value.parts.answers.data;
    expect(data.large).toEqual(large);
    expect(data.large.buffer.byteLength).toBe(large.byteLength);
    expect(data.small).toEqual(new Int32Array([1, -1, 2]));
    expect(data.list[0]).toEqual(new Float64Array([0, 1 / 7, 2 / 7]));
  });

  it('is not used when a byte of a large array changed, or when it is cut short', async () => {
    const dir = tempDir('snap');
    await writeSnapshot(dir, value as unknown as Snapshot);
    const file = path.join(dir, SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 100] ^= 1;
    writeFileSync(file, flipped);
    expect(await readSnapshot(dir)).toEqual({ unusable: 'damaged (its checksum does not match)' });
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect(await readSnapshot(dir)).toEqual({ unusable: 'damaged (cut short)' });
    writeFileSync(file, Buffer.concat([bytes, Buffer.from('x')]));
    expect(await readSnapshot(dir)).toEqual({ unusable: 'damaged (its length is not what it holds)' });
  });
});
