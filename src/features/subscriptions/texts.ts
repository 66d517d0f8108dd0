// What the bot says about announcement subscriptions: the outcome of "đăng ký nhận tin" / "hủy đăng ký", and
// the message that brings a newly published article to a subscriber.
import type { Article } from '../../knowledge/articleParser.js';
import { vietnameseDate, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

const OUTCOMES = {
  subscribed: {
    vi: 'Dạ, Quý khách đã đăng ký nhận tin. Khi Bưu điện tỉnh đăng thông báo mới, bot sẽ gửi tới Quý khách. Gõ "hủy đăng ký" để ngừng nhận tin.',
    en: 'You are subscribed. When the post office publishes a new announcement, I will send it to you. Type "unsubscribe" to stop.',
  },
  alreadySubscribed: {
    vi: 'Dạ, Quý khách đã đăng ký nhận tin từ trước rồi ạ. Gõ "hủy đăng ký" để ngừng nhận tin.',
    en: 'You were already subscribed. Type "unsubscribe" to stop.',
  },
  unsubscribed: {
    vi: 'Dạ, bot đã hủy đăng ký, Quý khách sẽ không nhận tin mới nữa ạ.',
    en: 'You are unsubscribed and will get no more announcements.',
  },
  notSubscribed: {
    vi: 'Dạ, Quý khách chưa đăng ký nhận tin ạ. Gõ "đăng ký nhận tin" để nhận thông báo mới.',
    en: 'You are not subscribed. Type "subscribe" to get new announcements.',
  },
} satisfies Record<string, Record<Language, string>>;

export function subscriptionMessage(outcome: keyof typeof OUTCOMES, lang: Language = 'vi'): Message {
  return { text: OUTCOMES[outcome][lang], actions: [] };
}

/** The proactive message for a newly published article: title, date and a one-line summary (in Vietnamese, as the article). */
export function announcementMessage(article: Article): Message {
  const first = article.paragraphs[0]?.[0]?.text ?? '';
  const summary = first.length > 200 ? `${first.slice(0, 199)}…` : first;
  return {
    text: `Dạ, Bưu điện tỉnh có thông báo mới:\n${article.title} (${vietnameseDate(article.date)})\n${summary}\n\nQuý khách gõ "hủy đăng ký" để ngừng nhận tin.`,
    actions: [{ title: 'Đọc bài viết', value: article.title }],
  };
}
