// What a question asks (type and constraints) and how the answer engine holds candidates to it, over the
// live knowledge plus the announcement fixtures.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../src/answer/answerEngine.js';
import { answerMessage, relatedMessage } from '../src/bot/answerText.js';
import { evalKnowledgeDir } from '../src/evaluation/evalKnowledge.js';
import { buildKnowledge } from '../src/knowledge/kbBuilder.js';
import { readLexicon } from '../src/knowledge/entryFiles.js';
import { ShortWordTypos } from '../src/search/typos.js';
import { questionFrame } from '../src/understanding/questionFrame.js';

describe('question frame', () => {
  it.each([
    ['bưu điện bắc kạn có bao nhiêu nhân viên', { type: 'howMuch', focus: 'nhan vien' }],
    ['bưu điện tỉnh có mấy nhân viên', { type: 'howMuch', focus: 'nhan vien' }],
    ['giam doc buu dien tinh la ai', { type: 'who', role: 'giam doc' }],
    ['doanh thu năm 2021 bao nhiêu', { type: 'howMuch', years: [2021], focus: 'doanh thu' }],
    ['ngày 1/1 có mở cửa không', { type: 'yesNo', dates: [{ day: 1, month: 1 }] }],
    ['buu dien co nhung dich vu gì', { type: 'list' }],
    ['gọi 1900 54 54 81 có tốn tiền không', { type: 'yesNo', years: [] }],
    ['bưu kiện tối đa bao nhiêu ký', { type: 'howMuch', focus: 'kg' }],
    ['doanh thu năm ngoái', { years: [2025] }],
    ['thông báo năm nay', { years: [2026] }],
  ])('%s', (question, frame) => {
    // 31/12/2026 at 18:00 UTC is already 1/1/2027 in Vietnam: still read as 2026 here would be wrong.
    expect(questionFrame(question, new Date('2026-06-01T00:00:00Z'))).toMatchObject(frame);
    expect(questionFrame('doanh thu năm nay', new Date('2026-12-31T18:00:00Z')).years).toEqual([2027]);
  });
});

describe('answer engine', () => {
  let dir: string;
  let engine: AnswerEngine;
  beforeAll(async () => {
    dir = evalKnowledgeDir(path.resolve(import.meta.dirname, '..'), 'tests/fixtures/knowledge');
    engine = new AnswerEngine((await buildKnowledge(dir)).kb!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the year asked with the sentence and the sentence before it that names the year', () => {
    const { band, best } = engine.lookup('doanh thu năm 2020 bao nhiêu');
    expect(band).toBe('answer');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toMatch(/^Năm 2020, .*114 tỷ đồng/u);
  });

  it('brings the sentence of the paragraph that names the year asked, when the answer does not', () => {
    const { best } = engine.lookup('bưu tá và giao dịch viên cần làm gì năm 2021');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toMatch(/^Năm 2021, .*giao dịch viên và bưu tá\.$/su);
  });

  it('names the neighbouring year as such, never as the answer', () => {
    const lookup = engine.lookup('doanh thu năm 2021 bao nhiêu');
    expect(lookup.band).toBe('none');
    expect(lookup.related).toMatchObject({ asked: [2021], stated: [2020], figure: true });
  });

  it('does not take a deputy general director for the director asked about', () => {
    expect(engine.lookup('giam doc buu dien tinh la ai').band).toBe('none');
    expect(engine.lookup('phó tổng giám đốc tổng công ty là ai').band).toBe('answer');
  });

  it('does not answer a count with an entry that does not measure what is counted', () => {
    expect(engine.lookup('bưu điện bắc kạn có bao nhiêu nhân viên').band).toBe('none');
    // office-address names "bưu cục" only in a where-question: it counts none.
    expect(engine.lookup('bưu điện tỉnh bắc kạn có bao nhiêu bưu cục').band).toBe('none');
  });

  it('answers a question about a day with the notice naming it, and says no first', () => {
    const { best } = engine.lookup('ngày 1/1 có mở cửa không');
    expect(best).toMatchObject({ kind: 'article', polarity: 'no' });
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toContain('01/01/2027');
  });

  it('says yes or no from a limit in the entry', () => {
    expect(engine.lookup('bưu kiện nặng 40kg có gửi được không').best).toMatchObject({ polarity: 'no' });
    expect(engine.lookup('gửi bưu kiện 20kg được không').best).toMatchObject({ polarity: 'yes' });
  });

  it('says what the source holds and what it does not, in the reply\'s language', () => {
    const { related } = engine.lookup('doanh thu năm 2021 bao nhiêu');
    expect(relatedMessage(related!, 'vi').text).toMatch(/^Dạ, bài viết “.+” \(23\/12\/2020\) chỉ nêu số liệu năm 2020: Năm 2020, .*114 tỷ đồng.* Chưa có số liệu năm 2021; Quý khách vui lòng gọi 1900 54 54 81\./su);
    expect(relatedMessage(related!, 'en').text).toMatch(/only gives the figure for 2020: “Năm 2020, .*” There is no figure for 2021; please call 1900 54 54 81\..*\(The source is in Vietnamese\.\)/su);
  });

  it('answers English over Vietnamese content quoting the source and saying it is in Vietnamese', () => {
    const { best } = engine.lookup('What was the total revenue of the post office in 2020?');
    expect(answerMessage(best!, 'en', (id) => engine.entry(id)).text).toMatch(/^According to the article “.+” \(23\/12\/2020, in Vietnamese\): “.*114 tỷ đồng.*”\n\nSource: .*\(The source is in Vietnamese\.\)$/su);
    const { best: entry } = engine.lookup('ông tôi 85 tuổi có được nhận lương hưu tại nhà không');
    expect(answerMessage(entry!, 'vi', (id) => engine.entry(id)).text).toMatch(/^Dạ, có\. Lương hưu được chi trả tại nhà/u);
  });

  it('reads an English question through the lexicon', () => {
    const lookup = engine.lookup('What was the total revenue of the post office in 2020?');
    expect(lookup.english).toBe(true);
    expect(lookup.best?.kind === 'article' && lookup.best.sentences.map((s) => s.text).join(' ')).toContain('114 tỷ đồng');
  });
});

describe('lexicon file', () => {
  it('reports a key that is not lower-case English words by line', () => {
    const { problems } = readLexicon('lexicon.json', '{\n  "pension": "lương hưu",\n  "Bad_Key": "x"\n}');
    expect(problems).toEqual([{ file: 'lexicon.json', line: 3, message: expect.stringContaining('"Bad_Key" must be English words') }]);
  });
});

describe('short-word typos', () => {
  it('corrects a short word only where its neighbours leave one reading', () => {
    const typos = new ShortWordTypos([['nhan', 'luong', 'huu'], ['thu', 'ho'], ['dien', 'thoai']]);
    expect(typos.correct(['luong', 'hu', 'o', 'dau'])).toEqual(['luong', 'huu', 'o', 'dau']);
    // "hu" next to nothing known: "huu" and "thu" are both one edit away, so it is left alone.
    expect(typos.correct(['hu'])).toEqual(['hu']);
  });
});
