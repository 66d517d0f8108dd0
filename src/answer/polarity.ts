// "Dạ, có…" / "Dạ, không…" before the answer to a yes/no question, only where the source says which:
// an announcement that closes on the day asked about, an entry whose matching clause affirms, denies, or
// states a limit the question's number can be compared with ("tối đa 30 kg", "từ 80 tuổi trở lên").
// When unsure, nothing is said first: a clause on the question's words that denies, ends or replaces
// ("không phải trả phí", "đã bỏ", "được thay thế"), a question that itself denies or restricts ("chỉ … thôi"),
// a word of the question's predicate the answer never uses ("có giữ tên … không"), or another figure.
import { STOPWORDS } from '../search/stopwords.js';
import { foldDiacritics, foldKey, hasDiacritics, matchesAsTyped, tokenize } from '../text/vietnamese.js';

export type Polarity = 'yes' | 'no';

const OPEN = /\b(?:mo cua|lam viec|giao dich|hoat dong|phuc vu|tiep nhan|open)\b/u;
// "nghỉ" (closed) as typed, never "hội nghị" (a conference); folded, "hoi nghi" is the conference too.
const CLOSED_WRITTEN = /(?<![\p{L}])(?:nghỉ|đóng cửa|tạm ngưng|tạm dừng|ngưng|closed?)(?![\p{L}])/u;
const CLOSED = /\b(?<!hoi )(?:nghi|dong cua|tam ngung|tam dung|ngung|closed?)\b/u;
const saysClosed = (text: string, folded: string): boolean => matchesAsTyped(text, folded, CLOSED_WRITTEN, CLOSED);
const NEGATION = /\b(?:khong|chua|cam)\b/u;
const OPEN_DENIED = /\b(?:khong|chua|khong con)\s+(?:\S+\s+)?(?:mo cua|lam viec|giao dich|hoat dong|phuc vu|tiep nhan)\b/u;
const AT_MOST = /\b(?:toi da|khong qua|duoi)\s+(\d+(?:[.,]\d+)?)/u;
const AT_LEAST = /\btu\s+(\d+(?:[.,]\d+)?)\b[^,;.]*\btro len\b/u;
const MORE_THAN = /\b(?:qua|hon|tren|vuot)\s+(\d+)/u;
const FOLDED_STOPWORDS = new Set([...STOPWORDS].map(foldDiacritics));
const DAY_ASKED = /\b(?:ngay|mung|hom) (\d{1,2})\b(?! ?[/.-] ?\d)/u;
const DAY_RANGE = /\btu ngay (\d{1,2}) (?:den|toi) (?:het )?ngay (\d{1,2})\b/gu;

/** Yes or no for an announcement sentence about opening or closing; undefined when it does not say. */
export function openingPolarity(question: string, sentence: string): Polarity | undefined {
  const q = foldKey(question);
  const s = foldKey(sentence);
  const asksOpen = OPEN.test(q);
  const asksClosed = saysClosed(question, q);
  if (!asksOpen && !asksClosed) return undefined;
  // "không làm việc", "chưa mở cửa": an opening word denied says closed.
  const closed = saysClosed(sentence, s) || OPEN_DENIED.test(s);
  const open = OPEN.test(s) && !closed;
  if (!closed && !open) return undefined;
  return closed === asksClosed ? 'yes' : 'no';
}

/** Yes or no from the clause of an entry's answer that holds most of the question's words. */
export function entryPolarity(question: string, answer: string): Polarity | undefined {
  // Words compared as typed when the question has diacritics ("sản" is not "sàn"), folded when it has none.
  const key = hasDiacritics(question) ? (t: string): string[] => tokenize(t) : (t: string): string[] => foldKey(t).split(' ');
  const words = new Set(key(question).filter((w) => w && !FOLDED_STOPWORDS.has(foldDiacritics(w)) && !/^\d+$/u.test(w)));
  if (asksDenyingOrRestricting(question)) return undefined;
  let best: { clause: string; overlap: number } | undefined;
  // A clause on the question's words that denies, ends or replaces something: the answer may be "no".
  let denying = false;
  for (const clause of answerClauses(answer)) {
    const folded = foldKey(joinThousands(clause));
    const overlap = key(clause).filter((w) => words.has(w)).length;
    denying ||= overlap > 0 && DENIES.test(clause.toLowerCase());
    if (overlap > (best?.overlap ?? 0)) best = { clause: folded, overlap };
  }
  if (!best || best.overlap < 2) return undefined;
  const asked = foldKey(joinThousands(question)).replace(/(\d+)\s+(?=kg|tuoi|mm|cm)/gu, '$1 ');
  // A day of the month asked ("ngày 28 … có được không") against the days the answer names ("từ ngày 2 đến ngày 10,
  // … từ ngày 11 đến ngày 25"): outside them all is no; inside one, which place or case it holds for decides.
  const day = DAY_ASKED.exec(asked)?.[1];
  const ranges = [...foldKey(answer).matchAll(DAY_RANGE)].map((m) => [Number(m[1]), Number(m[2])] as const);
  if (day && ranges.length) return ranges.some(([from, to]) => Number(day) >= from && Number(day) <= to) ? undefined : 'no';
  const withoutYears = asked.replace(/\b(?:19|20)\d\d\b/gu, '');
  // Two figures asked at once ("quá 1.500 mm và … quá 3.000 mm"): which limit each is compared with is unsure.
  if ((withoutYears.match(/\d+/gu) ?? []).length > 1) return undefined;
  const number = /(\d+)\s*(?:kg|tuoi|mm|cm|can)?\b/u.exec(withoutYears);
  if (number) {
    const value = Number(number[1]);
    const strict = MORE_THAN.test(asked);
    const atMost = AT_MOST.exec(best.clause);
    if (atMost) return value > Number(atMost[1].replace(',', '.')) || (strict && value >= Number(atMost[1])) ? 'no' : 'yes';
    const atLeast = AT_LEAST.exec(best.clause);
    // "từ 80 tuổi trở lên, hoặc người ốm đau …": below the limit, another condition may still hold.
    if (atLeast) return value >= Number(atLeast[1]) ? 'yes' : /\bhoac\b/u.test(foldKey(answer)) ? undefined : 'no';
    // Another figure ("có 10 ký tự" against "gồm 13 ký tự"), or one written in words ("5 mảng" against "bốn nhóm"):
    // a figure the clause does not write is not confirmed.
    if (!best.clause.includes(` ${number[1]} `)) return undefined;
  }
  // A limit the question's number is compared with decides above; otherwise the answer must use the words of
  // the predicate asked about ("có giữ tên Bắc Kạn không": "giữ").
  return denying || NEGATION.test(best.clause) || !predicateUsed(question, answer) ? undefined : 'yes';
}

/** "1.500 mm" is one number (folding would read "1 500"). */
function joinThousands(text: string): string {
  return text.replace(/(\d)[.,](?=\d{3}(?!\d))/gu, '$1');
}

/** The clauses of an answer: split at sentence and clause punctuation, and before a lower-case word after a comma. */
export function answerClauses(answer: string): string[] {
  return answer.split(/[;.:]\s+|,\s+(?=\p{Ll})/u);
}

// Words that deny, end or replace, read on the clause as written (lower case), with its diacritics: folded,
// "bỏ" would also be "bộ", "bố" and "bò".
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';
export const DENIES = new RegExp(
  `${NOT_LETTER_BEFORE}(?:không|chưa|cấm|bỏ|bãi bỏ|thay thế|thay cho|chấm dứt|ngừng|ngưng|hết hiệu lực|miễn phí|sáp nhập|hợp nhất)${NOT_LETTER_AFTER}`,
  'u',
);
// A question that denies, restricts, obliges or says "all" in its own predicate ("khi tôi không có mặt", "chỉ có … thôi",
// "toàn là chữ số", "bắt buộc phải trả bằng tiền mặt"): its yes would mean no, or only part of the answer says yes. The closing "không" / "chưa" / "không ạ" of a yes/no question does not count.
const QUESTION_DENIES =
  /\b(?:khong|ko|chua|chi|moi|toan|deu|bat buoc|nhat thiet|duy nhat|only|all|not|no longer|never|must|have to|required|mandatory)\b(?!(?:\s+(?:a|nhi|vay|nhe|ban|ad|the|ha))*\s*$)|\bthoi(?:\s+(?:a|nhi|vay|nhe|ha))*\s*(?:dung|phai)?\s*(?:khong|ko)?\s*$/u;

function asksDenyingOrRestricting(question: string): boolean {
  // "có phải … không", "… đúng không", "… được không" close the question; what is before them is the predicate.
  const predicate = foldKey(question).replace(
    /\s*\b(?:(?:co )?(?:dung|phai|duoc|dc) )?(?:khong|ko|k|chua)(?:\s+(?:a|nhi|vay|nhe|ban|ad|ha))*\s*$/u,
    '',
  );
  return QUESTION_DENIES.test(predicate);
}

// The predicate of "có X không": the words between the last "có" / "còn" / "được" and the closing word, up to ten ("có phải
// ký giấy tờ gì với người nhận không": a longer one taken for none let any answer lead with yes).
const PREDICATE = /\b(?:co|con|duoc|dc|da|van)\s+((?:\S+\s+){0,9}?\S+)\s+(?:khong|ko|k|chua|hong|dung khong|phai khong)\b/gu;

/**
 * Whether the answer uses the words of the question's predicate ("có giữ tên Bắc Kạn không": "giữ"); a word
 * it never uses means the answer is about something else than what is asked yes or no about.
 */
function predicateUsed(question: string, answer: string): boolean {
  const matches = [...foldKey(question).matchAll(PREDICATE)];
  const predicate = matches.at(-1)?.[1];
  if (!predicate) return true;
  const answerWords = new Set(foldKey(answer).split(' '));
  return predicate
    .split(' ')
    .filter((w) => !FOLDED_STOPWORDS.has(w) && !/^\d+$/u.test(w))
    .every((w) => answerWords.has(w));
}
