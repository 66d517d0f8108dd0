// "Dạ, có." never leads a body that says no. For every clause of every entry's answer and every sentence of
// every article that denies, ends or replaces something ("không phải trả phí", "đã bỏ", "được thay thế"),
// the yes/no question a citizen would ask about it — its words, the denial taken out, "… có … không" — must
// not get "yes" first: neither from the clause alone nor from the answer engine over the whole knowledge.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../src/answer/answerEngine.js';
import { answerClauses, DENIES, entryPolarity, openingPolarity } from '../src/answer/polarity.js';
import { evalKnowledgeDir } from '../src/evaluation/evalKnowledge.js';
import { buildKnowledge } from '../src/knowledge/kbBuilder.js';
import type { KnowledgeBase } from '../src/knowledge/kbBuilder.js';

// The denying words taken out of a clause, to ask about what it denies ("không phải trả phí" → "trả phí").
const DENIAL = /(?<![\p{L}])(?:không (?:phải|còn)|không|chưa|đã bỏ|được bỏ|bị bỏ|bãi bỏ|chấm dứt|ngừng|ngưng|hết hiệu lực)(?![\p{L}])/giu;

function asked(clause: string): string {
  const predicate = clause
    .replace(/^Dạ,\s*/u, '')
    .replace(DENIAL, ' ')
    .replace(/[();:]|\.(?!\d)/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return `${predicate} có đúng không`;
}

let dir: string;
let kb: KnowledgeBase;
let engine: AnswerEngine;
beforeAll(async () => {
  dir = evalKnowledgeDir(path.resolve(import.meta.dirname, '..'), 'tests/fixtures/knowledge');
  kb = (await buildKnowledge(dir)).kb!;
  engine = new AnswerEngine(kb);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yes/no leads never contradict their body', () => {
  it('holds for every entry clause with a negation, alone and with the entry named', () => {
    let checked = 0;
    for (const entry of kb.entries) {
      for (const clause of answerClauses(entry.answer.vi).filter((c) => DENIES.test(c.toLowerCase()))) {
        for (const question of [asked(clause), `${entry.questions.vi[0]}, ${asked(clause)}`, `${entry.title ?? ''} có ${asked(clause)}`]) {
          checked++;
          expect(entryPolarity(question, entry.answer.vi), `${entry.id}: ${question}`).not.toBe('yes');
          const { best } = engine.lookup(question);
          if (best?.kind === 'entry' && best.entry.id === entry.id) expect(best.polarity, `${entry.id}: ${question}`).not.toBe('yes');
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('holds for every article sentence with a negation', () => {
    let checked = 0;
    for (const article of kb.articles) {
      for (const sentence of [...article.paragraphs.flat(), ...article.captions].filter((s) => DENIES.test(s.text.toLowerCase()))) {
        const question = asked(sentence.text);
        checked++;
        expect(openingPolarity(question, sentence.text), `${article.id}: ${question}`).not.toBe('yes');
        const { best } = engine.lookup(question);
        if (best?.kind === 'article' && best.article.id === article.id) expect(best.polarity, `${article.id}: ${question}`).not.toBe('yes');
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('still says yes where the matching clause affirms, and no from a limit', () => {
    expect(engine.lookup('gửi bưu kiện 20kg được không').best).toMatchObject({ polarity: 'yes' });
    expect(engine.lookup('bưu kiện nặng 40kg có gửi được không').best).toMatchObject({ polarity: 'no' });
    // An age or a weight said in words is the figure compared with the limit: not a yes for a 70-year-old.
    expect(engine.lookup('bưu kiện nặng bốn mươi ký có gửi được không').best).toMatchObject({ polarity: 'no' });
    expect(engine.lookup('bố tôi bảy mươi tuổi, bưu điện mang lương hưu đến nhà được không').best?.polarity).toBeUndefined();
    // The question itself restricts or the answer never uses its predicate: nothing said first.
    expect(engine.lookup('bưu điện chỉ có dịch vụ chuyển phát thôi đúng không').best?.polarity).toBeUndefined();
    expect(engine.lookup('đóng bảo hiểm y tế ở bưu điện có mất phí không').best?.polarity).toBeUndefined();
    // "Toàn", "đều", "all": one part of the answer says yes, the rest no ("2 chữ cái, 8 chữ số").
    expect(engine.lookup('mã bưu gửi toàn là chữ số phải không').best?.polarity).toBeUndefined();
    // An obligation asked ("bắt buộc phải … bằng tiền mặt") where the answer offers another way ("hoặc chuyển khoản").
    const fees = 'Dạ, Quý khách có thể nhờ bưu điện gửi hồ sơ; phí, lệ phí nộp trực tiếp hoặc chuyển khoản.';
    expect(entryPolarity('nộp hồ sơ qua bưu điện thì bắt buộc phải trả phí bằng tiền mặt phải không', fees)).toBeUndefined();
    // A day of the month against the days the answer names: outside them all is no, inside one depends on where.
    const days = 'Dạ, lương hưu được chi trả từ ngày 2 đến ngày 10 tại điểm chi trả xã, từ ngày 11 đến ngày 25 tại quầy bưu điện.';
    expect(entryPolarity('ngày 28 ra bưu điện lĩnh lương hưu có được nữa không', days)).toBe('no');
    expect(entryPolarity('ngày 5 ra quầy bưu điện lĩnh lương hưu được không', days)).toBeUndefined();
    // A count the clause does not write, in figures or in words ("5 mảng" against "bốn nhóm"), is not confirmed.
    const groups = 'Dạ, Bưu điện có bốn nhóm dịch vụ chính: bưu chính chuyển phát, tài chính bưu chính, phân phối – bán lẻ.';
    expect(entryPolarity('dịch vụ của bưu điện có 5 nhóm đúng không', groups)).toBeUndefined();
    expect(openingPolarity('bưu cục có làm việc ngày 1/1 không', 'Bưu cục không làm việc ngày 1/1.')).toBe('no');
  });

  it('says nothing first when a long predicate asked is not what the answer speaks of', () => {
    const pension =
      'Dạ, lương hưu và trợ cấp bảo hiểm xã hội được chi trả qua bưu điện: từ ngày 2 đến ngày 10 hằng tháng tại điểm chi trả ở xã, phường; từ ngày 11 đến ngày 25 tại quầy bưu điện. Quý khách mang theo thẻ nhận lương hưu, nếu nhận thay thì mang thêm giấy ủy quyền.';
    expect(entryPolarity('nhân viên mang lương hưu đến có phải ký giấy tờ gì với người nhận không', pension)).toBeUndefined();
  });

  it('reads a conference ("hội nghị") as no closing ("nghỉ"), typed with diacritics or without', () => {
    const held = 'Ngày 23/12, Bưu điện tỉnh tổ chức Hội nghị triển khai kế hoạch năm 2021.';
    expect(openingPolarity('hội nghị triển khai kế hoạch là họp hôm 25 tháng 12 phải không', held)).toBeUndefined();
    expect(openingPolarity('hoi nghi trien khai ke hoach hop hom 25 thang 12 phai khong', held)).toBeUndefined();
    // A day off is still read as one, both ways.
    expect(openingPolarity('bưu cục có nghỉ ngày 1/1 không', 'Bưu cục nghỉ ngày 1/1.')).toBe('yes');
    expect(openingPolarity('buu cuc co nghi ngay 1/1 khong', 'Bưu cục nghỉ ngày 1/1.')).toBe('yes');
  });
});
