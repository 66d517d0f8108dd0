// Forms end when the citizen gives up in their own words, at every step; and a question typed where the
// complaint's content is asked is never filed as the complaint: answered when the knowledge can, otherwise
// the citizen is asked whether to file it or ask the bot. Through the real server, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, meta, startBot, type TestBot } from './helpers/botServer.js';

/** The complaint form, step by step: what starts each step (0 kind … 4 confirmation). */
const TICKET_STEPS = [
  'Góp ý – khiếu nại',
  'Khiếu nại',
  'Bưu gửi gửi từ tuần trước đến nay vẫn chưa tới nơi nhận',
  'Nguyễn Thị Lan',
  '0912 345 678',
];
const TICKET_STEPS_EN = [
  'Complaint or feedback',
  'Complaint',
  'The parcel I sent last week has still not arrived',
  'John Nguyen',
  '0987654321',
];
// Giving up by meaning, as the issue lists them, and a few more of the same kinds.
const GIVING_UP = [
  'thôi, tôi không muốn gửi phiếu nữa',
  'không cần gửi nữa đâu',
  'để lúc khác vậy',
  'mình đổi ý rồi, không gửi nữa đâu',
  'thôi bỏ đi em ạ',
  'dừng lại đi, tôi không muốn để lại số',
  // Closed by a particle ("đâu", "rồi") or said for whom ("giúp tôi"), in shorthand or with the older accent placement.
  'k gửi nữa đâu ad',
  'thôi ko làm tiếp nữa rồi',
  'huỷ giùm mình với',
  'hủy cho tôi nhé',
  'huy bo cai nay giup toi',
  // Put off to a later time or to think it over, and no longer needing the form itself.
  'để tuần sau tôi quay lại gửi',
  'hom khac minh gui sau nhe',
  'để mình suy nghĩ thêm đã',
  'thôi mình gọi tổng đài cho nhanh, không cần phiếu đâu',
  'thôi, tôi không muốn nêu tên đâu, dừng ở đây',
  // A cancel closed by "thôi" beside what the citizen will do instead; a closing "đâu" that stresses the no.
  'dừng ở đây thôi, tôi tự lên quầy nói',
  'chắc em không góp nữa đâu, bỏ qua nhé',
  // The form's other verbs: "phản ánh", "than phiền", "kiến nghị" are given up as "gửi" and "góp ý" are.
  'à chuyện nhỏ thôi, không phản ánh nữa đâu',
  'thôi không than phiền nữa',
  // Doing it another way: calling or going in instead; tired of writing to a machine.
  'thôi em tự ra bưu cục vậy',
  'để tôi gọi tổng đài cho nhanh',
  'thôi nói với máy mệt lắm',
  'hay là thôi, chiều em qua quầy gặp người ta nói luôn',
  // Not yet, first something else, with "hold on" beside it.
  'ấy chờ chút, em chưa muốn nộp, để em gọi khách hỏi lại đã',
  // Taking back what was said.
  'ừ mà nghĩ lại, coi như tôi chưa nói gì',
  'nghĩ lại rồi, tôi rút lại ý kiến',
  // Putting off going on with the form, then stopping now.
  'hom khac minh gop tiep, gio dung lai',
  // What is cancelled named ("đơn này"); a put-off to later today, after saying why.
  'không, hủy bỏ đơn này',
  'dang ban qua, de toi nay minh nhan lai',
  'thoi mai tinh tiep nhe',
  // "(à) mà thôi" (never mind) before why; "nữa" typed "nx" in chat.
  'à mà thôi, em hiểu nhầm, hàng về tới rồi',
  'ko cần nx đâu, e tự lo đc',
  'thoi k khieu nai nua bo qua',
  // Taken back after saying why ("…, nên tôi rút lại yêu cầu này").
  'Việc cung cấp số điện thoại thì tôi xin phép không tiện, nên tôi rút lại yêu cầu này.',
  // Cancelled, then why: "chẳng ai … đâu" says nobody, it asks nothing.
  'hủy, mất công quá, chẳng ai xử lý đâu',
  // Teencode "thui" (thôi); "góp" alone for "góp ý".
  'thui mk ko gop nua',
  // Asked politely ("xin", "làm ơn"); started by mistake; no intention to complain.
  'xin hủy cái đơn này giùm',
  'làm ơn dừng lại',
  'tôi bấm nhầm',
  'ấy chết, nhầm, tôi chẳng định kiện cáo gì đâu',
  'mà thôi chả cần nữa',
  // Chat shorthand "r" (rồi); the shrug "làm chi cho mệt" after giving up.
  'nghi lai r, khoi khieu nai lam chi cho met',
  // An interjection before it, typed plainly.
  'ah thoi bo qua',
  'ờ thôi khỏi',
  // "thôi" said twice before the giving-up.
  'thôi thôi khỏi gửi nữa',
  // Teencode: "thui" (thôi) before it, "e" and "vs" (với) after it.
  'thui khỏi nha',
  'hủy giúp e vs',
  // A long one that opens with "thôi" said to someone and closes giving up, its reasons between.
  'Thôi cháu ạ, bác nghĩ lại rồi, bác già rồi không muốn rắc rối, chuyện này bác tự ra bưu điện xã nói với cô giao dịch viên là được, không làm đơn từ gì nữa',
  // Or that closes telling not to send it.
  'Tôi vừa đọc lại thấy viết chưa ổn, để tôi bàn lại với cả nhà rồi hôm khác làm cái mới, giờ đừng gửi cái này',
  // Or naming the form it gives up; "bỏ qua luôn"; not wanting to give ("cho") the number.
  'Tôi vừa gọi được cho bưu cục rồi, họ hứa xử lý, nên không cần ghi đơn nữa nhé',
  'không muốn cho số điện thoại, bỏ qua luôn cái đơn này',
  // Who is to do it, said first ("cháu bỏ …"), and the form pointed to ("cái phiếu ấy").
  'Thôi cháu ạ, vừa nãy chị nhân viên gọi điện xin lỗi bác rồi nên bác không muốn làm to chuyện nữa, cháu bỏ cái phiếu ấy đi',
  // The form given up in a clause between, then a cancel; wanting it cancelled to write it again later; a "phản ánh" not sent.
  'Nghĩ lại thì chuyện cũng nhỏ thôi, em không muốn gửi góp ý nữa đâu, bỏ qua giúp em nhé',
  'Thôi, đọc lại thấy viết chưa ổn, tôi muốn hủy để hôm khác viết lại cho kỹ',
  'Thôi cháu ơi, nghĩ đi nghĩ lại thì bác cũng nhận được gói hàng rồi, giờ làm đơn từ lại mất công người ta, bác không muốn gửi phản ánh nữa đâu',
  // Why said after the closing word with no comma between; taking it back "xin phép"; the form named last, an apology first.
  'à mà thôi không phản ánh nữa đâu sợ phiền người ta',
  'Tôi xin phép rút lại, để tôi trao đổi trực tiếp với bưu cục trước đã.',
  'Xin lỗi đã làm phiền, việc này tôi sẽ gửi bằng công văn giấy nên không cần lập phiếu nữa.',
  // "hủy … đi/luôn" told wherever it stands; not sending it now; "khoan" (wait) before "đừng gửi".
  'sai tên rồi thôi hủy luôn đi tôi làm lại sau',
  'số điện thoại thì không cho đâu hủy cái này đi',
  'Xin phép chưa gửi lúc này, tôi cần xin ý kiến Ban giám hiệu trước đã.',
  'Tạm thời chưa cần gửi, tôi sẽ báo cáo lãnh đạo xã rồi liên hệ lại sau.',
  'khoan đừng gửi, để tôi sang hỏi lại hàng xóm đã',
  // "dừng … lại" with what is stopped between, after why.
  'nghĩ lại thì ngại nêu tên lắm, dừng vụ này lại đi',
  // Let it be ("vậy thì thôi", the central "rứa"); having thought again, not doing "this" any more.
  'thôi vậy thì thôi',
  'thôi rứa thì thôi',
  'à mà thôi nghĩ lại tôi không làm cái này nữa',
];
const GIVING_UP_EN = [
  'never mind, forget it',
  "forget the feedback, I'll call them instead",
  'on second thought, drop the whole thing',
  "forget it, I don't need this anymore",
  'maybe later',
  'no wait, cancel this',
  'hmm, let us leave it for now',
  "actually, let's drop it",
  "no, don't send it",
  "let's stop here",
  "nah let's leave it for today",
  "hmm, let's not bother after all",
  "don't bother, I'll call instead",
  'actually nah, not worth it',
  // Calling instead, said alone; the report named ("forget the report", "cancel the report please").
  "I'll call instead",
  "actually I'll just ring the hotline",
  'ok forget the report, that was all I wanted',
  "cancel the report please, I'll go in person",
  // Withdrawing what the form is for, naming it as the start did ("complaint").
  'please withdraw my complaint, I will go to the counter',
  'no, cancel it completely',
  // Would rather not, or no longer going through with it.
  "I'd rather not do this today",
  'hmm, I am not going ahead with this after all',
  // Giving up first, then why or what instead.
  "Actually, never mind — please don't send it, I'll speak to the staff in person next time.",
  "Forget the form, honestly. I'd rather not give my number to anyone, let's just drop it",
  'Please disregard my request, we have just been told the letter arrived.',
];

let bot: TestBot;
let conversations = 0;
beforeAll(async () => {
  // Every phrase at every step is many turns from one address: the per-address limit is not what is tested here.
  bot = await startBot({ env: { RATE_LIMIT_IP_PER_MINUTE: '0' } });
});
afterAll(() => bot.dispose());

async function walk(steps: string[], upTo: number): Promise<string> {
  const id = `form-${++conversations}`;
  for (const text of steps.slice(0, upTo + 1)) await ask(bot.url, id, text);
  return id;
}

async function intentOf(id: string, text: string): Promise<{ intent?: string; text: string }> {
  const [reply] = await ask(bot.url, id, text);
  return { intent: meta(reply)?.intent, text: reply?.text ?? '' };
}

describe('cancel by meaning', () => {
  for (let step = 0; step < TICKET_STEPS.length; step++) {
    it(`ends the complaint form at step ${step} for every way of giving up`, async () => {
      for (const phrase of GIVING_UP) {
        const id = await walk(TICKET_STEPS, step);
        expect(await intentOf(id, phrase), phrase).toMatchObject({ intent: 'cancel', text: expect.stringContaining('đã hủy') });
        // The form is over: the next message is a new one, not the step's answer.
        expect((await intentOf(id, 'số tổng đài là gì')).intent).toBe('answer');
      }
      for (const phrase of GIVING_UP_EN) {
        const id = await walk(TICKET_STEPS_EN, step);
        expect(await intentOf(id, phrase), phrase).toMatchObject({ intent: 'cancel', text: expect.stringContaining('cancelled') });
      }
    });
  }

  it('ends the tracking and ticket-status forms too', async () => {
    for (const start of ['Tra cứu bưu gửi', 'xem tình trạng phiếu']) {
      for (const phrase of [...GIVING_UP, ...GIVING_UP_EN]) {
        const id = await walk([start], 0);
        expect((await intentOf(id, phrase)).intent, `${start} / ${phrase}`).toBe('cancel');
      }
    }
  });

  it('does not take a complaint that says "không … nữa" among other words for a cancel', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const details = 'Bưu tá nói không giao nữa vì địa chỉ xa, tôi đã chờ hai tuần mà hàng vẫn nằm ở bưu cục xã';
    expect((await intentOf(id, details)).text).toContain('họ và tên');
    // Nor a short one that names a later time for someone else's doing.
    const later = await walk(TICKET_STEPS, 1);
    expect((await intentOf(later, 'bưu tá hẹn tuần sau mới giao')).text).toContain('họ và tên');
    // Nor one that tells of someone else cancelling ("bắt tôi hủy đơn hàng đi").
    const told = await walk(TICKET_STEPS, 1);
    expect((await intentOf(told, 'nhân viên bắt tôi hủy đơn hàng đi')).text).toContain('họ và tên');
  });

  it('takes a number corrected after "nhầm" (a mistake) for the phone, and files on "đủ rồi, gửi lên giúp e"', async () => {
    const id = await walk(TICKET_STEPS.slice(0, 4), 3);
    expect((await intentOf(id, '098 12')).text).toContain('chưa đúng');
    expect(await intentOf(id, 'à nhầm, 0981 207 453')).toMatchObject({ intent: 'ticket', text: expect.stringContaining('0981207453') });
    expect(await intentOf(id, 'đủ rồi ạ, ad gửi lên giúp e')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('đã ghi nhận'),
    });
  });

  it('answers a question closed by "không nhỉ" at the name step, and files on "phải rồi, cứ thế mà gửi"', async () => {
    const id = await walk(TICKET_STEPS.slice(0, 3), 2);
    const question = 'à mà nộp tiền bảo hiểm y tế ở quầy thì bưu điện có được lấy phí không nhỉ';
    expect(await intentOf(id, question)).toMatchObject({ intent: 'answer', text: expect.stringContaining('không phải trả phí') });
    await ask(bot.url, id, 'Nguyễn Thị Lan');
    await ask(bot.url, id, '0912 345 678');
    expect(await intentOf(id, 'phải rồi, cứ thế mà gửi cháu nhé')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('đã ghi nhận'),
    });
  });

  it('answers a question asked "before sending feedback", starting no form', async () => {
    const question = 'Trước khi gửi góp ý, cho tôi hỏi bưu điện có nhận chuyển hồ sơ đổi giấy phép lái xe không?';
    expect(await intentOf(`before-${++conversations}`, question)).toMatchObject({
      intent: 'answer',
      text: expect.stringContaining('đổi giấy phép lái xe'),
    });
  });

  it('takes a name typed as one for the name, though a word of it is also a later time ("Mai": tomorrow)', async () => {
    const id = await walk(TICKET_STEPS, 2);
    expect(await intentOf(id, 'Mai Anh')).toMatchObject({ intent: 'ticket', text: expect.stringContaining('số điện thoại') });
  });

  it('keeps who the citizen is after a name written with capitals, and files on the fields read back or the ticket pushed up', async () => {
    for (const confirmation of ['tên tuổi số máy khớp hết, gửi đi ạ', 'ok hết, đẩy phiếu lên cho bưu điện đi']) {
      const id = await walk(TICKET_STEPS, 2);
      expect(await intentOf(id, 'Triệu Đức Lưu, HTX miến Côn Minh')).toMatchObject({ text: expect.stringContaining('số điện thoại') });
      expect((await intentOf(id, '097 862 0915')).text).toContain('Triệu Đức Lưu, HTX miến Côn Minh');
      expect(await intentOf(id, confirmation), confirmation).toMatchObject({
        intent: 'ticket',
        text: expect.stringContaining('đã ghi nhận'),
      });
    }
  });

  it('answers a request or a shorthand question mid-form: "cho tôi chép lại số …" at the name step, "… còn ko z" at the content step', async () => {
    const atName = await walk(TICKET_STEPS, 2);
    const [hotline, again] = await ask(bot.url, atName, 'khoan đã, cho tôi chép lại số đường dây nóng của bưu điện cái');
    expect(meta(hotline)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    expect(again?.text).toContain('họ và tên');
    const atContent = await walk(TICKET_STEPS, 1);
    const [offices] = await ask(bot.url, atContent, 'à mà bđ huyện h còn ko z');
    expect(meta(offices)).toMatchObject({ intent: 'answer', answerId: 'commune-post-offices' });
    // After a clause that puts off giving the number, at the phone step.
    const atPhone = await walk(TICKET_STEPS, 3);
    const [packing] = await ask(bot.url, atPhone, 'trước khi cho số, hỏi chút: bưu điện có nhận đóng gói giùm không?');
    expect(meta(packing)).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
  });

  it('answers a yes/no question with more said after it at the name step, and "how many characters" typed plainly at the phone step', async () => {
    const atName = await walk(TICKET_STEPS, 2);
    const [registered, again] = await ask(bot.url, atName, 'à mà gửi thư bảo đảm thì có tra được không, lần sau tôi gửi loại đó');
    expect(meta(registered)).toMatchObject({ intent: 'answer', answerId: 'registered-mail' });
    expect(again?.text).toContain('họ và tên');
    const atPhone = await walk(TICKET_STEPS, 3);
    const [code] = await ask(bot.url, atPhone, 'ma van don co may chu');
    expect(meta(code)).toMatchObject({ answerId: 'tracking' });
    expect(code?.text).toContain('13 ký tự');
  });

  it('ends the form where a name, a number or a yes is asked, on giving up in words no cancel phrase lists', async () => {
    const phrases = [
      'thôi chưa gửi vội để tôi hỏi con đã',
      'khỏi đi cháu, bác nhờ con gái gọi sau',
      'thôi bác nhờ cháu hỏi vậy',
      // "đâu" a word after a denial says "at all", not "where": "không gửi đâu" asks nothing.
      'thôi nghĩ lại rồi không gửi đâu xóa giúp tôi',
    ];
    for (const step of [2, 3, 4]) {
      for (const phrase of phrases) {
        const id = await walk(TICKET_STEPS, step);
        expect(await intentOf(id, phrase), `${step}: ${phrase}`).toMatchObject({ intent: 'cancel' });
      }
    }
    // Nor is "thôi" beside going on after all: it takes back what came before, not the form.
    const goingOn = await walk(TICKET_STEPS, 4);
    expect((await intentOf(goingOn, 'à mà thôi, tôi vẫn muốn gửi, cứ làm tiếp')).intent).toBe('ticket');
    // Saying it is all ("nothing to change": its "gì" asks nothing) is none: the confirmation is asked again.
    const confirming = await walk(TICKET_STEPS, 4);
    expect(await intentOf(confirming, 'thế thôi, không cần sửa gì')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('Xác nhận'),
    });
  });

  it('takes a story told where the kind is asked as the details of a complaint, and answers a question asked there', async () => {
    const told = await walk(TICKET_STEPS, 0);
    expect(await intentOf(told, 'Nhân viên bưu cục xã tôi thu thêm tiền mà không đưa biên lai')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('họ và tên'),
    });
    await ask(bot.url, told, 'Nguyễn Thị Lan');
    expect(await intentOf(told, '0912 345 678')).toMatchObject({
      text: expect.stringMatching(/Loại: Khiếu nại[\s\S]*thu thêm tiền mà không đưa biên lai/u),
    });
    // Asked there, a question the knowledge answers is answered, not read as choosing "question"; the kind is asked again.
    const asking = await walk(TICKET_STEPS_EN, 0);
    const replies = await ask(bot.url, asking, "Wait, quick question first: what's the weight limit for one parcel?");
    expect(meta(replies[0])).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
    expect(replies.at(-1)?.text).toContain('a complaint, a suggestion or a question');
  });

  it('starts a complaint told as "kêu về chuyện …" or as reporting a case', async () => {
    for (const start of ['Ông muốn kêu về chuyện hồ sơ gửi qua bưu điện', 'Tôi cần báo một vụ có người gọi điện mạo danh bưu điện']) {
      expect(await intentOf(`start-${++conversations}`, start), start).toMatchObject({
        intent: 'ticket',
        text: expect.stringContaining('nội dung khiếu nại'),
      });
    }
  });
});

describe('content that names a notice', () => {
  it('files a suggestion that mentions "thông báo" as its content, not as a request for the news', async () => {
    const id = await walk(['em có ý kiến góp ý nho nhỏ gửi bưu điện ạ'], 0);
    expect(await intentOf(id, 'Trang tra cứu nên có thông báo khi hàng đến')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('họ và tên'),
    });
    // The news asked for in a few words, or as a question, is still the news.
    expect((await intentOf(`news-${++conversations}`, 'có thông báo gì mới không')).intent).toBe('news');
  });

  it('files a long complaint that opens with "thôi" and tells of not wanting something, which gives up nothing', async () => {
    const id = await walk(['tôi muốn khiếu nại'], 0);
    const content =
      'thôi, nhân viên bưu cục xã thái độ rất tệ, tôi đã chờ cả buổi sáng mà chẳng được tiếp, tôi không muốn gửi thư ở đó nữa';
    expect(await intentOf(id, content)).toMatchObject({ intent: 'ticket', text: expect.stringContaining('họ và tên') });
  });

  it('starts a suggestion left in English and files it on a casual yes', async () => {
    const id = await walk(["I'd like to leave a suggestion for you guys"], 0);
    await ask(bot.url, id, 'Your staff at the commune office were super helpful, just wanted to say thanks');
    await ask(bot.url, id, 'Mai Anh');
    await ask(bot.url, id, '0932 661 078');
    expect(await intentOf(id, 'yup all good, fire it off')).toMatchObject({
      intent: 'ticket',
      text: expect.stringContaining('has been recorded'),
    });
  });
});

describe('"thôi" before a question', () => {
  it('turns to the question, in a form (answered as an aside, the form goes on) and outside one', async () => {
    const question = 'thôi, cho hỏi bưu điện có nhận chuyển tiền không?';
    expect(await intentOf(`outside-${++conversations}`, question)).toMatchObject({ intent: 'answer' });
    const id = await walk(TICKET_STEPS, 1);
    const [answer, again] = await ask(bot.url, id, question);
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'financial-services' });
    expect(again?.text).toContain('mô tả nội dung khiếu nại');
  });

  it('turns to the question after a longer giving-up too, read on its words as said ("tối đa", "bao nhiêu")', async () => {
    const question = 'thôi không cần nữa, bưu kiện tối đa bao nhiêu kg';
    const [answer] = await ask(bot.url, `outside-${++conversations}`, question);
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
    expect(answer?.text).toContain('30 kg');
  });

  it('answers a change of mind supposed ("nếu … đổi ý"), in a form and outside one: none is made', async () => {
    const [outside] = await ask(bot.url, `outside-${++conversations}`, 'nếu gửi rồi mà tôi đổi ý muốn lấy lại bưu kiện thì có được không');
    expect(meta(outside)).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
    const id = await walk(TICKET_STEPS, 2);
    expect((await intentOf(id, 'giả sử tôi đổi ý thì phiếu có bị xóa không?')).intent).not.toBe('cancel');
  });

  it('turns to a question closed by a tag that checks ("… thì được chứ")', async () => {
    const [answer] = await ask(bot.url, `outside-${++conversations}`, 'thôi vậy, gửi tiền cho con ở Hà Nội qua bưu điện thì được chứ');
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'financial-services' });
  });
});

describe('a question at the complaint-content step', () => {
  it('is answered when the knowledge can, and the content is asked for again', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const [answer, again] = await ask(bot.url, id, 'cho hỏi lương hưu tháng này nhận ngày nào?');
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'pension-payment' });
    expect(again?.text).toContain('mô tả nội dung khiếu nại');
    // The question was not filed: the real complaint is what goes on.
    expect((await intentOf(id, TICKET_STEPS[2]!)).text).toContain('họ và tên');
  });

  it('is answered when it asks "bao lâu" or closes on "ngày mấy", written without a question mark', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const [answer, again] = await ask(bot.url, id, 'mà lương hưu ở xã lĩnh ngày mấy vậy');
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'pension-payment' });
    expect(again?.text).toContain('mô tả nội dung khiếu nại');
    // One the knowledge cannot answer is not filed silently either: the citizen is asked which it is.
    const unknown = await walk(TICKET_STEPS, 1);
    expect((await intentOf(unknown, 'mà thường bao lâu thì có kết quả hồ sơ đất')).intent).toBe('clarify');
  });

  it('is answered too after words that turn aside to ask ("à quên, trước đó cho hỏi …")', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const [answer, again] = await ask(bot.url, id, 'à quên, trước đó cho hỏi kiện hàng nặng nhất được phép là mấy cân?');
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'parcel-post' });
    expect(again?.text).toContain('mô tả nội dung khiếu nại');
  });

  it('is answered after a clause that says a question follows, and of the article it names before the verb ("bài báo hội nghị 2020 nói …")', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const question = 'ơ khoan, tiện đây hỏi luôn: bài báo hội nghị 2020 nói tổng doanh thu cả năm là mấy tỷ?';
    const [answer, again] = await ask(bot.url, id, question);
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: '2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021' });
    expect(answer?.text).toContain('114 tỷ');
    expect(again?.text).toContain('mô tả nội dung khiếu nại');
  });

  it('is answered after any few words that ask, closed by a colon ("cho hỏi xen ngang:")', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const [answer] = await ask(bot.url, id, 'à, cho hỏi xen ngang: địa chỉ nhà tôi giờ phải ghi tỉnh Bắc Kạn hay tỉnh khác?');
    expect(meta(answer)).toMatchObject({ answerId: 'merger-2025' });
    expect(answer?.text).toContain('Thái Nguyên');
  });

  it('asks whether to file it or ask the bot when the knowledge cannot answer it, and does what was chosen', async () => {
    const question = 'tại sao bưu phẩm của tôi gửi hai tuần rồi vẫn chưa tới?';
    const filed = await walk(TICKET_STEPS, 1);
    // A question back to the citizen: a clarification (counted so, and kept in the gaps), not a ticket reply.
    expect(await intentOf(filed, question)).toMatchObject({
      intent: 'clarify',
      text: 'Dạ, Quý khách muốn ghi nội dung này vào phiếu hay hỏi bot?',
    });
    expect((await intentOf(filed, 'Ghi vào phiếu')).text).toContain('họ và tên');
    await ask(bot.url, filed, 'Nguyễn Thị Lan');
    expect((await intentOf(filed, '0912 345 678')).text).toContain(question.replace(/\?$/u, ''));

    const asked = await walk(TICKET_STEPS, 1);
    await ask(bot.url, asked, question);
    const replies = await ask(bot.url, asked, 'Hỏi bot');
    // The bot's reply to the question (an answer, a did-you-mean or the honest fallback), then the step again.
    expect(['answer', 'clarify', 'fallback']).toContain(meta(replies[0])?.intent);
    expect(replies.at(-1)?.text).toContain('mô tả nội dung khiếu nại');

    const english = await walk(TICKET_STEPS_EN, 1);
    expect((await intentOf(english, 'why has my parcel still not arrived after two weeks?')).text).toBe(
      'Would you like to add this to your ticket, or ask the bot?',
    );
  });

  it('is answered after a few words put before the clause that says a question follows ("ghi thì ghi, nhưng cho tôi hỏi cái: …")', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const [answer] = await ask(
      bot.url,
      id,
      'ghi thì ghi, nhưng cho tôi hỏi cái: quá mùng 10 rồi thì quầy bưu điện còn chi trả đến hôm nào?',
    );
    expect(meta(answer)).toMatchObject({ answerId: 'pension-payment' });
    expect(answer?.text).toContain('từ ngày 11 đến ngày 25');
  });

  it('answers a question opened by saying one follows ("cho hỏi trước đã, …"), even one it cannot answer, never asks "ghi hay hỏi"', async () => {
    for (const question of [
      'Cho hỏi trước đã, năm 2021 chỉ tiêu doanh thu giao là bao nhiêu?',
      'Khoan, cho tôi hỏi lại, tổng doanh thu năm 2020 bài ghi là bao nhiêu nhỉ?',
    ]) {
      const id = await walk(TICKET_STEPS, 1);
      const replies = await ask(bot.url, id, question);
      expect(['answer', 'fallback'], question).toContain(meta(replies[0])?.intent);
      expect(replies.at(-1)?.text, question).toContain('mô tả nội dung khiếu nại');
    }
  });

  it('keeps the content and takes the name when the citizen gives a name instead of choosing, then files on "không thiếu gì"', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const told = 'Tôi gửi thùng quà cho con từ mùng 3, đến nay 12 ngày vẫn chưa tới, gọi hỏi thì không ai nói rõ hàng đang ở đâu';
    expect((await intentOf(id, told)).intent).toBe('clarify');
    // The name, without the words that introduce it; the phone is asked next.
    expect((await intentOf(id, 'tên tôi là Hoàng Văn Sính')).text).toContain('số điện thoại');
    const summary = (await intentOf(id, 'số máy 0912 735 408')).text;
    expect(summary).toContain(told);
    expect(summary).toContain('- Họ tên: Hoàng Văn Sính\n');
    const filed = await intentOf(id, 'rồi, không thiếu gì, gửi lên hộ tôi cái');
    expect(filed).toMatchObject({ intent: 'ticket' });
    expect(filed.text).toMatch(/mã phiếu KN-/u);
  });

  it('answers a question the knowledge answers while it asks "ghi hay hỏi", then keeps the earlier text as the content', async () => {
    const id = await walk(TICKET_STEPS, 1);
    const told = 'Thùng quần áo mẹ gửi từ quê vào, lúc nhận thì đáy thùng ướt hết, mấy cái áo len bị mốc';
    expect((await intentOf(id, told)).intent).toBe('clarify');
    const replies = await ask(bot.url, id, 'à khoan, số hotline của bưu điện là số nào?');
    expect(replies[0]?.text).toContain('1900 54 54 81');
    expect(replies.at(-1)?.text).toContain('ghi nội dung này vào phiếu hay hỏi bot');
    await ask(bot.url, id, 'Triệu Thị Bích Hằng');
    expect((await intentOf(id, '0356 482 917')).text).toContain(`- Nội dung: ${told}\n`);
  });

  it('keeps what the message that asked for the form told, before the content typed next; a bare request adds nothing', async () => {
    const opening = 'Tôi muốn báo lương hưu tháng này không nhận được';
    const id = await walk([opening], 0);
    await ask(bot.url, id, 'bên xã bảo chưa có danh sách');
    await ask(bot.url, id, 'Lý Thị Hoa');
    expect((await intentOf(id, '0912345678')).text).toContain(`- Nội dung: ${opening} — bên xã bảo chưa có danh sách\n`);

    const english = await walk(['my package came crushed, where do I report this'], 0);
    for (const text of ['the jar inside broke', 'Anna Smith']) await ask(bot.url, english, text);
    expect((await intentOf(english, '0987654321')).text).toContain(
      '- Details: my package came crushed, where do I report this — the jar inside broke\n',
    );

    const bare = await walk(['Tôi muốn gửi một khiếu nại ạ', 'nhân viên thu thêm tiền', 'Lý Thị Hoa'], 2);
    expect((await intentOf(bare, '0912345678')).text).toContain('- Nội dung: nhân viên thu thêm tiền\n');
  });

  it('takes as the content a statement whose question word says "every" ("chiều nào … cũng …")', async () => {
    const id = await walk(TICKET_STEPS, 1);
    expect((await intentOf(id, 'Chiều nào tôi ra gửi thư cũng thấy cửa bưu điện xã đóng im ỉm')).text).toContain('họ và tên');
    // "mấy ngày liền" counts several days; it does not ask how many.
    const several = await walk(TICKET_STEPS, 1);
    expect((await intentOf(several, 'giao hàng chậm mấy ngày liền')).text).toContain('họ và tên');
  });

  it('takes a question as the content of a question ticket (the form asked for one)', async () => {
    const id = await walk(['Góp ý – khiếu nại', 'Hỏi đáp'], 1);
    expect((await intentOf(id, 'tại sao bưu phẩm của tôi gửi hai tuần rồi vẫn chưa tới?')).text).toContain('họ và tên');
  });
});
