// What the bot says for the satisfaction question asked once after staff close a live chat or resolve a
// ticket: the question with five choices (buttons on web and Teams, numbered on Zalo), the thanks with an
// offer to comment, and the thanks for the comment.
import type { Action } from '../../replies/activities.js';
import type { Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

const LABELS: Record<Language, string[]> = {
  vi: ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
};
const SKIP: Record<Language, Action> = { vi: { title: 'Bỏ qua', value: 'Bỏ qua' }, en: { title: 'Skip', value: 'Skip' } };

/** The value a choice sends back: its score, so that "1" … "5" typed on Zalo is the same choice. */
export function satisfactionActions(lang: Language): Action[] {
  return LABELS[lang].map((label, i) => ({ title: `${i + 1} – ${label}`, value: String(i + 1) }));
}

/** A reply that is a choice: "4", "4 – Hài lòng", "4 sao", "4/5"; with what follows as a comment ("4 nhân viên nhiệt tình"). */
export function readScore(text: string): { score: number; comment: string } | undefined {
  const match = /^\s*([1-5])(?:\s*\/\s*5)?(?:\s*(?:sao|stars?|điểm))?(?=$|[\s.,:;)–-])\s*[.,:;)–-]?\s*(.*)$/isu.exec(text.normalize('NFC'));
  if (!match) return undefined;
  const score = Number(match[1]);
  const rest = match[2]!.trim();
  const label = [...LABELS.vi, ...LABELS.en].find((l) => l.toLowerCase() === rest.toLowerCase());
  return { score, comment: label ? '' : rest };
}

export const isSkip = (text: string): boolean => /^\s*(bỏ qua|bo qua|skip|không|khong|no)\s*[.!]?\s*$/iu.test(text.normalize('NFC'));

/** The question; `ref` names the ticket it is about. */
export function satisfactionQuestion(lang: Language, ref?: string): Message {
  const text =
    lang === 'en'
      ? `${ref ? `About your ticket ${ref}: h` : 'H'}ow would you rate this support?`
      : `Dạ, ${ref ? `về phiếu ${ref}, ` : ''}Quý khách đánh giá cuộc hỗ trợ này thế nào?`;
  return { text, actions: satisfactionActions(lang) };
}

export function satisfactionThanks(lang: Language): Message {
  const text =
    lang === 'en'
      ? 'Thank you for your rating. If you wish, write a comment now; otherwise choose Skip.'
      : 'Dạ, cảm ơn Quý khách đã đánh giá. Nếu muốn góp ý thêm, Quý khách nhắn nội dung ngay sau đây; nếu không, Quý khách chọn Bỏ qua.';
  return { text, actions: [SKIP[lang]] };
}

export function satisfactionCommentThanks(lang: Language, skipped: boolean): Message {
  const text =
    lang === 'en'
      ? skipped
        ? 'Thank you. I am here whenever you need me.'
        : 'Thank you, your comment has been passed on to our customer care team.'
      : skipped
        ? 'Dạ, cảm ơn Quý khách. Quý khách cần hỗ trợ gì cứ nhắn cho bot ạ.'
        : 'Dạ, bot đã chuyển góp ý của Quý khách tới bộ phận chăm sóc khách hàng. Cảm ơn Quý khách!';
  return { text, actions: [] };
}
