import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inferYear, parseArticle, splitSentences } from '../src/knowledge/articleParser.js';
import { buildKnowledge } from '../src/knowledge/kbBuilder.js';
import { writeKnowledgeFile } from '../src/knowledge/kbFile.js';
import { copyKnowledge, FIXTURE_KNOWLEDGE, PROJECT_KNOWLEDGE } from './helpers/botServer.js';

const SEED = 'articles/2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021.txt';
const seedText = readFileSync(path.join(FIXTURE_KNOWLEDGE, SEED), 'utf8');

describe('article parser on the seed article', () => {
  const parsed = parseArticle(SEED, seedText);
  const article = parsed.article!;

  it('drops the website header line with its non-breaking space and finds the title', () => {
    expect(seedText.split('\n')[0]).toContain('\u00a0');
    expect(parsed.problems).toEqual([]);
    expect(article.title).toBe('Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021');
  });

  it('dates it 2020-12-23: day/month from "Ngày 23/12", the year from the file name', () => {
    expect(article.date).toBe('2020-12-23');
    expect(parsed.article && parsed.yearFrom).toBe('file name');
  });

  it('finds the photo caption, apart from the paragraphs', () => {
    expect(article.captions).toHaveLength(1);
    expect(article.captions[0].text).toMatch(/^Phó Tổng giám đốc Tổng công ty Đinh Như Hạnh trao tặng Giấy khen/u);
    expect(article.captions[0].line).toBe(10);
    expect(article.paragraphs.flat().some((s) => s.text.startsWith('Phó Tổng giám đốc'))).toBe(false);
  });

  it('splits paragraphs into sentences with their source lines', () => {
    expect(article.paragraphs).toHaveLength(5);
    const revenue = article.paragraphs.flat().find((s) => s.text.includes('114 tỷ đồng'));
    expect(revenue?.text).toMatch(/^Cụ thể, tổng doanh thu đạt trên 114 tỷ đồng/u);
    expect(revenue?.line).toBe(7);
  });

  it('finds the figures: amounts in đồng and percentages', () => {
    const figures = article.figures.map((f) => [f.kind, f.text, f.value]);
    expect(figures).toEqual(
      expect.arrayContaining([
        ['amount', '114 tỷ đồng', 114e9],
        ['amount', '57 tỷ đồng', 57e9],
        ['percentage', '97%', 97],
        ['percentage', '96%', 96],
        ['percentage', '111%', 111],
      ]),
    );
    // Years and counts are not figures.
    expect(article.figures.some((f) => f.value === 2020 || f.value === 2019)).toBe(false);
  });
});

describe('article parser rules', () => {
  it('does not split after abbreviations such as TP.', () => {
    expect(splitSentences('Bưu điện TP. Bắc Kạn mở cửa. Khách đến đông.')).toEqual(['Bưu điện TP. Bắc Kạn mở cửa.', 'Khách đến đông.']);
  });

  it('infers the year from reported years, not planned ones', () => {
    expect(inferYear('Năm 2020, đơn vị đạt kết quả tốt. Kế hoạch năm 2021 được giao.')).toBe(2020);
    expect(inferYear('Triển khai kế hoạch năm 2022.')).toBe(2021);
    expect(inferYear('Không có năm nào.')).toBeUndefined();
  });

  it('takes an explicit year from the date line', () => {
    const { article } = parseArticle('articles/x.txt', 'Tiêu đề\n\nNgày 5/1/2024, có sự kiện.\n\nNội dung.');
    expect(article?.date).toBe('2024-01-05');
  });

  it('takes the year from a file named YYYY-MM-DD-….txt when the lead gives day and month only', () => {
    const result = parseArticle('articles/2026-11-21-x.txt', 'Tiêu đề\nNgày 21/11, có sự kiện.\nNội dung.');
    expect(result).toMatchObject({ article: { date: '2026-11-21' }, yearFrom: 'file name' });
    // Without a dated file name the year still comes from the text, as before.
    expect(parseArticle('articles/x.txt', 'Tiêu đề\nNgày 21/11, kết quả năm 2025.')).toMatchObject({
      article: { date: '2025-11-21' },
      yearFrom: 'text',
    });
    expect(parseArticle('articles/2026-11-21-x.txt', 'Tiêu đề\nNgày 21/11/2026, có sự kiện.')).toMatchObject({ yearFrom: 'lead' });
  });

  it('reports a lead that contradicts the file name, and a file name that is no date', () => {
    expect(parseArticle('articles/2026-11-21-x.txt', 'Tiêu đề\nNgày 22/11, sự kiện.').problems).toEqual([
      {
        file: 'articles/2026-11-21-x.txt',
        line: 2,
        message: 'the lead says 22/11/2026 but the file name says 2026-11-21: make them agree (the file name carries the publication date)',
      },
    ]);
    expect(parseArticle('articles/2026-11-21-x.txt', 'Tiêu đề\nNgày 21/11/2025, sự kiện.').problems[0].message).toContain(
      'the file name says 2026-11-21',
    );
    expect(parseArticle('articles/2026-13-01-x.txt', 'Tiêu đề\nNgày 1/12, sự kiện.').problems[0].message).toContain('not a valid date');
  });

  it('reports a missing date line by file and line', () => {
    const result = parseArticle('articles/x.txt', 'Tiêu đề\n\nKhông có ngày ở đây.\n');
    expect(result.problems).toEqual([{ file: 'articles/x.txt', line: 3, message: expect.stringContaining('Ngày 23/12') }]);
  });

  it('reports an impossible date', () => {
    const result = parseArticle('articles/x.txt', 'Tiêu đề\nNgày 31/2/2021, sự kiện.');
    expect(result.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining('not a valid date') });
  });
});

describe('kb:build', () => {
  it("is deterministic: the same sources give the same bytes, equal to the fixture's kb.json", async () => {
    const first = copyKnowledge();
    const second = copyKnowledge();
    const a = await buildKnowledge(first);
    const b = await buildKnowledge(second);
    expect(a.problems).toEqual([]);
    // Written afresh, not kept: the copies' kb.json would otherwise already hold this version.
    for (const dir of [first, second]) rmSync(path.join(dir, 'kb.json'));
    await writeKnowledgeFile(first, a.kb!);
    await writeKnowledgeFile(second, b.kb!);
    const bytes = readFileSync(path.join(first, 'kb.json'));
    expect(bytes.equals(readFileSync(path.join(second, 'kb.json')))).toBe(true);
    expect(bytes.equals(readFileSync(path.join(FIXTURE_KNOWLEDGE, 'kb.json')))).toBe(true);
  });

  it('holds every entry of the knowledge files, with its file and line', async () => {
    const { kb } = await buildKnowledge(FIXTURE_KNOWLEDGE);
    const hotline = kb!.entries.find((e) => e.id === 'hotline');
    expect(hotline).toMatchObject({ file: 'entries/hotline.json', line: 4 });
    expect(hotline!.answer.vi).toContain('1900 54 54 81');
    expect(kb!.articles[0].date).toBe('2020-12-23');
  });

  it('leaves kb.json alone when it holds the build, and survives several processes writing a new one at once', async () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'kb.json');
    const { kb } = await buildKnowledge(dir);
    const before = statSync(file).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeKnowledgeFile(dir, kb!);
    expect(statSync(file).mtimeMs).toBe(before);
    // Instances sharing the folder, each with its own writer: steno's temporary file has one name.
    const changed = { ...kb!, version: 'changed00000' };
    await Promise.all(Array.from({ length: 6 }, () => writeKnowledgeFile(dir, changed)));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(changed)));
  });

  it('changes version when a source changes', async () => {
    const dir = copyKnowledge();
    const before = (await buildKnowledge(dir)).kb!.version;
    writeFileSync(path.join(dir, 'abbreviations.json'), JSON.stringify({ sđt: 'số điện thoại', ntn: 'như thế nào' }));
    expect((await buildKnowledge(dir)).kb!.version).not.toBe(before);
  });
});

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../src/cli/kbCheck.ts');

describe('kb:check reports problems as file:line', () => {
  function edit(dir: string, file: string, change: (text: string) => string): void {
    const full = path.join(dir, file);
    writeFileSync(full, change(readFileSync(full, 'utf8')));
  }

  it('a JSON syntax error: the line of the error', async () => {
    const dir = copyKnowledge();
    edit(dir, 'entries/tracking.json', (t) => t.replace('"id": "tracking",', '"id": "tracking"'));
    const { kb, problems } = await buildKnowledge(dir);
    expect(kb).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: 'entries/tracking.json', line: 6, message: expect.stringContaining('invalid JSON') });
  });

  it('a schema violation: the line of the offending value, in words staff understand', async () => {
    const dir = copyKnowledge();
    edit(dir, 'entries/tracking.json', (t) => t.replace('"updated": "2026-11-26"', '"updated": "26/11/2026"'));
    const line =
      readFileSync(path.join(dir, 'entries/tracking.json'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('26/11/2026')) + 1;
    const { problems } = await buildKnowledge(dir);
    expect(problems).toEqual([{ file: 'entries/tracking.json', line, message: expect.stringContaining('YYYY-MM-DD') }]);
  });

  it('a missing field and an unknown field', async () => {
    const dir = copyKnowledge();
    edit(dir, 'entries/tracking.json', (t) => t.replace('"updated": "2026-11-26"', '"updatd": "2026-11-26"'));
    const messages = (await buildKnowledge(dir)).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(messages).toContain('entries/tracking.json:4: "entries.0" is missing "updated": add it');
    expect(messages).toContain('entries/tracking.json:4: "entries.0" has an unknown field "updatd": remove it or fix its spelling');
  });

  it('a follow-up to an id that does not exist, and a duplicate id', async () => {
    const dir = copyKnowledge();
    edit(dir, 'entries/tracking.json', (t) =>
      t.replace('"registered-mail",', '"registered-mial",').replace('"id": "tracking"', '"id": "parcel-post"'),
    );
    const messages = (await buildKnowledge(dir)).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"registered-mial", which is no entry'),
        expect.stringContaining('id "parcel-post" is already used at entries/services.json:'),
      ]),
    );
  });

  it('refuses a folder with no entries or no articles', async () => {
    const dir = copyKnowledge();
    rmSync(path.join(dir, 'entries'), { recursive: true });
    rmSync(path.join(dir, 'articles'), { recursive: true });
    const { kb, problems } = await buildKnowledge(dir);
    expect(kb).toBeUndefined();
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(['entries/:1', 'articles/:1']);
  });

  it('the CLI prints each problem as file:line and exits non-zero; 0 when all is well, saying where each year came from', async () => {
    const dir = copyKnowledge();
    edit(dir, 'abbreviations.json', (t) => t.replace('"sđt": "số điện thoại"', '"sđt": ""'));
    const failed = await run(process.execPath, ['--import', 'tsx', CLI, dir]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`${dir}/abbreviations.json:3: "sđt" must map to a non-empty text`);
    const ok = await run(process.execPath, ['--import', 'tsx', CLI, FIXTURE_KNOWLEDGE]);
    expect(ok.stdout).toMatch(/^OK: 1 article\(s\), \d+ entries/mu);
    expect(ok.stdout).toContain(`${FIXTURE_KNOWLEDGE}/${SEED}: dated 2020-12-23, the year from the file name`);
  }, 120_000);
});

describe('the live knowledge folder', () => {
  // The one test that reads knowledge/: whatever staff have added, it must pass kb:check.
  it('passes kb:check', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, PROJECT_KNOWLEDGE]);
    expect(stdout).toMatch(/^OK: \d+ article\(s\), \d+ entries/mu);
  }, 120_000);
});

describe('kb:check --ask: a dry run on the working copy', () => {
  it('answers as the bot would, from a change not yet live anywhere, with the file and line it drew on', async () => {
    const dir = copyKnowledge();
    writeFileSync(
      path.join(dir, 'articles/2026-11-21-thu-nghiem.txt'),
      'Thông báo thử nghiệm về đơn vị mẫu Hoa Sen\n\nNgày 21/11, Bưu điện thử nghiệm đăng thông báo mẫu.\n\nBài viết chỉ dùng trong kiểm thử. Đơn vị mẫu Hoa Sen tiếp nhận bưu gửi theo lịch thử nghiệm.\n',
    );
    const before = readFileSync(path.join(dir, 'kb.json'));
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      CLI,
      dir,
      '--ask',
      'so tong dai buu dien',
      '--ask',
      'đơn vị mẫu Hoa Sen tiếp nhận bưu gửi thế nào',
    ]);
    expect(stdout).toContain(`${dir}/kb.json is not this version yet: run npm run kb:build`);
    const [hotline, article] = stdout.split('\nQ: ').slice(1);
    expect(hotline).toMatch(/^so tong dai buu dien\nBot: Dạ, đường dây nóng hỗ trợ khách hàng của Bưu điện Việt Nam là 1900 54 54 81/u);
    expect(hotline).toContain('Drawn from: entries/hotline.json:4 (entry "hotline"');
    expect(article).toContain('(21/11/2026)');
    expect(article).toContain('Drawn from: articles/2026-11-21-thu-nghiem.txt:5');
    // A dry run changes nothing in the folder.
    expect(readFileSync(path.join(dir, 'kb.json')).equals(before)).toBe(true);
  }, 120_000);
});
