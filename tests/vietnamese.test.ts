import { describe, expect, it } from 'vitest';
import { AbbreviationExpander } from '../src/text/abbreviations.js';
import { findPeriod } from '../src/text/periods.js';
import { writeWeights } from '../src/text/weights.js';
import { writeNumbers } from '../src/text/numberWords.js';
import { foldDiacritics, foldKey, hasDiacritics, normalizeVietnamese, tokenize } from '../src/text/vietnamese.js';
import { detectLanguage, languageSignal } from '../src/text/language.js';
import { decodeTelex } from '../src/text/telex.js';
import { unglue } from '../src/text/gluedSyllables.js';
import { characterCount, clipCharacters } from '../src/text/characters.js';
import { reviewText } from '../src/services/gapsLog.js';
import { passwordProblem } from '../src/staff/passwordRules.js';
import { recognizeIntent } from '../src/understanding/intents.js';
import { featureIntent } from '../src/understanding/featureIntents.js';
import { SUBSCRIPTION_INTENTS } from '../src/features/subscriptions/intents.js';
import abbreviations from './fixtures/knowledge/abbreviations.json' with { type: 'json' };

describe('normalizeVietnamese', () => {
  it('composes to NFC', () => {
    const decomposed = 'Bưu điện'.normalize('NFD');
    expect(normalizeVietnamese(decomposed)).toBe('Bưu điện'.normalize('NFC'));
    expect(normalizeVietnamese(decomposed)).not.toBe(decomposed);
  });

  it('places the tone of oa/oe/uy the same way whichever style was typed', () => {
    expect(normalizeVietnamese('hòa')).toBe(normalizeVietnamese('hoà'));
    expect(normalizeVietnamese('Thủy')).toBe('Thuỷ');
    expect(normalizeVietnamese('khỏe')).toBe('khoẻ');
    // Closed syllables and other clusters are left as written.
    expect(normalizeVietnamese('hoàng')).toBe('hoàng');
    expect(normalizeVietnamese('mười')).toBe('mười');
  });
});

describe('folding and tokens', () => {
  it('drops every diacritic, đ → d', () => {
    expect(foldDiacritics('Đường dây nóng hỗ trợ')).toBe('duong day nong ho tro');
    expect(foldKey('  Tin tức – thông báo! ')).toBe('tin tuc thong bao');
  });

  it('tells whether a text has diacritics', () => {
    expect(hasDiacritics('tong dai buu dien')).toBe(false);
    expect(hasDiacritics('tổng đài')).toBe(true);
    expect(hasDiacritics('đc')).toBe(true);
  });

  it('splits on punctuation and the non-breaking space of the website header', () => {
    expect(tokenize('Đường dây nóng hỗ trợ\u00a0 1900 54 54 81')).toEqual(['đường', 'dây', 'nóng', 'hỗ', 'trợ', '1900', '54', '54', '81']);
  });

  it('spells a lone y after consonants as i, the two spellings of one sound, and leaves other y alone', () => {
    expect(tokenize('Ký tự, LÝ lịch, tỷ đồng, kỳ hạn')).toEqual(tokenize('kí tự, lí lịch, tỉ đồng, kì hạn'));
    expect(tokenize('ky tu ly lich')).toEqual(['ki', 'tu', 'li', 'lich']);
    expect(tokenize('quy định ấy này khuya y tế')).toEqual(['quy', 'định', 'ấy', 'này', 'khuya', 'y', 'tế']);
  });
});

describe("abbreviations from the knowledge folder's abbreviations.json (its fixture copy)", () => {
  const expander = new AbbreviationExpander(abbreviations as Record<string, string>);
  it.each([
    ['sđt bđ', 'số điện thoại bưu điện'],
    // A message typed without diacritics gets its expansions without them: matched folded like the rest.
    ['sdt bd', 'so dien thoai buu dien'],
    ['ib cho mk sdt cskh vs ad', 'nhan tin cho minh so dien thoai cham soc khach hang voi quan tri vien'],
    ['lãnh lương hưu', 'nhận lương hưu'],
    ['doanh thu 2020 đc bn v', 'doanh thu 2020 được bao nhiêu vậy'],
    ['ko đc', 'không được'],
    ['gửi ntn', 'gửi như thế nào'],
    ['hỏi j', 'hỏi gì'],
    ['cho xem vd 1 mã', 'cho xem ví dụ 1 mã'],
    ['gửi hs lltp', 'gửi hồ sơ lý lịch tư pháp'],
  ])('%s → %s', (input, expected) => {
    expect(expander.expand(input)).toBe(expected);
  });

  it('matches a key folded only for a word typed without diacritics ("lạnh" is not "lãnh")', () => {
    expect(expander.expand('trời lạnh')).toBe('trời lạnh');
    expect(expander.expand('lanh luong huu')).toBe('nhan luong huu');
  });

  it('reads southern and central words written with their marks, and only so: unmarked they are other words', () => {
    expect(expander.expand('mệ tui lãnh lương hưu ngày mô rứa, có gởi tới nhà hông')).toBe(
      // "tới nhà" and "qua nhà" as the knowledge writes them, "đến nhà".
      'bà tôi nhận lương hưu ngày nào thế, có gửi đến nhà không',
    );
    // "mo" may be "mở", "hong" "hỏng", "mong" a hope: no key with marks reads them.
    expect(expander.expand('buu dien mo cua may gio, hang bi hong, mong ad tra loi')).toBe(
      'buu dien mo cua may gio, hang bi hong, mong quan tri vien tra loi',
    );
    expect(expander.expand('Mô hình bưu điện xã')).toBe('mô hình bưu điện xã');
  });

  it('leaves ordinary words and numbers alone', () => {
    expect(expander.expand('bưu kiện 30kg')).toBe('bưu kiện 30kg');
  });

  it('matches a phrase key before its words ("sát nhập", a common misspelling of "sáp nhập")', () => {
    expect(expander.expand('bắc kạn sát nhập với tỉnh nào')).toBe('bắc kạn sáp nhập với tỉnh nào');
    expect(expander.expand('bac kan sat  nhap voi tinh nao')).toBe('bac kan sap nhap voi tinh nao');
    expect(new AbbreviationExpander({ 'lãnh đạo': 'lãnh đạo', lãnh: 'nhận' }).expand('lãnh lương, lãnh đạo')).toBe('nhận lương, lãnh đạo');
    // Only words side by side with spaces between them make a phrase.
    expect(expander.expand('đất sát, nhập khẩu')).toBe('đất sát, nhập khẩu');
  });
});

describe('weights as said', () => {
  it.each([
    ['kiện hàng 12 ký có gửi được không', 'kiện hàng 12 kg có gửi được không'],
    ['gui 3,5 can dc ko', 'gui 3,5 kg dc ko'],
    ['2 kilo', '2 kg'],
  ])('"%s" → "%s"', (said, written) => {
    expect(writeWeights(said)).toBe(written);
  });

  it.each(['mã bưu gửi có mấy ký tự', 'ký tên vào biên nhận', '13 ký tự'])('"%s" names no weight', (text) => {
    expect(writeWeights(text)).toBe(text);
  });
});

describe('writeNumbers', () => {
  it.each([
    ['Bố tôi bảy mươi tuổi, còn khỏe', 'Bố tôi 70 tuổi, còn khỏe'],
    ['ong toi tam muoi hai tuoi', 'ong toi 82 tuoi'],
    ['năm hai nghìn không trăm hai mươi', 'năm 2020'],
    ['nam hai ngan hai muoi mot', 'nam 2021'],
    ['năm hai không hai mươi doanh thu', 'năm 2020 doanh thu'],
    ['năm hai không hai mốt', 'năm 2021'],
    ['một trăm bốn mươi tỷ không', '140 tỷ không'],
    ['một trăm linh năm', '105'],
    ['hội nghị tháng mười hai', 'hội nghị tháng 12'],
    ['ngày mười lăm', 'ngày 15'],
    ['nặng ba mươi mốt cân', 'nặng 31 cân'],
    ['cháu ba tuổi', 'cháu 3 tuổi'],
    ['hai mươi năm trước', '20 năm trước'],
  ])('"%s" → "%s"', (said, written) => {
    expect(writeNumbers(said)).toBe(written);
  });

  // A five before a year, ten years, a name, or "cần" typed without marks, are no numbers to write.
  it.each(['mười năm', 'Việt Nam ký kết', 'viet nam can gi', 'đã mười ngày', 'hai ba người', 'tu 80 tuoi'])('"%s" stays', (text) => {
    expect(writeNumbers(text)).toBe(text);
  });
});

describe('periods', () => {
  const now = new Date('2026-11-26T03:00:00Z');
  it.each([
    ['tin tháng 12/2020', '2020-12-01', '2021-01-01'],
    ['thong bao thang 12 nam 2020', '2020-12-01', '2021-01-01'],
    ['tin năm 2021', '2021-01-01', '2022-01-01'],
    ['hôm nay', '2026-11-26', '2026-11-27'],
    ['hom qua', '2026-11-25', '2026-11-26'],
    ['tháng trước', '2026-10-01', '2026-11-01'],
    ['năm ngoái', '2025-01-01', '2026-01-01'],
    ['tin ngày 5/12/2020', '2020-12-05', '2020-12-06'],
  ])('%s', (text, start, end) => {
    expect(findPeriod(text, now)).toMatchObject({ start, end });
  });

  it('reads dd/mm, not the US mm/dd', () => {
    expect(findPeriod('tin ngày 12/05/2025', now)).toMatchObject({ start: '2025-05-12' });
  });

  it('uses the date in Vietnam (UTC+7), not UTC', () => {
    expect(findPeriod('hôm nay', new Date('2026-11-26T18:30:00Z'))).toMatchObject({ start: '2026-11-27' });
  });

  it('finds nothing where there is no period', () => {
    expect(findPeriod('tin mới nhất', now)).toBeUndefined();
  });
});

describe('intents and language', () => {
  it.each([
    ['menu', 'menu'],
    ['Giúp', 'menu'],
    ['xin chào', 'greeting'],
    ['chao ban a', 'greeting'],
    ['cảm ơn nhiều', 'thanks'],
    ['tks ad', 'thanks'],
    ['thanks a lot', 'thanks'],
    ['tạm biệt', 'goodbye'],
    // Wishes beside a parting or a greeting.
    ['Goodbye, have a nice day', 'goodbye'],
    ['Goodbye, and I wish you a lovely weekend.', 'goodbye'],
    ['pp bot nha', 'goodbye'],
    ['thôi bác về nhé, chào cháu', 'goodbye'],
    ['hiya', 'greeting'],
    ['so what kinds of problems can you deal with?', 'capabilities'],
    ['Bye for now', 'goodbye'],
    ['chào bạn, chúc bạn sức khỏe', 'greeting'],
    ['ok thông rồi', 'ack'],
    ['tin mới nhất', 'news'],
    ['co thong bao gi thang nay khong', 'news'],
    // A question asked of the article it cites is no request for the news list.
    ['Theo bài viết về hội nghị, cả năm 2020 đơn vị thu về bao nhiêu tiền?', 'question'],
    ['Bài viết có nói Công đoàn Khối quản lý được trao Bằng khen không?', 'question'],
    ['bài viết năm 2020', 'news'],
    // Nor is a question of what an article says further on, unless it asks to see the article.
    ['còn chuyện đào tạo thì thông báo đó nhấn mạnh điều gì', 'question'],
    ['cho xem bài viết nói về tết', 'news'],
    // What is "in the article", asked of, is a question.
    ['Hội nghị trong bài viết diễn ra trước Giáng sinh cả tuần, khoảng ngày 15 đúng không?', 'question'],
    ['xem thêm', 'more'],
    ['chào bạn, cho hỏi số tổng đài', 'question'],
    ['thông tin về bưu kiện', 'question'],
    // "Phản ánh" files a complaint; asking which number to call for it is a question.
    ['tôi cần phản ánh thái độ của người phát thư', 'feedback'],
    ['muốn phản ánh qua điện thoại thì quay số gì', 'question'],
    // Wanting to propose is a suggestion; a question about a proposal is not.
    ['mình có vài điều muốn đề xuất với bưu điện', 'feedback'],
    ['đề xuất của bưu điện năm 2021 là gì', 'question'],
    // Having some to give is one too.
    ['nhà tôi có vài kiến nghị nhỏ cho bưu điện', 'feedback'],
    ["I've got a suggestion for your counters", 'feedback'],
    ['got an idea for improving the post office, where do I send it?', 'feedback'],
    ['do you have an idea of the price?', 'question'],
    // What can be asked, by its items, with a closing particle.
    ['ad bot này hỏi được những mục gì thế', 'capabilities'],
    ['minh co vai y kien muon gui toi buu dien', 'feedback'],
    ['shop minh muon dong gop vai y kien ve quay gui hang', 'feedback'],
    // So are opinions to give; asking someone's opinion is a question.
    ['bưu điện ơi tôi có ý kiến muốn đóng góp', 'feedback'],
    // Giving up said while taking leave: hanging up, a closing "chào".
    ['vậy thôi nhé, tôi tắt máy đây, chào', 'goodbye'],
    ['thôi nhé, pá đi cắt cỏ cho trâu đây, chào cháu', 'goodbye'],
    // A suggestion given with a count between: "góp một ý", "góp vài ý".
    ['tôi ở bản xa, muốn góp một ý với bưu điện', 'feedback'],
    ['cho mình gop vai y nho ve quay giao dich', 'feedback'],
    ['ý kiến của bạn thế nào', 'question'],
    ['bưu điện có mấy bưu cục', 'question'],
    // A complaint about an operator files a complaint; asking for one reaches a person.
    ['khiếu nại về tổng đài viên thái độ kém', 'feedback'],
    ['tư vấn viên ơi', 'handoff'],
    ['is there a way to reach an actual human here?', 'handoff'],
    ['May I be connected with a member of staff, please?', 'handoff'],
    ['e đang chat vs ng thật hay AI vậy', 'human'],
    // Whether anyone is on duty, when and where in either order, anyone or any one of the staff.
    ['bên bưu điện giờ có ai trực không?', 'handoff'],
    ['bây giờ có cán bộ nào trực không', 'handoff'],
    ['bưu điện có ai hỗ trợ gửi hồ sơ không', 'question'],
    // Complaining in other words starts the form; what a channel helps with, "vậy" typed "v".
    ['ông muốn kêu ca một chuyện ở bưu điện xã', 'feedback'],
    ['ad oi kenh nay ho tro nhung van de gi v', 'capabilities'],
    ['bot nay hoi dc nhung j', 'capabilities'],
    ['bot hỗ trợ đc những vụ j', 'capabilities'],
    ['uh dc r', 'ack'],
    // Talking with one of the staff ("cán bộ") reaches a person; telling one of the commune's does not.
    ['Tôi muốn nói chuyện trực tiếp với một cán bộ bưu điện chứ không phải máy', 'handoff'],
    ['Cái đấy theo công văn số bao nhiêu để tôi còn nói với cán bộ xã?', 'question'],
    ['Put me through to one of your staff, please.', 'handoff'],
    // A parting that puts the next talk off is a goodbye; how a thing is tracked is a question, not a request to track.
    ['thôi chào em, hẹn hôm khác', 'goodbye'],
    ['tra cưu bưu phâm bao đam bằng gì', 'question'],
    // Whether a thing can be tracked is a question; a request to track, even politely asked, is tracking.
    ['thư bảo đảm có theo dõi hành trình được không ạ', 'question'],
    ['tra cứu bưu gửi giúp tôi được không', 'tracking'],
    ['mã tra cứu bưu gửi có phải gồm 10 ký tự không', 'question'],
    ['kiem tra giup minh buu pham voi', 'tracking'],
    // "mã theo dõi bưu gửi" names the code: a question about it, not a request to track.
    ['Mã theo dõi bưu gửi được đặt theo chuẩn quốc tế nào vậy?', 'question'],
    ['Mã để tra cứu bưu phẩm dài tổng cộng bao nhiêu ký tự vậy?', 'question'],
    // Which standard tracking codes follow is a question; how to track is the flow.
    ['tra cuu buu gui ma theo chuann nao', 'question'],
    ['tra cưu bưu gưi thế nào', 'tracking'],
    // A petition asked to be written down, a problem to report; who the bot is, by what it is; what may be asked of it;
    // a person or an auto-reply.
    ['ghi giúp tôi một kiến nghị', 'feedback'],
    ['Is this where I can report a problem with a shipment?', 'feedback'],
    ['Em là trợ lý gì của bưu điện thế?', 'identity'],
    ['Which questions can I bring to you?', 'capabilities'],
    ['ad ơi ad có phải người thật k hay auto rep', 'human'],
    // Giving up: not to send it, to strike it out, the whole complaint forgotten, not wanting to carry on.
    ['khoan khoan, đừng gửi, xóa phiếu đó giúp mình', 'cancel'],
    ['forget the whole complaint, I will sort it out myself', 'cancel'],
    ["hmm, let's just leave it, I don't want to carry on", 'cancel'],
    // Put off to when the citizen has time.
    ['à mà thôi, hôm khác rảnh tôi làm', 'cancel'],
    // Who the bot is asked beside an apology, and whose page this is.
    ["Sorry, who's this? Is this Vietnam Post's page?", 'identity'],
    ['đây có phải trang của bưu điện Bắc Kạn không', 'identity'],
    // "bai bai" is bye-bye typed as it sounds, not "bài" (an article).
    ['bai bai ad nha', 'goodbye'],
    // Taking leave by going, whoever speaks and whatever they go to do; not asking where to go.
    ['thôi chú đi làm đồng đây, chào nhé', 'goodbye'],
    ['thế thôi nhé, bác về đây', 'goodbye'],
    ['mình đi đâu đây', 'question'],
    // Praise of how it was told or how kindly, beside the thanks; thanks and greetings to whom they are said.
    ['Ôi em giải thích dễ hiểu quá, cảm ơn em', 'thanks'],
    ['Cám ơn bưu điện nha, tận tình quá', 'thanks'],
    ['chào cháu', 'greeting'],
    // What the bot is, asked bluntly; a person asked for after "alo", at a place; an insult stressed.
    ['mày là cái gì thế', 'identity'],
    ['alo có ai trực ở đấy không', 'handoff'],
    ['trả lời như cái máy hỏng, vô dụng hết sức', 'insult'],
    // News of the citizen's own matter is no request for the news.
    ['vụ của e hôm thứ 3 có tin gì chưa ad', 'question'],
    ['and the thing I mentioned before, any news on it?', 'question'],
    // What the citizen messaged before ("nhắn") is recalled, and asks for no news.
    ['ad ơi cái vụ e nhắn tối qua có tin gì chưa', 'question'],
    ['the thing we discussed yesterday — any news?', 'question'],
    ['có tin gì mới không ad', 'news'],
    // Whether a person is the one replying, asked outright; the article cited last is where the question was read.
    ['có ng thật đang rep hok z', 'human'],
    ['oke ghi nhận', 'ack'],
    // Feedback started as reporting a matter ("báo cáo việc …"), as an opinion sent with the southern "gởi", as proposals
    // to pass on; "gọi ý kiến" (folded as "gởi") is no feedback.
    ['tôi muốn báo cáo việc nhân viên thu thêm tiền ngoài', 'feedback'],
    ['Xóm tui bàn với nhau rồi, cử tui gởi một ý kiến lên bưu điện nè', 'feedback'],
    ['Ủy ban xã chúng tôi có đề xuất muốn chuyển tới bưu điện', 'feedback'],
    ['ông gọi ý kiến chuyên gia chưa', 'question'],
    ["I'd like to put forward a suggestion for the commune post office.", 'feedback'],
    // "thông tin trong …" is information, not a request for the news "trong" a period.
    ['Kế hoạch năm 2021 có đặt ra việc ứng dụng công nghệ thông tin trong sản xuất không hả?', 'question'],
    // Giving up: scrapping it ("dẹp đi", not "đẹp rồi", which folds the same), "no need anymore" before a reason in Vietnamese.
    ['thôi dẹp đi viết dài mệt quá', 'cancel'],
    ['no need anymore, bên shop đã gửi bù hàng cho mình rồi', 'cancel'],
    // Heard it clearly, closed by the southern "nghen" (nhé): no question about the hotline's hours ("nghe máy").
    ['dạ, bác nghe rõ rồi nghen', 'ack'],
    // Who asks described first; whether tracking is possible, closed by "hem" (không).
    ['Người bán hàng online như mình thì bot giúp được gì?', 'capabilities'],
    ['gửi thư bảo đảm xong có tra hành trình online dc hem', 'question'],
    ['Doanh thu tính lương 2020 gấp bao nhiêu lần năm 2019, theo bài viết?', 'question'],
    // A figure asked of what an article says ("đạt mấy phần trăm", "khen mấy quý") is no request for the news list.
    ['thôi nói chuyện chính: bài viết bảo khâu chuyển phát được khen mấy quý?', 'question'],
    ['có mấy bài viết mới', 'news'],
    // Wanting to report a problem starts the form; a quote ("báo giá") does not, nor "cân bao nhiêu" or "cạn báo" folded.
    ['Tôi muốn báo lương hưu của bố tôi tháng này không nhận được', 'feedback'],
    ['tôi muốn báo giá gửi hàng', 'question'],
    ['thế cước gửi một kiện 5 cân bao nhiêu?', 'question'],
    ['đợt tổng kết năm 2020 bửu điện tỉnh bắc cạn báo tổng doanh thu là bao nhiêu tiền', 'question'],
    ['I want to report something that happened at the post office', 'feedback'],
    ["the way my last delivery was handled was unacceptable and I'd like it formally recorded", 'feedback'],
    ['ok forget the report, that was all I wanted', 'cancel'],
    ["cancel the report please, I'll go in person", 'cancel'],
    // Relief beside thanks: "may mà" (luckily) is no "mày".
    ['cảm ơn bot nhiều, may mà hỏi', 'thanks'],
    // Asking to see the options to tap is the menu; a suggestion that names a button is not.
    ['Cho tôi xem lại danh mục các mục để bấm chọn', 'menu'],
    ['tôi không biết gõ gì, có nút nào bấm chọn không', 'menu'],
    ['show me the buttons again', 'menu'],
    ['trang web nên có nút tra cứu', 'question'],
    // Keeping it in mind acknowledges; what the bot can do asked after saying one is new here; who did something asked of
    // an article's picture is no request for the news; feedback and a person asked in more English words.
    ['vâng, tôi ghi nhớ rồi', 'ack'],
    ['chị mới biết trang này, em hỗ trợ được chị những gì?', 'capabilities'],
    ['Trong bức ảnh ở bài viết về hội nghị 23/12, người đứng trao giấy khen là ai vậy?', 'question'],
    ['idea to improve your service, can I pass it on?', 'feedback'],
    ['my package came crushed, where do I report this', 'feedback'],
    ['Would it be possible to have one of your colleagues take over this conversation?', 'handoff'],
    // "Hold on" alone gives nothing up.
    ['chờ chút', 'question'],
    // "This bot" asked what it is, in chat shorthand; an English insult at length, and a complaint about the service that is
    // none; a wish put forward starts the form; updates published are the news; how "that matter" is going, never said here,
    // asks for no news.
    ['bot này là cái j thế', 'identity'],
    ["You're the dumbest chatbot I've ever had to deal with", 'insult'],
    ['this is the worst delivery service, my parcel is lost', 'itemProblem'],
    ['Thay mặt mấy cụ trong thôn, tôi muốn đề đạt một nguyện vọng', 'feedback'],
    ['Has the post office published any updates this month?', 'news'],
    ['việc đó tiến triển sao rồi, có tin gì chưa', 'question'],
    // The help praised alone thanks; asking whether something helps does not.
    ["you've been very helpful", 'thanks'],
    ['much appreciated', 'thanks'],
    ['is this helpful for seniors?', 'question'],
    // More words of the same intents: who the bot is "right now", the old "đa tạ", "thôi" beside thanks, name-calling after
    // how it answers or at the end of a clause, someone "of the post office", the buttons brought out, articles posted.
    ['Who exactly am I talking to right now?', 'identity'],
    ['thế thì tốt quá, đa tạ nhé', 'thanks'],
    ['thôi dc r, tks ad nhìu', 'thanks'],
    ['thôi con xin phép chào ạ', 'goodbye'],
    ['ok cheers, see you', 'goodbye'],
    ['mình muốn phản hồi về dịch vụ thu hộ', 'feedback'],
    // Giving up "this matter" ("bỏ qua vụ này đi"); wanting to report an incident starts the form.
    ['bỏ qua vụ này đi ad', 'cancel'],
    ['muốn báo cáo sự cố hàng bị mất', 'feedback'],
    ['Mày trả lời ngớ ngẩn như đứa trẻ lên ba', 'insult'],
    ['Nói chuyện với cục sắt này chỉ tổ bực mình, ngu hết chỗ nói', 'insult'],
    ['trả lời nhanh như điện', 'question'],
    ['Xin lỗi, tôi hơi nóng. Cho tôi nói chuyện với người của bưu điện', 'handoff'],
    ['Em đưa ra mấy cái nút để bác chọn cho nhanh', 'menu'],
    ['Trang của bưu điện tỉnh dạo này có đăng bài gì mới không?', 'news'],
    ['', 'empty'],
  ])('"%s" → %s', (text, intent) => {
    expect(recognizeIntent(text).name).toBe(intent);
  });

  it('takes the kind of ticket from a suggestion given with a count between ("góp một ý")', () => {
    expect(recognizeIntent('tôi ở bản xa, muốn góp một ý với bưu điện')).toEqual({ name: 'feedback', kind: 'suggestion' });
  });

  it("tries the features' own intents at one declared point: after the words about the conversation, before the built-in requests", () => {
    // A feature intent that matches every message still leaves small talk, cancel, the menu and paging alone…
    const greedy = [featureIntent('subscribe', () => ({ name: 'subscribe' }))];
    for (const text of ['cảm ơn', 'hủy', 'menu', 'xem thêm', 'bạn là ai', '👍'])
      expect(recognizeIntent(text, greedy).name).toBe(recognizeIntent(text).name);
    // …and takes what a built-in request or the question to look up would have.
    for (const text of ['tin mới nhất', 'gặp nhân viên', 'tra cứu bưu gửi EE123456789VN', 'số tổng đài là gì'])
      expect(recognizeIntent(text, greedy).name).toBe('subscribe');
    // The subscriptions feature's own: the cancellation first, and before news ("đăng ký nhận tin tức").
    expect(recognizeIntent('hủy đăng ký nhận tin', SUBSCRIPTION_INTENTS).name).toBe('unsubscribe');
    expect(recognizeIntent('đăng ký nhận tin tức', SUBSCRIPTION_INTENTS).name).toBe('subscribe');
    expect(recognizeIntent('đăng ký nhận tin tức').name).toBe('news');
  });

  it('carries the period of a news question', () => {
    const intent = recognizeIntent('tin tức tháng 12/2020');
    expect(intent).toMatchObject({ name: 'news', period: { start: '2020-12-01' } });
  });

  it.each([
    ['what is the hotline number', 'en'],
    ['how can I send a parcel', 'en'],
    ['tong dai buu dien', 'vi'],
    ['số tổng đài', 'vi'],
    // A whole message that is an English phrase of words Vietnamese chat also uses.
    ['bye bye', 'en'],
    ['got it', 'en'],
    ['hi bot', 'en'],
    ['bye nhé', 'vi'],
    // An English contraction is one English word; "bot" is said in both languages.
    ["you're hopeless, bot", 'en'],
    ['bot ơi cho hỏi', 'vi'],
  ])('"%s" is %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('characters, not UTF-16 units', () => {
  it('counts and cuts by character, never half an emoji', () => {
    expect(characterCount('🙂ệ')).toBe(2);
    expect(clipCharacters('a🙂🙂', 2)).toBe('a🙂');
    expect(clipCharacters('abc', 5)).toBe('abc');
  });

  it('keeps 300 characters of a text for review, whole', () => {
    expect(reviewText('🙂'.repeat(400))).toBe('🙂'.repeat(300));
  });

  it('asks a staff password for 10 characters, not 10 UTF-16 units', () => {
    expect(passwordProblem('🙂🙂🙂🙂🙂xyz', 'lan')).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
  });
});

describe('Telex typed with the input method off', () => {
  it.each([
    ['buwu ddieenj xax laf gif', 'bưu điện xã là gì'],
    ['ngoaif baor hieemr, buwu ddieenj conf cos dichj vuj taif chinhs naof', 'ngoài bảo hiểm, bưu điện còn có dịch vụ tài chính nào'],
    ['so ddieenj thoaij toongr ddaif', 'so điện thoại tổng đài'],
    ['quaf tawngj', 'quà tặng'],
    // A w alone after a consonant is ư; words typed without their marks among clearly marked ones do not stop the reading.
    ['nawngj nhaats ddwowcj bao nhieeu', 'nặng nhất được bao nhiêu'],
    ['tongr ddaif hoox trowj buu dien so maays', 'tỏng đài hỗ trợ buu dien so mấy'],
  ])('reads "%s" as "%s"', (typed, meant) => {
    expect(decodeTelex(typed)).toBe(meant);
  });

  it.each([
    'how much does it cost?',
    'what does cos mean',
    'is this a bus or not',
    'gui ems di ha noi',
    'giaf',
    'any news on the new office',
  ])('leaves "%s" as written (English, plain Vietnamese, a single word)', (text) => {
    expect(decodeTelex(text)).toBe(text);
  });

  it('answers a question typed in Telex, in Vietnamese', () => {
    expect(languageSignal('ngoaif baor hieemr, buwu ddieenj conf cos dichj vuj taif chinhs naof')).toBe('vi');
    expect(languageSignal('how much does it cost?')).toBe('en');
    // A greeting that is English alone; a first message of one run of letters is no English.
    expect(languageSignal('hiya')).toBe('en');
    // An English yes that spells a syllable ("yep") counts as English beside an English word.
    expect(languageSignal('yep send')).toBe('en');
    expect(languageSignal('x'.repeat(40), true)).toBeUndefined();
  });

  it('reads a message mixing Telex words with plain ones as Vietnamese, so its reply is not in English', () => {
    expect(languageSignal('shop gui 1 kienj toi ddaa nawng maays kys')).toBe('vi');
    expect(languageSignal('chieuf daif cong chu vi buwu kieenj toois dda')).toBe('vi');
    // One word that reads as Telex by chance ("how", "soon") leaves English as it is.
    expect(languageSignal('how much is it?')).toBe('en');
    expect(languageSignal('How soon can I get it')).toBe('en');
  });
});

describe('words typed without the space between them', () => {
  it('splits a word with diacritics that is no syllable where both sides are', () => {
    expect(unglue('ởbưu điện mìnhcó thể làm đượcnhững việc gì')).toBe('ở bưu điện mình có thể làm được những việc gì');
    expect(unglue('nhân viên cóđóng gói hàng không')).toBe('nhân viên có đóng gói hàng không');
  });

  it('writes once a letter typed twice, never splitting it off as a word', () => {
    expect(unglue('số bao nhiêuu')).toBe('số bao nhiêu');
    expect(unglue('hàng cấmm gửi bưu điệnn')).toBe('hàng cấm gửi bưu điện');
    expect(unglue('bảo đảmm')).toBe('bảo đảm');
  });

  it('leaves a word without diacritics, a syllable with a double letter of its own and a name as written', () => {
    for (const text of ['Postmart có bán không', 'buudien', 'Thái Nguyên', 'xoong nồi', 'hàng camm']) expect(unglue(text)).toBe(text);
  });
});
