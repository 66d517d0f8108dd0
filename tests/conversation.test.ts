// The conversation side of issue 16, end to end through /api/messages: one language per reply (loanwords
// don't make a message English; the conversation keeps its language), small talk and acknowledgements that
// never count as misses, who the bot is, an angry message about an item, forms that never trap (cancel
// phrases, asides answered and the step asked again, fields that check what they take), English flows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage } from '../src/features/answers/answerTexts.js';
import type { KnowledgeBase } from '../src/knowledge/kbBuilder.js';
import { languageSignal } from '../src/text/language.js';
import { actionTitles, ask, FIXTURE_KNOWLEDGE, meta, startBot, type TestBot } from './helpers/botServer.js';

const values = (reply: Partial<Activity> | undefined): string[] => (reply?.suggestedActions?.actions ?? []).map((a) => String(a.value));
const lang = (reply: Partial<Activity> | undefined): string | undefined => meta(reply)?.lang;
const intents = (replies: Partial<Activity>[]): Array<string | undefined> => replies.map((r) => meta(r)?.intent);
// Vietnamese text has diacritics (NFC); an English reply has none outside quoted names and places.
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

let bot: TestBot;
let n = 0;
/** A new conversation; `say` sends the next message in it. */
function conversation(): (text: string) => Promise<Partial<Activity>[]> {
  const id = `conv-${++n}`;
  return (text) => ask(bot.url, id, text);
}

beforeAll(async () => {
  // Hundreds of conversations from 127.0.0.1 within a minute: the per-address limit (tested in hostileHttp and
  // addressCaps) would answer some of them 429, depending on how fast the machine runs the file.
  bot = await startBot({ env: { RATE_LIMIT_IP_PER_MINUTE: '0' } });
});
afterAll(() => bot.dispose());

describe('one language per reply', () => {
  it.each([
    'Cho Hỏi Giờ Mở Cửa',
    'Bưu điện Thái Nguyên ở đâu',
    'Ok Cảm Ơn',
    // English words borrowed among Vietnamese ones.
    'Năm 2020 delivery quality của bưu điện Bắc Kạn được đánh giá thế nào?',
    'My mother-in-law wants to send money, bưu điện có nhận không?',
  ])('"%s" is Vietnamese, names or not', (text) => {
    expect(languageSignal(text)).toBe('vi');
  });

  it.each(['Minh Tran', 'Nguyễn Văn An', 'Tran Thi Mai'])('"%s", a name on its own, is in no language', (text) => {
    expect(languageSignal(text)).toBeUndefined();
  });

  it('an English complaint stays in English through a Vietnamese name', async () => {
    const say = conversation();
    for (const step of ['I want to complain', 'The parcel was left out in the rain']) await say(step);
    const [askPhone] = await say('Minh Tran');
    expect(lang(askPhone)).toBe('en');
    await say('0907 654 321');
    const [filed] = await say('Confirm');
    expect(meta(filed)).toMatchObject({ intent: 'ticket', lang: 'en' });
  });

  it('answers an English question naming the province with diacritics in English', async () => {
    const [reply] = await conversation()('Which province has Bắc Kạn been merged into?');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'merger-2025', lang: 'en' });
  });

  it.each(['hotline', 'so hotline', 'Hotline', 'ok', 'co ship cod ko', 'ib cho mk sdt cskh vs ad', 'GY-7K3Q', 'CQ724476204VN'])(
    '"%s" gives no sign of English',
    (text) => {
      expect(languageSignal(text)).not.toBe('en');
    },
  );

  it.each([
    'How do I track my parcel?',
    'Can I get my pension delivered at home?',
    'talk to a human',
    'thanks, bye',
    'When are pensions paid?',
    'What was the total revenue in 2020?',
    // Vietnamese names inside an English question, typed with their diacritics.
    'When did Bắc Kạn become part of Thái Nguyên?',
    'Is the post office in Chợ Mới still open?',
    // A few Vietnamese words borrowed among English ones.
    'Can I get my lý lịch tư pháp through the post office?',
    'I teach in Bac Kan town. Can I renew my driving licence through the bưu điện?',
  ])('"%s" is English', (text) => {
    expect(languageSignal(text)).toBe('en');
  });

  it.each([
    ['ok noted', 'ack'],
    ['hey, hello', 'greeting'],
  ])('"%s", the first message, is answered in English; after Vietnamese it is not', async (text, intent) => {
    const [first] = await conversation()(text);
    expect(meta(first)).toMatchObject({ intent, lang: 'en' });
    const say = conversation();
    await say('số tổng đài bưu điện là gì');
    const [later] = await say(text);
    expect(meta(later)).toMatchObject({ intent, lang: 'vi' });
  });

  it.each(['hotline', 'so hotline', 'Hotline'])('"%s" gets a Vietnamese answer whose buttons post Vietnamese', async (text) => {
    const [reply] = await conversation()(text);
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'hotline', lang: 'vi' });
    expect(reply!.text).toMatch(/^Dạ, /u);
    expect(reply!.text).toContain('Nguồn:');
    expect(values(reply)).toContain('hotline làm việc mấy giờ');
    expect(values(reply)).not.toContain('hotline opening hours');
  });

  it("the menu's Hotline button and its follow-up never post English", async () => {
    const say = conversation();
    const [first] = await say('menu');
    expect(values(first)).toContain('Hotline');
    const [hotline] = await say('Hotline');
    const followUp = hotline!.suggestedActions!.actions.find((a) => a.title === 'Giờ và cước gọi hotline');
    expect(followUp?.value).toBe('hotline làm việc mấy giờ');
    const [hours] = await say(String(followUp!.value));
    expect(meta(hours)).toMatchObject({ answerId: 'hotline-hours', lang: 'vi' });
  });

  it.each([
    ['How do I track my parcel?', 'tracking', /tracking code/u],
    ['Can I get my pension delivered at home?', 'answer', /delivered at home/u],
    ['talk to a human', 'handoffUnavailable', /call 1900 54 54 81/u],
    ['thanks, bye', 'goodbye', /Goodbye/u],
  ])('"%s" gets an English reply (%s), buttons and all', async (text, intent, content) => {
    const replies = await conversation()(text);
    expect(meta(replies[0])).toMatchObject({ intent, lang: 'en' });
    expect(replies[0]!.text).toMatch(content);
    for (const reply of replies) {
      expect(reply.text).not.toMatch(/^Dạ/u);
      for (const action of reply.suggestedActions?.actions ?? []) {
        expect(action.title).not.toMatch(VIETNAMESE);
        if (action.type === 'imBack') expect(String(action.value)).not.toMatch(VIETNAMESE);
      }
    }
  });

  it('keeps the conversation\'s language for a message in none ("ok", "hotline"), and follows a message in one', async () => {
    const say = conversation();
    expect(lang((await say('When are pensions paid?'))[0])).toBe('en');
    const [ok] = await say('ok');
    expect(meta(ok)).toMatchObject({ intent: 'ack', lang: 'en' });
    // Each reply carries its language, so that no channel guesses it again from the text (Zalo's choice hint).
    expect(ok!.locale).toBe('en-US');
    const [hotline] = await say('hotline');
    expect(meta(hotline)).toMatchObject({ answerId: 'hotline', lang: 'en' });
    expect(hotline!.text).toContain('Source:');
    expect(values(hotline)).toContain('hotline opening hours');
    const [vietnamese] = await say('số tổng đài là gì');
    expect(meta(vietnamese)).toMatchObject({ answerId: 'hotline', lang: 'vi' });
    expect(vietnamese!.locale).toBe('vi-VN');
    expect(meta((await say('ok'))[0])).toMatchObject({ intent: 'ack', lang: 'vi' });
  });

  it('quotes a Vietnamese article in English framing and says the source is in Vietnamese', () => {
    const kb = JSON.parse(readFileSync(path.join(FIXTURE_KNOWLEDGE, 'kb.json'), 'utf8')) as KnowledgeBase;
    const article = kb.articles[0]!;
    const message = answerMessage(
      { kind: 'article', article, sentences: [article.paragraphs[0]![0]!], confidence: 1 },
      'en',
      () => undefined,
    );
    expect(message.text).toMatch(/^According to the article “.+” \(\d{2}\/\d{2}\/\d{4}, in Vietnamese\): “/u);
    expect(message.text).toContain('(The source is in Vietnamese.)');
  });
});

describe('small talk and acknowledgements', () => {
  it.each([
    ['bạn là ai', 'identity', 'trợ lý tự động'],
    ['ban la ai', 'identity', 'trợ lý tự động'],
    ['bạn giúp được gì cho tôi', 'capabilities', 'bot có thể'],
    ['ok', 'ack', 'Dạ vâng'],
    ['ừ', 'ack', 'Dạ vâng'],
    ['vâng', 'ack', 'Dạ vâng'],
    ['cảm ơn nhé', 'thanks', 'rất vui được hỗ trợ'],
    ['bạn có phải người thật không', 'human', 'không phải người thật'],
    ['who are you', 'identity', 'automated assistant'],
    ['what can you do', 'capabilities', 'I can answer'],
    ['can you help me?', 'capabilities', 'I can answer'],
    ['are you a bot', 'human', 'not a person'],
    // An English greeting of two words answered in English, not with the Vietnamese "no information".
    ['hi there', 'greeting', 'Hello!'],
    // A question after an acknowledgement and a hesitation: the question is answered.
    ['ờ hiểu rồi, tiện cho xin luôn số gọi tổng đài nhé', 'answer', '1900 54 54 81'],
    // A greeting, then the number asked for as "xin cái số …": the request is answered, not the greeting.
    ['alo ad, xin cái số hotline cskh bđ vs, gấp lắm', 'answer', '1900 54 54 81'],
    ['Hello there!', 'greeting', 'Hello!'],
  ])('"%s" → %s', async (text, intent, content) => {
    const [reply, extra] = await conversation()(text);
    expect(meta(reply)?.intent).toBe(intent);
    expect(reply!.text).toContain(content);
    expect(extra).toBeUndefined();
  });

  it.each([
    ['chào em, chúc một ngày tốt lành nhé', 'greeting'],
    ['chuc ban buoi toi vui ve', 'greeting'],
    ['thôi chào bot nhé', 'goodbye'],
    ['cảm ơn e nhé', 'thanks'],
    ['em là ai vậy', 'identity'],
    ['bot giúp được mình những việc gì', 'capabilities'],
    ['vô dụng thật luôn', 'insult'],
    ['bot gì mà ngốc thế', 'insult'],
    // A greeting formula with the addressee, praise beside thanks, what may be asked.
    ['chào buổi chiều bưu điện', 'greeting'],
    ['tuyệt quá, cảm ơn bot nhé', 'thanks'],
    ['minh hoi duoc nhung gi', 'capabilities'],
    // Whether the bot is a person, not a request for one; what to call it (not a notice that says "bất tiện").
    ['đang nói chuyện với người thật hay máy vậy', 'human'],
    ['có phải chị là người thật đang gõ không', 'human'],
    // Something pointed back to at the opening, nothing said before: asked what it is about, however long.
    ['hai thứ ấy cái nào tốt hơn?', 'clarify'],
    // One of a list or of the people named before, by its rank ("người thứ hai", "the second option"); a weekday is none.
    ['vậy người thứ hai thì làm gì?', 'clarify'],
    ['and the second option, how does that work?', 'clarify'],
    ['gọi bạn là gì cho tiện nhỉ', 'identity'],
    // "họ" points back, and nothing was said before: what is it about (not a list of what the bot does)?
    ['họ có làm giúp được không?', 'clarify'],
    // A person asked for in shorthand ("ng") or as "nói với".
    ['chuyen may cho minh noi voi ng that di', 'handoffUnavailable'],
    ['ng that oi, giup em voi', 'handoffUnavailable'],
    // "bot này" asking what it can do (not the hotline's "hỗ trợ"); a staff member asked for as "actual".
    ['bot này hỗ trợ được những việc gì?', 'capabilities'],
    ['can I speak to an actual staff member?', 'handoffUnavailable'],
    // Person or machine asked either way round; someone on duty asked as "còn ai trực"; one of the staff; "thank u".
    ['bạn là máy hay là người thật vậy?', 'human'],
    // The machine in other words, or the person named as staff: still whether the bot is a person, not a request for one.
    ['đang trả lời tôi là người thật hay chương trình tự động?', 'human'],
    ['máy trả lời hay nhân viên gõ vậy', 'human'],
    ['is this a human or a program answering?', 'human'],
    ['tôi muốn gặp nhân viên hay ai đó', 'handoffUnavailable'],
    ['ben kia la nguoi that go phim hay may tra loi tu dong v', 'human'],
    ['chào em, giờ này bên mình còn ai trực không?', 'handoffUnavailable'],
    ['let me speak to one of your staff please', 'handoffUnavailable'],
    ['thank u ad nhiu nha', 'thanks'],
    // Whether the one chatting is a person, asked as "đang chat với người thật à" or "… hay tự động"; what may be asked.
    ['dang chat voi nguoi that a', 'human'],
    ['ơ em đang rep là người thật hay tự động', 'human'],
    ['e hoi dc nhung chuyen gi o day', 'capabilities'],
    // Someone on duty at the switchboard, after a greeting; leaving with the next talk put off (no form under way).
    ['chào em, giờ có ai trực tổng đài không?', 'handoffUnavailable'],
    ['thôi mình đi đây, hẹn hôm khác nói chuyện tiếp', 'goodbye'],
    // Letters stretched for effect; relief beside thanks; "đã hiểu" (understood).
    ['alooooo', 'greeting'],
    ['bái bai nhaaa', 'goodbye'],
    // A ticket's reference keeps a letter it has three times: it is a code, not a stretched word.
    ['phiếu KN-PQQQ sao rồi', 'ticketStatus'],
    ['à vâng, thế thì tốt quá, cảm ơn cháu', 'thanks'],
    ['cám ơn cháu nhé, may quá có chỗ hỏi', 'thanks'],
    ['oki đã hiểu', 'ack'],
    // Whether the one typing the replies is a person, closed by "không đấy".
    ['có phải người thật đang gõ trả lời không đấy', 'human'],
    // Being put through to someone ("nối máy cho tôi với …"), one of the post office's people.
    ['tôi muốn gặp người của bưu điện, nối máy cho tôi với chị nhân viên nào cũng được', 'handoffUnavailable'],
    // The staff addressed ("cán bộ"); who the bot is to the post office, asked by an elder ("cháu"); "ghi lại rồi" (noted)
    // after a hesitation; thanks said formally ("xin"); new articles asked for in English.
    ['chào cán bộ bửu điện', 'greeting'],
    ['cháu là cái gì của bửu điện thế', 'identity'],
    ['ờ ờ bác ghi lại rồi', 'ack'],
    ['Tôi xin cảm ơn.', 'thanks'],
    ['Has the provincial post office published any new articles lately?', 'news'],
    // A formal writer's greeting, acknowledgement and leave-taking; staff named as "cán bộ" beside a machine.
    ['Kính chào quý cơ quan, chúc anh chị một ngày làm việc thuận lợi.', 'greeting'],
    ['Vâng, tôi đã nắm được thông tin.', 'ack'],
    ['Tôi xin phép kết thúc trao đổi tại đây, trân trọng chào.', 'goodbye'],
    ['Người đang trả lời tôi là cán bộ bưu điện thật hay máy tự động?', 'human'],
    // A member of "your" staff asked for; "those …" pointing back with nothing said before.
    ['I would like to speak with a member of your staff, please.', 'handoffUnavailable'],
    ['Are those numbers correct?', 'clarify'],
    // English chat shorthand ("r u"); a person or a machine offered with more words between, or as "có ai … hay tự động";
    // leaving to do something said at length; "what for?" asked of nothing said, in either language.
    ['who r u', 'identity'],
    ['Ở đầu bên kia có người thật đang nhắn với bà không hay là máy tự trả lời vậy con?', 'human'],
    ['bên kia màn hình có ai đang gõ trả lời không hay tự động?', 'human'],
    ['Thôi bác chào cháu nhé, bác đi nấu cơm cho ông đây', 'goodbye'],
    ['để làm gì vậy ạ?', 'clarify'],
    ['wait, so I have to pay for it?', 'clarify'],
    // A suggestion to drop; a question opened by a request to be told, closed by a colon.
    ['Hello, where can I drop a suggestion about your counters?', 'ticket'],
    // Dialect written out points back ("rứa còn cái nớ": "thế còn cái đó") with nothing said before; whose
    // the bot is, asked as a choice; what it can help someone named with.
    ['Rứa còn cái nớ thì răng hả cháu?', 'clarify'],
    ['Cháu là ai thế, là người của bưu điện hay của đâu?', 'identity'],
    ['What kinds of things can you help my elderly parents with?', 'capabilities'],
    ['Bạn tóm tắt giúp mình: năm 2021 bưu điện tỉnh muốn đẩy mạnh kinh doanh dịch vụ nào?', 'answer'],
  ])('"%s" (a wish, a particle, shorthand) is read as what it says: %s', async (text, intent) => {
    const [reply] = await conversation()(text);
    expect(meta(reply)?.intent).toBe(intent);
    expect(reply!.text).not.toContain('chưa có thông tin');
  });

  it.each([
    // An item's damage or loss told while asking what is paid or which number to call: the question, which the knowledge
    // does not hold, gets the honest answer with the hotline, not the item-problem reply.
    ['hàng gửi bị vỡ thì bưu điện đền bao nhiêu tiền', '1900 54 54 81'],
    ["My parcel has gone missing and I need Vietnam Post's helpdesk line, which one is it?", '1900 54 54 81'],
    // A loss feared, not reported; "không, tôi định …" across a comma is no "không tới".
    ['Tôi gửi hợp đồng gốc, sợ thất lạc lắm, gửi bảo đảm thì có mã riêng để dò không', '1900 54 54 81'],
    ['Sáng thứ bảy bưu điện xã có mở không, tôi định ra gửi hàng', '1900 54 54 81'],
  ])('"%s" asks, not reports', async (text, number) => {
    const [reply] = await conversation()(text);
    expect(meta(reply)?.intent).not.toBe('itemProblem');
    expect(reply!.text).toContain(number);
  });

  it.each([
    'cái bot này dở hơi thật',
    'trả lời như cái máy, vô tích sự',
    'hỏi mãi không được, đồ vô dụng',
    'hỏi mãi không ra, đồ máy móc vô dụng',
    // Name-calling at the end, no comma: its "gì" asks nothing ("chả được cái gì").
    'hỏi mãi chả được cái gì đồ máy vô dụng',
  ])('"%s" is an insult, answered calmly, not with "no information"', async (text) => {
    const [reply] = await conversation()(text);
    expect(meta(reply)?.intent).toBe('insult');
    expect(reply!.text).not.toContain('chưa có thông tin');
  });

  it('answers a request after thanks ("cho xin …") as the question, not with more thanks', async () => {
    const [reply] = await conversation()('ok tks. tiện cho xin luôn số tổng đài');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
  });

  it('answers the question a story leads to, unless the story narrows it (a year, another province, abroad)', async () => {
    const story = 'Cháu ngoại tôi đang học đại học ở Hà Nội, bà muốn gửi cho nó ít măng khô với thịt gác bếp.';
    const [reply] = await conversation()(`${story} Một thùng hàng như thế thì bưu điện cho gửi nặng nhất là bao nhiêu cân?`);
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
    expect(reply!.text).toContain('30 kg');
    // The year told first is part of what is asked: the question is not read without it.
    const [narrowed] = await conversation()('Tôi muốn so sánh với năm 2018. Tổng doanh thu của bưu điện tỉnh là bao nhiêu?');
    expect(meta(narrowed)?.intent).not.toBe('answer');
  });

  it.each(['report giúp mình cái, bưu cục hoàn hàng chậm quá', 'cho minh de xuat may y cho bd nhe'])(
    'starts the form for "%s" (an item\'s delay told after "report giúp"; a suggestion asked to be let give)',
    async (text) => {
      const [reply] = await conversation()(text);
      expect(meta(reply)?.intent).toBe('ticket');
    },
  );

  it('does not take "thông báo tới …" (notifying someone) for a request for the news', async () => {
    const [reply] = await conversation()(
      'Đơn vị chúng tôi cần thông báo tới các hộ hưu trí về thời gian nhận lương hưu tại điểm chi trả xã, đề nghị bưu điện cho biết cụ thể.',
    );
    expect(meta(reply)?.intent).not.toBe('news');
    expect(reply!.text).not.toContain('bài viết');
  });

  it('acknowledgements never count as misses: "ok" twice, then one miss, offers nothing more', async () => {
    const say = conversation();
    expect(intents(await say('ok'))).toEqual(['ack']);
    expect(intents(await say('ok'))).toEqual(['ack']);
    expect(intents(await say('bạn giúp được gì cho tôi'))).toEqual(['capabilities']);
    expect(intents(await say('kết quả xổ số miền bắc hôm qua'))).toEqual(['fallback']);
  });

  it('says who it is in line with the July 2025 merger, naming no current post office or official', async () => {
    const [reply] = await conversation()('bạn là ai');
    expect(reply!.text).toContain('từ 1/7/2025, tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên');
    expect(reply!.text).not.toMatch(/Bưu điện tỉnh Thái Nguyên|giám đốc/iu);
  });
});

describe('an angry message about an item', () => {
  it('gets an apology and the tracking and complaint offer (no person when none can be reached)', async () => {
    const say = conversation();
    const [reply, extra] = await say('TẠI SAO HÀNG CỦA TÔI GỬI MÃI KHÔNG ĐẾN!!!');
    expect(meta(reply)?.intent).toBe('itemProblem');
    expect(reply!.text).toContain('xin lỗi');
    expect(actionTitles(reply)).toEqual(['Tra cứu bưu gửi', 'Gửi khiếu nại', 'Gọi 1900 54 54 81']);
    expect(extra).toBeUndefined();
    const [complaint] = await say('Gửi khiếu nại');
    expect(complaint!.text).toContain('mô tả nội dung khiếu nại');
  });

  it('answers a question asked beside the problem that the knowledge answers, and not one that only asks why', async () => {
    const [reply] = await conversation()('Tôi gửi hàng từ tuần trước mà chưa tới, mã trên phiếu gửi phải có mấy ký tự mới đúng?');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'tracking' });
    expect(reply!.text).toContain('13 ký tự');
    for (const told of ['hàng gửi 1 tuần chưa tới là sao vậy', 'Hàng của tôi chưa tới, phải làm sao?']) {
      const [problem] = await conversation()(told);
      expect(meta(problem)?.intent).toBe('itemProblem');
    }
  });

  it('in English too', async () => {
    const [reply] = await conversation()('My parcel still has not arrived!!! This is terrible');
    expect(meta(reply)).toMatchObject({ intent: 'itemProblem', lang: 'en' });
    expect(reply!.text).toContain('sorry');
    expect(actionTitles(reply)).toEqual(['Track a parcel', 'Make a complaint', 'Call 1900 54 54 81']);
  });
});

/** Starts the complaint flow and walks it up to a step: 1 details, 2 name, 3 phone, 4 confirmation. */
async function complaintAt(step: number): Promise<(text: string) => Promise<Partial<Activity>[]>> {
  const say = conversation();
  const answers = ['khiếu nại', 'Bưu gửi CQ724476204VN gửi từ tuần trước vẫn chưa tới', 'Nguyễn Văn An', '0912 345 678'];
  for (const text of answers.slice(0, step)) await say(text);
  return say;
}

describe('forms never trap', () => {
  it.each([
    'thôi',
    'không cần nữa',
    'thôi không cần nữa',
    'thôi khỏi',
    'dừng lại',
    'hủy',
    'huy',
    'cancel',
    'stop',
    'Thôi, không cần nữa ạ',
  ])('"%s" ends the complaint flow and says so', async (phrase) => {
    for (const step of [1, 2, 3, 4]) {
      const say = await complaintAt(step);
      const [reply] = await say(phrase);
      expect(meta(reply)?.intent).toBe('cancel');
      expect(reply!.text).toMatch(/đã hủy|cancelled/u);
      expect(meta((await say('tin mới nhất'))[0])?.intent).toBe('news');
    }
  });

  it('answers an English question that says it is a question first, typed for the details, and asks for them again', async () => {
    const say = conversation();
    await say('I wish to file a formal complaint');
    const replies = await say('sorry, quick question first: which province does Bac Kan belong to now?');
    expect(replies.map((r) => meta(r)?.answerId ?? meta(r)?.intent)).toEqual(['merger-2025', 'ticket']);
    expect(replies[0]!.text).toContain('Thái Nguyên');
  });

  it('"thôi không cần nữa" at the details step is not recorded as the complaint', async () => {
    const say = await complaintAt(1);
    await say('thôi không cần nữa');
    const [next] = await say('Nguyễn Văn An');
    expect(next!.text).not.toContain('số điện thoại');
  });

  it('answers a question typed at the name step, asks for the name again, and does not take it as the name', async () => {
    const say = await complaintAt(2);
    const replies = await say('cho hỏi số tổng đài là gì');
    expect(replies.map((r) => meta(r)?.answerId ?? meta(r)?.intent)).toEqual(['hotline', 'ticket']);
    expect(replies[0]!.text).toContain('1900 54 54 81');
    expect(replies[1]!.text).toContain('họ và tên');
    expect((await say('Nguyễn Văn An'))[0]!.text).toContain('số điện thoại');
    const [summary] = await say('0912345678');
    expect(summary!.text).toContain('- Họ tên: Nguyễn Văn An');
  });

  it.each([
    [1, 'bạn là ai', 'identity', 'mô tả nội dung khiếu nại'],
    [3, 'bạn là ai', 'identity', 'số điện thoại'],
    [4, 'không', 'ack', 'kiểm tra lại thông tin'],
    [4, 'bưu điện có những dịch vụ gì', 'answer', 'kiểm tra lại thông tin'],
    [3, 'cảm ơn', 'thanks', 'số điện thoại'],
  ])('at step %i, "%s" is answered (%s) and the step asked again', async (step, text, intent, again) => {
    const say = await complaintAt(step);
    const replies = await say(text);
    expect(intents(replies)).toEqual([intent, 'ticket']);
    expect(replies[1]!.text).toContain(again);
  });

  it('still checks each field: a number is not a name, the kind again is not the details', async () => {
    const say = await complaintAt(1);
    const [kindAgain] = await say('Khiếu nại');
    expect(kindAgain!.text).toContain('mô tả nội dung khiếu nại');
    await say('Bưu gửi gửi từ tuần trước vẫn chưa tới');
    expect((await say('12345'))[0]!.text).toContain('họ tên bằng chữ');
  });

  it('a request for a person in a clause of its own, at the details step, reaches the handoff', async () => {
    const say = await complaintAt(1);
    const [reply] = await say('có ai trực không, cho tôi nói chuyện với người');
    expect(meta(reply)?.intent).toBe('handoffUnavailable');
  });

  it('an English complaint called a grievance starts the complaint form', async () => {
    const [reply] = await conversation()('My parcel is two weeks late and I want to file a grievance');
    expect(meta(reply)).toMatchObject({ intent: 'ticket', lang: 'en' });
  });

  it.each([1, 2, 3, 4])('at step %i, a request for a person reaches the handoff and is never taken into the form', async (step) => {
    const say = await complaintAt(step);
    const [reply] = await say('cho tôi gặp nhân viên');
    expect(meta(reply)?.intent).toBe('handoffUnavailable');
    expect(reply!.text).toContain('1900 54 54 81');
    expect(intents(await say('Nguyễn Văn An'))).not.toContain('ticket');
  });

  it('a request for another flow mid-form starts it in place of the form', async () => {
    const say = await complaintAt(2);
    const [news] = await say('tin mới nhất');
    expect(meta(news)?.intent).toBe('news');
    expect(intents(await say('Nguyễn Văn An'))).not.toContain('ticket');
  });

  it('in the tracking flow: a question is answered and the code asked again; "thôi" ends it', async () => {
    const say = conversation();
    await say('tra cứu bưu gửi');
    const replies = await say('cho hỏi số tổng đài là gì');
    expect(intents(replies)).toEqual(['answer', 'tracking']);
    expect(replies[1]!.text).toContain('mã bưu gửi in trên biên nhận');
    const [tracked] = await say('CQ724476204VN');
    expect(tracked!.text).toContain('hợp lệ');
    await say('tra cứu bưu gửi');
    expect(meta((await say('thôi'))[0])?.intent).toBe('cancel');
  });

  it('in the ticket-status flow: a question is answered and the reference asked again; "không cần nữa" ends it', async () => {
    const say = conversation();
    await say('tình trạng phiếu');
    expect(intents(await say('bạn là ai'))).toEqual(['identity', 'ticketStatus']);
    expect(meta((await say('không cần nữa'))[0])?.intent).toBe('cancel');
  });
});

describe('English flows', () => {
  it('files a complaint in English from the menu button to the reference, and cancels with "cancel"', async () => {
    const say = conversation();
    expect((await say('help'))[0]?.suggestedActions).toBeDefined();
    const [kind] = await say('Complaint or feedback');
    expect(kind!.text).toContain('complaint, a suggestion or a question');
    expect(values(kind)).toEqual(['Complaint', 'Suggestion', 'Question', 'Cancel']);
    expect((await say('Complaint'))[0]!.text).toContain('describe your complaint');
    expect((await say('My parcel CQ724476204VN has not arrived after two weeks'))[0]!.text).toContain('full name');
    const aside = await say('What is the hotline number?');
    expect(intents(aside)).toEqual(['answer', 'ticket']);
    expect(aside[1]!.text).toContain('full name');
    expect((await say('John Smith'))[0]!.text).toContain('phone number');
    const [summary] = await say('0912345678');
    expect(summary!.text).toContain('- Tracking code: CQ724476204VN');
    expect(values(summary)).toEqual(['Confirm', 'Back', 'Cancel']);
    const [created] = await say('Confirm');
    expect(created!.text).toMatch(/recorded with reference KN-[2-9A-Z]{4}, at \d{2}:\d{2} on \d{2}\/\d{2}\/\d{4}/u);
    expect(lang(created)).toBe('en');

    const again = conversation();
    await again('I want to make a complaint');
    const [cancelled] = await again('cancel');
    expect(cancelled!.text).toContain('cancelled');
    expect(lang(cancelled)).toBe('en');
  });

  it('tracking, ticket status, subscription, handoff and news speak English to an English conversation', async () => {
    const say = conversation();
    expect((await say('track my parcel CQ724476204VN'))[0]!.text).toContain('The code CQ724476204VN is valid');
    const [status] = await say('ticket status');
    expect(status!.text).toContain('type the reference');
    expect((await say('GY-7K3Q'))[0]!.text).toContain('I cannot find GY-7K3Q');
    expect((await say('subscribe'))[0]!.text).toContain('You are subscribed');
    expect((await say('unsubscribe'))[0]!.text).toContain('You are unsubscribed');
    expect((await say('I want to talk to a person'))[0]!.text).toContain('Please call 1900 54 54 81');
    const [news] = await say('latest news');
    expect(news!.text).toContain('News, newest first');
    const [article] = await say(String(news!.suggestedActions!.actions[0]!.value));
    expect(meta(article)).toMatchObject({ intent: 'article', lang: 'en' });
    expect(article!.text).toContain('Here is the article “Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021” (23/12/2020), in Vietnamese');
    expect((await say('👎'))[0]!.text).toContain('Thank you for telling me');
  });
});
