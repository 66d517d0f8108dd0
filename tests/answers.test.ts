// What a question asks (type and constraints) and how the answer engine holds candidates to it, over the
// live knowledge plus the announcement fixtures.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine, matchId } from '../src/answer/answerEngine.js';
import { answerMessage, relatedMessage } from '../src/features/answers/answerTexts.js';
import { evalKnowledgeDir } from '../src/evaluation/evalKnowledge.js';
import { buildKnowledge } from '../src/knowledge/kbBuilder.js';
import { readLexicon } from '../src/knowledge/entryFiles.js';
import { ConfidenceScorer, termSet } from '../src/answer/confidence.js';
import { ShortWordTypos, TypoIndex } from '../src/search/typos.js';
import { englishWrittenOut } from '../src/answer/englishQuery.js';
import { asksAbroad, foreignPlaces } from '../src/answer/places.js';
import { ServiceNames } from '../src/answer/serviceNames.js';
import { EnglishQuery } from '../src/answer/englishQuery.js';
import type { EntryWithFile } from '../src/knowledge/entryFiles.js';
import { mentionsMonth, questionFrame, withoutContrast } from '../src/understanding/questionFrame.js';
import { foldKey } from '../src/text/vietnamese.js';

describe('question frame', () => {
  it.each([
    ['bưu điện bắc kạn có bao nhiêu nhân viên', { type: 'howMuch', focus: 'nhan vien' }],
    ['bưu điện tỉnh có mấy nhân viên', { type: 'howMuch', focus: 'nhan vien' }],
    // "ngày nào cũng" is every day, not which day.
    ['bác tôi ngày nào cũng tự đi chợ được, bưu điện có mang lương hưu về nhà không?', { type: 'yesNo' }],
    // "cỡ nào" (to what size) asks how much.
    ['năm 2020 bưu điện tỉnh làm ra tổng doanh thu cỡ nào', { type: 'howMuch' }],
    // "bưu điện" is one word: the kind of office counted follows it, "cấp" (level) left out.
    ['cả nước có bao nhiêu bưu điện xã vậy', { type: 'howMuch', focus: 'buu dien xa' }],
    ['mấy bưu điện cấp xã thay cho bưu điện huyện', { type: 'howMuch', focus: 'buu dien xa' }],
    ['giam doc buu dien tinh la ai', { type: 'who', role: 'giam doc' }],
    ['bí thư đảng ủy là ai', { type: 'who', role: 'bi thu' }],
    ['bi thu dang uy la ai', { type: 'who', role: 'bi thu' }],
    ['người đứng đầu bưu điện tỉnh là ai', { type: 'who', role: 'dung dau' }],
    ['giám đốc bưu điện bây giờ là ông hay bà nào', { type: 'who', person: true }],
    ['doanh thu năm 2021 bao nhiêu', { type: 'howMuch', years: [2021], focus: 'doanh thu' }],
    ['ngày 1/1 có mở cửa không', { type: 'yesNo', dates: [{ day: 1, month: 1 }] }],
    ['buu dien co nhung dich vu gì', { type: 'list' }],
    ['gọi 1900 54 54 81 có tốn tiền không', { type: 'yesNo', years: [] }],
    ['bưu kiện tối đa bao nhiêu ký', { type: 'howMuch', focus: 'kg' }],
    ['trả lương hưu ở xã mấy hôm', { type: 'howMuch', focus: 'ngay' }],
    // A limit or a classifier is not what is measured; the words before the question word are read loosely.
    ['kiện hàng được phép nặng tối đa là bao nhiêu', { type: 'howMuch', focus: 'hang nang', focusOneOf: true }],
    ['bưu điện xã có tất cả bao nhiêu cái', { type: 'howMuch', focus: 'xa', focusOneOf: true }],
    ['mỗi cạnh dài nhất bao nhiêu mi-li-mét', { type: 'howMuch', focus: 'mm' }],
    ['từ mùng mấy đến mùng mấy có tiền', { type: 'howMuch', focus: 'tu ngay', focusOneOf: true }],
    ['mã bưu gửi có bao nhiêu ký tự', { type: 'howMuch', focus: 'ky tu' }],
    // Money is the measure of what follows it; a limit is no thing measured.
    ['năm 2020 bưu điện tỉnh làm ra bao nhiêu tiền doanh thu', { type: 'howMuch', focus: 'doanh thu' }],
    ['gửi 1 kg bao nhiêu tiền', { type: 'howMuch', focus: 'tien dong', focusOneOf: true }],
    // A unit per item is what is measured; "ký tự" is no "ký".
    ['bưu điện nhận tối đa bao nhiêu cân một kiện', { type: 'howMuch', focus: 'kg' }],
    ['Trưởng bưu điện huyện Chợ Mới là ai', { type: 'who', role: 'truong buu dien' }],
    ['thùng hàng cân nặng giới hạn là bao nhiêu', { type: 'howMuch', focus: 'kg nang', focusOneOf: true }],
    ['doanh thu năm ngoái', { years: [2025] }],
    ['thông báo năm nay', { years: [2026] }],
    ['doanh thu tháng 3 năm 2020', { months: [3], years: [2020] }],
    ['tháng 12/2020 bưu điện làm gì', { months: [12], years: [2020] }],
    ['doanh thu 12/2020', { months: [12], years: [2020] }],
    // The month of a day is the day's, not a month asked about.
    ['ngày 1 tháng 1 có mở cửa không', { months: [], dates: [{ day: 1, month: 1 }] }],
    ['ngày 01/12/2026 có mở cửa không', { months: [] }],
    ['What was the revenue in March 2020?', { months: [3], years: [2020] }],
    ['bưu điện có mấy quầy', { months: [] }],
    ['từ hồi nào vậy', { type: 'when' }],
    ['gio dong cua buu dien xa', { type: 'when', hours: true }],
    ['What extra services are there when I send a parcel?', { type: 'list' }],
    ['since when', { type: 'when' }],
    // A kind of papers asked as "kiểu gì" or "loại nào" lists them.
    ['vậy những giấy tờ kiểu gì hay được gửi theo cách đó?', { type: 'list', listOf: 'ho so' }],
    // The street or house number asked.
    ['Trung tâm khai thác vận chuyển nằm ở đường nào?', { type: 'where' }],
    ['bưu cục ở số nhà mấy', { type: 'where' }],
    ['số điện thoại bưu điện Chợ Mới là gì', { phone: true, office: 'cho moi' }],
    ['What is the phone number of the Cho Moi post office?', { phone: true, office: 'cho moi' }],
    ['sđt bưu cục xã nông thịnh', { office: 'nong thinh' }],
    ['số máy bưu điện huyện là gì', { phone: true }],
    ['so may buu dien cho moi', { phone: true }],
    ['số bưu điện xã là gì', { phone: true }],
    // Whether something costs.
    ['chuyển tiền qua bưu điện có mất phí không', { type: 'yesNo', cost: true }],
    ['is it free to call the hotline?', { cost: true }],
    // How long it takes; in English "how long is …" asks a length.
    ['gửi bưu kiện mất bao lâu thì tới', { duration: true }],
    ['How long does a registered letter take?', { duration: true }],
    // "Vị lãnh đạo nào", "cán bộ nào" ask which person, as "ông nào" does.
    ['giấy khen năm 2020 do vị lãnh đạo nào trao tận tay', { type: 'who', person: true }],
    ['cán bộ nào phụ trách bưu cục', { type: 'who', person: true }],
    // A word that folds like a question word but is typed as another asks nothing: "bảo giờ" is no "bao giờ".
    ['Tôi nghe bảo giờ nộp thủ tục hành chính qua bưu điện cũng được hả?', { type: 'yesNo' }],
    ['bao giờ nộp thủ tục hành chính qua bưu điện được', { type: 'when' }],
    ['bao gio nop thu tuc qua buu dien', { type: 'when' }],
    // A price named to check is a question of cost; a revenue in "tỷ đồng" is not.
    ['gửi 1kg đi Hà Nội có dưới 30.000 đồng không', { type: 'yesNo', cost: true }],
  ])('%s', (question, frame) => {
    // 31/12/2026 at 18:00 UTC is already 1/1/2027 in Vietnam: still read as 2026 here would be wrong.
    expect(questionFrame(question, new Date('2026-06-01T00:00:00Z'))).toMatchObject(frame);
    expect(questionFrame('doanh thu năm nay', new Date('2026-12-31T18:00:00Z')).years).toEqual([2027]);
  });
});

it('does not measure the weight of what is sent ("thùng 5 kg gửi bao nhiêu")', () => {
  // "5 kg" is the item's weight, not the thing measured.
  expect(questionFrame('thùng 5 kg gửi bao nhiêu').focus).not.toMatch(/kg/u);
  expect(questionFrame('bao nhiêu kg').focus).toBe('kg');
  expect(questionFrame('doanh thu 2020 có trên 100 tỷ đồng không').cost).toBeUndefined();
});

it('reads a list of procedures named with their kind ("những thủ tục hành chính nào"), and money asked alone as a sum', () => {
  expect(questionFrame('Bưu điện nhận làm hộ những thủ tục hành chính nào?')).toMatchObject({ type: 'list', listOf: 'ho so' });
  expect(questionFrame('năm 2020 bưu điện tỉnh thu về bao nhiêu tiền')).toMatchObject({ focus: 'tien dong', focusOneOf: true });
});

it('reads no office in words that soften ("bưu điện xã vậy ad")', () => {
  expect(questionFrame('cả nước bao nhiêu bưu điện xã vậy quản trị viên').office).toBeUndefined();
  // Which number a document bears ("số bao nhiêu") is no measure.
  expect(questionFrame('nghi quyet sap nhap tinh bac kan so bao nhieu').focus).toBeUndefined();
  expect(questionFrame('ca nuoc bao nhieu buu dien xa vay quan tri vien').office).toBeUndefined();
});

it('does not read "bị thu" (be charged), folded, as "bí thư" (a party secretary)', () => {
  expect(questionFrame('đóng bảo hiểm xã hội qua bưu điện có bị thu phí không').role).toBeUndefined();
  expect(questionFrame('nop tien bhxh o buu dien co bi thu phi khong').role).toBeUndefined();
  expect(questionFrame('gia hạn thẻ bảo hiểm y tế thì có bi thu thêm tiền ko').role).toBeUndefined();
});

it('does not read "số mấy" (which number), folded, as "số máy" (a line to call), nor an asking word as an office', () => {
  expect(questionFrame('quy định ấy nằm trong công văn số mấy?').phone).toBeUndefined();
  expect(questionFrame('theo qd so may v').phone).toBeUndefined();
  expect(questionFrame('số máy bưu điện huyện là gì').office).toBeUndefined();
});

it('does not read "hồ sơ bưu điện" (a dossier at the post office), folded, as "số bưu điện" (its number)', () => {
  expect(questionFrame('gửi hồ sơ bưu điện được không').phone).toBeUndefined();
  expect(questionFrame('ho so buu dien').phone).toBeUndefined();
});

it('reads an English possessive as whose, not what: "driver\'s license" is the lexicon\'s "driver license"', () => {
  const english = new EnglishQuery({ renew: 'đổi', 'driver license': 'giấy phép lái xe' });
  expect(english.toVietnamese("Can I renew my driver's license?")).toBe('đổi giấy phép lái xe');
  expect(english.toVietnamese('Can I renew my driver’s license?')).toBe('đổi giấy phép lái xe');
});

it('reads "into" as a function word, not a word of the topic left unread', () => {
  const english = new EnglishQuery({ group: 'nhóm', service: 'dịch vụ' });
  expect(english.untranslated('Into how many groups does the post office divide its services?')).not.toMatch(/\binto\b/u);
});

it('reads a capital that opens a sentence as no name ("… the house. Will someone …")', () => {
  const english = new EnglishQuery({ house: 'nhà', pension: 'lương hưu' });
  expect(english.toVietnamese("My mother can't leave the house. Will someone bring her pension?")).toBe('nhà lương hưu');
});

it('names no office of its own for the province or the company', () => {
  expect(questionFrame('số điện thoại bưu điện tỉnh Bắc Kạn')).not.toHaveProperty('office');
  expect(questionFrame('What is the phone number of the Vietnam Post office?')).not.toHaveProperty('office');
});

describe('month of a text', () => {
  it.each([
    ['từ ngày 2 đến ngày 10 hằng tháng', 2, true],
    ['Lương hưu tháng 12/2026 được chi trả', 2, false],
    ['Lương hưu tháng 12/2026 được chi trả', 12, true],
    ['Ngày 23/12, Bưu điện tỉnh tổ chức hội nghị', 12, true],
    ['từ tháng 1 đến tháng 6 năm 2020', 3, true],
    ['từ tháng 1 đến tháng 6 năm 2020', 7, false],
  ])('%s — month %i: %s', (text, month, expected) => {
    expect(mentionsMonth(text, month)).toBe(expected);
  });
});

describe('places and services named', () => {
  it('finds another province, not a destination', () => {
    expect(foreignPlaces('bưu điện tỉnh Thái Nguyên doanh thu năm 2020')).toEqual(['thai nguyen']);
    expect(foreignPlaces('buu dien ha noi mo cua may gio')).toEqual(['ha noi']);
    expect(foreignPlaces('cước EMS gửi đi Hà Nội bao nhiêu')).toEqual([]);
    // Uphill and downhill from the mountains: where the item goes.
    expect(foreignPlaces('bao ngô gửi xuống Thái Nguyên được nặng bao nhiêu')).toEqual([]);
    expect(foreignPlaces('gửi hàng lên Cao Bằng mất mấy ngày')).toEqual([]);
    expect(foreignPlaces('bưu điện tỉnh bắc kạn mở cửa mấy giờ')).toEqual([]);
    // Typed with diacritics, a name must be the province's: "diễn biến" is not Điện Biên.
    expect(foreignPlaces('diễn biến vụ việc thế nào')).toEqual([]);
    expect(foreignPlaces('bưu điện Điện Biên ở đâu')).toEqual(['dien bien']);
    // Where the citizen comes from is theirs, not the province asked about.
    expect(foreignPlaces('Tôi quê Tuyên Quang mới lên đây, Bắc Kạn bây giờ nhập về đâu rồi?')).toEqual([]);
    expect(foreignPlaces('tôi là người Hà Nội, bưu điện ở đây mở cửa mấy giờ')).toEqual([]);
    // Where someone works or studies, a few words before "ở"/"in", is theirs too; a post office "in" a place is not.
    expect(foreignPlaces('Em làm công nhân may ở Bình Dương, một thùng gửi nặng nhất bao nhiêu')).toEqual([]);
    expect(foreignPlaces('I just got back from a factory job in Binh Duong, how heavy can a parcel be?')).toEqual([]);
    expect(foreignPlaces('What was the revenue of the post office in Cao Bang?')).toEqual(['cao bang']);
  });

  it('tells a question about sending abroad from one with a word that is also a country', () => {
    expect(asksAbroad('gửi thư sang Nhật Bản mất mấy ngày')).toBe(true);
    expect(asksAbroad('chuyen hang qua uc co duoc khong')).toBe(true);
    expect(asksAbroad('bưu điện có chuyển tiền ra nước ngoài không')).toBe(true);
    expect(asksAbroad('gửi mỹ phẩm qua bưu điện được không')).toBe(false);
    expect(asksAbroad('anh ơi gửi hàng đi Hà Nội')).toBe(false);
    expect(asksAbroad('tôi muốn đưa ra ý kiến góp ý')).toBe(false);
    expect(asksAbroad('lam ly lich tu phap o buu dien')).toBe(false);
    // International as a standard's or a body's, not as a destination.
    expect(asksAbroad('gửi hàng quốc tế mất mấy ngày')).toBe(true);
    expect(asksAbroad('mã bưu gửi đặt theo chuẩn quốc tế nào')).toBe(false);
    expect(asksAbroad('What international standard does the tracking code follow?')).toBe(false);
  });

  it('reads service names from the entries', () => {
    const entry = (title: string, ...vi: string[]): EntryWithFile =>
      ({ id: title, title, questions: { vi }, answer: { vi: '' } }) as unknown as EntryWithFile;
    const names = new ServiceNames([entry('Chuyển phát nhanh EMS', 'gửi ems'), entry('Thu hộ', 'đóng bảo hiểm xã hội ở bưu điện')]);
    expect(names.named('chuyển phát nhanh ems tối đa bao nhiêu kg')).toEqual(['ems', 'chuyen phat nhanh ems']);
    expect(names.named('đóng bảo hiểm xã hội tự nguyện')).toEqual(['bao hiem xa hoi']);
    // A name no entry uses is kept as asked, so that no entry about another service answers it.
    expect(names.named('bảo hiểm xe máy mua ở đâu')).toEqual(['bao hiem xe may']);
    expect(names.named('bảo hiểm ô tô')).toEqual(['bao hiem o to']);
    expect(names.named('bảo hiểm xã hội hà nội')).toEqual(['bao hiem xa hoi']);
    expect(names.named('chuyển tiền nhanh mất phí bao nhiêu')).toEqual(['chuyen tien nhanh']);
    // A kind word alone is held as a phrase; who offers it, how much, what is sent, the state of an item,
    // for whom: none of these names a service.
    expect(names.named('bưu điện có bảo hiểm không')).toEqual(['bao hiem']);
    expect(names.named('chuyển tiền bưu điện có an toàn không')).toEqual(['chuyen tien']);
    expect(names.named('chuyển tiền tối đa bao nhiêu')).toEqual(['chuyen tien']);
    expect(names.named('chuyển tiền người nhà')).toEqual(['chuyen tien']);
    // Two kind words side by side are two services, not one named after the other.
    expect(names.named('chuyển tiền tiết kiệm')).toEqual(['chuyen tien', 'tiet kiem']);
    expect(names.named('chuyển phát hàng hóa')).toEqual(['chuyen phat']);
    // Money sent ("gửi tiền") is a service as "chuyển tiền" is: not goods sent to the same relative.
    expect(names.named('gửi tiền cho con ở xa qua bưu điện được không')).toEqual(['gui tien']);
    expect(names.named('bưu phẩm chưa nhận được')).toEqual([]);
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

  it('gives no general number for one office named, and no timeless entry for a time asked', () => {
    expect(engine.lookup('số điện thoại bưu điện Chợ Mới là gì').band).toBe('none');
    expect(engine.lookup('What is the phone number of the Cho Moi post office?').band).toBe('none');
    expect(engine.lookup('số điện thoại tổng đài bưu điện').band).toBe('answer');
    expect(engine.lookup('từ hồi nào').band).toBe('none');
    const hours = engine.lookup('tổng đài làm việc mấy giờ');
    expect(hours.best?.kind === 'entry' && hours.best.entry.id).not.toBe('hotline');
  });

  it('gives no timeless entry for what was done or planned in a year written out, and keeps it for "năm nay"', () => {
    const planned = engine.lookup('2021 bd tinh dinh lam nhung j');
    expect(planned.rejections).toContainEqual(expect.objectContaining({ id: 'public-service-payment', gate: 'year' }));
    expect(planned.best === undefined || planned.best.kind === 'article').toBe(true);
    expect(engine.lookup('năm nay bưu điện có những dịch vụ gì').best).toMatchObject({ kind: 'entry', entry: { id: 'services-overview' } });
  });

  it('reads a weight as said ("12 ký") as kilograms, not as the "ký tự" of a tracking code', () => {
    const { best } = engine.lookup('kiện hàng 12 ký có gửi được không ạ');
    expect(best?.kind === 'entry' && best.entry.id).toBe('parcel-post');
  });

  it('answers a list asked only with an entry that lists that kind, as a sentence must', () => {
    const lookup = engine.lookup('bưu điện nhận thu chi trả cho những dịch vụ hành chính công nào');
    expect(lookup.rejections).toContainEqual(expect.objectContaining({ id: 'administrative-dossiers', gate: 'list' }));
    expect(engine.lookup('bưu điện có những dịch vụ gì').best).toMatchObject({ kind: 'entry', entry: { id: 'services-overview' } });
  });

  it('reads a day asked with its year against the year of the article that reports it', () => {
    // The conference of 23/12/2020 planned the year 2021: the day's year is 2020's, not the plan's.
    expect(engine.lookup('ngày 23/12/2020 bưu điện tỉnh tổ chức hội nghị gì').band).toBe('answer');
    expect(engine.lookup('ngày 23/12/2021 bưu điện tỉnh tổ chức hội nghị gì').band).toBe('none');
  });

  it('brings the specifics ("Cụ thể, …") that follow a claim without a figure', () => {
    const { best } = engine.lookup('năm 2020 bưu điện tỉnh có hoàn thành các chỉ tiêu không');
    const text = best?.kind === 'article' ? best.sentences.map((s) => s.text).join(' ') : '';
    expect(text).toMatch(/nhiều chỉ tiêu hoàn thành.*Cụ thể, tổng doanh thu đạt trên 114 tỷ đồng, bằng 97%/su);
  });

  it('does not take a deputy general director for the director asked about', () => {
    expect(engine.lookup('giam doc buu dien tinh la ai').band).toBe('none');
    expect(engine.lookup('phó tổng giám đốc tổng công ty là ai').band).toBe('answer');
  });

  it('does not answer a count with an entry that does not measure what is counted', () => {
    expect(engine.lookup('bưu điện bắc kạn có bao nhiêu nhân viên').band).toBe('none');
    // office-address names "bưu cục" only in a where-question: it counts none.
    expect(engine.lookup('bưu điện tỉnh bắc kạn có bao nhiêu bưu cục').band).toBe('none');
    // "người hưởng từ 80 tuổi" names people beside a figure that counts years: no count of people.
    const people = engine.lookup('có bn ng đi dự');
    expect(people.band).toBe('none');
    expect(people.rejections.map((r) => `${r.id}/${r.gate}`)).toContain('pension-home-delivery/focus');
    // What the figures count still answers: "3.321 bưu điện xã", "13 ký tự".
    expect(engine.lookup('có bao nhiêu bưu điện xã').best).toMatchObject({ entry: { id: 'commune-post-offices' } });
    expect(engine.lookup('mã bưu gửi có mấy ký tự').best).toMatchObject({ entry: { id: 'tracking' } });
    // A span of time is answered by a date, which no number counts ("từ tháng mấy năm 2025").
    expect(engine.lookup('bd huyen bi thay = bd xa tu thang may nam 2025').best).toMatchObject({
      entry: { id: 'commune-post-offices' },
    });
  });

  it('answers a question about a day with the notice naming it, and says no first', () => {
    const { best } = engine.lookup('ngày 1/1 có mở cửa không');
    expect(best).toMatchObject({ kind: 'article', polarity: 'no' });
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toContain('01/01/2027');
  });

  it('holds a month asked to sources naming it, or something every month', () => {
    // The fixture notice about December's pensions does not answer February; the monthly schedule does.
    expect(engine.lookup('lương hưu tháng 2 trả ngày nào').best).toMatchObject({ kind: 'entry', entry: { id: 'pension-payment' } });
    expect(engine.lookup('doanh thu tháng 3 năm 2020').band).toBe('none');
    expect(engine.lookup('doanh thu tháng 12 năm 2020 bao nhiêu').band).toBe('none');
    expect(engine.lookup('What was the total revenue of the post office in March 2020?').band).toBe('none');
  });

  it('does not answer about another province with Bắc Kạn facts, but answers the merger', () => {
    for (const q of ['bưu điện tỉnh Thái Nguyên doanh thu năm 2020', 'doanh thu bưu điện Cao Bằng', 'bưu điện Hà Nội mở cửa mấy giờ']) {
      // Never the answer; a strong entry about another service may be offered as a did-you-mean.
      const lookup = engine.lookup(q);
      expect(lookup.band, q).not.toBe('answer');
      if (lookup.band === 'clarify') expect(lookup.rejections[0], q).toMatchObject({ gate: 'service', kind: 'entry' });
    }
    // The did-you-mean names the entry the service gate kept from answering.
    const nearMiss = engine.lookup('chuyển phát hỏa tốc có không');
    expect(nearMiss).toMatchObject({ band: 'clarify', suggestions: [{ id: nearMiss.rejections[0]!.id }] });
    expect(engine.lookup('bắc kạn sáp nhập vào tỉnh thái nguyên từ bao giờ').best).toMatchObject({
      kind: 'entry',
      entry: { id: 'merger-2025' },
    });
    expect(engine.lookup('bưu điện bắc kạn mở cửa mấy giờ').best).toMatchObject({ kind: 'entry', entry: { id: 'office-address' } });
  });

  it('does not answer a named service with an entry about another one', () => {
    expect(engine.lookup('chuyển tiền nhanh mất phí bao nhiêu').band).toBe('none');
    // financial-services names "bảo hiểm" and "chuyển tiền", not these.
    for (const q of [
      'bảo hiểm ô tô mua ở bưu điện được không',
      'chuyển tiền quốc tế qua bưu điện được không',
      'chuyển phát hỏa tốc có không',
    ]) {
      // Never the answer; a strong entry about another service may be offered as a did-you-mean.
      const lookup = engine.lookup(q);
      expect(lookup.band, q).not.toBe('answer');
      if (lookup.band === 'clarify') expect(lookup.rejections[0], q).toMatchObject({ gate: 'service', kind: 'entry' });
    }
    // The did-you-mean names the entry the service gate kept from answering.
    const nearMiss = engine.lookup('chuyển phát hỏa tốc có không');
    expect(nearMiss).toMatchObject({ band: 'clarify', suggestions: [{ id: nearMiss.rejections[0]!.id }] });
    expect(engine.lookup('cước EMS gửi đi Hà Nội bao nhiêu').band).toBe('none');
    expect(engine.lookup('chuyển phát nhanh ems gửi tối đa bao nhiêu kg').best).toMatchObject({ kind: 'entry', entry: { id: 'ems' } });
    expect(engine.lookup('bảo hiểm y tế đóng ở đâu').best).toMatchObject({ kind: 'entry', entry: { id: 'public-service-payment' } });
  });

  it('does not answer a question about something the knowledge never speaks of', () => {
    // "tuyển" is one letter from "quyen" folded, two from "quyền" as typed: a word the knowledge does not use.
    const lookup = engine.lookup('Bưu điện có đang tuyển nhân viên không?');
    expect(lookup.band).toBe('none');
    expect(lookup.missing).toContainEqual(expect.objectContaining({ term: 'tuyển', unknown: true }));
    // A typo typed with diacritics, one edit from the word as written, is still that word.
    expect(engine.lookup('nhận lương hưu tại nhà cho người giàa').best).toMatchObject({ entry: { id: 'pension-home-delivery' } });
  });

  it('holds a service named by its kind alone as a phrase, in the text or its article title', () => {
    // "chuyển tiền" asked is not "chuyển phát … thu tiền" (the parcel entry).
    expect(engine.lookup('chuyển tiền cho mẹ được không').best).toMatchObject({ kind: 'entry', entry: { id: 'financial-services' } });
    expect(engine.lookup('Can I send money to my family through the post office?').best).toMatchObject({
      entry: { id: 'financial-services' },
    });
    const sameDay = engine.lookup('dịch vụ chuyển phát trong ngày là gì');
    expect(sameDay.best?.kind === 'article' && sameDay.best.sentences.map((s) => s.text).join(' ')).toContain('17 giờ');
  });

  it('weighs the own province and "now" as saying little about which entry answers', () => {
    expect(engine.lookup('What services does the post office in Bac Kan provide?').best).toMatchObject({
      entry: { id: 'services-overview' },
    });
    expect(engine.lookup('Which province is Bac Kan part of now?').best).toMatchObject({ entry: { id: 'merger-2025' } });
    expect(engine.lookup('Bây giờ bưu điện huyện có còn không?').best).toMatchObject({ entry: { id: 'commune-post-offices' } });
    expect(engine.lookup('bắc kạn bây giờ thuộc tỉnh nào').best).toMatchObject({ entry: { id: 'merger-2025' } });
    const revenue = engine.lookup('What was the total revenue of the Bac Kan post office in 2020?').best;
    expect(revenue?.kind === 'article' && revenue.sentences.map((s) => s.text).join(' ')).toContain('114 tỷ');
  });

  it('answers who did something with a sentence that says it was done, of the day the article reports', () => {
    expect(questionFrame('tại hội nghị ngày 23/12 ai trao giấy khen')).toMatchObject({ type: 'who', deed: ['trao', 'giấy', 'khen'] });
    expect(questionFrame('cơ quan nào tặng bằng khen')).toMatchObject({ type: 'who', deed: ['tặng', 'bằng', 'khen'] });
    expect(questionFrame('tổ chức nào tặng bằng khen')).toMatchObject({ type: 'who', deed: ['tặng', 'bằng', 'khen'] });
    // A follow-up read with its topic asks who did only what it says itself, up to its question mark.
    expect(questionFrame('do cơ quan nào trao? năm 2020 công đoàn khối quản lý được phần thưởng')).toMatchObject({ deed: ['trao'] });
    // The dateline names the day but not the deed; the caption says who handed the certificates over.
    const { best } = engine.lookup('Ở hội nghị ngày 23/12, ai là người trao giấy khen?');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toContain('Đinh Như Hạnh');
    expect(engine.lookup('Ở hội nghị ngày 23/12, ai là người trao giấy khen?').band).toBe('answer');
  });

  it('reads a question without what it sets its subject against', () => {
    expect(withoutContrast('Can I send money home through the post office instead of a bank?')).toBe(
      'Can I send money home through the post office?',
    );
    expect(withoutContrast('gửi tiền qua bưu điện thay vì ngân hàng, có an toàn không')).toBe('gửi tiền qua bưu điện, có an toàn không');
    // "a bank" named as the other way is no service asked about: the money transfer answers.
    for (const [question, id] of [
      ['Can I send money home to my parents through the post office instead of a bank?', 'financial-services'],
      ['which days are pensions paid over the counter rather than at the village point?', 'pension-payment'],
    ] as const) {
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    }
  });

  it('answers a list question with what lists that kind, not with a sentence that only names it', () => {
    expect(questionFrame('bưu điện bắc kạn có những dịch vụ nào')).toMatchObject({ type: 'list', listOf: 'dich vu' });
    // The article's 2020 sentence names "các nhóm dịch vụ" and the province, but lists none of them.
    for (const question of ['bưu điện bắc kạn có những dịch vụ nào', 'Bưu điện tỉnh có các dịch vụ nào vậy?']) {
      expect(engine.lookup(question).best).toMatchObject({ kind: 'entry', entry: { id: 'services-overview' } });
    }
  });

  it('reads "which papers" as a list of the dossiers accepted, not as the papers a procedure needs', () => {
    // The dossier procedure names "giấy tờ" checked by staff but lists no kinds; the examples entry lists them.
    expect(questionFrame('Những giấy tờ gì thì có thể gửi qua bưu điện để làm thủ tục vậy?')).toMatchObject({
      type: 'list',
      listOf: 'ho so',
    });
    expect(questionFrame('vậy giấy tờ gì thì gửi được?')).toMatchObject({ type: 'list', listOf: 'ho so' });
    // Two nouns of papers side by side ask the same; so does "cụ thể là giấy tờ kiểu gì".
    expect(engine.lookup('Những giấy tờ thủ tục nào thì gửi được qua bưu điện hả em?').best).toMatchObject({
      entry: { id: 'administrative-examples' },
    });
    expect(questionFrame('Cụ thể là giấy tờ kiểu gì thì gửi được?')).toMatchObject({ type: 'list', listOf: 'ho so' });
    expect(engine.lookup('Những giấy tờ gì thì có thể gửi qua bưu điện để làm thủ tục vậy?').best).not.toMatchObject({
      entry: { id: 'administrative-dossiers' },
    });
    expect(engine.lookup('loại giấy tờ nào thì hay được gửi?').best).toMatchObject({ entry: { id: 'administrative-examples' } });
    // Which procedures ("những thủ tục nào", "thủ tục gì") are the dossiers of the procedures listed, not how one is done.
    expect(questionFrame('bưu điện nhận những thủ tục nào')).toMatchObject({ type: 'list', listOf: 'ho so' });
    expect(engine.lookup('làm những thủ tục gì được ở bưu điện').best).toMatchObject({ entry: { id: 'administrative-examples' } });
    // Land papers as citizens name them ("đất đai"), the land-use certificate of the entry's answer.
    expect(engine.lookup('gửi giấy tờ đất đai qua bưu điện được không')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'administrative-examples' } },
    });
    // What papers a task needs is no list of kinds: the pension entry says which paper.
    expect(questionFrame('lĩnh lương hưu hộ mẹ cần giấy tờ gì').type).not.toBe('list');
    expect(questionFrame('đi lĩnh lương hưu giùm mẹ thì phải cầm theo những giấy tờ gì?').type).not.toBe('list');
    expect(engine.lookup('lĩnh lương hưu hộ mẹ cần giấy tờ gì').best).toMatchObject({ entry: { id: 'pension-payment' } });
  });

  it('answers a list of a kind with an entry about that kind, however the kind is asked for', () => {
    // "những loại hồ sơ" is another entry's list: a list of services is not answered by it.
    for (const question of [
      'Tại bưu điện có các loại dịch vụ gì?',
      'buu dien co nhung loai dich vu nao vay',
      'What kinds of services can I use at the post office?',
    ]) {
      expect(engine.lookup(question).best, question).toMatchObject({ kind: 'entry', entry: { id: 'services-overview' } });
    }
    // Naming the province does not make the article's sentence on "các nhóm dịch vụ" a list of services.
    expect(engine.lookup('Which services does the Bắc Kạn post office provide?').best).toMatchObject({
      kind: 'entry',
      entry: { id: 'services-overview' },
    });
  });

  it('answers a list of services of one kind with the entry about that kind, not the overview that names the kind', () => {
    for (const question of ['bưu điện cung cấp những dịch vụ tài chính nào', 'What financial services does the post office offer?']) {
      expect(engine.lookup(question).frame.servicesOfKind, question).toBe('dich vu tai chinh');
      expect(engine.lookup(question).best, question).toMatchObject({ kind: 'entry', entry: { id: 'financial-services' } });
    }
    // A kind no entry is about narrows nothing: the overview still lists the services.
    expect(engine.lookup('What services does the post office offer?').best).toMatchObject({ entry: { id: 'services-overview' } });
  });

  it('holds money sent ("gửi tiền") to the entry that sends it, not to goods sent to someone far away', () => {
    expect(engine.lookup('gửi tiền cho con ở xa qua bđ đc ko ad').best).toMatchObject({ entry: { id: 'financial-services' } });
  });

  it("answers where one office is only with a text that says that office's place", () => {
    // The commune offices entry names Chợ Mới as an old unit and says no place; the Minh Khai notice is another office's move.
    const lookup = engine.lookup('Where is the Cho Moi post office located?');
    expect(lookup.band).not.toBe('answer');
    expect(lookup.rejections.map((r) => `${r.id}/${r.gate}`)).toEqual(
      expect.arrayContaining(['commune-post-offices/where', '2026-12-10-buu-cuc-minh-khai-chuyen-dia-diem/where']),
    );
    expect(engine.lookup('bưu cục Minh Khai chuyển đến đâu').best).toMatchObject({
      article: { id: '2026-12-10-buu-cuc-minh-khai-chuyen-dia-diem' },
    });
  });

  it('does not answer what the knowledge never says of a person it names, found by the name alone', () => {
    // The caption names Đinh Như Hạnh and says nothing of his home town ("quê", a word the knowledge never uses).
    for (const question of ['ông Đinh Như Hạnh quê ở Bắc Kạn phải không', 'Ông Đinh Như Hạnh quê ở tỉnh nào?']) {
      expect(engine.lookup(question).band, question).toBe('none');
    }
    // What it does say of him is still answered.
    expect(engine.lookup('ông Đinh Như Hạnh trao giấy khen cho ai').band).toBe('answer');
    expect(engine.lookup('Ông Đinh Như Hạnh là ai?').band).toBe('answer');
  });

  it('answers where only with a sentence that says where', () => {
    // The dateline says when the conference was held, and nowhere says where.
    for (const question of [
      'Hội nghị triển khai kế hoạch năm 2021 được tổ chức ở đâu?',
      'hoi nghi trien khai ke hoach nam 2021 to chuc o dau',
    ]) {
      const lookup = engine.lookup(question);
      expect(lookup.band, question).toBe('none');
      expect(
        lookup.rejections.some((r) => r.gate === 'where'),
        question,
      ).toBe(true);
    }
    expect(engine.lookup('Bưu cục Minh Khai chuyển đến địa chỉ nào, ở đâu?').best).toMatchObject({ kind: 'article' });
  });

  it('does not take a number to call for the figure asked', () => {
    // Parcel post says "Về cước phí, Quý khách vui lòng gọi 1900 54 54 81": no fee, so it does not answer a fee.
    for (const question of [
      'cước phí bao nhiêu? gửi bưu kiện thu hộ COD đóng gói',
      'phí là bao nhiêu? bưu kiện nhận hàng tại địa chỉ người gửi',
    ]) {
      const { best } = engine.lookup(question);
      expect(best?.kind === 'entry' && best.entry.id, question).not.toBe('parcel-post');
    }
    // The hotline's number is the figure asked for when the question asks for the number.
    expect(engine.lookup('Số tổng đài chăm sóc khách hàng của Bưu điện Việt Nam là bao nhiêu?').best).toMatchObject({
      entry: { id: 'hotline' },
    });
  });

  it('reads a typo as its neighbour only in a pair the knowledge uses, never a real word of another compound', () => {
    // "hộ chiếu" (a passport) is not "hộ thiếu", nor "chiều" (dài): the knowledge never speaks of passports.
    for (const question of ['Làm hộ chiếu qua bưu điện được không?', 'lam ho chieu o buu dien duoc khong']) {
      const lookup = engine.lookup(question);
      expect(
        lookup.missing.map((t) => t.term),
        question,
      ).toContainEqual(expect.stringMatching(/^chi[eế]u$/u));
      // Barely sure of parcel post by "làm", "hộ", "qua bưu điện", and missing what is asked: no answer.
      expect(lookup.band, question).toBe('none');
    }
    // "lướng hưu" is "lương hưu", "chuyển tiến" is "chuyển tiền": the pairs are the knowledge's.
    expect(engine.lookup('lướng hưu nhận ở đâu').best).toMatchObject({ entry: { id: 'pension-payment' } });
    expect(engine.lookup('chuyển tiến qua bưu điện được không').best).toMatchObject({ entry: { id: 'financial-services' } });
    // "ngay" (right away) typed as written is no "ngày": home delivery, not the pension calendar.
    expect(engine.lookup('Trường hợp nào thì bưu điện trả lương hưu ngay tại nhà?').best).toMatchObject({
      entry: { id: 'pension-home-delivery' },
    });
  });

  it('reads a word said twice, once in the compound the knowledge uses it in and once outside, as two words', () => {
    // "điện" is nearly always "bưu điện" in the knowledge; "tiền điện" (the electricity bill) is something else.
    for (const question of [
      'đóng tiền điện ở bưu điện được không',
      'bưu điện có thu hộ tiền điện không',
      'dong tien dien o buu dien duoc ko',
    ]) {
      const lookup = engine.lookup(question);
      expect(
        lookup.missing.map((t) => foldKey(t.term)),
        question,
      ).toContain('tien dien');
      expect(lookup.band, question).toBe('none');
    }
    expect(engine.lookup('Bưu điện có thu tiền bảo hiểm y tế không').best).toMatchObject({ entry: { id: 'public-service-payment' } });
  });

  it('answers a branch of the services named ("mảng bán lẻ", "bên tài chính") with the entry about it, not the overview', () => {
    expect(engine.lookup('mảng bán lẻ có j').best).toMatchObject({ entry: { id: 'postmart' } });
    expect(engine.lookup('thế bên tài chính gồm những j').best).toMatchObject({ entry: { id: 'financial-services' } });
    expect(engine.lookup('bưu điện có mấy nhóm dịch vụ').best).toMatchObject({ entry: { id: 'services-overview' } });
    // "nhóm dịch vụ nào" asks which branch, and "mang" typed plainly is also "carry": neither names one.
    expect(questionFrame('postmart thuộc nhóm dịch vụ nào?').branchNamed).toBeUndefined();
    expect(questionFrame('mang giay to ra buu dien').branchNamed).toBeUndefined();
    expect(questionFrame('mảng bán lẻ có j').branchNamed).toEqual(['ban le co', 'ban le']);
    // A sum asked in "tiền" is said in "đồng".
    expect(engine.lookup('năm 2020 bưu điện tỉnh thu về bao nhiêu tiền').best).toMatchObject({ kind: 'article' });
  });

  it('answers where the post office is only with a text that says a place, or that its address is not confirmed', () => {
    // The hotline entry names no place: asked where the province's post office is, it is no answer.
    for (const question of ['bưu điện Bắc Kạn ở đâu?', 'where is the Bac Kan post office']) {
      const lookup = engine.lookup(question);
      expect(
        lookup.rejections.map((r) => `${r.id}/${r.gate}`),
        question,
      ).toContain('hotline/where');
      expect(lookup.best && matchId(lookup.best), question).toBe('merger-2025');
    }
  });

  it('reads "what\'s" as "what is" in English, not as the "s" of a possessive ("the hotline\'s hours"), and a bare age as years', () => {
    expect(engine.lookup("What's the hotline?").best).toMatchObject({ entry: { id: 'hotline' } });
    expect(engine.lookup('my grandma is 85, can the post office bring her pension home?').best).toMatchObject({
      entry: { id: 'pension-home-delivery' },
    });
  });

  it('lists the kinds of papers asked in English ("which kinds of paperwork", "examples of documents"), not the procedure', () => {
    for (const question of [
      'which kinds of paperwork can the post office carry to govt offices for me',
      'Can you give examples of documents people send by post to government offices in Vietnam?',
    ]) {
      expect(questionFrame(question).listOf, question).toBe('ho so');
      expect(engine.lookup(question).best, question).toMatchObject({ entry: { id: 'administrative-examples' } });
    }
    // "which days" asks when, wherever it stands.
    expect(questionFrame('On which days are pensions handed out through the post office?').type).toBe('when');
  });

  it('reads the article named as the one that says it within a question ("… bài ghi là bao nhiêu") as no word of what is asked', () => {
    expect(questionFrame('tổng doanh thu năm 2020 bài ghi là bao nhiêu nhỉ?').focus).toBe('doanh thu');
    expect(engine.lookup('tổng doanh thu năm 2020 bài ghi là bao nhiêu nhỉ?').best).toMatchObject({ kind: 'article' });
  });

  it('reads "he\'s 84" as an age, "thu thêm đồng nào" as a cost, and words after "bưu điện xã" that say which as no office name', () => {
    expect(englishWrittenOut("and if he's 84 and can't come to the counter?")).toBe(
      "and if he is 84 years old and can't come to the counter?",
    );
    expect(questionFrame('đóng bảo hiểm xã hội ở bưu điện có bị thu thêm đồng nào không').cost).toBe(true);
    expect(questionFrame('bưu điện xã mới địa chỉ ở đâu?').office).toBeUndefined();
    expect(questionFrame('số điện thoại bưu điện xã Cao Sơn').office).toBe('cao son');
  });

  it('reads "how old" as an age asked, and a sum\'s unit alone as no topic of an English question', () => {
    expect(engine.lookup('How old is the deputy general director who presented the awards?').band).toBe('none');
    expect(questionFrame('How old is the deputy general director who presented the awards?').type).toBe('howMuch');
    expect(engine.lookup("Could you tell me today's euro to dong rate?").band).toBe('none');
  });

  it('does not ask which of two when the best is the honest "not confirmed" of what is asked', () => {
    const lookup = engine.lookup('bưu điện xã mới địa chỉ ở đâu?');
    expect(lookup.band).toBe('answer');
    expect(lookup.best).toMatchObject({ entry: { id: 'office-address' } });
  });

  it('reads "voluntary" and "presenting" in English, and an article named first in English as the one asked of', () => {
    expect(engine.lookup('We are on voluntary health insurance. Can we renew it at the post office counter?').best).toMatchObject({
      entry: { id: 'public-service-payment' },
    });
    const presenter = engine.lookup(
      'In the photo from the December 2020 provincial post office meeting, who is the man presenting the awards?',
    );
    expect(presenter.best?.kind === 'article' && presenter.best.sentences.map((s) => s.text).join(' ')).toContain('Đinh Như Hạnh');
    // "That article about …, which day …?": what the merger's "Nghị quyết … Quốc hội" holds of "hội nghị" is not asked.
    expect(
      engine.lookup("That article about the Bac Kan post office's year-end meeting, which day did the meeting take place?").best?.kind,
    ).not.toBe('entry');
  });

  it('reads an age in chat shorthand after someone named ("mẹ e năm nay 83t"), not a number with "t" elsewhere', () => {
    expect(engine.expand('mẹ e năm nay 83t đi lại khó lắm')).toBe('mẹ e năm nay 83 tuổi đi lại khó lắm');
    expect(engine.expand('ong ngoai e 88t roi')).toBe('ong ngoai e 88 tuoi roi');
    expect(engine.expand('gửi 90t qua bưu điện')).toBe('gửi 90t qua bưu điện');
    expect(engine.expand('toi co 50t muon gui tiet kiem')).toBe('toi co 50t muon gui tiet kiem');
    expect(engine.lookup('ng nhà e 81t, lương hưu bđ mang tới nhà đc ko').best).toMatchObject({ entry: { id: 'pension-home-delivery' } });
  });

  it('reads a letter left of a number ("82t": 82 tuổi, "1m6") as no word of the topic', () => {
    for (const question of ['ong noi mk 82t r, bd co mang luong huu toi nha dc ko ad', 'gui bk co 1 canh dai 1m6 dc ko']) {
      expect(
        engine.lookup(question).missing.map((t) => t.term),
        question,
      ).not.toContain('t');
      expect(
        engine.lookup(question).missing.map((t) => t.term),
        question,
      ).not.toContain('m');
    }
  });

  it('reads a well-formed syllable the knowledge never uses as unknown, not as a neighbour beside a function word', () => {
    // "hon" (kết hôn, marriage) is one letter from "hoi", and "hội ở" is a pair of the knowledge: "ở" is no context.
    expect(engine.lookup('thu tuc dang ky ket hon o xa can gi').band).not.toBe('answer');
  });

  it('puts first, of two entries that hold every word, the one with a question that holds them all together', () => {
    // The schedule holds "mang" (giấy tờ) and "nhà" (người nhà) in other questions; home delivery says them together.
    const lookup = engine.lookup('My grandmother is 85, can the pension be brought to her house?');
    expect(lookup.best).toMatchObject({ kind: 'entry', entry: { id: 'pension-home-delivery' }, confidence: 1 });
    expect(engine.lookup('When are pensions paid?').best).toMatchObject({ entry: { id: 'pension-payment' } });
    // The bot's own province, named too, is no word a question of the entry has to hold.
    expect(engine.lookup('My grandfather is 85 and housebound in Bac Kan; can his pension be brought to his house?').best).toMatchObject({
      entry: { id: 'pension-home-delivery' },
    });
  });

  it('gives the general case before a sentence that narrows itself to a day the question does not name', () => {
    const texts = (question: string): string[] => {
      const { best } = engine.lookup(question);
      return best?.kind === 'article' ? best.sentences.map((s) => s.text) : [];
    };
    // "Ngày Chủ nhật, bưu cục mở cửa buổi sáng …" alone would tell a weekday caller the Sunday hours.
    expect(texts('Buổi sáng bưu cục trung tâm mấy giờ mở cửa vậy?').join(' ')).toMatch(/7 giờ 00.*Chủ nhật/u);
    expect(texts('bưu cục trung tâm chủ nhật mở cửa buổi sáng mấy giờ')).toEqual([expect.stringMatching(/^Ngày Chủ nhật/u)]);
  });

  it('answers a question cited of an article from an article, never from an entry', () => {
    // Read alone, "hội nghị họp hôm nào" found the merger, whose "Quốc hội … Nghị quyết" hold "hội nghị" apart.
    const cited = engine.lookup('Bài viết về việc bưu điện tỉnh triển khai kế hoạch 2021 nói hội nghị họp hôm nào thế?');
    expect(cited.band).not.toBe('answer');
    expect(cited.best?.kind).not.toBe('entry');
    expect(engine.lookup('Theo bài viết, tổng doanh thu năm 2020 là bao nhiêu?').best).toMatchObject({ kind: 'article' });
  });

  it("does not give one office's new hours for another office named", () => {
    // The notice is about the Bưu cục Trung tâm; Chợ Mới's hours are not known ("Bưu cục ở …", capitalised as a sentence opens).
    expect(engine.lookup('Bưu cục ở Chợ Mới sáng mấy giờ mở cửa hả em?').band).not.toBe('answer');
    expect(engine.lookup('Bưu cục Trung tâm mở cửa mấy giờ?').best).toMatchObject({ kind: 'article' });
  });

  it('asks which of two entries is meant when the surer one misses one of the rarest words the other holds', () => {
    // Tracking holds more of the question ("mã", "theo dõi"), registered mail holds "thư": a letter to follow.
    const lookup = engine.lookup('tôi muốn gửi thư có mã để theo dõi');
    expect(lookup.band).toBe('clarify');
    expect(lookup.suggestions.map((e) => e.id)).toEqual(['tracking', 'registered-mail']);
  });

  it('answers a did-you-mean of one option when the words its entry lacks point to no unit answering the question in part', () => {
    for (const [question, id] of [
      // "tên" and "hai" are held by entries and sentences that are not about the question: the entry answers it.
      ['Sàn bán hàng trên mạng mà bưu điện đang chạy tên là gì nhỉ?', 'postmart'],
      ['Hai chữ cuối mã vận đơn là mã nước VN phải không?', 'tracking'],
      // Another entry holding a lacking word points there only when it comes near the offered entry's confidence:
      // "một", "phép", "nhất" and "mã" are held by entries that share only "bưu điện" or "số" with these questions.
      ['một gói hàng gửi bưu điện được phép nặng nhất là bao nhiêu', 'parcel-post'],
      ['mã số của thư bảo đảm dùng để làm gì', 'registered-mail'],
      // An entry a gate keeps from answering (the dossiers measure no offices) is not where "nước" points.
      ['cả nước có bao nhiêu bưu điện xã?', 'commune-post-offices'],
    ])
      expect(engine.lookup(question!), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    // Clauses before the question say why or for whom: the last clause, read alone, finds the entry offered.
    for (const question of ['tôi cần gọi trực tiếp, tổng đài bưu điện là số nào?', 'que mk o bac kan, h thuoc tinh nao r ad'])
      expect(engine.lookup(question).band, question).toBe('answer');
    // "chính" (main) is held by a sentence of the 2020 article that answers much of the question: still asked back.
    expect(engine.lookup('bưu điện có những mảng hoạt động chính nào vậy').band).not.toBe('answer');
  });

  it("answers a number to call only with a text that gives one, and only the post office's", () => {
    // The commune post offices' entry names Chợ Mới, but gives no number for it.
    const lookup = engine.lookup('số điện thoại bưu điện huyện Chợ Mới là gì');
    expect(lookup.band).toBe('none');
    expect(lookup.rejections).toContainEqual(expect.objectContaining({ id: 'commune-post-offices', gate: 'phone' }));
    expect(engine.lookup('cho mình xin số điện thoại của bưu điện').best).toMatchObject({ entry: { id: 'hotline' } });
    // Someone else's number is not the hotline.
    // "ô ấy" is chat for "ông ấy" (that man): his number is no hotline (knowledge/abbreviations.json).
    for (const question of ['số điện thoại công an phường', 'sđt ubnd xã', 'cho xin sđt ô ấy dc ko']) {
      expect(engine.lookup(question).band, question).toBe('none');
      expect(engine.lookup(question).rejections, question).toContainEqual(expect.objectContaining({ id: 'hotline', gate: 'phone' }));
    }
    expect(engine.lookup('số điện thoại để hỏi về gửi hàng').best).toMatchObject({ entry: { id: 'hotline' } });
  });

  it('holds a question about a kind of service no entry names (lending) to no entry', () => {
    expect(engine.lookup('Bưu điện có cho vay mua xe máy trả góp không, lãi thế nào?').band).toBe('none');
  });

  it('reads "mùng" / "mồng" before a day as the knowledge writes it, "ngày" (knowledge/abbreviations.json)', () => {
    expect(engine.lookup('qua mung 10 r thi ra dau lanh luong huu dc')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'pension-payment' } },
    });
  });

  it('keeps "lãnh đạo" (a leader) whole: only "lãnh" on its own is "nhận" (knowledge/abbreviations.json)', () => {
    expect(engine.expand('lãnh lương hưu ở đâu')).toContain('nhận lương hưu');
    expect(engine.expand('vị lãnh đạo nào trao giấy khen')).toContain('lãnh đạo');
  });

  it('reads "bk" as Bắc Kạn beside the words that go with a province, and as bưu kiện otherwise (knowledge/abbreviations.json)', () => {
    expect(engine.expand('bk gio thuoc tinh nao r ad')).toContain('bac kan');
    expect(engine.expand('nq sáp nhập bk vs tn số mấy')).toContain('Bắc Kạn');
    expect(engine.expand('gui bk 5kg di hcm')).toContain('buu kien');
    expect(engine.expand('bk vẫn là 1 tỉnh riêng đúng k z')).toContain('Bắc Kạn vẫn là');
    // The central "chi" after a noun asks what ("loại giấy tờ chi"); alone it may be "chi trả".
    expect(engine.expand('rứa loại giấy tờ chi thì bưu điện nhận')).toContain('loại giấy tờ gì');
    expect(engine.lookup('gọi số đó có bị trừ tiền không')).toMatchObject({ best: { entry: { id: 'hotline-hours' } } });
  });

  it('reads "bằng lái" as the knowledge writes it, "giấy phép lái xe" (knowledge/abbreviations.json)', () => {
    expect(engine.lookup('bang lai e thang sau het han, nop hs doi qua bd co dc ko')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'administrative-examples' } },
    });
  });

  it('reads the English words of a Vietnamese question through the lexicon, but plain words that may be Vietnamese as written', () => {
    expect(engine.expand('Trong plan 2021, bưu điện tỉnh chọn mảng nào làm trọng tâm?')).toContain('kế hoạch 2021');
    expect(engine.lookup('Tụi mình muốn biết bưu điện đang có những nhóm service nào')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'services-overview' } },
    });
    // "ban", "the", "can" are English words of the lexicon's kind, and "bạn", "thẻ", "cần" typed plainly.
    expect(engine.expand('ban co the cho toi so tong dai')).toBe('ban co the cho toi so tong dai');
  });

  it('reads "ra sao" as asking how, not as words of the topic ("ra": go out)', () => {
    expect(engine.lookup('thủ tục gửi thư bảo đảm ra sao')).toMatchObject({ band: 'answer', best: { entry: { id: 'registered-mail' } } });
    expect(engine.lookup('tra cứu bưu gửi ra sao').best?.confidence).toBe(1);
  });

  it('reads "kể sơ qua" (tell briefly) as asking, not as "hồ sơ" sent "qua" the post office (knowledge/abbreviations.json)', () => {
    expect(engine.lookup('bưu điện làm những dịch vụ gì, kể sơ qua cho em với')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'services-overview' } },
    });
  });

  it('reads English chat shorthand ("r u", "wat", "pls", "thx") in an English question, and leaves Vietnamese chat alone', () => {
    for (const [question, id] of [
      ['r u able 2 tell me max parcel size? thx', 'parcel-post'],
      ['wat days 4 pension pickup @ commune pt? pls', 'pension-payment'],
      // "BK" and "prov" as English chat writes them; a merger said "lumped in with" (knowledge/lexicon.json).
      ['BK merged w/ which prov?', 'merger-2025'],
      ['sorry if this is silly, but is Bac Kan now lumped in with some other province?', 'merger-2025'],
    ] as const) {
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    }
    expect(engine.isEnglish('ok r')).toBe(false);
  });

  it('reads a direct line or a zip code asked in English as what no text gives (knowledge/lexicon.json)', () => {
    expect(engine.lookup('Could you give me a direct line for the post office in Ba Be?').band).toBe('none');
    expect(engine.lookup('What is the zip code of Bac Kan?').band).toBe('none');
  });

  it("answers English questions worded as the entries' Vietnamese questions are (their English variants)", () => {
    for (const [question, id] of [
      ['Is there a charge to renew health insurance at the post office?', 'public-service-payment'],
      ['can a bedridden pensioner get the pension brought home?', 'pension-home-delivery'],
      ['how do I pay the fees for an administrative procedure done by post?', 'administrative-dossiers'],
    ] as const) {
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    }
  });

  it('offers no did-you-mean for a question typed with tone marks that holds a plain word the knowledge never uses', () => {
    // "hoa" (nước hoa, perfume) and "tem" (stamps) are words of their own: the entries the other words find were not asked.
    // Whether perfume may be sent is no offer either: at most the honest "not confirmed" of the prohibited items.
    const perfume = engine.lookup('Gửi nước hoa qua bưu điện có bị cấm không?');
    expect(perfume.band).not.toBe('clarify');
    expect(perfume.band === 'none' || (perfume.best?.kind === 'entry' && perfume.best.unconfirmed === true)).toBe(true);
    expect(engine.lookup('mua tem ở bưu điện được không').band).toBe('none');
    // Slips typed with their tone marks still get the offer.
    expect(engine.lookup('bưu điẹn giờ cóa mấy nhóm dịch vu chínhh')).toMatchObject({
      band: 'clarify',
      suggestions: [expect.objectContaining({ id: 'services-overview' })],
    });
  });

  it('answers whether something costs only with a text that names a fee', () => {
    // The financial services entry lists the transfers but names no fee ("phi nhân thọ" is non-life insurance).
    expect(engine.lookup('chuyển tiền qua bưu điện có mất phí không').band).not.toBe('answer');
    expect(engine.lookup('đóng bảo hiểm xã hội ở bưu điện có mất phí không').best).toMatchObject({
      entry: { id: 'public-service-payment' },
    });
    expect(engine.lookup('is it free to call the hotline?').best).toMatchObject({ entry: { id: 'hotline-hours' }, unconfirmed: true });
  });

  it('answers how long something takes only with a text that states a span of time, or says it is not confirmed', () => {
    const honest = (question: string): boolean => {
      const { band, best } = engine.lookup(question);
      return band !== 'answer' || (best?.kind === 'entry' && best.unconfirmed === true);
    };
    for (const question of [
      'gửi bưu kiện mất bao lâu thì tới',
      'chuyển tiền qua bưu điện bao lâu thì nhận được',
      'How long does a registered letter take?',
    ])
      expect(honest(question), question).toBe(true);
    expect(engine.lookup('How long is a tracking code?').best).toMatchObject({ entry: { id: 'tracking' } });
  });

  it("reads a year named as the article's title names it as the event's name, not as a year asked about", () => {
    const { band, best } = engine.lookup('Ai là người trao giấy khen tại hội nghị triển khai kế hoạch năm 2021?');
    expect(band).toBe('answer');
    expect(best).toMatchObject({ kind: 'article', sentences: [{ text: expect.stringContaining('Đinh Như Hạnh') }] });
    // A figure asked for that year is still that year's: the 2020 figures do not answer it.
    expect(engine.lookup('doanh thu năm 2021 là bao nhiêu').band).not.toBe('answer');
  });

  it('reads who did a deed at the event an article reports with the dateline that names the event', () => {
    // The caption naming who handed out the awards does not say "hội nghị": its article's first sentence does.
    const { band, best } = engine.lookup('hoi nghi cuoi nam 2020 cua bd tinh thi ai len trao giay khen v ad');
    expect(band).toBe('answer');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toContain('Đinh Như Hạnh');
  });

  it('reads "giữ chức gì" / "vị trí nào" as asking a role, not as words the answer must hold', () => {
    for (const question of ['ông Đinh Như Hạnh giữ chức gì', 'Đinh Như Hạnh làm ở vị trí nào'])
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { kind: 'article' } });
  });

  it('reads taking payments as collecting them (the public payments), not paying them out (the pension schedule)', () => {
    expect(engine.lookup('Does the post office take payments for social insurance?').best).toMatchObject({
      entry: { id: 'public-service-payment' },
    });
  });

  it('answers who holds a role only with a sentence that names them, not one that names the role alone', () => {
    // "… gắn kết quả thực hiện với trách nhiệm người đứng đầu" names the role, and no one in it.
    for (const question of ['ai đứng đầu bưu điện tỉnh Bắc Kạn hiện nay', 'Who heads the Bac Kan provincial post office these days?'])
      expect(engine.lookup(question).band, question).toBe('none');
    expect(engine.lookup('Phó Tổng giám đốc là ai').band).toBe('answer');
  });

  it('answers which document a rule stands on with a text that cites one by its number', () => {
    expect(questionFrame('lương hưu tại nhà theo công văn số mấy')).toMatchObject({ document: true });
    expect(questionFrame('bưu điện quy định cạnh dài nhất được bao nhiêu')).not.toHaveProperty('document');
    expect(engine.lookup('căn cứ pháp lý nào cho phép dân nhờ bưu điện nộp hồ sơ thủ tục')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'administrative-dossiers' } },
    });
    expect(engine.lookup('văn bản nào quyết định gộp tỉnh bắc kạn với thái nguyên')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'merger-2025' } },
    });
    // The 2020 article cites no document: its plan is not said to stand on one.
    const lookup = engine.lookup('kế hoạch năm 2021 của bưu điện tỉnh theo văn bản nào');
    expect(lookup.band).not.toBe('answer');
    expect(lookup.rejections.map((r) => r.gate)).toContain('document');
  });

  it('answers how many groups the services fall into with the services overview (its question variants)', () => {
    for (const question of ['bưu điện chia dich vu thành mấy nhóm', 'Bưu điện hiện nay làm những mảng dịch vụ chính nào?'])
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { entry: { id: 'services-overview' } } });
  });

  it('reads a month a yes/no question names as the claim it checks, answered with no "yes" when the text names another', () => {
    for (const [question, id] of [
      ['Bưu điện xã thay bưu điện huyện từ tháng 7 năm 2025 có phải không?', 'commune-post-offices'],
      [
        'Hội nghị triển khai kế hoạch 2021 được tổ chức vào tháng 11 phải không?',
        '2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021',
      ],
    ]) {
      const { band, best } = engine.lookup(question!);
      expect(band, question).toBe('answer');
      expect(best && matchId(best), question).toBe(id);
      expect(best?.polarity, question).toBeUndefined();
    }
  });

  it('answers a question that cites the article with what it asks of it; a citation of no article it holds stays in the question', () => {
    for (const [question, contains] of [
      ['Trong bài về hội nghị kế hoạch 2021, người trao giấy khen là ai?', 'Đinh Như Hạnh'],
      ['Bài viết có nói Công đoàn Khối quản lý được trao Bằng khen không?', 'Bằng khen'],
      ['Bài viết cuối năm 2020 của bưu điện tỉnh nói tổng thu cả năm được mấy tỷ?', '114 tỷ'],
    ]) {
      const { band, best } = engine.lookup(question!);
      expect(band, question).toBe('answer');
      expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' '), question).toContain(contains);
    }
    // No article of 2019: the year cited still asks about 2019.
    expect(engine.lookup('Theo bài viết năm 2019, tổng doanh thu là bao nhiêu?').band).not.toBe('answer');
  });

  it('reads hearsay, the grounds asked for and shorthand for documents as no words of the topic', () => {
    for (const [question, id] of [
      // "Nghe nói", "nghe bảo": where the claim was heard.
      ['Tôi nghe nói Bắc Kạn được gộp vào Lạng Sơn, có đúng vậy không?', 'merger-2025'],
      ['Nghe nói Bắc Kạn giờ thuộc về Cao Bằng, có đúng thế không?', 'merger-2025'],
      // Where it was heard said between: "thấy tivi nói".
      ['Hôm trước thấy tivi nói Bắc Kạn gộp tỉnh, gộp với bên nào thế?', 'merger-2025'],
      // "Về với tỉnh khác", "về chung với tỉnh nào": merged, said as people say it.
      ['Cháu ơi, ông nghe đài bảo Bắc Kạn về với tỉnh khác rồi, tỉnh nào thế?', 'merger-2025'],
      // Typed plainly: "thay tivi noi", and "hom", "ben" of "hôm trước", "bên nào" are no words of a topic.
      ['hom truoc thay tivi noi bac kan gop tinh, gop voi ben nao the?', 'merger-2025'],
      // "Dựa trên …": on what grounds.
      ['Việc làm thủ tục hành chính qua đường bưu điện thì dựa trên văn bản pháp lý nào vậy?', 'administrative-dossiers'],
      // "nq", "qd": nghị quyết, quyết định.
      ['nq sap nhap tinh bac kan so bn ad', 'merger-2025'],
      ['qd so may cho phep gui hs thu tuc qua bd z ad', 'administrative-dossiers'],
    ])
      expect(engine.lookup(question!), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    // The claim is checked, not confirmed: the merger was into Thái Nguyên.
    expect(engine.lookup('Tôi nghe nói Bắc Kạn được gộp vào Lạng Sơn, có đúng vậy không?').best?.polarity).toBeUndefined();
  });

  it('reads "cuộc họp" as the article\'s "hội nghị", and "diễn ra" before when as asking when', () => {
    const question = 'Cuộc họp của bưu điện tỉnh bàn kế hoạch 2021 diễn ra ngày mấy tháng mấy?';
    expect(engine.lookup(question)).toMatchObject({ band: 'answer', best: { kind: 'article' } });
  });

  it('reads "kí tự" as the knowledge\'s "ký tự", typed with diacritics or without, in the words and the measured thing', () => {
    for (const question of ['mã vđ chuẩn của bđ dài bn kí tự ạ', 'ma bp cua bđ gom bn ky tu vay', 'mã bưu gửi có bao nhiêu kí tự']) {
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { kind: 'entry', entry: { id: 'tracking' } } });
    }
    // The words said only to ask for more ("kể kỹ hơn") are spelled so too: still no word of the topic.
    expect(engine.lookup('kể kỹ hơn về chi trả lương hưu tại nhà')).toMatchObject({ missing: [], best: { confidence: 1 } });
  });

  it('reads "phần thưởng" as "khen thưởng" and "trao" as "trao tặng": who gave an award the article says was given', () => {
    const union = 'Năm 2020 Công đoàn Khối quản lý bên bưu điện tỉnh nhận phần thưởng gì?';
    const giver = 'bằng khen cho công đoàn khối quản lí là do đơn vi nào trao';
    for (const [question, said] of [
      [union, 'tặng Bằng khen'],
      [giver, 'Công đoàn Thông tin và Truyền thông Việt Nam'],
    ]) {
      const { band, best } = engine.lookup(question!);
      expect(band, question).toBe('answer');
      expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' '), question).toContain(said);
    }
  });

  it('reads the month of who did the deed as that of the event the article is dated in, not of a figure', () => {
    const who = 'Ở hội nghị tháng 12 năm 2020 của bưu điện tỉnh, ai là người trao giấy khen cho các đơn vị?';
    expect(engine.lookup(who)).toMatchObject({ band: 'answer', best: { kind: 'article' } });
    // December's revenue is a figure of the month, which the article does not give.
    expect(engine.lookup('doanh thu tháng 12 năm 2020 bao nhiêu').band).not.toBe('answer');
  });

  it('reads the scene and the part of the year of who did the deed as the event the article reports', () => {
    // "Tại hội nghị": the dateline's event is the caption's scene; "cuối năm 2020": its day, 23/12, is in it.
    for (const question of [
      'Tại hội nghị cuối năm 2020 của bưu điện tỉnh, ai là người lên trao giấy khen?',
      'hôm hội nghị cuối năm 2020 ai lên trao khen thưởng',
    ]) {
      const { band, best } = engine.lookup(question);
      expect(band, question).toBe('answer');
      expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' '), question).toContain('Đinh Như Hạnh');
    }
    // A yes/no question keeps the part of the year: it is the claim checked.
    expect(engine.lookup('Việc nhập tỉnh Bắc Kạn có hiệu lực từ đầu năm 2025 phải không?').best?.polarity).toBeUndefined();
  });

  it('does not answer what happened in a year with an entry that tells only of later years', () => {
    // The merger (2025) is not what the 2020 conference was about; the hotline's "1900" is no year.
    expect(engine.lookup('hội nghị năm 2020 của bưu điện tỉnh bàn về việc gì').best).not.toMatchObject({ entry: { id: 'merger-2025' } });
  });

  it('reads "ai là người …" as only asking who', () => {
    expect(engine.lookup('Ở hội nghị cuối năm ai là người trao giấy khen?').missing.map((t) => foldKey(t.term))).not.toContain('nguoi');
  });

  it('does not take an English question whose translation holds only the post office, the province and a year as about anything', () => {
    // Nor one that adds only a year: "figures" and "financially" are words the lexicon does not read.
    for (const question of [
      'Can I pay my water bill at the post office?',
      'What will the weather be in Bắc Kạn tomorrow?',
      'Any figures on how the Bac Kan post office did financially in 2022?',
    ]) {
      expect(engine.lookup(question).band, question).toBe('none');
    }
    expect(engine.lookup('Is Bac Kan still a province of its own?').best).toMatchObject({ entry: { id: 'merger-2025' } });
  });

  it('reads an ID or a passport as the papers the knowledge does not list: no entry that only says "bring" answers', () => {
    // "ID" is two letters, too short to count untranslated; read as only "bring", the pension entries answered, certain.
    for (const question of ['Should I bring my ID when I go to the post office?', 'Do I need a passport to send a parcel?']) {
      expect(engine.lookup(question).band, question).not.toBe('answer');
    }
  });

  it('takes a word the lexicon reads that the knowledge never uses as naming what it does not know, however short', () => {
    // "borrow" is "vay": three letters, too short to be told from a typo in Vietnamese, but read through the lexicon it is
    // no typo. Read from "money" and "post office" alone, the financial services said "Yes".
    const question = 'Can I borrow money from the post office to buy a buffalo?';
    expect(engine.lookup(question).band).toBe('none');
  });

  it('reads the lunar New Year named by its days or names as another holiday than the solar one an announcement gives', () => {
    expect(questionFrame('mùng 2 tết bưu cục có làm việc không').lunarNewYear).toBe(true);
    expect(questionFrame('tết nguyên đán bưu điện nghỉ mấy ngày').lunarNewYear).toBe(true);
    expect(questionFrame('mùng 1 tết dương lịch bưu cục có nghỉ không').lunarNewYear).toBeUndefined();
    expect(engine.lookup('mùng 2 tết bưu cục có làm việc không').band).not.toBe('answer');
    expect(engine.lookup('mùng 1 tết dương lịch bưu cục có nghỉ không')).toMatchObject({ best: { kind: 'article' } });
  });

  it('reads English pensioners as those paid a pension, and a total count as how many', () => {
    expect(engine.lookup('After the 10th, where do pensioners go to collect the money?').best).toMatchObject({
      entry: { id: 'pension-payment' },
    });
    expect(engine.lookup('What is the total count of commune post offices?')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'commune-post-offices' } },
    });
  });

  it('reads an English pension asked for someone who cannot walk or leave the house as home delivery', () => {
    const question = 'Grandma turns 82 next month and has trouble walking. Is there a way her pension gets delivered to her door instead?';
    expect(engine.lookup(question)).toMatchObject({ band: 'answer', best: { entry: { id: 'pension-home-delivery' } } });
    // The collection schedule is not what is asked of someone who cannot leave the house.
    expect(engine.lookup("and if my dad's 86 and can't leave the house? picking up a pension").best).not.toMatchObject({
      entry: { id: 'pension-payment' },
    });
  });

  it('answers a did-you-mean from the clause that asks, wherever it stands beside the situation the citizen tells', () => {
    // The situation may come after the question: "1 kien hang max dc bn kg z ad" alone is parcel post, surely.
    const after = '1 kien hang max dc bn kg z ad, shop e gui do gia dung';
    expect(engine.lookup(after)).toMatchObject({ band: 'answer', best: { entry: { id: 'parcel-post' } } });
    // A comma inside a number splits no clause; an "ok" before a few words tells no question of its own.
    for (const message of ['vang, toi hieu roi', 'chao ban, minh moi vao', 'tấm ván dài 1,8 m có gửi bưu kiện được không']) {
      expect(engine.lookup(message).band, message).not.toBe('answer');
    }
  });

  it('reads a province folded into or absorbed by another as merged', () => {
    for (const question of ['ok and it got folded into what province exactly', 'Which province was Bac Kan absorbed by?']) {
      expect(engine.lookup(question), question).toMatchObject({ band: 'answer', best: { entry: { id: 'merger-2025' } } });
    }
  });

  it('reads who runs or leads an office as its head asked for: the merger, which names no head, does not answer it', () => {
    for (const question of [
      'Who runs the Thai Nguyen provincial post office right now?',
      'Name of whoever runs the Thai Nguyen post office now?',
      'Who is heading the post office of the merged Thai Nguyen province?',
      'Who is leading the Thai Nguyen provincial post office these days?',
    ]) {
      expect(engine.lookup(question).frame.role, question).toBe('dung dau');
      expect(engine.lookup(question).band, question).toBe('none');
    }
    const running = "What's the name of the person currently running the Bac Kan provincial post office?";
    expect(engine.lookup(running).frame.role).toBe('dung dau');
    expect(engine.lookup(running).band).not.toBe('answer');
  });

  it("weighs an English question's words the lexicon does not read where the knowledge's texts hold them", () => {
    // The lexicon reads "parcel" and "documents" only; "back" and "seal" are in other entries' English texts.
    // Read from the lexicon alone, each was answered, certain, by an entry about something else (tracking, registered mail).
    for (const [question, word] of [
      ['Can I get my parcel back after I have sent it?', 'back'],
      ['Will the post office seal my documents when I hand them in?', 'seal'],
    ]) {
      const lookup = engine.lookup(question!);
      expect(lookup.band, question).not.toBe('answer');
      expect(
        lookup.missing.map((t) => t.term),
        question,
      ).toContain(word);
    }
    // A word no text holds is left out: the question is still answered from what the lexicon read.
    expect(engine.lookup('How heavy may a parcel be, honestly?').best).toMatchObject({ entry: { id: 'parcel-post' } });
  });

  it('reads "phải" (asking or must), "khoan" and the filler "e" as no words of the topic', () => {
    // Each was weighed as one of the knowledge's rarest words, and left the entry short of an answer.
    expect(engine.lookup('bd co chuyen tien ko e').best).toMatchObject({ entry: { id: 'financial-services' } });
    expect(engine.lookup('bd co chuyen tien ko e').band).toBe('answer');
    expect(engine.lookup('lĩnh lương hưu thì phải đem theo cái thẻ gì').best).toMatchObject({ entry: { id: 'pension-payment' } });
    // Typed without diacritics too: the knowledge writes no other word that folds to "phai".
    expect(engine.lookup('Co phai ma buu gui chi co 10 ky tu khong?')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'tracking' } },
    });
  });

  it('answers a time of day asked only with a text that states one: a date does not say it', () => {
    // The commune offices' entry says "từ ngày 1/9/2025", a date, not the hours asked.
    const lookup = engine.lookup('gio dong cua buu dien xa cho moi');
    expect(lookup.band === 'answer' && lookup.best?.kind === 'entry' && lookup.best.entry.id).not.toBe('commune-post-offices');
    expect(lookup.rejections).toContainEqual(expect.objectContaining({ id: 'commune-post-offices', gate: 'time' }));
  });

  it('reads "giờ" that means now as no word of the topic, and "mấy giờ" still as an hour', () => {
    // "giờ" was held by the merger entry's "bắc kạn bây giờ thuộc tỉnh nào", which then outranked the commune offices.
    for (const question of ['bưu điện huyện giờ còn không ad', 'bd huyen gio con hoat dong ko'])
      expect(engine.lookup(question).best, question).toMatchObject({ entry: { id: 'commune-post-offices' } });
    expect(engine.lookup('bưu điện mở cửa mấy giờ').frame.type).toBe('when');
  });

  it("takes a province out of the question's words: a person's place is no words of the topic", () => {
    // "Đà Nẵng" folded is "đa nặng", the words of parcel post's limits.
    for (const question of ['Chuyển tiền cho con ở Đà Nẵng qua bưu điện được không?', 'gui tien cho bo o da nang qua buu dien duoc ko']) {
      expect(engine.lookup(question).best, question).toMatchObject({ entry: { id: 'financial-services' } });
    }
    expect(engine.lookup('gửi hàng đi Đà Nẵng có được không').best).toMatchObject({ entry: { id: 'parcel-post' } });
  });

  it('asks which one is meant when two entries are nearly as sure and each misses a rare word the other holds', () => {
    const lookup = engine.lookup('Gửi bưu phẩm bảo đảm thì có theo dõi được hành trình không?');
    expect(lookup.band).toBe('clarify');
    expect(lookup.suggestions.map((e) => e.id).sort()).toEqual(['registered-mail', 'tracking']);
  });

  it('says yes or no from a limit in the entry', () => {
    expect(engine.lookup('bưu kiện nặng 40kg có gửi được không').best).toMatchObject({ polarity: 'no' });
    expect(engine.lookup('gửi bưu kiện 20kg được không').best).toMatchObject({ polarity: 'yes' });
  });

  it("says what the source holds and what it does not, in the reply's language", () => {
    const { related } = engine.lookup('doanh thu năm 2021 bao nhiêu');
    expect(relatedMessage(related!, 'vi').text).toMatch(
      /^Dạ, bài viết “.+” \(23\/12\/2020\) chỉ nêu số liệu năm 2020: Năm 2020, .*114 tỷ đồng.* Chưa có số liệu năm 2021; Quý khách vui lòng gọi 1900 54 54 81\./su,
    );
    expect(relatedMessage(related!, 'en').text).toMatch(
      /only gives the figure for 2020: “Năm 2020, .*” There is no figure for 2021; please call 1900 54 54 81\..*\(The source is in Vietnamese\.\)/su,
    );
  });

  it('tells what an article of years ago said, not that it still holds, when asked whether it still does', () => {
    const still = engine.lookup('Ông Đinh Như Hạnh bây giờ còn làm ở Tổng công ty không?');
    expect(still).toMatchObject({ band: 'none', related: { now: true } });
    expect(relatedMessage(still.related!, 'vi').text).toMatch(
      /^Dạ, bài viết “.+” \(23\/12\/2020\) khi đó nêu: .*Đinh Như Hạnh.*\. Chưa có thông tin mới hơn .*1900 54 54 81\./su,
    );
    expect(relatedMessage(engine.lookup('Is Dinh Nhu Hanh still the deputy general director?').related!, 'en').text).toMatch(
      /said then: “.*Đinh Như Hạnh.*” There is no more recent information/su,
    );
    // Asked of its own time, the article answers.
    expect(engine.lookup('Ông Đinh Như Hạnh giữ chức vụ gì?').band).toBe('answer');
  });

  it('answers English over Vietnamese content quoting the source and saying it is in Vietnamese', () => {
    const { best } = engine.lookup('What was the total revenue of the post office in 2020?');
    expect(answerMessage(best!, 'en', (id) => engine.entry(id)).text).toMatch(
      /^According to the article “.+” \(23\/12\/2020, in Vietnamese\): “.*114 tỷ đồng.*”\n\nSource: .*\(The source is in Vietnamese\.\)$/su,
    );
    const { best: entry } = engine.lookup('ông tôi 85 tuổi có được nhận lương hưu tại nhà không');
    expect(answerMessage(entry!, 'vi', (id) => engine.entry(id)).text).toMatch(/^Dạ, có\. Lương hưu được chi trả tại nhà/u);
  });

  it('reads an English question through the lexicon', () => {
    const lookup = engine.lookup('What was the total revenue of the post office in 2020?');
    expect(lookup.english).toBe(true);
    expect(lookup.best?.kind === 'article' && lookup.best.sentences.map((s) => s.text).join(' ')).toContain('114 tỷ đồng');
    // "Pick up" is receiving, a pension as well as a parcel: not goods ("lấy hàng") only.
    for (const [question, id] of [
      ["If I pick up my father's pension, what do I need to bring?", 'pension-payment'],
      ['Does the post office pick up parcels from my home?', 'parcel-post'],
    ])
      expect(engine.lookup(question!), question).toMatchObject({ band: 'answer', best: { entry: { id } } });
    // "how much to send …" asks the price, which only the hotline gives; "founded" is a deed the knowledge never tells.
    expect(engine.lookup('how much to send a parcel to Hanoi?').best).toMatchObject({ entry: { id: 'prices' } });
    expect(engine.lookup('For my essay, in which year was Vietnam Post founded?').band).toBe('none');
  });

  it("counts the year a sentence reports on, named at its paragraph's start, as a year it holds", () => {
    // "Năm 2020, … Đối với chỉ tiêu chất lượng …, được Tổng Công ty khen thưởng cả 4 quý": not the awards, which name 2020.
    const { best } = engine.lookup('nghe nói 2020 bđ tỉnh quý nào cũng đc tổng cty khen, đúng ko');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text).join(' ')).toContain('cả 4 quý');
    // Asked of another year too, it still misses that year: the 2020 figures are no answer for 2018.
    expect(engine.lookup('Cho tôi số liệu doanh thu năm 2018 của bưu điện tỉnh để so với năm 2020').band).not.toBe('answer');
  });

  it('brings no second sentence that holds the phrase asked only as syllables of other words', () => {
    // "phát động" stands in the sentence of the movement launched; "phát triển … lao động" only has its syllables.
    const { best } = engine.lookup('hôm đó phát động cái gì');
    expect(best?.kind === 'article' && best.sentences.map((s) => s.text)).toEqual([
      expect.stringContaining('phát động phong trào thi đua'),
    ]);
  });

  it('reads "tính từ hôm nào" as asking when, "lg" as lương and "bđảm" as bảo đảm', () => {
    expect(engine.lookup('gửi giấy tờ cho con bằng thư bđảm thì có mã tra cứu ko a')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'registered-mail' } },
    });
    expect(engine.lookup('tỉnh mình bây giờ nhập vào với tỉnh nào rồi tính từ hôm nào')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'merger-2025' } },
    });
    expect(engine.lookup('nhan lg huu ho bo me thi mang theo j')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'pension-payment' } },
    });
  });

  it('answers a why-question only from a text that gives a reason', () => {
    // The merger entry says what and when, never why.
    expect(engine.lookup('vì sao bắc kạn lại hợp nhất vào thái nguyên').band).toBe('none');
    expect(engine.lookup('bắc kạn hợp nhất vào tỉnh nào')).toMatchObject({ band: 'answer', best: { entry: { id: 'merger-2025' } } });
    // "số hiệu riêng để Quý khách tra cứu" gives one.
    expect(engine.lookup('vì sao nên gửi giấy tờ quan trọng bằng bưu phẩm bảo đảm')).toMatchObject({
      best: { entry: { id: 'registered-mail' } },
    });
  });

  it("reads a private number asked as someone's, which no text gives", () => {
    expect(engine.lookup('xin sđt riêng của ổng dc ko').band).toBe('none');
    expect(engine.lookup('cho xin số điện thoại riêng của anh ấy').band).toBe('none');
    expect(engine.lookup('số điện thoại bưu điện là gì')).toMatchObject({ band: 'answer', best: { entry: { id: 'hotline' } } });
  });

  it('reads "giờ" before "sao" as now, a unit after "bao nhiêu" as the thing measured, and a relative\'s place as theirs', () => {
    expect(engine.lookup('bđ huyện h sao r')).toMatchObject({ band: 'answer', best: { entry: { id: 'commune-post-offices' } } });
    expect(engine.lookup('Giờ không còn bưu điện huyện nữa à?').best).toMatchObject({ entry: { id: 'commune-post-offices' } });
    // "kí" after "bn" is the weight, whatever follows it ("ad", expanded to "quản trị viên").
    expect(engine.lookup('1 kiện gửi bđ đc nặng tối đa bn kí ad').best).toMatchObject({ entry: { id: 'parcel-post' } });
    // "chắt" (a great-grandchild) lives in Hà Nội: not Hà Nội's post office asked about.
    expect(engine.lookup('gửi thùng quà cho chắt ở Hà Nội, một thùng tối đa được mấy cân?')).toMatchObject({
      band: 'answer',
      best: { entry: { id: 'parcel-post' } },
    });
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
    const typos = new ShortWordTypos([
      ['nhan', 'luong', 'huu'],
      ['thu', 'ho'],
      ['dien', 'thoai'],
    ]);
    expect(typos.correct(['luong', 'hu', 'o', 'dau'])).toEqual(['luong', 'huu', 'o', 'dau']);
    // "hu" next to nothing known: "huu" and "thu" are both one edit away, so it is left alone.
    expect(typos.correct(['hu'])).toEqual(['hu']);
    // A function word beside it is no context: "hội ở" does not make "kết hôn" "kết hội".
    expect(new ShortWordTypos([['hoi', 'o', 'xa']]).correct(['ket', 'hon', 'o', 'xa'])).toEqual(['ket', 'hon', 'o', 'xa']);
    // A function word is no typo, though the texts may not write it: "hay noi" (hay nói) is no "ha noi" (Hà Nội).
    expect(new ShortWordTypos([['ha', 'noi']]).correct(['hay', 'noi'])).toEqual(['hay', 'noi']);
  });
});

describe('one typo model for search and confidence', () => {
  it('both correct an unknown word of 5+ letters to its most frequent one-edit neighbour, and leave shorter ones', () => {
    const units = [{ main: termSet('thương binh', 'mồng một') }, { main: termSet('thương mại') }, { main: termSet('trường học') }];
    const scorer = new ConfidenceScorer(units);
    const [long] = scorer.prepare('thươngg');
    expect(long).toMatchObject({ term: 'thương', form: 'exact' });
    expect(scorer.prepare('mùng')[0]).toMatchObject({ term: 'mùng', weight: Math.log(1 + units.length) }); // 4 letters: unknown, not mồng
    const index = new TypoIndex(['thuong', 'truong', 'mong']);
    const df = [2, 1, 1];
    expect(index.likeliest('thuongg', (id) => df[id]!)).toBe(0);
    expect(index.likeliest('tuong', (id) => df[id]!)).toBe(0); // thuong and truong both one edit away: the more frequent
    expect(index.likeliest('mung', (id) => df[id]!)).toBe(-1);
  });
});
