// Follow-up questions are read with the conversation's topic, kept in conversation state: in Vietnamese and
// in English, across a restart of the service (the state is on disk, or in Blob under test:blob); with no
// topic, a follow-up gets a clarifying question, never an answer about something else. Over HTTP.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalKnowledgeDir } from '../src/evaluation/evalKnowledge.js';
import { ownPhrases, ownWords, readInContext, topicOf } from '../src/understanding/followUp.js';
import { listedItems, namedItem, withItemPicked } from '../src/understanding/listPick.js';
import { ask, meta, startBot, type TestBot } from './helpers/botServer.js';

const ARTICLE = '2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021';

async function reply(bot: TestBot, id: string, text: string): Promise<{ intent?: string; answerId?: string; text: string }> {
  const [first] = await ask(bot.url, id, text);
  return { ...meta(first), text: first?.text ?? '' };
}

describe('follow-ups in conversation', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('reads an elliptical Vietnamese question with the entry last answered', async () => {
    expect(await reply(bot, 'vi-1', 'Bắc Kạn được hợp nhất vào tỉnh nào?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'vi-1', 'từ ngày nào vậy?')).toMatchObject({
      intent: 'answer',
      answerId: 'merger-2025',
      text: expect.stringContaining('1/7/2025'),
    });
  });

  it('reads a time asked as "hôm nào" and a detail asked as "cụ thể là …" with the entry last answered', async () => {
    expect(await reply(bot, 'vi-day', 'bắc kạn giờ thuộc về tỉnh nào vậy')).toMatchObject({ answerId: 'merger-2025' });
    // Read alone it was the 2020 article's "hiệu quả … nỗ lực", which holds "hiệu lực" only apart: never that answer.
    const day = await reply(bot, 'vi-day', 'có hiệu lực từ hôm nào?');
    expect(['clarify', 'fallback'].includes(day.intent!) || day.answerId === 'merger-2025', JSON.stringify(day)).toBe(true);
    expect(await reply(bot, 'vi-detail', 'lương hưu có được mang đến nhà không')).toMatchObject({ answerId: 'pension-home-delivery' });
    expect(await reply(bot, 'vi-detail', 'cụ thể là người bao nhiêu tuổi?')).toMatchObject({
      answerId: 'pension-home-delivery',
      text: expect.stringContaining('80 tuổi'),
    });
  });

  it('reads "which unit …?" with the topic, and answers with the sentence that says who did it', async () => {
    expect(await reply(bot, 'vi-unit', 'Công đoàn Khối quản lý được khen thưởng như thế nào?')).toMatchObject({ answerId: ARTICLE });
    expect(await reply(bot, 'vi-unit', 'cơ quan nào tặng?')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('Công đoàn Thông tin và Truyền thông'),
    });
  });

  it('answers a new deed asked of the article ("hôm đó phát động cái gì?") with its sentence, not the topic\'s again', async () => {
    expect(await reply(bot, 'vi-deed', 'cuối năm 2020 có mấy tập thể đơn vị trực thuộc bưu điện tỉnh được giấy khen')).toMatchObject({
      answerId: ARTICLE,
    });
    expect(await reply(bot, 'vi-deed', 'hôm đó phát động cái gì')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('phong trào thi đua'),
    });
    expect((await reply(bot, 'vi-deed', 'hôm đó phát động cái gì')).text).not.toContain('Giấy khen');
  });

  it('reads "điều đó áp dụng từ khi nào?" and "còn về kích thước thì được quy định ra sao?" with the entry last answered', async () => {
    expect(await reply(bot, 'vi-since', 'các bưu điện huyện trước đây hiện nay còn hoạt động không?')).toMatchObject({
      answerId: 'commune-post-offices',
    });
    expect(await reply(bot, 'vi-since', 'Điều đó áp dụng từ khi nào?')).toMatchObject({
      intent: 'answer',
      text: expect.stringContaining('1/9/2025'),
    });
    expect(await reply(bot, 'vi-size', 'một bưu kiện được phép nặng tối đa bao nhiêu?')).toMatchObject({ answerId: 'parcel-post' });
    expect(await reply(bot, 'vi-size', 'Còn về kích thước thì được quy định ra sao?')).toMatchObject({
      answerId: 'parcel-post',
      text: expect.stringContaining('1.500 mm'),
    });
  });

  it('reads "thế còn …" with the last question, and says so when the knowledge does not have it', async () => {
    expect(await reply(bot, 'vi-2', 'Bưu kiện được nặng tối đa bao nhiêu ký?')).toMatchObject({ answerId: 'parcel-post' });
    expect(await reply(bot, 'vi-2', 'thế còn EMS?')).toMatchObject({ intent: 'fallback', text: expect.stringContaining('1900 54 54 81') });
  });

  it('reads a question about the person named with the article last answered', async () => {
    expect(await reply(bot, 'vi-3', 'Ai đã trao tặng giấy khen cho các tập thể xuất sắc năm 2020?')).toMatchObject({ answerId: ARTICLE });
    expect(await reply(bot, 'vi-3', 'người đó giữ chức vụ gì?')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('Phó Tổng giám đốc'),
    });
  });

  it('reads a question about the person the last answer named with their name, however it points to them', async () => {
    // The question that found the person named the conference; "ông ấy", "vị đó" ask about the person, not the conference.
    for (const [id, followUp] of [
      ['vi-person-1', 'ông ấy giữ chức gì?'],
      ['vi-person-2', 'vị đó làm ở vị trí nào bên tổng công ty?'],
    ] as const) {
      expect(await reply(bot, id, 'Ai trao giấy khen ở hội nghị của Bưu điện tỉnh Bắc Kạn?')).toMatchObject({ answerId: ARTICLE });
      expect(await reply(bot, id, followUp), followUp).toMatchObject({
        answerId: ARTICLE,
        text: expect.stringContaining('Phó Tổng giám đốc'),
      });
    }
    // What the sentence about them does not say is not answered with it.
    expect(await reply(bot, 'vi-person-3', 'Ai trao giấy khen ở hội nghị của Bưu điện tỉnh Bắc Kạn?')).toMatchObject({ answerId: ARTICLE });
    expect(await reply(bot, 'vi-person-3', 'ông ấy bao nhiêu tuổi?')).toMatchObject({ intent: 'fallback' });
  });

  it('reads "căn cứ văn bản nào?" with the entry last answered, which cites it', async () => {
    expect(await reply(bot, 'vi-doc', 'Bắc Kạn được hợp nhất vào tỉnh nào?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'vi-doc', 'căn cứ văn bản nào thế?')).toMatchObject({
      answerId: 'merger-2025',
      text: expect.stringContaining('202/2025/QH15'),
    });
  });

  it('gives the comparison the article makes when asked about an earlier year', async () => {
    expect(await reply(bot, 'vi-4', 'doanh thu tính lương năm 2020 là bao nhiêu')).toMatchObject({ answerId: ARTICLE });
    expect(await reply(bot, 'vi-4', 'so với năm 2019 thì thế nào?')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('111%'),
    });
  });

  it('reads an English follow-up with the English question last answered', async () => {
    expect(await reply(bot, 'en-1', 'Which province was Bac Kan merged into?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'en-1', 'since when?')).toMatchObject({
      answerId: 'merger-2025',
      text: expect.stringContaining('1 July 2025'),
    });
  });

  it('reads an English follow-up picking up a date as the same subject at another time', async () => {
    expect(await reply(bot, 'en-date', 'Bac Kan got merged - what province is it in today?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'en-date', 'and from which date exactly?')).toMatchObject({ answerId: 'merger-2025' });
  });

  it("takes an English follow-up's subject from the answer whose English words hold it, not only its translation", async () => {
    // Translated, "home" is "nhà", which the pension schedule's Vietnamese also holds; its English text says nothing of home.
    expect(await reply(bot, 'en-home', 'When do pensions get paid at the commune points?')).toMatchObject({ answerId: 'pension-payment' });
    expect(await reply(bot, 'en-home', 'and who can have it brought home?')).toMatchObject({
      answerId: 'pension-home-delivery',
      text: expect.stringContaining('80 or over'),
    });
    // The topic's own English text says "district": it stays, though the commune post offices' text does too.
    expect(await reply(bot, 'en-district', 'What province does Bac Kan belong to these days?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'en-district', 'and what happened to the districts?')).toMatchObject({
      answerId: 'merger-2025',
      text: expect.stringContaining('district level was abolished'),
    });
    // As sure, and writing as many of its words: the answer that writes them side by side ("district post offices").
    expect(await reply(bot, 'en-offices', 'When did Bac Kan join Thai Nguyen?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'en-offices', 'And the district post offices?')).toMatchObject({ answerId: 'commune-post-offices' });
    // Alone as sure as the topic, and writing more of the follow-up's words: "where … collect" is the payment points.
    expect(await reply(bot, 'en-collect', 'Can my 84-year-old father get his pension brought home?')).toMatchObject({
      answerId: 'pension-home-delivery',
    });
    expect(await reply(bot, 'en-collect', 'and where do other people collect it?')).toMatchObject({ answerId: 'pension-payment' });
  });

  it('asks what is meant when a follow-up comes first, in the conversation language', async () => {
    expect(await reply(bot, 'none-1', 'thế còn năm trước thì sao?')).toMatchObject({
      intent: 'clarify',
      text: expect.stringContaining('đầy đủ câu hỏi'),
    });
    expect(await reply(bot, 'none-2', 'and who is he?')).toMatchObject({
      intent: 'clarify',
      text: expect.stringContaining('whole question'),
    });
    // An interjection before the thing pointed back to changes nothing.
    expect(await reply(bot, 'none-3', 'ủa v cái chỗ đó giờ sao r')).toMatchObject({ intent: 'clarify' });
    // Chat shorthand ("b", "j", "z") says nothing of its own.
    expect(await reply(bot, 'none-4', 'hồi nãy b nói j z')).toMatchObject({ intent: 'clarify' });
    // The restated question stands on its own.
    expect(await reply(bot, 'none-1', 'ý mình là tổng doanh thu năm 2020 của bưu điện tỉnh là bao nhiêu')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('114 tỷ'),
    });
  });

  it('reads a follow-up to a question that found no answer with that question, when together they find one', async () => {
    // The first question finds nothing (a limit in metres, the entry writes mm); with it, "còn cân nặng?" is parcel post.
    expect(await reply(bot, 'miss-1', 'mỗi cạnh của thùng hàng gửi đi không được quá mấy mét')).toMatchObject({ intent: 'fallback' });
    expect(await reply(bot, 'miss-1', 'còn cân nặng?')).toMatchObject({ answerId: 'parcel-post', text: expect.stringContaining('30 kg') });
    // In English too.
    expect(await reply(bot, 'miss-2', 'In 2020, how much did the Bac Kan provincial post office turn over altogether?')).toMatchObject({
      intent: 'fallback',
    });
    expect(await reply(bot, 'miss-2', 'what about the revenue used for salaries?')).toMatchObject({ answerId: ARTICLE });
    // With nothing missed before, the same follow-up is asked what it is about.
    expect(await reply(bot, 'miss-3', 'còn cân nặng?')).toMatchObject({ intent: 'clarify' });
  });

  it('says it does not know, not "what do you mean?", when a follow-up and the question it follows find nothing together', async () => {
    expect(await reply(bot, 'miss-4', 'bưu cục xã tôi có bán vé xe khách không')).toMatchObject({ intent: 'fallback' });
    const after = await reply(bot, 'miss-4', 'thế còn vé tàu thì sao?');
    expect(after).toMatchObject({ intent: 'fallback', text: expect.stringContaining('1900 54 54 81') });
    expect(after.text).not.toContain('đầy đủ câu hỏi');
  });

  it('asks what is meant when a first message recalls what was asked or said before ("vụ hôm trước tôi hỏi", "hôm qua bảo khác")', async () => {
    for (const [id, text] of [
      ['recall-1', 'vụ hôm trước tôi hỏi có kết quả chưa'],
      ['recall-2', 'Sao lại thế được nhỉ, hôm qua bảo khác mà'],
    ]) {
      expect(await reply(bot, id!, text!), text).toMatchObject({ intent: 'clarify' });
    }
  });

  it('keeps as the topic what a question asked of an article, not the article it cited', async () => {
    // "Trong bài" carried into the follow-up made "trong" a word of the topic: the union's Giấy khen sentence writes it
    // ("trong phong trào thi đua"), the Bằng khen sentence does not.
    expect(await reply(bot, 'cite-1', 'Trong bài, công đoàn nào của bưu điện tỉnh được Bằng khen?')).toMatchObject({
      text: expect.stringContaining('Công đoàn Khối quản lý'),
    });
    expect(await reply(bot, 'cite-1', 'ai tặng vậy?')).toMatchObject({
      answerId: ARTICLE,
      text: expect.stringContaining('Công đoàn Thông tin và Truyền thông Việt Nam tặng Bằng khen'),
    });
    expect(topicOf(ARTICLE, 'Theo bài viết, ai trao giấy khen?').question).toBe('ai trao giấy khen?');
  });

  it('reads alone a first question that brings in the person it then points to', () => {
    const broughtIn = 'hôm trước đọc báo thấy có người lên trao giấy khen, người đó tên gì';
    expect(readInContext(broughtIn, undefined)).toEqual({ kind: 'alone', question: broughtIn });
    expect(readInContext('người đó tên gì', undefined)).toEqual({ kind: 'clarify' });
    // A place pointed back to ("chỗ đó"), and what for ("để làm gì"), asked of nothing said.
    expect(readInContext('vậy là phải đi tận chỗ đó à?', undefined)).toEqual({ kind: 'clarify' });
    expect(readInContext('để làm gì vậy ạ?', undefined)).toEqual({ kind: 'clarify' });
    // What the bot said, recalled with nothing said before.
    expect(readInContext('Hang on, and the second figure you gave me earlier?', undefined)).toEqual({ kind: 'clarify' });
  });

  it('reads a question that says it changes the subject alone, without the words that say so', async () => {
    expect(await reply(bot, 'new-1', 'cho tôi xin số đường dây nóng')).toMatchObject({ answerId: 'hotline' });
    // "chuyện" is a word the knowledge never uses: read with the question, it made the answer unsure.
    expect(await reply(bot, 'new-1', 'chuyện khác nhé, bưu điện có sàn bán hàng online không?')).toMatchObject({ answerId: 'postmart' });
    expect(readInContext('by the way, who is he?', topicOf('hotline', 'số đường dây nóng'))).toEqual({ kind: 'clarify' });
    expect(readInContext('đổi chủ đề nhé: bắc kạn giờ thuộc tỉnh nào?', topicOf('hotline', 'số đường dây nóng'))).toEqual({
      kind: 'alone',
      question: 'bắc kạn giờ thuộc tỉnh nào?',
    });
  });

  it('asks what is meant when a short question finds only its syllables apart, in words of other phrases', async () => {
    // "hiệu lực" is nowhere in the knowledge; an article holds "hiệu quả" and "nỗ lực".
    expect(await reply(bot, 'apart-1', 'hiệu lực lúc nào vậy ạ')).toMatchObject({ intent: 'clarify' });
    // A name beside a word is no compound of syllables: Postmart's text says "sàn … Postmart.vn", and answers.
    expect(await reply(bot, 'apart-2', 'Sàn Postmart là của đơn vị nào vậy?')).toMatchObject({ answerId: 'postmart' });
  });

  it('leaves the topic for the entry that holds what a short follow-up adds', async () => {
    expect(await reply(bot, 'sibling-1', 'cho tôi xin số đường dây nóng')).toMatchObject({ answerId: 'hotline' });
    // The hotline's hours are not confirmed: the hours entry says so, the number is not given again as if it answered.
    expect(await reply(bot, 'sibling-1', 'mấy giờ thì làm việc?')).toMatchObject({
      intent: 'fallback',
      answerId: 'hotline-hours',
      text: expect.stringContaining('1900 54 54 81'),
    });
  });

  it('answers "còn …?" with what its own subject finds when that is another entry, not with the topic again', async () => {
    expect(await reply(bot, 'pick-1', 'Postmart là gì vậy?')).toMatchObject({ answerId: 'postmart' });
    expect(await reply(bot, 'pick-1', 'thế còn dịch vụ tài chính bưu chính thì sao?')).toMatchObject({ answerId: 'financial-services' });
    expect(await reply(bot, 'pick-2', 'bưu điện có những nhóm dịch vụ nào')).toMatchObject({ answerId: 'services-overview' });
    expect(await reply(bot, 'pick-2', 'con phan phoi ban le thi sao')).toMatchObject({ answerId: 'postmart' });
    // Its subject alone finds the topic's own entry, worded otherwise ("cân": the entry writes "nặng tối đa 30 kg").
    expect(await reply(bot, 'pick-4', 'kích thước bưu kiện tối đa là bao nhiêu')).toMatchObject({ answerId: 'parcel-post' });
    expect(await reply(bot, 'pick-4', 'còn cân nặng?')).toMatchObject({ answerId: 'parcel-post', text: expect.stringContaining('30 kg') });
    // The topic's answer, unsure with what is picked up, yields to another its subject finds alone far more surely.
    expect(await reply(bot, 'pick-5', 'lương hưu tháng này thì mấy ngày được lĩnh vậy bạn')).toMatchObject({ answerId: 'pension-payment' });
    expect(await reply(bot, 'pick-5', 'thế qua mùng mười rồi thì ra chỗ nào lĩnh')).toMatchObject({ answerId: 'pension-payment' });
    expect(await reply(bot, 'pick-5', 'còn ông tôi chín mươi rồi không đi được thì có ai mang đến không')).toMatchObject({
      answerId: 'pension-home-delivery',
    });
  });

  it('says it does not know where, rather than the dateline of the event asked about before', async () => {
    expect(await reply(bot, 'where-1', 'Hội nghị triển khai kế hoạch năm 2021 tổ chức ngày nào?')).toMatchObject({ answerId: ARTICLE });
    expect(await reply(bot, 'where-1', 'họp ở đâu vậy?')).toMatchObject({
      intent: 'fallback',
      text: expect.stringContaining('1900 54 54 81'),
    });
  });

  it('does not answer a price asked in English after parcel post with its sizes: the entry only refers prices to the hotline', async () => {
    expect(await reply(bot, 'price-en', 'How heavy can a parcel be?')).toMatchObject({ answerId: 'parcel-post' });
    const price = await reply(bot, 'price-en', 'what about the price?');
    expect(price.intent === 'answer' && price.answerId === 'parcel-post', JSON.stringify(price)).toBe(false);
    expect(price.text).toContain('1900 54 54 81');
  });

  it('does not answer a fee asked after parcel post with its sizes: no fee is known', async () => {
    expect(await reply(bot, 'fee-1', 'gửi bưu kiện có dịch vụ cộng thêm nào không')).toMatchObject({ answerId: 'parcel-post' });
    const fee = await reply(bot, 'fee-1', 'thế phí hết bao nhiêu?');
    expect(fee.answerId).not.toBe('parcel-post');
    expect(fee.text).toContain('1900 54 54 81');
  });

  it('says it does not know a local office number asked after the hotline, rather than the reorganisation text', async () => {
    expect(await reply(bot, 'phone-1', 'cho xin số tổng đài')).toMatchObject({ answerId: 'hotline' });
    const local = await reply(bot, 'phone-1', 'còn số của bưu cục Chợ Mới?');
    expect(local).toMatchObject({ intent: 'fallback', text: expect.stringContaining('1900 54 54 81') });
    expect(local.answerId).not.toBe('commune-post-offices');
  });

  it('reads an English follow-up that asks "… for that?" of the thing just answered, not of whatever its words find alone', async () => {
    expect(await reply(bot, 'for-that', 'I want to send my land papers by post')).toMatchObject({ answerId: 'administrative-examples' });
    const fees = await reply(bot, 'for-that', 'and how do I pay the fees for that?');
    // The insurance collection is free of charge, a fee of another thing; the list of papers says nothing of fees: how the
    // fees of a dossier sent by post are paid is said where sending it is.
    expect(fees).toMatchObject({ intent: 'answer', answerId: 'administrative-dossiers' });
    expect(fees.text).toContain('fees are paid directly or by transfer');
  });

  it('reads an English follow-up that asks of "that" ("from what date did that kick in?") with the topic', async () => {
    expect(await reply(bot, 'did-that', 'Bac Kan got merged into which province?')).toMatchObject({ answerId: 'merger-2025' });
    const since = await reply(bot, 'did-that', 'from what date did that kick in?');
    expect(since).toMatchObject({ intent: 'answer', answerId: 'merger-2025' });
    expect(since.text).toContain('1 July 2025');
  });

  it('reads a follow-up that asks for an example ("ví dụ như …") as the question that follows those words', async () => {
    expect(await reply(bot, 'example-1', 'làm thủ tục hành chính ở bưu điện')).toMatchObject({ answerId: 'administrative-dossiers' });
    // "ví dụ" is a word of the tracking entry ("ví dụ CQ724476204VN"): read as words of the question, it found the code's format.
    expect(await reply(bot, 'example-1', 'ví dụ như giấy tờ gì thì gửi được?')).toMatchObject({ answerId: 'administrative-examples' });
  });

  it('does not give the topic again for a subject picked up that neither it nor anything else holds', async () => {
    expect(await reply(bot, 'pick-3', 'Đóng bảo hiểm y tế ở bưu điện được không?')).toMatchObject({ answerId: 'public-service-payment' });
    expect(await reply(bot, 'pick-3', 'thế còn tiền điện thì sao?')).toMatchObject({ intent: 'fallback' });
  });

  it('reads words that only ask or say for whom ("căn cứ vào", "nếu ông tôi") as no subject of the follow-up', async () => {
    expect(await reply(bot, 'grounds-1', 'Bắc Kạn hợp nhất với tỉnh nào?')).toMatchObject({ answerId: 'merger-2025' });
    expect(await reply(bot, 'grounds-1', 'căn cứ vào nghị quyết nào vậy?')).toMatchObject({
      answerId: 'merger-2025',
      text: expect.stringContaining('202/2025/QH15'),
    });
    expect(await reply(bot, 'whom-1', 'lương hưu lĩnh ở đâu')).toMatchObject({ answerId: 'pension-payment' });
    expect(await reply(bot, 'whom-1', 'nếu bà tôi 90 tuổi thì sao')).toMatchObject({ answerId: 'pension-home-delivery' });
  });

  it('reads an item picked by its place ("cái thứ hai", "the second one", "bài thứ hai") as that item of the list just given', async () => {
    expect(await reply(bot, 'pick-vi', 'bưu điện có những dịch vụ gì')).toMatchObject({ answerId: 'services-overview' });
    expect(await reply(bot, 'pick-vi', 'thế cái thứ hai trong đó gồm những gì?')).toMatchObject({
      answerId: 'financial-services',
      text: expect.stringContaining('chuyển tiền'),
    });
    expect(await reply(bot, 'pick-en', 'what services does the post office offer')).toMatchObject({ answerId: 'services-overview' });
    // "postal and express delivery" is one item: only the last is joined by "and".
    expect(await reply(bot, 'pick-en', 'ok, what is the second one exactly?')).toMatchObject({
      answerId: 'financial-services',
      text: expect.stringContaining('money transfer'),
    });
    // The news pages list numbered lines: those are the items.
    expect(
      listedItems('Dạ, đây là các bài viết mới nhất:\n1. Lịch nghỉ Tết (20/12/2026)\n2. Bưu cục chuyển địa điểm (10/12/2026)'),
    ).toEqual(['Lịch nghỉ Tết', 'Bưu cục chuyển địa điểm']);
    expect(withItemPicked('bài thứ hai nói gì', ['Lịch nghỉ Tết', 'Bưu cục chuyển địa điểm'])).toBe('Bưu cục chuyển địa điểm nói gì');
    // A numbered line is kept short: the memory is saved with every turn.
    expect(listedItems(`1. ${'a'.repeat(400)}\n2. b`).map((item) => item.length)).toEqual([160, 1]);
    // A sentence after a colon is no list.
    expect(listedItems('Dạ, theo bài viết (16/11/2026): Từ ngày 01/12/2026, Bưu cục Trung tâm mở cửa từ 7 giờ 00 đến 19 giờ 00.')).toEqual(
      [],
    );
  });

  it('reads an item of the list an answer is, named by its words, as that item', async () => {
    expect(await reply(bot, 'named-after', 'bưu điện có những dịch vụ gì')).toMatchObject({ answerId: 'services-overview' });
    expect(await reply(bot, 'named-after', 'trong các nhóm đó, phần tài chính bưu chính gồm những gì')).toMatchObject({
      answerId: 'financial-services',
    });
    // The list itself is still the answer when no one item is named, or an item's words find the list again.
    expect(await reply(bot, 'named-none', 'bưu điện có mấy nhóm dịch vụ chính')).toMatchObject({ answerId: 'services-overview' });
    expect(namedItem('gửi hồ sơ lý lịch tư pháp được không', ['hồ sơ bảo hiểm xã hội', 'lý lịch tư pháp'])).toBe('lý lịch tư pháp');
    expect(namedItem('bưu điện có dịch vụ gì', ['tài chính bưu chính', 'phân phối – bán lẻ'])).toBeUndefined();
  });

  it('asks what an item picked by its place is about when nothing was listed, and reads a day, a letter or a number as such', async () => {
    expect(await reply(bot, 'pick-none', 'Cái thứ hai chị vừa kể là cái gì nhỉ?')).toMatchObject({ intent: 'clarify' });
    expect(await reply(bot, 'pick-none-en', 'and the second item on that list, how does it work?')).toMatchObject({ intent: 'clarify' });
    expect((await reply(bot, 'pick-day', 'hôm thứ hai bưu điện có mở cửa không')).intent).not.toBe('clarify');
    expect(await reply(bot, 'pick-letter', 'mã bưu gửi gồm những phần nào, chữ cái cuối là gì')).toMatchObject({ answerId: 'tracking' });
    expect(await reply(bot, 'pick-number', 'cháu cần xin lý lịch tư pháp số 2 gửi qua bưu điện được không ạ')).toMatchObject({
      answerId: 'administrative-examples',
    });
  });

  it('reads a rewording ("ý tôi là …") and what was said as said ("nói thế") with the answer just given', async () => {
    expect(await reply(bot, 'reword', 'Đóng bảo hiểm y tế ở bưu điện có bị thu thêm đồng nào không')).toMatchObject({
      answerId: 'public-service-payment',
    });
    expect(await reply(bot, 'reword', 'ý tôi là nhân viên có lấy tiền công làm hộ không ấy')).toMatchObject({
      answerId: 'public-service-payment',
      text: expect.stringContaining('không phải trả phí'),
    });
    expect(await reply(bot, 'said-so', 'lương hưu có được mang đến nhà không')).toMatchObject({
      answerId: 'pension-home-delivery',
    });
    expect(await reply(bot, 'said-so', 'có giấy tờ quy định nào nói thế không')).toMatchObject({
      answerId: 'pension-home-delivery',
      text: expect.stringContaining('972/BHXH-TCKT'),
    });
    expect(await reply(bot, 'said-so-alone', 'có văn bản nào quy định vậy không')).toMatchObject({ intent: 'clarify' });
  });

  it('keeps a question that carries its own subject on its own after another topic', async () => {
    await reply(bot, 'vi-5', 'Lương hưu được chi trả vào những ngày nào trong tháng?');
    expect(await reply(bot, 'vi-5', 'số tổng đài hỗ trợ khách hàng là số nào')).toMatchObject({ answerId: 'hotline' });
  });
});

describe('an item picked by its place, beside the announcements', () => {
  let bot: TestBot;
  let knowledgeDir: string;
  beforeAll(async () => {
    knowledgeDir = evalKnowledgeDir(process.cwd());
    bot = await startBot({ knowledgeDir });
  });
  afterAll(async () => {
    await bot.dispose();
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  it('reads "cái thứ hai" after an answer that lists nothing to pick as pointing to that answer, not as a Monday', async () => {
    expect(await reply(bot, 'pick-topic', 'số tổng đài bưu điện là gì')).toMatchObject({ answerId: 'hotline' });
    expect(await reply(bot, 'pick-topic', 'thế cái thứ hai thì sao')).toMatchObject({ answerId: 'hotline' });
  });
});

describe('follow-up context across a restart', () => {
  it('survives the service restarting between the question and its follow-up', async () => {
    const first = await startBot();
    expect(await reply(first, 'restart', 'Bắc Kạn được hợp nhất vào tỉnh nào?')).toMatchObject({ answerId: 'merger-2025' });
    await first.stop();
    const second = await startBot({ dataDir: first.dataDir, knowledgeDir: first.knowledgeDir });
    try {
      expect(await reply(second, 'restart', 'từ ngày nào vậy?')).toMatchObject({ answerId: 'merger-2025' });
    } finally {
      await second.dispose();
    }
  });
});

describe('reading a question in context', () => {
  it('tells follow-ups from questions that stand alone, by pointing back, picking up or saying too little', () => {
    const topic = { answerId: 'parcel-post', question: 'Bưu kiện được nặng tối đa bao nhiêu ký?' };
    expect(readInContext('thế còn EMS?', topic)).toMatchObject({ kind: 'withTopic', marked: true });
    expect(readInContext('từ ngày nào vậy?', topic)).toMatchObject({ kind: 'withTopic', marked: false });
    expect(readInContext('Con tôi học ở Hà Nội, tôi chuyển tiền cho cháu qua bưu điện được không?', undefined)).toMatchObject({
      kind: 'alone',
    });
    expect(readInContext('người đó là ai?', undefined)).toEqual({ kind: 'clarify' });
    // English "How do …" opens with no "đó" (folded "do"): a question of its own.
    expect(readInContext('How do I follow a registered letter?', undefined)).toMatchObject({ kind: 'alone' });
    expect(readInContext('hoi nghi do hop ngay nao', undefined)).toEqual({ kind: 'clarify' });
    // One of those named before, by its rank, points back; a weekday ("thứ hai", Monday) does not.
    expect(readInContext('nguoi thu hai la ai', undefined)).toEqual({ kind: 'clarify' });
    expect(readInContext('thứ hai bưu điện có mở cửa không', undefined)).toMatchObject({ kind: 'alone' });
    // However long, a thing said before that a word turns to ("thế cái … đó") points back.
    expect(readInContext('thế cái thứ hai trong hai cái đó thì sao', undefined)).toEqual({ kind: 'clarify' });
    expect(readInContext('thế cái mà em nói sau cùng ấy thì sao?', undefined)).toEqual({ kind: 'clarify' });
    // However many words of the knowledge it holds, a first message recalling what was said, asked or met before the
    // conversation; not "dịch vụ của mình" (folded "vụ của mình") nor "vận chuyển có bao …".
    for (const text of [
      'Cái ông hôm trước đến nhà là ai vậy',
      'Như bác nói hôm trước ấy, giờ làm tiếp thế nào?',
      'làm y như lần trước được không ad',
      'do i need to bring that thing too?',
      'Did anything come of the second issue I raised?',
    ]) {
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
    }
    for (const text of ['Bưu điện chia các dịch vụ của mình thành mấy nhóm?', 'Trung tâm khai thác vận chuyển có bao nhiêu người làm?']) {
      expect(readInContext(text, undefined), text).toMatchObject({ kind: 'alone' });
    }
    // An English follow-up's prepositions and pronouns say nothing of their own: two words besides them say too little.
    expect(readInContext('effective from what date?', { answerId: 'merger-2025', question: 'When was Bac Kan merged?' })).toMatchObject({
      kind: 'withTopic',
    });
    // "đâu đó" (somewhere) points to nothing said before.
    expect(readInContext('Tôi đọc đâu đó là bưu điện có mở một sàn bán hàng trên mạng, tên là gì?', undefined)).toMatchObject({
      kind: 'alone',
    });
    // However long, a question done "that way" is read with the topic when there is one, and alone when there is none.
    const dossiers = { answerId: 'administrative-dossiers', question: 'nộp thủ tục hành chính qua bưu điện được không?' };
    expect(readInContext('vậy những giấy tờ kiểu gì hay được gửi theo cách đó?', dossiers)).toMatchObject({
      kind: 'withTopic',
      marked: false,
    });
    expect(readInContext('vậy những giấy tờ kiểu gì hay được gửi theo cách đó?', undefined)).toMatchObject({ kind: 'alone' });
    // However long, a question about a person pointed back to has no one to be about; "họ tên", "hồ sơ" point to no one.
    expect(readInContext('người đó làm ở vị trí nào trong Tổng công ty?', undefined)).toEqual({ kind: 'clarify' });
    expect(readInContext('họ có trao giấy khen cho các đơn vị trực thuộc không?', undefined)).toEqual({ kind: 'clarify' });
    expect(readInContext('họ tên người nhận lương hưu thay cần ghi thế nào?', undefined)).toMatchObject({ kind: 'alone' });
    // A person of the citizen's own named in the message is the one "ông ấy" points to.
    for (const text of [
      'Ông xã tôi mới 66, còn chạy xe máy được, vậy bưu điện có phát lương hưu tận nhà cho ông ấy không?',
      'me minh 85 tuoi roi, bd co mang luong huu den nha cho ba ay ko',
    ])
      expect(readInContext(text, undefined), text).toMatchObject({ kind: 'alone' });
    expect(readInContext('ho so gui qua buu dien co duoc niem phong khong', undefined)).toMatchObject({ kind: 'alone' });
    expect(readInContext('what about last year?', undefined)).toEqual({ kind: 'clarify' });
    // "Chuyện cũ", the old matter, points back to what was said before.
    for (const text of ['vẫn chuyện cũ thôi, giờ sao', 'van vu cu thoi gio sao'])
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
    // "What if …" after an answer asks of its case; as a first message it is a question of its own.
    const pension = topicOf('pension-payment', 'How do I collect my pension at the post office?');
    expect(readInContext('what if I collect it for my mother?', pension)).toMatchObject({ kind: 'withTopic', marked: true });
    expect(readInContext('What if I lose my parcel?', undefined)).toMatchObject({ kind: 'alone' });
    // The person the last answer named is who "ông ấy" is; "đơn vị đó" (that unit) is no person.
    const named = topicOf(ARTICLE, 'Ai trao giấy khen ở hội nghị?', 'Đinh Như Hạnh');
    expect(readInContext('ông ấy giữ chức gì?', named)).toMatchObject({ kind: 'withTopic', question: 'ông ấy giữ chức gì? Đinh Như Hạnh' });
    expect(readInContext('bây giờ đơn vị đó còn tồn tại không?', named)).not.toMatchObject({ question: expect.stringContaining('Đinh') });
    // With nothing to pick up, a pick-up naming a subject and asking of it is a question of its own; one that only
    // says "thì sao" (or "vậy", "v") still needs what came before.
    expect(readInContext('còn lương hưu thì nhận ở đâu, ngày nào?', undefined)).toEqual({
      kind: 'alone',
      question: 'lương hưu thì nhận ở đâu, ngày nào?',
    });
    for (const text of ['còn mục cuối cùng thì sao?', 'the con lai gia bao nhieu v', 'thế còn EMS?'])
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
    // "Đấy" is "đó"; "lúc nãy", "vừa nãy" point back to what was said; "thế họ …" to the people named before.
    for (const text of [
      'cái giấy đấy nộp ở chỗ nào?',
      'cái vừa nãy nghĩa là sao?',
      'năm kế tiếp thì con số ấy thế nào?',
      'thế họ được khen vì cái gì?',
      // "vậy thì …" goes on from what was said; "cái … ấy" is the thing said before.
      'vậy thì tôi phải làm gì tiếp?',
      'cái hôm trước tôi hỏi ấy',
      // However long, a question opening on "cái … ấy" asks about the thing said before.
      'cái mục số hai ấy nói gì cơ?',
      // An item of a list shown before, by its rank.
      'cái số thứ hai là gì?',
      // "như thế" (like that), "đợt sau" (the later round) point to what was said.
      'nhà bên cạnh có được như thế không',
      'thế cái đợt sau thì ngày nào',
      'muc thu nhat la gi',
    ])
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
    // Any thing named then "đó" / "ấy" at the start points back, typed with diacritics or without; "do" that
    // means "by" ("do ai", "do đơn vị nào") does not.
    for (const text of [
      'hoi nghi do hop ngay nao?',
      'hội nghị đó họp ngày nào?',
      'văn bản ấy ký khi nào',
      'quyet dinh ay co hieu luc chua',
    ])
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
    expect(readInContext('hoi nghi do hop ngay nao?', topic)).toMatchObject({ kind: 'withTopic', marked: true });
    expect(readInContext('bang khen do ai trao?', undefined)).toMatchObject({ kind: 'alone' });
    // Words that only ask are told by their diacritics when typed with them: "lực" is not "lúc".
    expect(ownWords('lúc nào có hiệu lực')).toEqual(['hieu', 'luc']);
    expect(ownPhrases('bao giờ thì hiệu lực bắt đầu vậy')).toEqual(['hieu luc bat dau']);
    // The topic's question words are left out, and its years when the follow-up names one.
    const revenue = { answerId: 'a', question: 'doanh thu năm 2020 là bao nhiêu?' };
    expect(readInContext('còn năm 2019?', revenue)).toMatchObject({ question: 'còn năm 2019? doanh thu', picksUp: false });
    // A time asked as "hôm nào" / "tháng nào" only asks when; a time pointed back to ("mấy hôm đó") and a detail
    // asked of the last answer ("cụ thể là …") need the topic.
    expect(ownWords('có hiệu lực từ hôm nào?')).toEqual(['hieu', 'luc']);
    // "tổ chức nào", "cấp nào" ask which body, as "đơn vị nào" does: the deed alone is the follow-up's own word.
    expect(ownWords('do tổ chức nào tặng thế')).toEqual(['tang']);
    expect(ownWords('cấp nào tặng vậy')).toEqual(['tang']);
    expect(readInContext('có hiệu lực từ hôm nào?', topic)).toMatchObject({ kind: 'withTopic', marked: false });
    // "cỡ nào" asks how big: "thế to cỡ nào thì không gửi được?" says little, and is read with the parcel question.
    expect(readInContext('thế to cỡ nào thì không gửi được?', topic)).toMatchObject({ kind: 'withTopic' });
    // "kiểu gì" only asks how: "phí thì nộp kiểu gì?" says little, and is read with the question before it.
    expect(readInContext('phí thì nộp kiểu gì?', topic)).toMatchObject({ kind: 'withTopic' });
    // A restated question ("ý em là …") may still point back.
    for (const text of [
      'qua mấy hôm đó rồi thì nhận chỗ nào?',
      'cụ thể là người bao nhiêu tuổi?',
      'cu the la nhung giay to gi',
      'ý em là cái hôm trước ấy',
    ])
      expect(readInContext(text, undefined), text).toEqual({ kind: 'clarify' });
  });
});
