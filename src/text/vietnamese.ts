// Vietnamese text handling shared by the search index, the bot's understanding and the knowledge build.
// Every form that reaches an index or a comparison goes through here, so queries and passages agree.
import { BoundedCache } from '../boundedCache.js';
import { characterCount } from './characters.js';

/** The five tone marks of a decomposed (NFD) syllable. */
export const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const ALL_MARKS = /\p{M}/gu;
// Open syllables ending in these clusters are written both ways (hòa / hoà, thủy / thuỷ, khỏe / khoẻ).
const MOVABLE_TONE_CLUSTER = /(?:oa|oe|uy)$/u;

/**
 * Recent short texts in a form: a turn reads its message several times over (intents, follow-ups, the answer,
 * the language), each reading normalising or folding it again; kept, a message is worked on once a turn.
 */
const KEPT_TEXT_CHARS = 200;
const KEPT_TEXTS = 1000;

function keptOnce(form: (text: string) => string): (text: string) => string {
  const recent = new BoundedCache<string, string>(KEPT_TEXTS);
  return (text) => (text.length <= KEPT_TEXT_CHARS ? recent.get(text, form) : form(text));
}

/** NFC, with the tone of an open oa/oe/uy syllable on the last vowel (hòa → hoà), preserving case. */
export const normalizeVietnamese = keptOnce((text) => text.normalize('NFC').replace(/\p{L}+/gu, normalizeSyllableTone));

function normalizeSyllableTone(word: string): string {
  const decomposed = word.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS)?.[0];
  if (!tone) return word;
  const toneless = decomposed.replace(TONE_MARKS, '');
  if (!MOVABLE_TONE_CLUSTER.test(toneless.normalize('NFC').toLowerCase())) return word;
  return (toneless + tone).normalize('NFC');
}

/** Lower case without any diacritic (đ → d): the form of a text typed on a keyboard without Vietnamese input. */
export const foldDiacritics = keptOnce((text) =>
  text.normalize('NFD').replace(ALL_MARKS, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase(),
);

// A lone y after consonants is the same sound as i and written either way (ký / kí tự, lý / lí lịch, tỷ / tỉ đồng).
const LONE_Y = /(?<![\p{L}\p{M}])([b-df-hj-np-tv-xzđ]+)([yýỳỷỹỵ])(?![\p{L}\p{M}])/gu;
const Y_AS_I: Readonly<Record<string, string>> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };

/** A lower-case text with each lone y after consonants spelled i, so that either spelling matches the other. */
export function loneYAsI(text: string): string {
  return text.replace(LONE_Y, (_, consonants: string, y: string) => consonants + Y_AS_I[y]);
}

/** Lower-cased, tone-normalised syllables and numbers, a lone y spelled i; punctuation and symbols are separators. */
export function tokenize(text: string): string[] {
  return loneYAsI(normalizeVietnamese(text).toLowerCase()).match(/[\p{L}\p{M}]+|\p{N}+/gu) ?? [];
}

/** The clauses of a chat message, split at its punctuation ("thôi cảm ơn nhé, chào"); empty pieces are kept. */
export function clausesOf(text: string): string[] {
  return text.split(/[,.;!?…]+/u);
}

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

/** True when the text carries at least one Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  // Plain ASCII (most messages typed without Vietnamese input) has none: no need to fold it.
  if (!NON_ASCII.test(text)) return false;
  return foldDiacritics(text) !== text.toLowerCase();
}

/**
 * Whether a message matches the pattern for how it was typed: `written` against its NFC, lower-case text when it has
 * diacritics ("còn" is not "con"), `plain` against its folded key (`foldKey`) when it has none.
 */
export function matchesAsTyped(text: string, folded: string, written: RegExp, plain: RegExp): boolean {
  return hasDiacritics(text) ? written.test(normalizeVietnamese(text).toLowerCase().trim()) : plain.test(folded);
}

/** Folded words separated by single spaces: the key for comparing short phrases (titles, commands). */
export const foldKey = keptOnce((text) =>
  foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);

/**
 * A staff text as it is kept (NFC) and its length in characters as people count them (code points of the NFC
 * form): a limit counted in UTF-16 units took an emoji for two letters and a decomposed "ệ" for three.
 */
export function staffText(text: string): { text: string; length: number } {
  const nfc = text.normalize('NFC');
  return { text: nfc, length: characterCount(nfc) };
}
