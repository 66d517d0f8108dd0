// Conversation acts known by examples, not patterns: a message is an act when one act's examples hold nearly
// all its words; one that names anything else, or says only function words, is none. Through the server, the
// act answers a message that asks nothing or that the knowledge has no answer for, and never takes a question the
// knowledge answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationAct } from '../src/understanding/conversationActs.js';
import { ask, meta, startBot, type TestBot } from './helpers/botServer.js';

describe('conversation acts by example', () => {
  it.each([
    ['cám ơn bạn đã giải đáp giúp mình', 'thanks'],
    ['cam on da ho tro nhiet tinh nha', 'thanks'],
    ['many thanks, that was useful', 'thanks'],
    ['mình hỏi thế thôi, hẹn gặp lại', 'goodbye'],
    ['bot này của cơ quan nào vậy', 'identity'],
    ['em là người hay là máy', 'human'],
    ['is this an automatic bot answering', 'human'],
    ['what are you able to help with?', 'capabilities'],
    ['bot này ngu như bò vậy', 'insult'],
    ['cho mình xem menu', 'menu'],
    ['nối máy cho tôi gặp cán bộ tư vấn', 'handoff'],
    ['có cán bộ nào đang trực không', 'handoff'],
    ['à vâng, hiểu rồi ạ', 'ack'],
    ['dạo này bưu điện có đăng tin gì mới không', 'news'],
    ['good evening', 'greeting'],
    ['hẹn gặp lại lần sau nha', 'goodbye'],
    ['bot gì mà chậm hiểu thế', 'insult'],
    // Addressing ("cô chú", "con"), stressing ("really", "completely") and English contractions say no other act.
    ['cháu chào các bác bưu điện ạ', 'greeting'],
    ["you're totally useless", 'insult'],
    ['thanks, that was really helpful', 'thanks'],
    // Southern softeners and "tui" (tôi) address no act either.
    ['à tui hiểu rồi nghen', 'ack'],
    ['hẹn gặp lại nhen', 'goodbye'],
    // Chat shorthand reads as the words it stands for ("e" em, "r" rồi).
    ['ok ok, e hiểu r', 'ack'],
    ['ờ, nắm được rồi', 'ack'],
    ['hi there, who exactly am I chatting with?', 'identity'],
    ['which topics do you actually cover?', 'capabilities'],
    ['bot biết những chuyện gì', 'capabilities'],
    // An assistant, the areas or kinds of question it covers; the site's owner.
    ['trợ lý ảo này giúp được những gì', 'capabilities'],
    ['bot trả lời được những mảng nào', 'capabilities'],
    ['trang này là của đơn vị nào', 'identity'],
    ['Goodbye, have a nice day', 'goodbye'],
    // Leaving for now with more to ask later; who runs the bot; what sort of things it helps with; junk.
    ['mình off đây, lần sau hỏi tiếp', 'goodbye'],
    ['ok, catch you later', 'goodbye'],
    ["what's your name and who runs you?", 'identity'],
    ['What sort of stuff are you able to help me with?', 'capabilities'],
    ['you are a useless piece of junk', 'insult'],
    ['this bot is useless', 'insult'],
    ['đang nói chuyện với máy hả', 'human'],
    // Several acts, clause by clause: what is asked of the bot first, leave-taking and thanks before a greeting.
    ['thôi cảm ơn nhé, chào', 'thanks'],
    ['xin chào, cho hỏi chút', 'greeting'],
    ['chào bạn, bot làm được gì', 'capabilities'],
    ['cảm ơn, bye', 'goodbye'],
    // Customers addressed ("cho khách", "quý khách") say no other act; asking leave to go; the issues it can settle.
    ['em hỗ trợ được những chuyện gì cho khách vậy?', 'capabilities'],
    ['mình xin phép off đây, chào bạn', 'goodbye'],
    ['bot giải đáp được những vấn đề gì', 'capabilities'],
    // A hello as said aloud, a leave-taking till a free moment, agreement in English, a flesh-and-blood person, nonsense.
    ['hé lô bot ơi', 'greeting'],
    ['thôi chào nhé, khi khác rảnh lại hỏi tiếp', 'goodbye'],
    ['alright, makes sense', 'ack'],
    ['cho tôi gặp cán bộ bằng xương bằng thịt', 'handoff'],
    ['toàn trả lời linh tinh, chán thật', 'insult'],
    // Who is writing back, leaving for work, the list of topics, a dull-witted bot, the whole household greeted.
    ['ai đang trả lời tin nhắn của tôi vậy', 'identity'],
    ['mình đi làm đây, chào bạn nhé', 'goodbye'],
    ['show me the list of topics', 'menu'],
    ['bot đần quá', 'insult'],
    ['chào cả nhà ạ', 'greeting'],
    ['máy này biết làm những gì', 'capabilities'],
    // A greeting or thanks that opens, the rest a few words of oneself or of praise, not a question.
    ['Chào cháu, bà mới tập nhắn tin trên điện thoại', 'greeting'],
    ['Ôi bà cảm ơn cái máy này nhé, giỏi thật đấy', 'thanks'],
    // "now", "exactly", "sorry" say no other act.
    ['Am I chatting with a computer program right now?', 'human'],
    ['This bot is completely worthless', 'insult'],
  ])('reads "%s" as %s', (text, act) => {
    expect(conversationAct(text)).toBe(act);
  });

  it.each([
    'vậy được mấy cái?',
    'giá vàng hôm nay bao nhiêu',
    // Pointing back: it asks about what was said before, not the bot.
    'họ có làm giúp được không?',
    'bưu kiện nặng tối đa bao nhiêu',
    'cảm ơn, cho hỏi phí gửi bưu kiện đi Hà Nội',
    // A clause that is no act makes the whole none.
    'chào ad, gửi bưu kiện mất mấy ngày',
    'bưu tá giao hàng chậm quá, hỏi gì cũng không biết, tôi muốn khiếu nại về việc này ngay hôm nay',
    // After the greeting, a question, or more than a few words, is what the message is about.
    'Dạ cho con hỏi, má con muốn gởi thùng đồ cho anh Hai, mà thùng nặng cỡ nhiêu ký thì bưu điện còn nhận gởi vậy?',
    'Chào bạn, mình đang tính về quê ở Na Rì ăn Tết, tiện thể muốn ghé bưu điện ở đó gửi ít đồ',
    // Folded, the English "to" of "what are you able to do" is the "tờ" of "giấy tờ": a Vietnamese message is read with
    // the Vietnamese examples.
    'những loại giấy tờ gì?',
  ])('reads "%s" as no act', (text) => {
    expect(conversationAct(text)).toBeUndefined();
  });
});

describe('an act the knowledge has no answer for', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('is answered as that act, and a question the knowledge answers stays an answer', async () => {
    const [thanks] = await ask(bot.url, 'act-1', 'cám ơn bạn đã giải đáp giúp mình');
    expect(meta(thanks)).toMatchObject({ intent: 'thanks' });
    const [person] = await ask(bot.url, 'act-2', 'nối máy cho tôi gặp cán bộ tư vấn');
    expect(meta(person)?.intent).toMatch(/^handoff/u);
    const [answer] = await ask(bot.url, 'act-3', 'cho mình xin số tổng đài với');
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    // Thanks that say what for, typed without diacritics: folded, "cam" would read as "cấm" (prohibited goods).
    const [reason] = await ask(bot.url, 'act-4', 'cam on ban da giup do');
    expect(meta(reason)).toMatchObject({ intent: 'thanks' });
  });

  it('is answered as that act when it asks nothing, though one of its words finds an answer', async () => {
    // "ra" is in the same-day delivery notice's "ra mắt"; each clause is an acknowledgement, "chị biết rồi" by the patterns.
    expect(conversationAct('à ra thế, chị biết rồi')).toBe('ack');
    const [ack] = await ask(bot.url, 'act-5', 'à ra thế, chị biết rồi');
    expect(meta(ack)).toMatchObject({ intent: 'ack' });
  });
});
