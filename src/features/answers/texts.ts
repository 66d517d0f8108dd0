// What the bot says around an answer from the knowledge base: the honest fallback, "did you mean", the
// buttons of entries and their source line, an article opened by its title, and 👍/👎 with their thanks.
// The answer texts themselves are in answerTexts.ts.
import type { Lookup } from '../../answer/answerEngine.js';
import type { Article } from '../../knowledge/articleParser.js';
import type { EntryWithFile } from '../../knowledge/entryFiles.js';
import { HOTLINE_DISPLAY, markdownLink, type Action } from '../../replies/activities.js';
import { CALL, MENU, SEND_TICKET, TALK_TO_STAFF, vietnameseDate, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

export function fallbackMessage(lang: Language): Message {
  return {
    text: {
      vi: `Dạ, rất tiếc bot chưa có thông tin để trả lời câu hỏi này. Quý khách vui lòng gọi đường dây nóng ${HOTLINE_DISPLAY} để được nhân viên hỗ trợ.`,
      en: `Sorry, I have no information to answer that. Please call the hotline ${HOTLINE_DISPLAY} to talk to our staff.`,
    }[lang],
    actions: [CALL[lang]],
  };
}

/** A follow-up ("người đó là ai?", "what about last year?") with no earlier question to read it with: the whole question, please. */
export function followUpClarify(lang: Language): Message {
  return {
    text: {
      vi: 'Dạ, Quý khách đang hỏi về nội dung nào ạ? Quý khách vui lòng nhắn đầy đủ câu hỏi để bot trả lời chính xác.',
      en: 'Could you tell me what you are asking about? Please type your whole question, so that I can answer it correctly.',
    }[lang],
    actions: MENU[lang],
  };
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
  return `${{ vi: 'Nguồn', en: 'Source' }[lang]}: ${source.url ? markdownLink(source.title, source.url) : source.title}`;
}

export function articleSource(article: Article, lang: Language): string {
  return sourceLine({ title: `“${article.title}”, ${vietnameseDate(article.date)}` }, lang);
}

/** An article asked for by its title (a tapped news button): title, date, its lead paragraph and the source. */
export function articleLeadMessage(article: Article, lang: Language): Message {
  const lead = article.paragraphs[0]?.map((s) => s.text).join(' ') ?? '';
  const intro = {
    vi: `Dạ, đây là bài viết “${article.title}” (${vietnameseDate(article.date)})`,
    en: `Here is the article “${article.title}” (${vietnameseDate(article.date)}), in Vietnamese`,
  }[lang];
  return { text: `${intro}:\n\n${lead}\n\n${articleSource(article, lang)}`, actions: [] };
}

export function clarifyMessage(lookup: Lookup, lang: Language): Message {
  return {
    text: { vi: 'Dạ, có phải Quý khách muốn hỏi về một trong các nội dung sau?', en: 'Did you mean one of these?' }[lang],
    actions: [...entryActions(lookup.suggestions, lang), CALL[lang]],
  };
}

// Words beside the emoji: read out by screen readers, and shown where a device has no emoji font.
const RATING_ACTIONS: Record<Language, Action[]> = {
  vi: [
    { title: '👍 Hữu ích', value: '👍' },
    { title: '👎 Chưa đúng', value: '👎' },
  ],
  en: [
    { title: '👍 Helpful', value: '👍' },
    { title: '👎 Not right', value: '👎' },
  ],
};

/** 👍/👎 under an answer, labelled in the reply's language. */
export function ratingActions(lang: Language): Action[] {
  return RATING_ACTIONS[lang];
}

export function ratingThanks(rating: 'up' | 'down', lang: Language = 'vi', personReachable = false): Message {
  if (rating === 'up') return { text: { vi: 'Dạ, cảm ơn Quý khách đã đánh giá ạ!', en: 'Thank you for your rating!' }[lang], actions: [] };
  const text = {
    vi: 'Dạ, cảm ơn Quý khách đã cho bot biết, câu trả lời này sẽ được nhân viên xem lại.',
    en: 'Thank you for telling me; our staff will review this answer.',
  }[lang];
  const offer = personReachable
    ? {
        vi: ' Quý khách có muốn gặp nhân viên hoặc gửi góp ý không ạ?',
        en: ' Would you like to talk to a member of staff or send feedback?',
      }[lang]
    : {
        vi: ` Quý khách cũng có thể gọi ${HOTLINE_DISPLAY} hoặc gửi góp ý ạ.`,
        en: ` You can also call ${HOTLINE_DISPLAY} or send feedback.`,
      }[lang];
  return {
    text: text + offer,
    actions: personReachable ? [TALK_TO_STAFF[lang], SEND_TICKET[lang], CALL[lang]] : [SEND_TICKET[lang], CALL[lang]],
  };
}
