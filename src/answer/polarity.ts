// "Dạ, có…" / "Dạ, không…" before the answer to a yes/no question, only where the source says which:
// an announcement that closes on the day asked about, an entry whose matching clause affirms, denies, or
// states a limit the question's number can be compared with ("tối đa 30 kg", "từ 80 tuổi trở lên").
import { STOPWORDS } from '../search/stopwords.js';
import { foldDiacritics, foldKey, hasDiacritics, tokenize } from '../text/vietnamese.js';

export type Polarity = 'yes' | 'no';

const OPEN = /\b(?:mo cua|lam viec|giao dich|hoat dong|phuc vu|tiep nhan|open)\b/u;
const CLOSED = /\b(?:nghi|dong cua|tam ngung|tam dung|ngung|closed?)\b/u;
const NEGATION = /\b(?:khong|chua|cam)\b/u;
const AT_MOST = /\b(?:toi da|khong qua|duoi)\s+(\d+(?:[.,]\d+)?)/u;
const AT_LEAST = /\btu\s+(\d+(?:[.,]\d+)?)\b[^,;.]*\btro len\b/u;
const MORE_THAN = /\b(?:qua|hon|tren|vuot)\s+(\d+)/u;
const FOLDED_STOPWORDS = new Set([...STOPWORDS].map(foldDiacritics));

/** Yes or no for an announcement sentence about opening or closing; undefined when it does not say. */
export function openingPolarity(question: string, sentence: string): Polarity | undefined {
  const q = foldKey(question);
  const s = foldKey(sentence);
  const asksOpen = OPEN.test(q);
  const asksClosed = CLOSED.test(q);
  if (!asksOpen && !asksClosed) return undefined;
  const closed = CLOSED.test(s);
  const open = OPEN.test(s) && !closed;
  if (!closed && !open) return undefined;
  return closed === asksClosed ? 'yes' : 'no';
}

/** Yes or no from the clause of an entry's answer that holds most of the question's words. */
export function entryPolarity(question: string, answer: string): Polarity | undefined {
  // Words compared as typed when the question has diacritics ("sản" is not "sàn"), folded when it has none.
  const key = hasDiacritics(question) ? (t: string): string[] => tokenize(t) : (t: string): string[] => foldKey(t).split(' ');
  const words = new Set(key(question).filter((w) => w && !FOLDED_STOPWORDS.has(foldDiacritics(w)) && !/^\d+$/u.test(w)));
  let best: { clause: string; overlap: number } | undefined;
  for (const clause of answer.split(/[;.:]\s+|,\s+(?=\p{Ll})/u)) {
    const folded = foldKey(clause);
    const overlap = key(clause).filter((w) => words.has(w)).length;
    if (overlap > (best?.overlap ?? 0)) best = { clause: folded, overlap };
  }
  if (!best || best.overlap < 2) return undefined;
  const asked = foldKey(question).replace(/(\d+)\s+(?=kg|tuoi|mm|cm)/gu, '$1 ');
  const number = /(\d+)\s*(?:kg|tuoi|mm|cm|can)?\b/u.exec(asked.replace(/\b(?:19|20)\d\d\b/gu, ''));
  if (number) {
    const value = Number(number[1]);
    const strict = MORE_THAN.test(asked);
    const atMost = AT_MOST.exec(best.clause);
    if (atMost) return value > Number(atMost[1].replace(',', '.')) || (strict && value >= Number(atMost[1])) ? 'no' : 'yes';
    const atLeast = AT_LEAST.exec(best.clause);
    // "từ 80 tuổi trở lên, hoặc người ốm đau …": below the limit, another condition may still hold.
    if (atLeast) return value >= Number(atLeast[1]) ? 'yes' : /\bhoac\b/u.test(foldKey(answer)) ? undefined : 'no';
  }
  return NEGATION.test(best.clause) ? undefined : 'yes';
}
