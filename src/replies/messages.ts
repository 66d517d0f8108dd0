// What the bot says, in Vietnamese (polite: "Dạ", "Quý khách") and, where it has one, English.
// Facts come only from the knowledge base; these texts add no fact but the hotline.
import type { Lookup } from '../answer/answerEngine.js';
import type { Language } from '../text/language.js';
import type { Article } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import { EXAMPLE_CODE, type CodeCheck } from '../understanding/trackingCodes.js';
import type { Ticket, TicketChange, TicketKind, TicketStatus } from '../ticket.js';
import { vnDisplay } from '../text/vnTime.js';
import { HOTLINE_DISPLAY, HOTLINE_TEL, markdownLink, quote, type Action } from './activities.js';

export interface Message {
  text: string;
  actions: Action[];
}

export const CALL: Record<Language, Action> = {
  vi: { title: `Gọi ${HOTLINE_DISPLAY}`, value: HOTLINE_TEL, type: 'call' },
  en: { title: `Call ${HOTLINE_DISPLAY}`, value: HOTLINE_TEL, type: 'call' },
};

export const MENU: Record<Language, Action[]> = {
  vi: [
    { title: 'Dịch vụ', value: 'Dịch vụ' },
    { title: 'Tin tức – thông báo', value: 'Tin tức – thông báo' },
    { title: 'Hotline', value: 'Hotline' },
    { title: 'Tra cứu bưu gửi', value: 'Tra cứu bưu gửi' },
    { title: 'Góp ý – khiếu nại', value: 'Góp ý – khiếu nại' },
  ],
  en: [
    { title: 'Services', value: 'Services' },
    { title: 'News', value: 'News' },
    { title: 'Hotline', value: 'Hotline' },
    { title: 'Track a parcel', value: 'Track my parcel' },
    { title: 'Feedback', value: 'Complaint or feedback' },
  ],
};

const TEXTS = {
  welcome: {
    vi: 'Dạ, xin chào Quý khách! Bot là trợ lý tự động hỗ trợ khách hàng bưu điện khu vực Bắc Kạn (từ 1/7/2025, tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên). Quý khách cần hỗ trợ gì ạ? Quý khách có thể chọn một mục bên dưới hoặc gõ câu hỏi, có dấu hay không dấu đều được.',
    en: 'Hello! I am the automated assistant for post office customers in the Bắc Kạn area (since 1 July 2025 Bắc Kạn province has been part of Thái Nguyên province). How can I help? Pick a topic below or type your question.',
  },
  greeting: {
    vi: 'Dạ, xin chào Quý khách! Quý khách cần hỗ trợ gì ạ?',
    en: 'Hello! How can I help you?',
  },
  thanks: {
    vi: 'Dạ, rất vui được hỗ trợ Quý khách. Khi cần thêm thông tin, Quý khách cứ nhắn cho bot ạ.',
    en: 'You are welcome. Ask me anything else at any time.',
  },
  goodbye: {
    vi: 'Dạ, cảm ơn Quý khách đã liên hệ. Chúc Quý khách một ngày tốt lành!',
    en: 'Goodbye, have a nice day!',
  },
  fallback: {
    vi: `Dạ, rất tiếc bot chưa có thông tin để trả lời câu hỏi này. Quý khách vui lòng gọi đường dây nóng ${HOTLINE_DISPLAY} để được nhân viên hỗ trợ.`,
    en: `Sorry, I have no information to answer that. Please call the hotline ${HOTLINE_DISPLAY} to talk to our staff.`,
  },
  clarify: {
    vi: 'Dạ, có phải Quý khách muốn hỏi về một trong các nội dung sau?',
    en: 'Did you mean one of these?',
  },
  notText: {
    vi: 'Dạ, hiện bot chỉ đọc được tin nhắn chữ. Quý khách vui lòng gõ câu hỏi, hoặc gõ "menu" để xem các mục hỗ trợ.',
    en: 'I can only read text messages. Please type your question, or "menu" to see what I can help with.',
  },
  noMore: {
    vi: 'Dạ, đó là tất cả các bài viết hiện có. Quý khách gõ "tin mới nhất" để xem lại danh sách từ đầu ạ.',
    en: 'That is all the news I have. Type "latest news" to see the list again.',
  },
  ack: {
    vi: 'Dạ vâng ạ. Quý khách cần hỗ trợ gì thêm cứ nhắn cho bot nhé.',
    en: 'All right. Ask me anything else at any time.',
  },
  // Who the bot is: consistent with the knowledge base on the July 2025 merger, and nothing unconfirmed
  // about the post office's current name or officials.
  identity: {
    vi: `Dạ, bot là trợ lý tự động (không phải nhân viên) trả lời câu hỏi thường gặp của khách hàng bưu điện khu vực Bắc Kạn; từ 1/7/2025, tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên. Bot trả lời theo các bài viết của Bưu điện tỉnh Bắc Kạn và thông tin công khai của Bưu điện Việt Nam; khi cần, Quý khách gọi đường dây nóng ${HOTLINE_DISPLAY}.`,
    en: `I am an automated assistant (not a member of staff) answering common questions from post office customers in the Bắc Kạn area; since 1 July 2025 Bắc Kạn province has been part of Thái Nguyên province. I answer from the articles of the Bắc Kạn provincial post office and Vietnam Post's public information; for anything else, please call the hotline ${HOTLINE_DISPLAY}.`,
  },
  human: {
    vi: `Dạ, bot là trợ lý tự động, không phải người thật. Khi cần nói chuyện với nhân viên, Quý khách gọi đường dây nóng ${HOTLINE_DISPLAY}.`,
    en: `I am an automated assistant, not a person. To talk to our staff, please call the hotline ${HOTLINE_DISPLAY}.`,
  },
  capabilities: {
    vi: 'Dạ, bot có thể: trả lời về dịch vụ bưu điện (gửi bưu kiện, bưu phẩm bảo đảm, lương hưu, hồ sơ hành chính công…), số đường dây nóng, tin tức – thông báo của bưu điện; kiểm tra mã bưu gửi và gửi đường dẫn tra cứu; nhận góp ý – khiếu nại. Quý khách chọn một mục bên dưới hoặc gõ câu hỏi ạ.',
    en: 'I can answer questions about post office services (parcels, registered mail, pensions, administrative dossiers…), the hotline and the post office news; check a tracking code and give its tracking link; and take a complaint or suggestion. Pick a topic below or type your question.',
  },
  error: {
    vi: `Dạ, hệ thống đang gặp sự cố. Quý khách vui lòng thử lại sau hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
    en: `Sorry, something went wrong. Please try again later or call ${HOTLINE_DISPLAY}.`,
  },
} satisfies Record<string, Record<Language, string>>;

export type TextKey = keyof typeof TEXTS;

export function say(key: TextKey, lang: Language): Message {
  const withCall = key === 'fallback' || key === 'error' || key === 'human' || key === 'identity';
  const withMenu = key === 'welcome' || key === 'capabilities';
  return { text: TEXTS[key][lang], actions: withMenu ? MENU[lang] : withCall ? [CALL[lang]] : [] };
}

/** dd/mm/yyyy, as Vietnamese readers write dates. */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A button that asks an entry's question, so tapping it gets that entry's answer. */
export function entryAction(entry: EntryWithFile, lang: Language): Action {
  if (lang === 'en' && entry.questions.en?.[0]) return { title: sentenceCase(entry.questions.en[0]), value: entry.questions.en[0] };
  const question = entry.questions.vi[0]!;
  return { title: entry.title ?? question, value: question };
}

/** The entries' buttons in a reply's language: in English only those with an English question to post. */
export function entryActions(entries: EntryWithFile[], lang: Language): Action[] {
  return entries.filter((e) => lang === 'vi' || e.questions.en?.length).map((e) => entryAction(e, lang));
}

const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Nguồn: " and the source's title, as a link when it has an address (a long raw URL is unreadable on a phone). */
export function sourceLine(source: { title: string; url?: string }, lang: Language): string {
  return `${lang === 'en' ? 'Source' : 'Nguồn'}: ${source.url ? markdownLink(source.title, source.url) : source.title}`;
}

export function articleSource(article: Article, lang: Language): string {
  return sourceLine({ title: `“${article.title}”, ${vietnameseDate(article.date)}` }, lang);
}

/** An article asked for by its title (a tapped news button): title, date, its lead paragraph and the source. */
export function articleLeadMessage(article: Article, lang: Language): Message {
  const lead = article.paragraphs[0]?.map((s) => s.text).join(' ') ?? '';
  const intro =
    lang === 'en'
      ? `Here is the article “${article.title}” (${vietnameseDate(article.date)}), in Vietnamese`
      : `Dạ, đây là bài viết “${article.title}” (${vietnameseDate(article.date)})`;
  return { text: `${intro}:\n\n${lead}\n\n${articleSource(article, lang)}`, actions: [] };
}

export function clarifyMessage(lookup: Lookup, lang: Language): Message {
  return { text: TEXTS.clarify[lang], actions: [...entryActions(lookup.suggestions, lang), CALL[lang]] };
}

/** "trong tháng 12/2020", "trong tuần trước", but "hôm nay", "ngày 23/12/2020" (no "trong" before a single day). */
function vietnamesePeriod(label: string): string {
  return /^(?:hôm|ngày) /u.test(label) ? label : `trong ${label}`;
}

/** A page of the article list, newest first, with dates: the full titles in a numbered list, short buttons. */
export function newsMessage(articles: Article[], page: { offset: number; size: number; label?: string }, lang: Language): Message {
  const shown = articles.slice(page.offset, page.offset + page.size);
  const period = page.label ? (lang === 'en' ? ` in ${page.label}` : ` ${vietnamesePeriod(page.label)}`) : '';
  if (shown.length === 0) {
    if (page.offset > 0) return say('noMore', lang);
    // A period still running (hôm nay, tuần này, tháng này, năm nay) has had none "yet".
    const yet = /\bn(?:ay|ày)$/u.test(page.label ?? '') ? 'chưa' : 'không';
    return {
      text: lang === 'en' ? `There is no news${period}.` : `Dạ,${period} ${yet} có bài viết nào được đăng ạ.`,
      actions: [{ title: lang === 'en' ? 'Latest news' : 'Tin mới nhất', value: lang === 'en' ? 'Latest news' : 'Tin mới nhất' }],
    };
  }
  const heading =
    lang === 'en'
      ? `News${period}, newest first:`
      : period
        ? `Dạ, đây là các bài viết được đăng${period}:`
        : 'Dạ, đây là các bài viết mới nhất:';
  const lines = shown.map((a, i) => `${page.offset + i + 1}. ${a.title} (${vietnameseDate(a.date)})`);
  const more = articles.length > page.offset + page.size;
  // The buttons carry the number of the line above; tapping one sends the full title, which opens the article.
  const actions = shown.map((a, i) => ({ title: `${lang === 'en' ? 'Read' : 'Đọc bài'} ${page.offset + i + 1}`, value: a.title }));
  if (more) actions.push({ title: lang === 'en' ? 'Show more' : 'Xem thêm', value: lang === 'en' ? 'Show more' : 'Xem thêm' });
  // A blank line before the list, so that a list starting at 4 (the next page) is still a list in Markdown.
  return { text: `${heading}\n\n${lines.join('\n')}`, actions };
}

// --- Citizen services: parcel tracking, tickets, handoff, announcements, answer ratings. ---
// Each speaks the conversation's language; a button posts words in that language (or words of none, like a code).

const CANCEL_ACTION: Action = { title: 'Hủy', value: 'Hủy' };
const BACK_ACTION: Action = { title: 'Quay lại', value: 'Quay lại' };
const HANDOFF_ACTION: Action = { title: 'Gặp nhân viên', value: 'Gặp nhân viên' };
const TICKET_ACTION: Action = { title: 'Gửi góp ý – khiếu nại', value: 'Góp ý – khiếu nại' };
const CANCEL_ACTIONS: Record<Language, Action> = { vi: CANCEL_ACTION, en: { title: 'Cancel', value: 'Cancel' } };
const BACK_ACTIONS: Record<Language, Action> = { vi: BACK_ACTION, en: { title: 'Back', value: 'Back' } };
const HANDOFF_ACTIONS: Record<Language, Action> = { vi: HANDOFF_ACTION, en: { title: 'Talk to a person', value: 'Talk to a person' } };
const TICKET_ACTIONS: Record<Language, Action> = {
  vi: TICKET_ACTION,
  en: { title: 'Complaint or feedback', value: 'Complaint or feedback' },
};
const TRACK_ACTIONS: Record<Language, Action> = {
  vi: { title: 'Tra cứu bưu gửi', value: 'Tra cứu bưu gửi' },
  en: { title: 'Track a parcel', value: 'Track my parcel' },
};
const COMPLAIN_ACTIONS: Record<Language, Action> = {
  vi: { title: 'Gửi khiếu nại', value: 'Gửi khiếu nại' },
  en: { title: 'Make a complaint', value: 'Make a complaint' },
};
// Words beside the emoji: read out by screen readers, and shown where a device has no emoji font.
const RATING_ACTIONS: Action[] = [
  { title: '👍 Hữu ích', value: '👍' },
  { title: '👎 Chưa đúng', value: '👎' },
];
const RATING_ACTIONS_EN: Action[] = [
  { title: '👍 Helpful', value: '👍' },
  { title: '👎 Not right', value: '👎' },
];

/** 👍/👎 under an answer, labelled in the reply's language. */
export function ratingActions(lang: Language): Action[] {
  return lang === 'en' ? RATING_ACTIONS_EN : RATING_ACTIONS;
}

export const TICKET_KIND_LABEL: Record<TicketKind, string> = { complaint: 'Khiếu nại', suggestion: 'Góp ý', question: 'Hỏi đáp' };
const TICKET_KIND_LABEL_EN: Record<TicketKind, string> = { complaint: 'Complaint', suggestion: 'Suggestion', question: 'Question' };
const kindLabel = (kind: TicketKind, lang: Language): string => (lang === 'en' ? TICKET_KIND_LABEL_EN : TICKET_KIND_LABEL)[kind];
/** "09:55 ngày 01/12/2026" (Vietnamese time), or "09:55 on 01/12/2026". */
const filedAt = (iso: string, lang: Language): string =>
  lang === 'en' ? vnDisplay(new Date(iso)).replace(' ngày ', ' on ') : vnDisplay(new Date(iso));
const S10_SHAPE = `Mã bưu gửi gồm 13 ký tự: 2 chữ cái, 8 chữ số, 1 số kiểm tra và 2 chữ cái mã nước, ví dụ ${EXAMPLE_CODE}.`;
const S10_SHAPE_EN = `A tracking code has 13 characters: 2 letters, 8 digits, 1 check digit and a 2-letter country code, for example ${EXAMPLE_CODE}.`;

/** A flow stopped at the citizen's word ("hủy", "thôi không cần nữa", "cancel"). */
export function cancelledMessage(lang: Language = 'vi'): Message {
  const text =
    lang === 'en' ? 'OK, I have cancelled that. What else can I help you with?' : 'Dạ, bot đã hủy yêu cầu. Quý khách cần hỗ trợ gì thêm ạ?';
  return { text, actions: MENU[lang] };
}

/** "thôi", "không cần nữa" when nothing was under way. */
export function nothingToCancel(lang: Language = 'vi'): Message {
  const text =
    lang === 'en' ? 'All right. Ask me anything else at any time.' : 'Dạ vâng ạ. Quý khách cần hỗ trợ gì thêm cứ nhắn cho bot nhé.';
  return { text, actions: MENU[lang] };
}

export function trackingAsk(lang: Language = 'vi'): Message {
  if (lang === 'en')
    return { text: `Please send the tracking code printed on your receipt. ${S10_SHAPE_EN}`, actions: [CANCEL_ACTIONS.en] };
  return { text: `Dạ, Quý khách vui lòng gửi mã bưu gửi in trên biên nhận. ${S10_SHAPE}`, actions: [CANCEL_ACTION] };
}

function codeProblem(check: Exclude<CodeCheck, { valid: true }>, lang: Language): string {
  if (lang === 'en') {
    switch (check.problem) {
      case 'length':
        return `The code ${check.code} has ${check.digits} digits; a valid code has 9 (an 8-digit serial and 1 check digit).`;
      case 'letters':
        return `The code ${check.code} is not in the right form: it must start with 2 letters and end with the 2-letter country code.`;
      case 'checkDigit':
        return `The check digit of ${check.code} does not match, so a digit was probably mistyped; please compare it with your receipt.`;
    }
  }
  switch (check.problem) {
    case 'length':
      return `Mã ${check.code} có ${check.digits} chữ số, nhưng mã đúng phải có 9 chữ số (8 số sê-ri và 1 số kiểm tra).`;
    case 'letters':
      return `Mã ${check.code} chưa đúng dạng: mã phải bắt đầu bằng 2 chữ cái và kết thúc bằng 2 chữ cái mã nước.`;
    case 'checkDigit':
      return `Mã ${check.code} có số kiểm tra không khớp, có thể một chữ số đã bị gõ nhầm. Quý khách vui lòng đối chiếu lại với biên nhận ạ.`;
  }
}

/** One line per code: the tracking link of a valid one, what is wrong with an invalid one. Never a status. */
export function trackingAnswer(checks: CodeCheck[], lang: Language = 'vi'): Message {
  const en = lang === 'en';
  const valid = checks.filter((c) => c.valid);
  // One list item per code and the notes as paragraphs of their own, so a link never runs into the next sentence.
  const items = checks.map(
    (c) =>
      `- ${c.valid ? (en ? `The code ${c.code} is valid: ${markdownLink("see the item's journey", c.url)}` : `Mã ${c.code} hợp lệ: ${markdownLink('xem hành trình bưu gửi', c.url)}`) : codeProblem(c, lang)}`,
  );
  const notes: string[] = [];
  if (valid.length)
    notes.push(
      en
        ? "I cannot see the item's status; its journey is shown on Vietnam Post's tracking page."
        : 'Bot không xem được trạng thái của bưu gửi; hành trình do trang tra cứu của Bưu điện Việt Nam cung cấp.',
    );
  if (valid.length < checks.length) notes.push(en ? S10_SHAPE_EN : S10_SHAPE);
  const links = valid.slice(0, 3).map((c): Action => ({ title: `${en ? 'Track' : 'Tra cứu'} ${c.code}`, value: c.url, type: 'openUrl' }));
  const heading = en ? 'I have checked the tracking code:' : 'Dạ, bot đã kiểm tra mã bưu gửi:';
  return {
    text: [heading, items.join('\n'), ...notes].join('\n\n'),
    actions: valid.length < checks.length ? [...links, CANCEL_ACTIONS[lang]] : links,
  };
}

export function ticketKindAsk(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? 'Would you like to send a complaint, a suggestion or a question? (Type "cancel" to stop, "back" to change the previous step.)'
      : 'Dạ, Quý khách muốn gửi khiếu nại, góp ý hay câu hỏi ạ? (Gõ "hủy" để dừng, "quay lại" để sửa bước trước.)';
  const labels = Object.values(lang === 'en' ? TICKET_KIND_LABEL_EN : TICKET_KIND_LABEL);
  return { text, actions: [...labels.map((title) => ({ title, value: title })), CANCEL_ACTIONS[lang]] };
}

export function ticketDetailsAsk(kind: TicketKind, lang: Language = 'vi'): Message {
  const actions = [BACK_ACTIONS[lang], CANCEL_ACTIONS[lang]];
  if (lang === 'en') {
    const what = { complaint: 'your complaint', suggestion: 'your suggestion', question: 'your question' }[kind];
    return { text: `Please describe ${what}. If it is about an item, please include its tracking code.`, actions };
  }
  const what = { complaint: 'nội dung khiếu nại', suggestion: 'nội dung góp ý', question: 'câu hỏi' }[kind];
  return { text: `Dạ, Quý khách vui lòng mô tả ${what}. Nếu liên quan đến một bưu gửi, xin ghi kèm mã bưu gửi.`, actions };
}

export function ticketNameAsk(lang: Language = 'vi'): Message {
  const text = lang === 'en' ? 'Please tell me your full name.' : 'Dạ, Quý khách vui lòng cho biết họ và tên ạ.';
  return { text, actions: [BACK_ACTIONS[lang], CANCEL_ACTIONS[lang]] };
}

export function ticketPhoneAsk(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? 'Please give a phone number our staff can call you back on.'
      : 'Dạ, Quý khách vui lòng cho biết số điện thoại để nhân viên liên hệ lại ạ.';
  return { text, actions: [BACK_ACTIONS[lang], CANCEL_ACTIONS[lang]] };
}

export function ticketConfirmAsk(
  values: { kind: TicketKind; details: string; trackingCode?: string; name: string; phone: string },
  lang: Language = 'vi',
): Message {
  const en = lang === 'en';
  const lines = [
    en ? 'Please check your details:' : 'Dạ, Quý khách vui lòng kiểm tra lại thông tin:',
    `- ${en ? 'Type' : 'Loại'}: ${kindLabel(values.kind, lang)}`,
    `- ${en ? 'Details' : 'Nội dung'}: ${quote(values.details, 500)}`,
    ...(values.trackingCode ? [`- ${en ? 'Tracking code' : 'Mã bưu gửi'}: ${values.trackingCode}`] : []),
    `- ${en ? 'Name' : 'Họ tên'}: ${quote(values.name)}`,
    `- ${en ? 'Phone' : 'Số điện thoại'}: ${values.phone}`,
    en ? 'Choose "Confirm" to send it.' : 'Quý khách chọn "Xác nhận" để gửi.',
  ];
  const confirm = en ? 'Confirm' : 'Xác nhận';
  return { text: lines.join('\n'), actions: [{ title: confirm, value: confirm }, BACK_ACTIONS[lang], CANCEL_ACTIONS[lang]] };
}

const TICKET_RETRY = {
  kind: 'Dạ, Quý khách vui lòng chọn "Khiếu nại", "Góp ý" hoặc "Hỏi đáp" ạ.',
  details: 'Dạ, nội dung hơi ngắn, Quý khách vui lòng mô tả cụ thể hơn (tối đa 1000 ký tự) ạ.',
  name: 'Dạ, Quý khách vui lòng nhập họ tên bằng chữ (từ 2 đến 60 ký tự) ạ.',
  phone:
    'Dạ, số điện thoại chưa đúng. Quý khách vui lòng nhập số di động 10 chữ số (bắt đầu bằng 03, 05, 07, 08 hoặc 09) hoặc số cố định 11 chữ số (bắt đầu bằng 02) ạ.',
  confirm: 'Dạ, Quý khách chọn "Xác nhận" để gửi, "Quay lại" để sửa hoặc "Hủy" để dừng ạ.',
} as const;

const TICKET_RETRY_EN: Record<keyof typeof TICKET_RETRY, string> = {
  kind: 'Please choose "Complaint", "Suggestion" or "Question".',
  details: 'That is too short; please describe it in more detail (up to 1000 characters).',
  name: 'Please type your name in letters (2 to 60 characters).',
  phone:
    'That phone number is not right. Please type a 10-digit mobile number (starting 03, 05, 07, 08 or 09) or an 11-digit landline (starting 02).',
  confirm: 'Choose "Confirm" to send, "Back" to change something or "Cancel" to stop.',
};

/** Why a ticket step did not take the answer, in the conversation's language. */
export function ticketRetry(step: keyof typeof TICKET_RETRY, lang: Language = 'vi'): string {
  return (lang === 'en' ? TICKET_RETRY_EN : TICKET_RETRY)[step];
}

export function ticketCreated(ticket: Ticket, lang: Language = 'vi'): Message {
  if (lang === 'en') {
    return {
      text:
        `Your ${kindLabel(ticket.kind, 'en').toLowerCase()} has been recorded with reference ${ticket.ref}, at ${filedAt(ticket.createdAt, 'en')} (Vietnam time). ` +
        `Our staff will call you back on the number you gave. To ask about it, type the reference ${ticket.ref}.`,
      actions: [],
    };
  }
  return {
    text:
      `Dạ, bot đã ghi nhận ${TICKET_KIND_LABEL[ticket.kind].toLowerCase()} của Quý khách, mã phiếu ${ticket.ref}, lúc ${vnDisplay(new Date(ticket.createdAt))}. ` +
      `Nhân viên sẽ liên hệ lại qua số điện thoại Quý khách đã cung cấp. Để hỏi tình trạng phiếu, Quý khách gõ mã phiếu ${ticket.ref}.`,
    actions: [],
  };
}

export function ticketNotSaved(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? `Sorry, the system could not record your request. Please try again later or call ${HOTLINE_DISPLAY}.`
      : `Dạ, rất tiếc hệ thống chưa ghi nhận được phiếu. Quý khách vui lòng thử lại sau hoặc gọi ${HOTLINE_DISPLAY} ạ.`;
  return { text, actions: [CALL[lang]] };
}

export function ticketStatusAsk(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? 'Please type the reference you got when you sent it (for example GY-7K3Q).'
      : 'Dạ, Quý khách vui lòng nhập mã phiếu đã nhận khi gửi (ví dụ GY-7K3Q) ạ.';
  return { text, actions: [CANCEL_ACTIONS[lang]] };
}

export const TICKET_STATUS_LABEL: Record<Language, Record<TicketStatus, string>> = {
  vi: { new: 'mới tiếp nhận', in_progress: 'đang xử lý', resolved: 'đã giải quyết', rejected: 'không thể giải quyết' },
  en: { new: 'received', in_progress: 'in progress', resolved: 'resolved', rejected: 'could not be resolved' },
};

export function ticketStatusMessage(ticket: Ticket, lang: Language = 'vi'): Message {
  const en = lang === 'en';
  const filed = en
    ? `Your ${kindLabel(ticket.kind, 'en').toLowerCase()} ${ticket.ref}, sent at ${filedAt(ticket.createdAt, 'en')} (Vietnam time)`
    : `Dạ, phiếu ${ticket.ref} (${TICKET_KIND_LABEL[ticket.kind].toLowerCase()}) gửi lúc ${vnDisplay(new Date(ticket.createdAt))}`;
  const latest = ticket.history.at(-1);
  if (!latest)
    return {
      text: en ? `${filed}, has been received and is waiting for our staff.` : `${filed} đã được tiếp nhận và đang chờ nhân viên xử lý ạ.`,
      actions: [],
    };
  const note = latest.note
    ? en
      ? ` Note from our staff: ${quote(latest.note, 500)}`
      : ` Ghi chú của nhân viên: ${quote(latest.note, 500)}`
    : '';
  const updated = en ? `updated at ${filedAt(latest.at, 'en')}` : `cập nhật lúc ${vnDisplay(new Date(latest.at))}`;
  return { text: `${filed}: ${TICKET_STATUS_LABEL[lang][latest.status]} (${updated}).${note}`, actions: [] };
}

/** Told to the citizen, in the ticket's conversation, when staff change its status. */
export function ticketUpdateMessage(ticket: Ticket, change: TicketChange): Message {
  const lang = ticket.lang ?? 'vi';
  const status = TICKET_STATUS_LABEL[lang][change.status];
  const note = change.note ? quote(change.note, 500) : '';
  const text =
    lang === 'en'
      ? `Update on your ticket ${ticket.ref}: ${status}.${note ? ` Note from our staff: ${note}` : ''}`
      : `Dạ, phiếu ${ticket.ref} của Quý khách đã được cập nhật: ${status}.${note ? ` Ghi chú của nhân viên: ${note}` : ''}`;
  return { text, actions: [] };
}

export function ticketNotFound(ref: string, lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? `I cannot find ${ref} among the requests you sent on this channel. Please check the reference, or call ${HOTLINE_DISPLAY}.`
      : `Dạ, bot không tìm thấy phiếu ${ref} trong các phiếu Quý khách đã gửi qua kênh này. Quý khách vui lòng kiểm tra lại mã, hoặc gọi ${HOTLINE_DISPLAY} ạ.`;
  return { text, actions: [CALL[lang]] };
}

/**
 * After failed answers, in anger or after a 👎: a person when one can be reached now (`personReachable`),
 * otherwise the hotline and a ticket — never a button that leads nowhere.
 */
export function handoffOffer(lang: Language = 'vi', personReachable = false): Message {
  if (personReachable) {
    const text =
      lang === 'en'
        ? 'Sorry I could not help as you wished. Would you like to talk to a member of staff?'
        : 'Dạ, bot rất tiếc chưa hỗ trợ được Quý khách như mong muốn. Quý khách có muốn gặp nhân viên hỗ trợ không ạ?';
    return { text, actions: [HANDOFF_ACTIONS[lang], TICKET_ACTIONS[lang], CALL[lang]] };
  }
  const text =
    lang === 'en'
      ? `Sorry I could not help as you wished. Please call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`
      : `Dạ, bot rất tiếc chưa hỗ trợ được Quý khách như mong muốn. Quý khách vui lòng gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`;
  return { text, actions: [CALL[lang], TICKET_ACTIONS[lang]] };
}

/** An item that has not come (or is late, lost, damaged): an apology when the citizen is angry, then tracking and a complaint. */
export function itemProblemMessage(angry: boolean, lang: Language = 'vi', personReachable = false): Message {
  const text =
    lang === 'en'
      ? `${angry ? 'I am very sorry for the trouble with your item. ' : ''}I cannot see an item's status, but you can follow its journey with the tracking code on your receipt, or send a complaint and our staff will look into it and call you back. You can also call ${HOTLINE_DISPLAY}.`
      : `${angry ? 'Dạ, bot thành thật xin lỗi Quý khách vì sự bất tiện với bưu gửi của Quý khách. Bot' : 'Dạ, bot'} không xem được trạng thái bưu gửi, nhưng Quý khách có thể tra cứu hành trình bằng mã bưu gửi in trên biên nhận, hoặc gửi khiếu nại để nhân viên kiểm tra và liên hệ lại. Quý khách cũng có thể gọi ${HOTLINE_DISPLAY}.`;
  return { text, actions: [TRACK_ACTIONS[lang], COMPLAIN_ACTIONS[lang], ...(personReachable ? [HANDOFF_ACTIONS[lang]] : []), CALL[lang]] };
}

/** "Bạn có phải người thật không": a bot, and how to reach a person now (a button only when one can be reached). */
export function humanMessage(lang: Language = 'vi', personReachable = false): Message {
  const message = say('human', lang);
  return personReachable ? { ...message, actions: [HANDOFF_ACTIONS[lang], ...message.actions] } : message;
}

export function handoffConnected(lang: Language = 'vi'): Message {
  if (lang === 'en') {
    return {
      text: 'I have passed your request to our staff; they will reply in this conversation. Meanwhile I will not answer automatically; to talk to me again, type "end".',
      actions: [],
    };
  }
  return {
    text: 'Dạ, bot đã chuyển yêu cầu của Quý khách tới nhân viên hỗ trợ, nhân viên sẽ trả lời trong cuộc trò chuyện này. Trong lúc đó bot sẽ không trả lời tự động; khi muốn trò chuyện lại với bot, Quý khách gõ "kết thúc" ạ.',
    actions: [],
  };
}

/** Staff cannot take the conversation now: the hotline and a ticket instead. Hours are named only when configured. */
export function handoffUnavailable(hours?: string, lang: Language = 'vi'): Message {
  if (lang === 'en') {
    const why = hours
      ? `Our staff are available for online chat only ${hours} (Vietnam time).`
      : 'I cannot pass the conversation to our staff right now.';
    return {
      text: `${why} Please call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`,
      actions: [CALL.en, TICKET_ACTIONS.en],
    };
  }
  const why = hours
    ? `Dạ, hiện đã ngoài giờ hỗ trợ trực tuyến của nhân viên (${hours}).`
    : 'Dạ, hiện bot chưa chuyển được cuộc trò chuyện tới nhân viên.';
  return {
    text: `${why} Quý khách vui lòng gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`,
    actions: [CALL.vi, TICKET_ACTION],
  };
}

export function handoffEnded(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? 'Your chat with our staff has ended, and I am here again. How can I help?'
      : 'Dạ, cuộc trò chuyện với nhân viên đã kết thúc, bot tiếp tục hỗ trợ Quý khách. Quý khách cần hỗ trợ gì ạ?';
  return { text, actions: MENU[lang] };
}

export function handoffEndedByStaff(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? 'Our staff have finished. I am here again whenever you need me.'
      : 'Dạ, nhân viên đã kết thúc hỗ trợ. Bot tiếp tục hỗ trợ Quý khách, Quý khách cứ nhắn khi cần ạ.';
  return { text, actions: MENU[lang] };
}

/** Built-in inbox: nobody has picked up within HANDOFF_WAIT_MINUTES (said once). */
export function handoffNobodyYet(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? `Sorry, all our staff are busy and have not answered yet. You can keep waiting, call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`
      : `Dạ, hiện các nhân viên đều đang bận, chưa trả lời được Quý khách. Quý khách có thể tiếp tục chờ, gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`;
  return { text, actions: [CALL[lang], TICKET_ACTIONS[lang]] };
}

/** Built-in inbox: chat hours ended with the conversation still open. */
export function handoffClosedAfterHours(lang: Language = 'vi'): Message {
  const text =
    lang === 'en'
      ? `Online support hours are over, so your chat with our staff has ended and I am here again. Please call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`
      : `Dạ, đã hết giờ hỗ trợ trực tuyến nên cuộc trò chuyện với nhân viên kết thúc, bot tiếp tục hỗ trợ Quý khách. Quý khách vui lòng gọi ${HOTLINE_DISPLAY} hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`;
  return { text, actions: [CALL[lang], TICKET_ACTIONS[lang]] };
}

export function subscriptionMessage(
  outcome: 'subscribed' | 'alreadySubscribed' | 'unsubscribed' | 'notSubscribed',
  lang: Language = 'vi',
): Message {
  const texts =
    lang === 'en'
      ? {
          subscribed:
            'You are subscribed. When the post office publishes a new announcement, I will send it to you. Type "unsubscribe" to stop.',
          alreadySubscribed: 'You were already subscribed. Type "unsubscribe" to stop.',
          unsubscribed: 'You are unsubscribed and will get no more announcements.',
          notSubscribed: 'You are not subscribed. Type "subscribe" to get new announcements.',
        }
      : {
          subscribed:
            'Dạ, Quý khách đã đăng ký nhận tin. Khi Bưu điện tỉnh đăng thông báo mới, bot sẽ gửi tới Quý khách. Gõ "hủy đăng ký" để ngừng nhận tin.',
          alreadySubscribed: 'Dạ, Quý khách đã đăng ký nhận tin từ trước rồi ạ. Gõ "hủy đăng ký" để ngừng nhận tin.',
          unsubscribed: 'Dạ, bot đã hủy đăng ký, Quý khách sẽ không nhận tin mới nữa ạ.',
          notSubscribed: 'Dạ, Quý khách chưa đăng ký nhận tin ạ. Gõ "đăng ký nhận tin" để nhận thông báo mới.',
        };
  return { text: texts[outcome], actions: [] };
}

/** The proactive message for a newly published article: title, date and a one-line summary. */
export function announcementMessage(article: Article): Message {
  const first = article.paragraphs[0]?.[0]?.text ?? '';
  const summary = first.length > 200 ? `${first.slice(0, 199)}…` : first;
  return {
    text: `Dạ, Bưu điện tỉnh có thông báo mới:\n${article.title} (${vietnameseDate(article.date)})\n${summary}\n\nQuý khách gõ "hủy đăng ký" để ngừng nhận tin.`,
    actions: [{ title: 'Đọc bài viết', value: article.title }],
  };
}

export function ratingThanks(rating: 'up' | 'down', lang: Language = 'vi', personReachable = false): Message {
  const en = lang === 'en';
  if (rating === 'up') return { text: en ? 'Thank you for your rating!' : 'Dạ, cảm ơn Quý khách đã đánh giá ạ!', actions: [] };
  const text = en
    ? 'Thank you for telling me; our staff will review this answer.'
    : 'Dạ, cảm ơn Quý khách đã cho bot biết, câu trả lời này sẽ được nhân viên xem lại.';
  const offer = personReachable
    ? en
      ? ' Would you like to talk to a member of staff or send feedback?'
      : ' Quý khách có muốn gặp nhân viên hoặc gửi góp ý không ạ?'
    : en
      ? ` You can also call ${HOTLINE_DISPLAY} or send feedback.`
      : ` Quý khách cũng có thể gọi ${HOTLINE_DISPLAY} hoặc gửi góp ý ạ.`;
  return {
    text: text + offer,
    actions: personReachable ? [HANDOFF_ACTIONS[lang], TICKET_ACTIONS[lang], CALL[lang]] : [TICKET_ACTIONS[lang], CALL[lang]],
  };
}
