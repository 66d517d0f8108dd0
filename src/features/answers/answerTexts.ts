// The texts of an answer from the knowledge base, in the reply's language: an entry's answer, an article's
// sentence(s) with their title and date, or the honest reply that names a neighbouring fact. English
// replies over Vietnamese-only content quote the Vietnamese source and say that it is in Vietnamese.
import type { Match, Related } from '../../answer/answerEngine.js';
import type { Language } from '../../text/language.js';
import type { Polarity } from '../../answer/polarity.js';
import { CALL, vietnameseDate, type Message } from '../../replies/commonTexts.js';
import { HOTLINE_DISPLAY } from '../../replies/activities.js';
import type { EntryWithFile } from '../../knowledge/entryFiles.js';
import { articleSource, entryActions, sourceLine } from './texts.js';

const YES_NO: Record<Language, Record<Polarity, string>> = { vi: { yes: 'Dạ, có.', no: 'Dạ, không.' }, en: { yes: 'Yes.', no: 'No.' } };
const IN_VIETNAMESE = '(The source is in Vietnamese.)';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The reply for a confident match: the entry's answer or the article's sentence(s), with the source. */
export function answerMessage(match: Match, lang: Language, entryById: (id: string) => EntryWithFile | undefined): Message {
  const yesNo = match.polarity ? YES_NO[lang][match.polarity] : undefined;
  if (match.kind === 'article') {
    const body = match.sentences.map((s) => s.text).join(' ');
    const { article } = match;
    if (lang === 'en') {
      const text = `${yesNo ? `${yesNo} ` : ''}According to the article “${article.title}” (${vietnameseDate(article.date)}, in Vietnamese): “${body}”`;
      return { text: `${text}\n\n${articleSource(article, lang)} ${IN_VIETNAMESE}`, actions: [] };
    }
    const lead = yesNo ? `${yesNo} Theo bài viết` : 'Dạ, theo bài viết';
    return {
      text: `${lead} “${article.title}” (${vietnameseDate(article.date)}): ${body}\n\n${articleSource(article, lang)}`,
      actions: [],
    };
  }
  const { entry } = match;
  const english = lang === 'en' ? entry.answer.en : undefined;
  let answer = english ?? entry.answer.vi;
  if (yesNo) answer = `${yesNo} ${capitalise(english ? answer : answer.replace(/^Dạ,\s*/u, ''))}`;
  if (lang === 'en' && !english) answer = `Our answer is in Vietnamese: “${answer}”`;
  // In English only the follow-ups with an English question to post.
  const followUps = entryActions(
    (entry.followUps ?? []).map(entryById).filter((e): e is EntryWithFile => !!e),
    lang,
  );
  const call = answer.includes(HOTLINE_DISPLAY) ? [CALL[lang]] : [];
  const source = `${sourceLine(entry.source, lang)}${lang === 'en' && !english ? ` ${IN_VIETNAMESE}` : ''}`;
  const text = entry.unconfirmed ? answer : `${answer}\n\n${source}`;
  return { text, actions: [...call, ...followUps] };
}

/** The honest reply when the sources hold only a neighbouring fact: what they say, what they do not, and the hotline. */
export function relatedMessage(related: Related, lang: Language): Message {
  const { article, sentences } = related.match;
  const body = sentences.map((s) => s.text.replace(/(?<![.!?…])$/u, '.')).join(' ');
  const date = vietnameseDate(article.date);
  let text: string;
  if (related.now) {
    text =
      lang === 'en'
        ? `The article “${article.title}” (${date}, in Vietnamese) said then: “${body}” There is no more recent information on whether this still holds; please call ${HOTLINE_DISPLAY}.`
        : `Dạ, bài viết “${article.title}” (${date}) khi đó nêu: ${body} Chưa có thông tin mới hơn để biết hiện nay còn như vậy không; Quý khách vui lòng gọi ${HOTLINE_DISPLAY}.`;
  } else if (lang === 'en') {
    const what = related.figure ? 'figure' : 'information';
    text =
      `The article “${article.title}” (${date}, in Vietnamese) only gives ${related.figure ? 'the ' : ''}${what} for ${related.stated.join(', ')}: “${body}” ` +
      `There is no ${what} for ${related.asked.join(', ')}; please call ${HOTLINE_DISPLAY}.`;
  } else {
    const what = related.figure ? 'số liệu' : 'thông tin';
    text =
      `Dạ, bài viết “${article.title}” (${date}) chỉ nêu ${what} năm ${related.stated.join(', ')}: ${body} ` +
      `Chưa có ${what} năm ${related.asked.join(', ')}; Quý khách vui lòng gọi ${HOTLINE_DISPLAY}.`;
  }
  // An English reply says its source is in Vietnamese.
  return { text: `${text}\n\n${articleSource(article, lang)}${lang === 'en' ? ` ${IN_VIETNAMESE}` : ''}`, actions: [CALL[lang]] };
}
