// A question may name the article it was read in as its source: "theo bài viết, …", "trong bài về hội nghị, …",
// "bài viết có nói … không?", "according to the article, …". The citation says where to look, not what is asked:
// its words ("bài", "viết", "nói") are no topic of any entry, and "bài viết" is not a request for the news list.
import { foldDiacritics, normalizeVietnamese } from '../text/vietnamese.js';

export interface Citation {
  /** What describes the article cited ("về hội nghị kế hoạch 2021", "cuối năm 2020"); empty when nothing does. */
  about: string;
  /** The question asked of it, as typed. */
  question: string;
}

/** The article named, folded ("bài viết", "bản tin này"). */
export const SOURCE = String.raw`(?:bai viet|bai bao|bai dang|ban tin|thong bao|bai)(?: (?:nay|do|ay|kia|tren|vua roi))?`;
// Verbs of saying that, after "bài", are no part of the article's name ("bài viết" is one): "nói", "nhấn mạnh", "cho biết".
export const SAYING = String.raw`noi|neu|nhan manh|nhac den|nhac toi|nhac ten|de cap|cho biet`;
// Saying it: "có nói", "nhắc đến", "đề cập tới", "cho biết", with "rằng"/"là" after.
const SAYS = String.raw`(?:co )?(?:${SAYING}|nhac|de cap den|de cap toi|viet|ghi)(?: (?:den|toi|ve|rang|la))?`;
// What describes the article starts with "về", "của", a year or a day ("bài viết cuối năm 2020 của bưu điện tỉnh").
const ABOUT = String.raw`((?:ve|cua|nam|cuoi|dau|ngay|dang|hom|about|on|from|of)\b[^,:;?!]*?)`;
const VIETNAMESE_SOURCE = new RegExp(String.raw`^(?:theo|trong|o|tai) (?:(?:cai|mot|1) )?${SOURCE}\b`, 'u');
// Or the article named first as what is asked of ("That article about …, which day …?").
const ENGLISH_SOURCE = /^(?:(?:according to|in|from) (?:the|your|that|this)|that|this|the) (?:article|news|post|announcement|report)\b/u;
// After the source: what describes it, closed by a comma or by the verb that says it; or nothing, then a comma or "thì".
const DESCRIBED = new RegExp(String.raw`^ ${ABOUT}(?:\s*[,:;]\s*| ${SAYS}\b\s*)`, 'u');
const UNDESCRIBED = new RegExp(String.raw`^(?:\s*[,:;]\s*|\s+(?:thi\s+)?|\s+${SAYS}\b\s*)`, 'u');
// The article as the subject that says it: "bài viết (về …) có nói …".
// What it is about may also be a few words of its own before the verb ("bài báo hội nghị 2020 nói …").
const ARTICLE_SAYS = new RegExp(
  String.raw`^(?:(?:cai|mot) )?${SOURCE}(?: (?:${ABOUT}|([\p{L}\d]+(?: [\p{L}\d]+){0,3}?)))? ${SAYS}\b\s*`,
  'u',
);
// The article saying something further in the question ("về văn hóa doanh nghiệp thì bài viết nhấn mạnh những ai"); not
// "viết" or "ghi", which after "bài" are the article's own name ("bài viết mới nhất"); or what is "in the article", asked
// of ("Hội nghị trong bài viết diễn ra … đúng không?"), or what the question says it read there, the source last
// ("…, theo bài viết?", "…, according to the article?").
const ARTICLE_SAYS_INSIDE = new RegExp(
  String.raw`\b${SOURCE} (?:co )?(?:${SAYING})\b|\b(?:trong|theo) ${SOURCE}\b(?= \p{L}+ \p{L}+)|\b(?:theo ${SOURCE}|according to (?:the|that|this) (?:article|news|post|report))\W*$`,
  'u',
);
// The article named as the one that says it, within the question: "doanh thu năm 2020 bài ghi là bao nhiêu", "người trao giấy
// khen bài viết nói là ai". Not at its start (above), and only with a verb of saying: "bài viết" alone names the article,
// and "bài viết nói về tết" (an article about Tết) asks for the article.
const SAID_WITHIN = new RegExp(String.raw`\s${SOURCE} (?:co )?(?:${SAYING}|ghi)(?: (?:la|rang))?\b(?! ve\b)`, 'u');
/** The fewest words a question asked of the article has ("nói gì vậy" asks for the article itself). */
const MIN_QUESTION_WORDS = 3;

/** The citation of the article a question opens with, and the question asked of it; undefined when it cites none. */
export function articleCited(text: string): Citation | undefined {
  const typed = normalizeVietnamese(text).trim();
  // Folding keeps one character per character of the NFC text, so what is found in it is cut from the text as typed.
  const folded = foldDiacritics(typed);
  if (folded.length !== typed.length) return undefined;
  const cut = (about: string, from: number): Citation | undefined => {
    const question = typed.slice(from).trim();
    return question.split(/\s+/u).length >= MIN_QUESTION_WORDS ? { about: about.trim(), question } : undefined;
  };
  const says = ARTICLE_SAYS.exec(folded);
  if (says) return cut(says[1] ?? says[2] ?? '', says[0].length);
  const source = VIETNAMESE_SOURCE.exec(folded) ?? ENGLISH_SOURCE.exec(folded);
  if (!source) return citedWithin(typed, folded);
  const after = folded.slice(source[0].length);
  const described = DESCRIBED.exec(after);
  if (described) return cut(described[1]!, source[0].length + described[0].length);
  const plain = UNDESCRIBED.exec(after);
  return plain ? cut('', source[0].length + plain[0].length) : undefined;
}

/** The question with the article named within it as the one that says it cut out; undefined when it names none. */
function citedWithin(typed: string, folded: string): Citation | undefined {
  const within = SAID_WITHIN.exec(folded);
  if (!within) return undefined;
  const question = `${typed.slice(0, within.index)} ${typed.slice(within.index + within[0].length)}`.replace(/\s+/gu, ' ').trim();
  return question.split(/\s+/u).length >= MIN_QUESTION_WORDS ? { about: '', question } : undefined;
}

/** Whether a message tells of what an article says further on, not only as it opens ("… thì bài viết nhấn mạnh ai"). */
export function articleSays(text: string): boolean {
  return ARTICLE_SAYS_INSIDE.test(foldDiacritics(normalizeVietnamese(text).toLowerCase()));
}
