// A reload at scale (issue 27): only the files that changed are read and parsed, the others give what they
// gave, and the version built so answers exactly as a full build of the same folder; a broken file keeps being
// reported by file and line while its last good content serves; fs.watch makes a change go live without
// waiting for the next periodic check.
import { appendFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../src/answer/answerEngine.js';
import { Answers } from '../src/answer/answers.js';
import { generateKnowledge } from '../src/evaluation/generatedArticles.js';
import { buildKnowledge } from '../src/knowledge/kbBuilder.js';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import { FIXTURE_KNOWLEDGE, tempDir } from './helpers/botServer.js';

const HOTLINE = 'entries/hotline.json';
const QUESTIONS = [
  'so tong dai buu dien',
  'doanh thu năm 2021 của bưu điện tỉnh',
  'bưu điện tỉnh lắp thêm bao nhiêu máy tra cứu',
  'giờ mở cửa',
];

let knowledgeDir: string;
let dataDir: string;
let logged: Array<{ msg: string; read?: number; problem?: string }>;
let store: KnowledgeStore;

beforeEach(async () => {
  knowledgeDir = tempDir('kb');
  rmSync(knowledgeDir, { recursive: true });
  dataDir = tempDir('data');
  // Thirty articles made from the fixture's, so that "only the changed file" is one of many.
  await generateKnowledge(FIXTURE_KNOWLEDGE, knowledgeDir, 30);
  logged = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
  store = new KnowledgeStore({ dir: knowledgeDir, savedDir: dataDir, log });
});

afterEach(() => {
  store.stop();
  rmSync(knowledgeDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const articleFile = (i: number): string => path.join(knowledgeDir, 'articles', readdirSync(path.join(knowledgeDir, 'articles')).sort()[i]!);
const reloads = () => logged.filter((l) => l.msg === 'knowledge reloaded');

describe('a reload reads only what changed', () => {
  it('one article edited among thirty: that file alone is read, and the new version answers as a full build', async () => {
    const answers = new Answers(store);
    await store.load();
    appendFileSync(articleFile(7), ' Bưu điện tỉnh đã lắp thêm 12 máy tra cứu bưu gửi.');
    expect(await store.reloadIfChanged()).toBe(true);
    expect(reloads().map((l) => l.read)).toEqual([1]);

    const full = (await buildKnowledge(knowledgeDir)).kb!;
    expect({ ...store.kb, parser: undefined }).toEqual({ ...full, parser: undefined });
    const fresh = new AnswerEngine(full);
    for (const question of QUESTIONS) expect(answers.engine.lookup(question)).toEqual(fresh.lookup(question));

    // Nothing changed since: nothing is read, no version.
    expect(await store.reloadIfChanged()).toBe(false);
    expect(reloads()).toHaveLength(1);
  });

  it('a broken file stays reported by file and line, its last good content serving, while other changes are read alone', async () => {
    await store.load();
    const entries = store.kb.entries.length;
    writeFileSync(path.join(knowledgeDir, HOTLINE), '{ "entries": [ \n');
    expect(await store.reloadIfChanged()).toBe(false);
    const broken = store.problems.filter((p) => p.file === HOTLINE);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken).toEqual(broken.map(() => expect.objectContaining({ line: 2, message: expect.stringContaining('invalid JSON') })));

    appendFileSync(articleFile(3), ' Bưu điện tỉnh đã lắp thêm 5 máy tra cứu bưu gửi.');
    expect(await store.reloadIfChanged()).toBe(true);
    expect(reloads().map((l) => l.read)).toEqual([1]);
    expect(store.problems.filter((p) => p.file === HOTLINE)).toEqual(broken);
    expect(store.kb.entries).toHaveLength(entries);
    expect(store.kb.entries.some((e) => e.file === HOTLINE)).toBe(true);
  });

  it('fs.watch reports an edit: it goes live without waiting for the periodic check', async () => {
    await store.load();
    const live = new Promise<string[]>((resolve) => store.on('reloaded', ({ added }) => resolve(added.map((a) => a.file))));
    // A check every ten minutes: only the watcher's hint can bring the change in while the test waits.
    store.watch(600_000);
    writeFileSync(
      path.join(knowledgeDir, 'articles', '2026-11-21-bai-moi.txt'),
      'Bài mới\n\nNgày 21/11, Bưu điện tỉnh tổ chức tập huấn cho 40 giao dịch viên.\n',
    );
    expect(await live).toEqual(['articles/2026-11-21-bai-moi.txt']);
    expect(reloads().map((l) => l.read)).toEqual([1]);
  });
});
