// What the bot says about parcel tracking: asking for the S10 code, the tracking link of each valid code
// (never a status), what is wrong with an invalid one, and the offer for an item that has not come.
import { HOTLINE_DISPLAY, markdownLink, type Action } from '../../replies/activities.js';
import { button, CALL, CANCEL, TALK_TO_STAFF, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';
import { EXAMPLE_CODE, type CodeCheck } from '../../understanding/trackingCodes.js';

const TRACK = button('Tra cứu bưu gửi', 'Track a parcel', 'Track my parcel');
const COMPLAIN = button('Gửi khiếu nại', 'Make a complaint');

const S10_SHAPE = {
  vi: `Mã bưu gửi gồm 13 ký tự: 2 chữ cái, 8 chữ số, 1 số kiểm tra và 2 chữ cái mã nước, ví dụ ${EXAMPLE_CODE}.`,
  en: `A tracking code has 13 characters: 2 letters, 8 digits, 1 check digit and a 2-letter country code, for example ${EXAMPLE_CODE}.`,
};

export function trackingAsk(lang: Language = 'vi'): Message {
  return {
    text: {
      vi: `Dạ, Quý khách vui lòng gửi mã bưu gửi in trên biên nhận. ${S10_SHAPE.vi}`,
      en: `Please send the tracking code printed on your receipt. ${S10_SHAPE.en}`,
    }[lang],
    actions: [CANCEL[lang]],
  };
}

function codeProblem(check: Exclude<CodeCheck, { valid: true }>, lang: Language): string {
  switch (check.problem) {
    case 'length':
      return {
        vi: `Mã ${check.code} có ${check.digits} chữ số, nhưng mã đúng phải có 9 chữ số (8 số sê-ri và 1 số kiểm tra).`,
        en: `The code ${check.code} has ${check.digits} digits; a valid code has 9 (an 8-digit serial and 1 check digit).`,
      }[lang];
    case 'letters':
      return {
        vi: `Mã ${check.code} chưa đúng dạng: mã phải bắt đầu bằng 2 chữ cái và kết thúc bằng 2 chữ cái mã nước.`,
        en: `The code ${check.code} is not in the right form: it must start with 2 letters and end with the 2-letter country code.`,
      }[lang];
    case 'checkDigit':
      return {
        vi: `Mã ${check.code} có số kiểm tra không khớp, có thể một chữ số đã bị gõ nhầm. Quý khách vui lòng đối chiếu lại với biên nhận ạ.`,
        en: `The check digit of ${check.code} does not match, so a digit was probably mistyped; please compare it with your receipt.`,
      }[lang];
  }
}

/** One line per code: the tracking link of a valid one, what is wrong with an invalid one. Never a status. */
export function trackingAnswer(checks: CodeCheck[], lang: Language = 'vi'): Message {
  const valid = checks.filter((c) => c.valid);
  // One list item per code and the notes as paragraphs of their own, so a link never runs into the next sentence.
  const items = checks.map(
    (c) =>
      `- ${
        c.valid
          ? {
              vi: `Mã ${c.code} hợp lệ: ${markdownLink('xem hành trình bưu gửi', c.url)}`,
              en: `The code ${c.code} is valid: ${markdownLink("see the item's journey", c.url)}`,
            }[lang]
          : codeProblem(c, lang)
      }`,
  );
  const notes: string[] = [];
  if (valid.length)
    notes.push(
      {
        vi: 'Bot không xem được trạng thái của bưu gửi; hành trình do trang tra cứu của Bưu điện Việt Nam cung cấp.',
        en: "I cannot see the item's status; its journey is shown on Vietnam Post's tracking page.",
      }[lang],
    );
  if (valid.length < checks.length) notes.push(S10_SHAPE[lang]);
  const track = { vi: 'Tra cứu', en: 'Track' }[lang];
  const links = valid.slice(0, 3).map((c): Action => ({ title: `${track} ${c.code}`, value: c.url, type: 'openUrl' }));
  const heading = { vi: 'Dạ, bot đã kiểm tra mã bưu gửi:', en: 'I have checked the tracking code:' }[lang];
  return {
    text: [heading, items.join('\n'), ...notes].join('\n\n'),
    actions: valid.length < checks.length ? [...links, CANCEL[lang]] : links,
  };
}

/** An item that has not come (or is late, lost, damaged): an apology when the citizen is angry, then tracking and a complaint. */
export function itemProblemMessage(angry: boolean, lang: Language = 'vi', personReachable = false): Message {
  const text = {
    vi: `${angry ? 'Dạ, bot thành thật xin lỗi Quý khách vì sự bất tiện với bưu gửi của Quý khách. Bot' : 'Dạ, bot'} không xem được trạng thái bưu gửi, nhưng Quý khách có thể tra cứu hành trình bằng mã bưu gửi in trên biên nhận, hoặc gửi khiếu nại để nhân viên kiểm tra và liên hệ lại. Quý khách cũng có thể gọi ${HOTLINE_DISPLAY}.`,
    en: `${angry ? 'I am very sorry for the trouble with your item. ' : ''}I cannot see an item's status, but you can follow its journey with the tracking code on your receipt, or send a complaint and our staff will look into it and call you back. You can also call ${HOTLINE_DISPLAY}.`,
  }[lang];
  return { text, actions: [TRACK[lang], COMPLAIN[lang], ...(personReachable ? [TALK_TO_STAFF[lang]] : []), CALL[lang]] };
}
