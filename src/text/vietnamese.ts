// Vietnamese text handling shared by the search index, the bot's understanding and the knowledge build.
// Every form that reaches an index or a comparison goes through here, so queries and passages agree.
import { BoundedCache } from '../boundedCache.js';
import { characterCount } from './characters.js';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const ALL_MARKS = /\p{M}/gu;
// Open syllables ending in these clusters are written both ways (hòa / hoà, thủy / thuỷ, khỏe / khoẻ).
const MOVABLE_TONE_CLUSTER = /(?:oa|oe|uy)$/u;

/** NFC, with the tone of an open oa/oe/uy syllable on the last vowel (hòa → hoà), preserving case. */
export function normalizeVietnamese(text: string): string {
  return text.normalize('NFC').replace(/\p{L}+/gu, normalizeSyllableTone);
}

function normalizeSyllableTone(word: string): string {
  const decomposed = word.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS)?.[0];
  if (!tone) return word;
  const toneless = decomposed.replace(TONE_MARKS, '');
  if (!MOVABLE_TONE_CLUSTER.test(toneless.normalize('NFC').toLowerCase())) return word;
  return (toneless + tone).normalize('NFC');
}

/** Lower case without any diacritic (đ → d): the form of a text typed on a keyboard without Vietnamese input. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(ALL_MARKS, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase();
}

/** Lower-cased, tone-normalised syllables and numbers; punctuation and symbols are separators. */
export function tokenize(text: string): string[] {
  return (
    normalizeVietnamese(text)
      .toLowerCase()
      .match(/[\p{L}\p{M}]+|\p{N}+/gu) ?? []
  );
}

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

/** True when the text carries at least one Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  // Plain ASCII (most messages typed without Vietnamese input) has none: no need to fold it.
  if (!NON_ASCII.test(text)) return false;
  return foldDiacritics(text) !== text.toLowerCase();
}

/** Keys of recent short texts: a turn folds its message several times (intent, tone, article titles). */
const recentKeys = new BoundedCache<string, string>(1000);
const KEPT_TEXT_CHARS = 200;

const phraseKey = (text: string): string =>
  foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Folded words separated by single spaces: the key for comparing short phrases (titles, commands). */
export function foldKey(text: string): string {
  return text.length <= KEPT_TEXT_CHARS ? recentKeys.get(text, phraseKey) : phraseKey(text);
}

/**
 * A staff text as it is kept (NFC) and its length in characters as people count them (code points of the NFC
 * form): a limit counted in UTF-16 units took an emoji for two letters and a decomposed "ệ" for three.
 */
export function staffText(text: string): { text: string; length: number } {
  const nfc = text.normalize('NFC');
  return { text: nfc, length: characterCount(nfc) };
}
