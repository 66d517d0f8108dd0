// What the bot says listing the post office's articles: a page of titles newest first (all, or those of a
// period), "no news then", and the end of the list.
import type { Article } from '../../knowledge/articleParser.js';
import type { Action } from '../../replies/activities.js';
import { vietnameseDate, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

/** "xem thêm" past the last page (or with no list shown). */
export function noMoreMessage(lang: Language): Message {
  return {
    text: {
      vi: 'Dạ, đó là tất cả các bài viết hiện có. Quý khách gõ "tin mới nhất" để xem lại danh sách từ đầu ạ.',
      en: 'That is all the news I have. Type "latest news" to see the list again.',
    }[lang],
    actions: [],
  };
}

/** "trong tháng 12/2020", "trong tuần trước", but "hôm nay", "ngày 23/12/2020" (no "trong" before a single day). */
function vietnamesePeriod(label: string): string {
  return /^(?:hôm|ngày) /u.test(label) ? label : `trong ${label}`;
}

/** A page of the article list, newest first, with dates: the full titles in a numbered list, short buttons. */
export function newsMessage(articles: Article[], page: { offset: number; size: number; label?: string }, lang: Language): Message {
  const shown = articles.slice(page.offset, page.offset + page.size);
  const period = page.label ? { vi: ` ${vietnamesePeriod(page.label)}`, en: ` in ${page.label}` }[lang] : '';
  if (shown.length === 0) {
    if (page.offset > 0) return noMoreMessage(lang);
    // A period still running (hôm nay, tuần này, tháng này, năm nay) has had none "yet".
    const yet = /\bn(?:ay|ày)$/u.test(page.label ?? '') ? 'chưa' : 'không';
    const latest = { vi: 'Tin mới nhất', en: 'Latest news' }[lang];
    return {
      text: { vi: `Dạ,${period} ${yet} có bài viết nào được đăng ạ.`, en: `There is no news${period}.` }[lang],
      actions: [{ title: latest, value: latest }],
    };
  }
  const heading = {
    vi: period ? `Dạ, đây là các bài viết được đăng${period}:` : 'Dạ, đây là các bài viết mới nhất:',
    en: `News${period}, newest first:`,
  }[lang];
  const lines = shown.map((a, i) => `${page.offset + i + 1}. ${a.title} (${vietnameseDate(a.date)})`);
  const more = articles.length > page.offset + page.size;
  // The buttons carry the number of the line above; tapping one sends the full title, which opens the article.
  const read = { vi: 'Đọc bài', en: 'Read' }[lang];
  const actions: Action[] = shown.map((a, i) => ({ title: `${read} ${page.offset + i + 1}`, value: a.title }));
  const showMore = { vi: 'Xem thêm', en: 'Show more' }[lang];
  if (more) actions.push({ title: showMore, value: showMore });
  // A blank line before the list, so that a list starting at 4 (the next page) is still a list in Markdown.
  return { text: `${heading}\n\n${lines.join('\n')}`, actions };
}
