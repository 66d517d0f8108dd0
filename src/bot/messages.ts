// What the bot says, in Vietnamese (polite: "Dạ", "Quý khách") and, where it has one, English.
// Facts come only from the knowledge base; these texts add no fact but the hotline.
import type { Language, Lookup, Match } from '../answer/answerEngine.js';
import type { Article } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import { HOTLINE_DISPLAY, HOTLINE_TEL, type Action } from './replies.js';

export interface Message {
  text: string;
  actions: Action[];
}

const CALL: Record<Language, Action> = {
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
  feedback: {
    vi: `Dạ, để góp ý hoặc khiếu nại, Quý khách vui lòng gọi đường dây nóng ${HOTLINE_DISPLAY}; nhân viên sẽ tiếp nhận và hỗ trợ Quý khách.`,
    en: `For feedback or complaints, please call the hotline ${HOTLINE_DISPLAY}.`,
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
  const withCall = key === 'fallback' || key === 'feedback' || key === 'error';
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

/** The reply for a confident match: the entry's answer or the article's sentence(s), with the source. */
export function answerMessage(match: Match, lang: Language, entryById: (id: string) => EntryWithFile | undefined): Message {
  if (match.kind === 'article') {
    const lead = lang === 'en' ? 'According to the article' : 'Dạ, theo bài viết';
    const body = match.sentences.map((s) => s.text).join(' ');
    return { text: `${lead} “${match.article.title}” (${vietnameseDate(match.article.date)}): ${body}\n\n${articleSource(match.article, lang)}`, actions: [] };
  }
  const { entry } = match;
  const answer = (lang === 'en' && entry.answer.en) || entry.answer.vi;
  const followUps = (entry.followUps ?? []).map(entryById).filter((e): e is EntryWithFile => !!e).map((e) => entryAction(e, lang));
  const call = answer.includes(HOTLINE_DISPLAY) ? [CALL[lang]] : [];
  return { text: `${answer}\n\n${sourceLine(entry.source, lang)}`, actions: [...call, ...followUps] };
}

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
