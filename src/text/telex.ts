// Vietnamese typed in Telex with the input method switched off: "buwu ddieenj" is "bưu điện", "phaafn trawm" is
// "phần trăm". A letter doubled or followed by w gives the vowel its shape (aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ; w alone ư)
// and s, f, r, x or j after a vowel its tone. A message is read as Telex only when several of its words decode
// to Vietnamese syllables, so an English word or an abbreviation ("cos", "ems") alone is never rewritten.
import { wellFormedSyllable } from './syllables.js';
import { foldDiacritics, hasDiacritics, TONE_MARKS } from './vietnamese.js';

const TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const SHAPES: Array<[RegExp, string]> = [
  [/dd/gu, 'đ'],
  [/aa/gu, 'â'],
  [/aw/gu, 'ă'],
  [/ee/gu, 'ê'],
  [/oo/gu, 'ô'],
  [/ow/gu, 'ơ'],
  [/uw/gu, 'ư'],
];
const VOWELS = 'aeiouyâăêôơư';
const SHAPED_VOWELS = /[âăêôơư]/u;
/** At least this many words of a message must decode for it to be read as Telex. */
const MIN_DECODED = 2;
/**
 * Of a message's words, the share that must decode; of its words that are not plain syllables only, when at least
 * MIN_DECODED of them carry both a shape and a tone, or đ ("ddaif", "trowj", "maays"), which English words by chance do not:
 * then a word typed without its marks ("buu dien" among them) says neither Telex nor not.
 */
const TELEX_SHARE = 0.7;
const SHAPE_MARKS = /[\u0302\u0306\u031B]/u;
/** And for each word that is neither a syllable nor Telex (a typo, a loanword), at least this many must. */
const FOREIGN_PER_DECODED = 4;

/** The Vietnamese syllable a word typed in Telex stands for, or undefined when it is not one. */
export function fromTelex(word: string): string | undefined {
  // Two letters are too few to tell Telex from English ("is", "or").
  if (!/^[a-z]{3,}$/u.test(word)) return undefined;
  // The tone letter stands after a vowel; no Vietnamese final consonant is one of s, f, r, x, j.
  const at = [...word].findIndex((c, i) => c in TONES && i > 0 && /[aeiouyw]/u.test(word.slice(0, i)));
  const tone = at >= 0 ? TONES[word[at]!]! : '';
  let shaped = at >= 0 ? word.slice(0, at) + word.slice(at + 1) : word;
  for (const [pattern, letter] of SHAPES) shaped = shaped.replace(pattern, letter);
  // "uow" is "ươ": the u before ơ takes its horn too. A w alone after a consonant is ư ("nhw": như, "ddwowcj": được).
  shaped = shaped.replace(/uơ/gu, 'ươ').replace(/(?<=[bcdđghklmnpqrstvx])w/gu, 'ư');
  if (shaped === word || !wellFormedSyllable(foldDiacritics(shaped))) return undefined;
  return tone ? withTone(shaped, tone) : shaped;
}

/** The syllable with its tone on the vowel that carries it (the shaped one; else the last before a final consonant, or the first of two, the middle of three). */
function withTone(syllable: string, tone: string): string {
  // "qu" and "gi" before a vowel are consonants: "quà", "già".
  const initial = /^(?:qu|gi)(?=[aeiouyâăêôơư])/u.exec(syllable)?.[0] ?? '';
  const rest = syllable.slice(initial.length);
  const start = [...rest].findIndex((c) => VOWELS.includes(c));
  if (start < 0) return syllable;
  let end = start;
  while (end + 1 < rest.length && VOWELS.includes(rest[end + 1]!)) end++;
  const cluster = rest.slice(start, end + 1);
  const closed = end + 1 < rest.length;
  const shapedAt = cluster.lastIndexOf(cluster.match(SHAPED_VOWELS)?.[0] ?? '\u0000');
  const ơAt = cluster.indexOf('ơ');
  const index = ơAt >= 0 ? ơAt : shapedAt >= 0 ? shapedAt : closed ? cluster.length - 1 : cluster.length === 3 ? 1 : 0;
  const position = initial.length + start + index;
  return (syllable.slice(0, position + 1) + tone + syllable.slice(position + 1)).normalize('NFC');
}

/** The message with its Telex words decoded, when it is typed in Telex (several words decode); otherwise as it is. */
export function decodeTelex(text: string): string {
  if (hasDiacritics(text)) return text;
  let decoded = 0;
  let marked = 0;
  let foreign = 0;
  let words = 0;
  const rewritten = text.replace(/[A-Za-z]+/gu, (word) => {
    words++;
    const syllable = fromTelex(word.toLowerCase());
    if (syllable) {
      decoded++;
      const marks = syllable.normalize('NFD');
      if (syllable.includes('đ') || (SHAPE_MARKS.test(marks) && TONE_MARKS.test(marks))) marked++;
      return syllable;
    }
    if (!wellFormedSyllable(word.toLowerCase())) foreign++;
    return word;
  });
  // Typed in Telex, most words carry a mark; English ("how much does it cost") has a few that look so by chance, and
  // words that are neither Vietnamese syllables nor Telex ("what does cos mean").
  const counted = marked >= MIN_DECODED ? decoded + foreign : words;
  return decoded >= MIN_DECODED && decoded >= TELEX_SHARE * counted && foreign * FOREIGN_PER_DECODED <= decoded ? rewritten : text;
}
