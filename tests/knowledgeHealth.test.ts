// Knowledge that staff cannot break, through the running server: each file counts on its own, /healthz and
// /metrics say what is wrong, a change that would empty the bot is refused, and the built knowledge base
// is saved in DATA_DIR (never in the knowledge folder) before it goes live and is published.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import { createLogger } from '../src/logger.js';
import { ask, copyKnowledge, startBot, tempDir, type TestBot } from './helpers/botServer.js';

interface Health {
  status: string;
  knowledge: {
    version: string;
    articles: number;
    entries: number;
    problemCount: number;
    problems: Array<{ file: string; line: number; message: string }>;
  };
}

// A test article (not a real notice): the lead gives day and month only, the file name the year.
const ARTICLE = 'articles/2026-11-21-thong-bao-thu-nghiem-hoa-sen.txt';
const ARTICLE_TEXT = `Đường dây nóng hỗ trợ  1900 54 54 81

Thông báo thử nghiệm về lịch tiếp nhận bưu gửi của đơn vị mẫu Hoa Sen

Ngày 21/11, Bưu điện thử nghiệm đăng thông báo mẫu dùng cho kiểm thử tự động.

Bài viết này chỉ dùng trong bộ kiểm thử, không phải tin thật của bưu điện. Đơn vị mẫu Hoa Sen tiếp nhận bưu gửi theo lịch thử nghiệm.
`;
const HOTLINE = 'entries/hotline.json';

async function health(bot: TestBot): Promise<Health> {
  return (await fetch(`${bot.url}/healthz`)).json() as Promise<Health>;
}

/** Polls /healthz until the condition holds (the bot re-checks the folder every 100 ms here), then returns it. */
async function healthWhen(bot: TestBot, condition: (h: Health) => boolean): Promise<Health> {
  let last = await health(bot);
  for (let i = 0; i < 100 && !condition(last); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await health(bot);
  }
  return last;
}

async function problemsGauge(bot: TestBot): Promise<string | undefined> {
  return (await (await fetch(`${bot.url}/metrics`)).text()).match(/^hotline_knowledge_problems (\d+)$/mu)?.[1];
}

function edit(bot: Pick<TestBot, 'knowledgeDir'>, file: string, change: (text: string) => string): string {
  const full = path.join(bot.knowledgeDir, file);
  const before = readFileSync(full, 'utf8');
  writeFileSync(full, change(before));
  return before;
}

describe('one broken file never blocks the others', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('a broken entries file and a new article at once: the article goes live, /healthz is degraded with file:line, fixed → ok', async () => {
    const before = await health(bot);
    expect(before).toMatchObject({ status: 'ok', knowledge: { articles: 1, problemCount: 0, problems: [] } });
    expect(await problemsGauge(bot)).toBe('0');
    const reloads: string[] = [];
    bot.app.knowledge.on('reloaded', (e) => reloads.push(e.version));

    const good = edit(bot, HOTLINE, (t) => t.replace('"id": "hotline",', '"id": "hotline"'));
    writeFileSync(path.join(bot.knowledgeDir, ARTICLE), ARTICLE_TEXT);
    const degraded = await healthWhen(bot, (h) => h.knowledge.articles === 2 && h.status === 'degraded');
    expect(degraded.status).toBe('degraded');
    expect(degraded.knowledge).toMatchObject({ articles: 2, entries: before.knowledge.entries, problemCount: 1 });
    expect(degraded.knowledge.problems).toEqual([{ file: HOTLINE, line: 6, message: expect.stringContaining('invalid JSON') }]);
    expect(JSON.stringify(degraded)).not.toContain(bot.knowledgeDir);
    expect(await problemsGauge(bot)).toBe('1');

    // The new article answers, dated by its file name; the broken file answers from its last good content.
    const [news] = await ask(bot.url, 'partial', 'lịch tiếp nhận bưu gửi của đơn vị mẫu Hoa Sen');
    expect(news.text).toContain('Hoa Sen');
    expect(news.text).toContain('21/11/2026');
    const [hotline] = await ask(bot.url, 'partial', 'so tong dai buu dien');
    expect(hotline.text).toContain('1900 54 54 81');

    writeFileSync(path.join(bot.knowledgeDir, HOTLINE), good);
    const fixed = await healthWhen(bot, (h) => h.status === 'ok');
    expect(fixed).toMatchObject({ status: 'ok', knowledge: { articles: 2, problemCount: 0, problems: [] } });
    expect(await problemsGauge(bot)).toBe('0');
    // The fixed file is what was serving already: one version went live, and it was announced.
    expect(fixed.knowledge.version).toBe(degraded.knowledge.version);
    expect(reloads).toEqual([degraded.knowledge.version]);
  });

  it('a broken schema keeps its last good content: entries are still checked against it, and their changes go live', async () => {
    const before = await health(bot);
    const schema = edit(bot, 'schema/entries.schema.json', (t) => t.slice(0, 40));
    const hotline = edit(bot, HOTLINE, (t) =>
      t.replace('"hotline bưu điện bắc kạn"', '"hotline bưu điện bắc kạn",\n          "đường dây nóng của bưu điện tỉnh"'),
    );
    const degraded = await healthWhen(bot, (h) => h.status === 'degraded' && h.knowledge.version !== before.knowledge.version);
    expect(degraded.knowledge.problems).toEqual([
      { file: 'schema/entries.schema.json', line: 1, message: expect.stringContaining('the schema is not usable') },
    ]);
    expect(degraded.knowledge.entries).toBe(before.knowledge.entries);

    writeFileSync(path.join(bot.knowledgeDir, 'schema/entries.schema.json'), schema);
    writeFileSync(path.join(bot.knowledgeDir, HOTLINE), hotline);
    expect(await healthWhen(bot, (h) => h.status === 'ok' && h.knowledge.version === before.knowledge.version)).toMatchObject({
      status: 'ok',
      knowledge: { version: before.knowledge.version },
    });
  });

  it('a new file that never had good content is left out, and so is a file that reuses an entry id', async () => {
    const before = await health(bot);
    writeFileSync(path.join(bot.knowledgeDir, 'entries/new.json'), '{ "entries": [ ');
    const hotline = JSON.parse(readFileSync(path.join(bot.knowledgeDir, HOTLINE), 'utf8')) as { entries: object[] };
    writeFileSync(path.join(bot.knowledgeDir, 'entries/copy.json'), JSON.stringify({ entries: [hotline.entries[0]] }, null, 2));
    const degraded = await healthWhen(bot, (h) => h.knowledge.problemCount >= 2);
    expect(degraded.knowledge.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'entries/new.json', message: expect.stringContaining('invalid JSON') }),
        { file: 'entries/copy.json', line: 3, message: `id "hotline" is already used at ${HOTLINE}:4: give this entry another id` },
      ]),
    );
    expect(degraded.knowledge.entries).toBe(before.knowledge.entries);
    expect(degraded.knowledge.version).toBe(before.knowledge.version);

    rmSync(path.join(bot.knowledgeDir, 'entries/new.json'));
    rmSync(path.join(bot.knowledgeDir, 'entries/copy.json'));
    expect((await healthWhen(bot, (h) => h.status === 'ok')).knowledge.version).toBe(before.knowledge.version);
  });

  it('deleting every entries file is refused as a problem, and the bot keeps answering', async () => {
    const before = await health(bot);
    const entries = path.join(bot.knowledgeDir, 'entries');
    const aside = `${entries}-aside`;
    renameSync(entries, aside);
    const refused = await healthWhen(bot, (h) => h.status === 'degraded');
    expect(refused.knowledge.problems).toEqual([
      { file: 'entries/', line: 1, message: expect.stringContaining('no entries would be left') },
    ]);
    expect(refused.knowledge).toMatchObject({ version: before.knowledge.version, entries: before.knowledge.entries });
    const [reply] = await ask(bot.url, 'wiped', 'so tong dai buu dien');
    expect(reply.text).toContain('1900 54 54 81');

    renameSync(aside, entries);
    expect((await healthWhen(bot, (h) => h.status === 'ok')).knowledge.version).toBe(before.knowledge.version);
  });

  it('deleting every article is refused too', async () => {
    const before = await health(bot);
    const articles = path.join(bot.knowledgeDir, 'articles');
    cpSync(articles, `${articles}-aside`, { recursive: true });
    rmSync(articles, { recursive: true });
    const refused = await healthWhen(bot, (h) => h.status === 'degraded');
    expect(refused.knowledge.problems).toEqual([
      { file: 'articles/', line: 1, message: expect.stringContaining('no articles would be left') },
    ]);
    expect(refused.knowledge.articles).toBe(before.knowledge.articles);
    renameSync(`${articles}-aside`, articles);
    expect((await healthWhen(bot, (h) => h.status === 'ok')).knowledge.articles).toBe(before.knowledge.articles);
  });
});

describe('built files where they belong', () => {
  it('saves each version to DATA_DIR/kb.json before it serves, never to knowledge/kb.json; after a restart it stands in for a file broken meanwhile', async () => {
    let bot = await startBot();
    const { dataDir, knowledgeDir } = bot;
    try {
      const shipped = readFileSync(path.join(knowledgeDir, 'kb.json'));
      const savedAtEvent: string[] = [];
      bot.app.knowledge.on('reloaded', () =>
        savedAtEvent.push((JSON.parse(readFileSync(path.join(dataDir, 'kb.json'), 'utf8')) as { version: string }).version),
      );
      writeFileSync(path.join(knowledgeDir, ARTICLE), ARTICLE_TEXT);
      const live = await healthWhen(bot, (h) => h.knowledge.articles === 2);
      expect(savedAtEvent).toEqual([live.knowledge.version]);
      expect(readFileSync(path.join(knowledgeDir, 'kb.json')).equals(shipped)).toBe(true);
      await bot.stop();

      // While the bot is down the article is broken: its lead now contradicts the file name.
      writeFileSync(path.join(knowledgeDir, ARTICLE), ARTICLE_TEXT.replace('Ngày 21/11,', 'Ngày 22/11,'));
      bot = await startBot({ dataDir, knowledgeDir });
      const restarted = await health(bot);
      expect(restarted).toMatchObject({ status: 'degraded', knowledge: { version: live.knowledge.version, articles: 2 } });
      expect(restarted.knowledge.problems).toEqual([
        { file: ARTICLE, line: 5, message: expect.stringContaining('the file name says 2026-11-21') },
      ]);
      await bot.stop();

      // A fresh instance has only the shipped knowledge/kb.json, which never had the article: it is left out.
      bot = await startBot({ dataDir: tempDir('data'), knowledgeDir });
      expect(await health(bot)).toMatchObject({ status: 'degraded', knowledge: { articles: 1, problemCount: 1 } });
    } finally {
      await bot.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a saved build found damaged at start (log line naming the file, /healthz, the console) and serves what the sources give', async () => {
    let bot = await startBot();
    const { dataDir, knowledgeDir } = bot;
    const lines: Array<{ level: number; msg: string; file?: string; reason?: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    try {
      writeFileSync(path.join(knowledgeDir, ARTICLE), ARTICLE_TEXT);
      await healthWhen(bot, (h) => h.knowledge.articles === 2);
      await bot.stop();
      // Down: the article breaks, and the saved build is cut short (as a power loss before its data reached the disk).
      writeFileSync(path.join(knowledgeDir, ARTICLE), ARTICLE_TEXT.replace('Ngày 21/11,', 'Ngày 22/11,'));
      const saved = path.join(dataDir, 'kb.json');
      writeFileSync(saved, readFileSync(saved, 'utf8').slice(0, 5000));
      const shipped = path.join(knowledgeDir, 'kb.json');
      writeFileSync(shipped, '{"version":');
      bot = await startBot({ dataDir, knowledgeDir, log });
      const restarted = await health(bot);
      expect(restarted).toMatchObject({ status: 'degraded', knowledge: { articles: 1, problemCount: 3 } });
      expect(restarted.knowledge.problems).toEqual([
        {
          file: 'DATA_DIR/kb.json',
          line: 1,
          message: expect.stringMatching(/^damaged at start, not valid JSON .*: not used; built again/u),
        },
        {
          file: 'kb.json',
          line: 1,
          message: expect.stringMatching(/^damaged at start, not valid JSON .*: not used; run npm run kb:build/u),
        },
        { file: ARTICLE, line: 5, message: expect.stringContaining('the file name says 2026-11-21') },
      ]);
      expect(JSON.stringify(restarted)).not.toContain(dataDir);
      expect(bot.app.knowledge.problems).toEqual(restarted.knowledge.problems);
      expect(lines.filter((l) => l.level === 50 && l.msg.startsWith('KNOWLEDGE BUILD DAMAGED')).map((l) => l.file)).toEqual([
        saved,
        shipped,
      ]);
      // Still answering, from the sources; the saved build is whole again.
      expect((await ask(bot.url, 'damaged-kb', 'tong dai buu dien')).at(-1)?.text).toContain('1900 54 54 81');
      expect((JSON.parse(readFileSync(saved, 'utf8')) as { version: string }).version).toBe(restarted.knowledge.version);
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    } finally {
      await bot.dispose();
    }
  });

  it('does not serve a version it could not save, and puts it live once it can', async () => {
    const bot = await startBot();
    try {
      const before = await health(bot);
      const saved = path.join(bot.dataDir, 'kb.json');
      // A folder where the file should be: every save fails.
      rmSync(saved);
      mkdirSync(saved);
      writeFileSync(path.join(bot.knowledgeDir, ARTICLE), ARTICLE_TEXT);
      for (let i = 0; i < 5; i++) await bot.app.knowledge.reloadIfChanged();
      expect((await health(bot)).knowledge).toMatchObject({ version: before.knowledge.version, articles: 1 });

      rmSync(saved, { recursive: true });
      const live = await healthWhen(bot, (h) => h.knowledge.articles === 2);
      expect(live.knowledge.articles).toBe(2);
      expect((JSON.parse(readFileSync(saved, 'utf8')) as { version: string }).version).toBe(live.knowledge.version);
    } finally {
      await bot.dispose();
    }
  });

  it('a version whose kb.json cannot be written does not go live: /healthz, the gauge and the log say so, and the old answers keep coming', async () => {
    const lines: Array<{ level: number; msg: string; problem?: string }> = [];
    const bot = await startBot({
      log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) }),
    });
    try {
      const before = await health(bot);
      const question = 'lịch tiếp nhận bưu gửi của đơn vị mẫu Hoa Sen';
      const [oldAnswer] = await ask(bot.url, 'unsaved-1', question);
      const reloads: string[] = [];
      bot.app.knowledge.on('reloaded', (e) => reloads.push(e.version));
      const saved = path.join(bot.dataDir, 'kb.json');
      rmSync(saved);
      mkdirSync(saved);
      writeFileSync(path.join(bot.knowledgeDir, ARTICLE), ARTICLE_TEXT);

      const unsaved = await healthWhen(bot, (h) => h.status === 'degraded');
      expect(unsaved.status).toBe('degraded');
      expect(unsaved.knowledge).toMatchObject({ version: before.knowledge.version, articles: 1, problemCount: 1 });
      expect(unsaved.knowledge.problems).toEqual([
        {
          file: 'DATA_DIR/kb.json',
          line: 1,
          message: expect.stringContaining(`so it is not live: version ${before.knowledge.version} serves until it can be`),
        },
      ]);
      expect(JSON.stringify(unsaved)).not.toContain(bot.dataDir);
      expect(bot.app.knowledge.problems).toEqual(unsaved.knowledge.problems);
      expect(await problemsGauge(bot)).toBe('1');
      const [stillOld] = await ask(bot.url, 'unsaved-2', question);
      expect(stillOld!.text).toBe(oldAnswer!.text);
      expect(stillOld!.text).not.toContain('21/11/2026');
      expect(reloads).toEqual([]);
      // Logged once as what it is, although every check tries again; nothing claims the version went live.
      expect(lines.filter((l) => l.level === 50 && l.problem?.startsWith('DATA_DIR/kb.json:1:'))).toEqual([
        expect.objectContaining({ msg: expect.stringContaining('not live, the one before keeps serving') }),
      ]);
      expect(lines.filter((l) => l.msg === 'knowledge reloaded')).toEqual([]);

      rmSync(saved, { recursive: true });
      const live = await healthWhen(bot, (h) => h.status === 'ok' && h.knowledge.articles === 2);
      expect(live).toMatchObject({ status: 'ok', knowledge: { articles: 2, problemCount: 0, problems: [] } });
      expect(await problemsGauge(bot)).toBe('0');
      expect(reloads).toEqual([live.knowledge.version]);
      const [news] = await ask(bot.url, 'unsaved-3', question);
      expect(news!.text).toContain('21/11/2026');
    } finally {
      await bot.dispose();
    }
  });
});

describe('each version that goes live is published', () => {
  it("fires 'reloaded' once per version, the first one included, with kb.json already saved; a late subscriber gets the live one", async () => {
    const knowledgeDir = copyKnowledge();
    const dataDir = tempDir('data');
    try {
      const store = new KnowledgeStore({ dir: knowledgeDir, savedDir: dataDir, log: createLogger('silent') });
      const events: Array<{ version: string; saved: string; added: string[] }> = [];
      const savedVersion = (): string => (JSON.parse(readFileSync(path.join(dataDir, 'kb.json'), 'utf8')) as { version: string }).version;
      store.on('reloaded', (e) => events.push({ version: e.version, saved: savedVersion(), added: e.added.map((a) => a.file) }));

      const first = await store.load();
      expect(events).toEqual([{ version: first.version, saved: first.version, added: first.articles.map((a) => a.file) }]);
      expect(store.kb.version).toBe(first.version);

      // Nothing changed, then a broken file (it keeps its last good content): no new version, no event.
      expect(await store.reloadIfChanged()).toBe(false);
      const good = edit({ knowledgeDir }, HOTLINE, (t) => t.replace('"id": "hotline",', '"id": "hotline"'));
      expect(await store.reloadIfChanged()).toBe(false);
      expect(events).toHaveLength(1);

      writeFileSync(path.join(knowledgeDir, ARTICLE), ARTICLE_TEXT);
      expect(await store.reloadIfChanged()).toBe(true);
      const second = store.kb.version;
      expect(second).not.toBe(first.version);
      expect(events).toEqual([events[0], { version: second, saved: second, added: [ARTICLE] }]);

      // The fixed file is what was serving already.
      writeFileSync(path.join(knowledgeDir, HOTLINE), good);
      expect(await store.reloadIfChanged()).toBe(false);
      expect(events).toHaveLength(2);

      const late: string[] = [];
      store.onVersion((v) => late.push(v.version));
      expect(late).toEqual([second]);

      // A first version that cannot be saved never serves: the store names the file instead.
      rmSync(path.join(dataDir, 'kb.json'));
      mkdirSync(path.join(dataDir, 'kb.json'));
      const unsaved = new KnowledgeStore({ dir: knowledgeDir, savedDir: dataDir, log: createLogger('silent') });
      unsaved.on('reloaded', (e) => late.push(e.version));
      await expect(unsaved.load()).rejects.toMatchObject({
        name: 'KnowledgeError',
        problems: [{ file: 'DATA_DIR/kb.json', line: 1, message: expect.stringContaining('the bot cannot start') }],
      });
      expect(late).toEqual([second]);
    } finally {
      rmSync(knowledgeDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
