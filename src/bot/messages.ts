// What the bot says, in Vietnamese (polite: "Dạ", "Quý khách") and, where it has one, English.
// Facts come only from the knowledge base; these texts add no fact but the hotline.
import type { Language, Lookup } from '../answer/answerEngine.js';
import type { Article } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import { EXAMPLE_CODE, type CodeCheck } from '../services/s10.js';
import type { Ticket, TicketKind } from '../services/ticketStore.js';
import { vnDisplay } from '../text/vnTime.js';
import { HOTLINE_DISPLAY, HOTLINE_TEL, quote, type Action } from './replies.js';

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
    { title: 'Feedback', value: 'Feedback' },
  ],
};

const TEXTS = {
  welcome: {
    vi: 'Dạ, Bưu điện tỉnh Bắc Kạn xin chào Quý khách! Quý khách cần hỗ trợ gì ạ? Quý khách có thể chọn một mục bên dưới hoặc gõ câu hỏi, có dấu hay không dấu đều được.',
    en: 'Hello, this is the Bắc Kạn post office hotline bot. How can I help? Pick a topic below or type your question.',
  },
  greeting: {
    vi: 'Dạ, xin chào Quý khách! Quý khách cần hỗ trợ gì ạ?',
    en: 'Hello! How can I help you?',
  },
  thanks: {
    vi: 'Dạ, cảm ơn Quý khách. Nếu cần thêm thông tin, Quý khách cứ nhắn cho bot nhé.',
    en: 'You are welcome. Ask me anything else at any time.',
  },
  goodbye: {
    vi: 'Dạ, chào tạm biệt Quý khách. Chúc Quý khách một ngày tốt lành!',
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
    vi: 'Dạ, bot đã hiển thị hết các bài viết. Quý khách gõ "tin mới nhất" để xem lại danh sách.',
    en: 'That is all the news I have. Type "latest news" to see the list again.',
  },
  error: {
    vi: `Dạ, hệ thống đang gặp sự cố, Quý khách vui lòng thử lại sau hoặc gọi ${HOTLINE_DISPLAY}.`,
    en: `Sorry, something went wrong. Please try again later or call ${HOTLINE_DISPLAY}.`,
  },
} satisfies Record<string, Record<Language, string>>;

export type TextKey = keyof typeof TEXTS;

export function say(key: TextKey, lang: Language): Message {
  const withCall = key === 'fallback' || key === 'error';
  return { text: TEXTS[key][lang], actions: key === 'welcome' ? MENU[lang] : withCall ? [CALL[lang]] : [] };
}

/** dd/mm/yyyy, as Vietnamese readers write dates. */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A button that asks an entry's question, so tapping it gets that entry's answer. */
export function entryAction(entry: EntryWithFile, lang: Language): Action {
  const question = (lang === 'en' && entry.questions.en?.[0]) || entry.questions.vi[0];
  return { title: entry.title ?? question, value: question };
}

export function sourceLine(source: { title: string; url?: string }, lang: Language): string {
  return `${lang === 'en' ? 'Source' : 'Nguồn'}: ${source.title}${source.url ? ` – ${source.url}` : ''}`;
}

export function articleSource(article: Article, lang: Language): string {
  return sourceLine({ title: `“${article.title}”, ${vietnameseDate(article.date)}` }, lang);
}

/** An article asked for by its title (a tapped news button): title, date, its lead paragraph and the source. */
export function articleLeadMessage(article: Article, lang: Language): Message {
  const lead = article.paragraphs[0]?.map((s) => s.text).join(' ') ?? '';
  return { text: `${article.title} (${vietnameseDate(article.date)})\n\n${lead}\n\n${articleSource(article, lang)}`, actions: [] };
}

// Answers from the knowledge base (entries, article sentences, neighbouring facts): src/answer/answerText.ts.
export { answerMessage, relatedMessage } from '../answer/answerText.js';

export function clarifyMessage(lookup: Lookup, lang: Language): Message {
  return { text: TEXTS.clarify[lang], actions: [...lookup.suggestions.map((e) => entryAction(e, lang)), CALL[lang]] };
}

/** A page of the article list, newest first, with dates. */
export function newsMessage(articles: Article[], page: { offset: number; size: number; label?: string }, lang: Language): Message {
  const shown = articles.slice(page.offset, page.offset + page.size);
  const period = page.label ? (lang === 'en' ? ` in ${page.label}` : ` trong ${page.label}`) : '';
  if (shown.length === 0) {
    if (page.offset > 0) return say('noMore', lang);
    return {
      text: lang === 'en' ? `There is no news${period}.` : `Dạ, không có bài viết nào được đăng${period}.`,
      actions: [{ title: lang === 'en' ? 'Latest news' : 'Tin mới nhất', value: lang === 'en' ? 'Latest news' : 'Tin mới nhất' }],
    };
  }
  const heading = lang === 'en' ? `News${period}, newest first:` : `Dạ, các bài viết${period}, mới nhất trước:`;
  const lines = shown.map((a, i) => `${page.offset + i + 1}. ${a.title} (${vietnameseDate(a.date)})`);
  const more = articles.length > page.offset + page.size;
  const actions = shown.map((a) => ({ title: a.title.length > 40 ? `${a.title.slice(0, 39)}…` : a.title, value: a.title }));
  if (more) actions.push({ title: lang === 'en' ? 'Show more' : 'Xem thêm', value: lang === 'en' ? 'Show more' : 'Xem thêm' });
  return { text: [heading, ...lines].join('\n'), actions };
}

// --- Citizen services: parcel tracking, tickets, handoff, announcements, answer ratings (Vietnamese only). ---

export const CANCEL_ACTION: Action = { title: 'Hủy', value: 'Hủy' };
export const BACK_ACTION: Action = { title: 'Quay lại', value: 'Quay lại' };
export const HANDOFF_ACTION: Action = { title: 'Gặp nhân viên', value: 'Gặp nhân viên' };
export const TICKET_ACTION: Action = { title: 'Gửi góp ý – khiếu nại', value: 'Góp ý – khiếu nại' };
// Words beside the emoji: read out by screen readers, and shown where a device has no emoji font.
export const RATING_ACTIONS: Action[] = [
  { title: '👍 Hữu ích', value: '👍' },
  { title: '👎 Chưa đúng', value: '👎' },
];

export const TICKET_KIND_LABEL: Record<TicketKind, string> = { complaint: 'Khiếu nại', suggestion: 'Góp ý', question: 'Hỏi đáp' };
const S10_SHAPE = `Mã bưu gửi gồm 13 ký tự: 2 chữ cái, 8 chữ số, 1 số kiểm tra và 2 chữ cái mã nước, ví dụ ${EXAMPLE_CODE}.`;

export function cancelledMessage(): Message {
  return { text: 'Dạ, bot đã hủy yêu cầu. Quý khách cần hỗ trợ gì thêm ạ?', actions: MENU.vi };
}

export function trackingAsk(): Message {
  return { text: `Dạ, Quý khách vui lòng gửi mã bưu gửi in trên biên nhận. ${S10_SHAPE}`, actions: [CANCEL_ACTION] };
}

function codeProblem(check: Exclude<CodeCheck, { valid: true }>): string {
  switch (check.problem) {
    case 'length':
      return `Mã ${check.code} có ${check.digits} chữ số, trong khi mã đúng có 9 chữ số (8 số sê-ri và 1 số kiểm tra).`;
    case 'letters':
      return `Mã ${check.code} chưa đúng dạng: mã phải bắt đầu bằng 2 chữ cái và kết thúc bằng 2 chữ cái mã nước.`;
    case 'checkDigit':
      return `Mã ${check.code} có số kiểm tra không khớp, có lẽ một chữ số đã bị gõ nhầm; Quý khách vui lòng đối chiếu lại với biên nhận.`;
  }
}

/** One line per code: the tracking link of a valid one, what is wrong with an invalid one. Never a status. */
export function trackingAnswer(checks: CodeCheck[]): Message {
  const valid = checks.filter((c) => c.valid);
  const lines = checks.map((c) => (c.valid ? `Mã ${c.code} hợp lệ. Quý khách xem hành trình bưu gửi tại: ${c.url}` : codeProblem(c)));
  if (valid.length) lines.push('Bot không xem được trạng thái bưu gửi; hành trình do trang của Bưu điện Việt Nam cung cấp.');
  if (valid.length < checks.length) lines.push(S10_SHAPE);
  const links = valid.slice(0, 3).map((c): Action => ({ title: `Tra cứu ${c.code}`, value: c.url, type: 'openUrl' }));
  return { text: ['Dạ, bot đã kiểm tra mã bưu gửi:', ...lines].join('\n'), actions: valid.length < checks.length ? [...links, CANCEL_ACTION] : links };
}

export function ticketKindAsk(): Message {
  return {
    text: 'Dạ, Quý khách muốn gửi khiếu nại, góp ý hay câu hỏi ạ? (Gõ "hủy" để dừng, "quay lại" để sửa bước trước.)',
    actions: [...Object.values(TICKET_KIND_LABEL).map((title) => ({ title, value: title })), CANCEL_ACTION],
  };
}

export function ticketDetailsAsk(kind: TicketKind): Message {
  const what = { complaint: 'nội dung khiếu nại', suggestion: 'nội dung góp ý', question: 'câu hỏi' }[kind];
  return { text: `Dạ, Quý khách vui lòng mô tả ${what}. Nếu liên quan đến một bưu gửi, xin ghi kèm mã bưu gửi.`, actions: [BACK_ACTION, CANCEL_ACTION] };
}

export function ticketNameAsk(): Message {
  return { text: 'Dạ, Quý khách vui lòng cho biết họ và tên ạ.', actions: [BACK_ACTION, CANCEL_ACTION] };
}

export function ticketPhoneAsk(): Message {
  return { text: 'Dạ, Quý khách vui lòng cho biết số điện thoại để nhân viên liên hệ lại ạ.', actions: [BACK_ACTION, CANCEL_ACTION] };
}

export function ticketConfirmAsk(values: { kind: TicketKind; details: string; trackingCode?: string; name: string; phone: string }): Message {
  const lines = [
    'Dạ, Quý khách vui lòng kiểm tra lại thông tin:',
    `- Loại: ${TICKET_KIND_LABEL[values.kind]}`,
    `- Nội dung: ${quote(values.details, 500)}`,
    ...(values.trackingCode ? [`- Mã bưu gửi: ${values.trackingCode}`] : []),
    `- Họ tên: ${quote(values.name)}`,
    `- Số điện thoại: ${values.phone}`,
    'Quý khách chọn "Xác nhận" để gửi.',
  ];
  return { text: lines.join('\n'), actions: [{ title: 'Xác nhận', value: 'Xác nhận' }, BACK_ACTION, CANCEL_ACTION] };
}

export const TICKET_RETRY = {
  kind: 'Dạ, Quý khách vui lòng chọn "Khiếu nại", "Góp ý" hoặc "Hỏi đáp" ạ.',
  details: 'Dạ, nội dung còn ngắn quá, Quý khách vui lòng mô tả cụ thể hơn (tối đa 1000 ký tự) ạ.',
  name: 'Dạ, Quý khách vui lòng nhập họ tên bằng chữ (từ 2 đến 60 ký tự) ạ.',
  phone: 'Dạ, số điện thoại chưa đúng. Quý khách vui lòng nhập số di động 10 chữ số (bắt đầu bằng 03, 05, 07, 08 hoặc 09) hoặc số cố định 11 chữ số (bắt đầu bằng 02) ạ.',
  confirm: 'Dạ, Quý khách chọn "Xác nhận" để gửi, "Quay lại" để sửa hoặc "Hủy" để dừng ạ.',
} as const;

export function ticketCreated(ticket: Ticket): Message {
  return {
    text:
      `Dạ, bot đã ghi nhận ${TICKET_KIND_LABEL[ticket.kind].toLowerCase()} của Quý khách, mã phiếu ${ticket.ref}, lúc ${vnDisplay(new Date(ticket.createdAt))}. ` +
      `Nhân viên sẽ liên hệ lại qua số điện thoại Quý khách đã cung cấp. Để hỏi tình trạng phiếu, Quý khách gõ mã phiếu ${ticket.ref}.`,
    actions: [],
  };
}

export function ticketNotSaved(): Message {
  return { text: `Dạ, rất tiếc hệ thống chưa ghi nhận được phiếu. Quý khách vui lòng thử lại sau hoặc gọi ${HOTLINE_DISPLAY} ạ.`, actions: [CALL.vi] };
}

export function ticketStatusAsk(): Message {
  return { text: 'Dạ, Quý khách vui lòng nhập mã phiếu đã nhận khi gửi (ví dụ GY-7K3Q) ạ.', actions: [CANCEL_ACTION] };
}

export function ticketStatusMessage(ticket: Ticket): Message {
  return {
    text: `Dạ, phiếu ${ticket.ref} (${TICKET_KIND_LABEL[ticket.kind].toLowerCase()}) gửi lúc ${vnDisplay(new Date(ticket.createdAt))} đã được tiếp nhận và đang chờ nhân viên xử lý ạ.`,
    actions: [],
  };
}

export function ticketNotFound(ref: string): Message {
  return {
    text: `Dạ, bot không tìm thấy phiếu ${ref} trong các phiếu Quý khách đã gửi qua kênh này. Quý khách vui lòng kiểm tra lại mã, hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
    actions: [CALL.vi],
  };
}

export function handoffOffer(): Message {
  return { text: 'Dạ, bot rất tiếc chưa hỗ trợ được Quý khách như mong muốn. Quý khách có muốn gặp nhân viên hỗ trợ không ạ?', actions: [HANDOFF_ACTION, TICKET_ACTION, CALL.vi] };
}

export function handoffConnected(): Message {
  return {
    text: 'Dạ, bot đã chuyển yêu cầu của Quý khách tới nhân viên hỗ trợ, nhân viên sẽ trả lời trong cuộc trò chuyện này. Trong lúc đó bot sẽ không trả lời tự động; khi muốn trò chuyện lại với bot, Quý khách gõ "kết thúc" ạ.',
    actions: [],
  };
}

/** Staff cannot take the conversation now: the hotline and a ticket instead. Hours are named only when configured. */
export function handoffUnavailable(hours?: string): Message {
  const why = hours ? `Dạ, hiện đã ngoài giờ hỗ trợ trực tuyến của nhân viên (${hours}).` : 'Dạ, hiện bot chưa chuyển được cuộc trò chuyện tới nhân viên.';
  return { text: `${why} Quý khách vui lòng gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`, actions: [CALL.vi, TICKET_ACTION] };
}

export function handoffEnded(): Message {
  return { text: 'Dạ, cuộc trò chuyện với nhân viên đã kết thúc, bot tiếp tục hỗ trợ Quý khách. Quý khách cần hỗ trợ gì ạ?', actions: MENU.vi };
}

export function handoffEndedByStaff(): Message {
  return { text: 'Dạ, nhân viên đã kết thúc hỗ trợ. Bot tiếp tục hỗ trợ Quý khách, Quý khách cứ nhắn khi cần ạ.', actions: MENU.vi };
}

export function subscriptionMessage(outcome: 'subscribed' | 'alreadySubscribed' | 'unsubscribed' | 'notSubscribed'): Message {
  const text = {
    subscribed: 'Dạ, Quý khách đã đăng ký nhận tin. Khi Bưu điện tỉnh đăng thông báo mới, bot sẽ gửi tới Quý khách. Gõ "hủy đăng ký" để ngừng nhận tin.',
    alreadySubscribed: 'Dạ, Quý khách đã đăng ký nhận tin từ trước rồi ạ. Gõ "hủy đăng ký" để ngừng nhận tin.',
    unsubscribed: 'Dạ, bot đã hủy đăng ký, Quý khách sẽ không nhận tin mới nữa ạ.',
    notSubscribed: 'Dạ, Quý khách chưa đăng ký nhận tin ạ. Gõ "đăng ký nhận tin" để nhận thông báo mới.',
  }[outcome];
  return { text, actions: [] };
}

/** The proactive message for a newly published article: title, date and a one-line summary. */
export function announcementMessage(article: Article): Message {
  const first = article.paragraphs[0]?.[0]?.text ?? '';
  const summary = first.length > 200 ? `${first.slice(0, 199)}…` : first;
  return {
    text: `Dạ, Bưu điện tỉnh có thông báo mới:\n${article.title} (${vietnameseDate(article.date)})\n${summary}\n\nQuý khách gõ "hủy đăng ký" để ngừng nhận tin.`,
    actions: [{ title: article.title.length > 40 ? `${article.title.slice(0, 39)}…` : article.title, value: article.title }],
  };
}

export function ratingThanks(rating: 'up' | 'down'): Message {
  if (rating === 'up') return { text: 'Dạ, cảm ơn Quý khách đã đánh giá ạ!', actions: [] };
  return {
    text: 'Dạ, cảm ơn Quý khách đã cho bot biết, câu trả lời này sẽ được nhân viên xem lại. Quý khách có muốn gặp nhân viên hoặc gửi góp ý không ạ?',
    actions: [HANDOFF_ACTION, TICKET_ACTION, CALL.vi],
  };
}
