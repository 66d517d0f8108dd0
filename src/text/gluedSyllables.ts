// Words typed without the space between them ("mìnhcó", "ởbưu điện", "đượcnhững"): a word written with diacritics
// that is no Vietnamese syllable is split where both sides are, the first as long as it can be ("thanhcông" is
// "thành công", not "than hcông"). Words without diacritics are left alone: they may be English or shorthand.
import { wellFormedSyllable } from './syllables.js';
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

/** A word is split into at most this many syllables. */
const MAX_SYLLABLES = 3;

function split(word: string, left: number): string[] | undefined {
  if (wellFormedSyllable(foldDiacritics(word))) return [word];
  if (left <= 1) return undefined;
  // What follows the first syllable has two letters at least: "nhiêuu" is a doubled letter, not "nhiêu u".
  for (let at = word.length - 2; at > 0; at--) {
    const first = word.slice(0, at);
    if (!wellFormedSyllable(foldDiacritics(first))) continue;
    const rest = split(word.slice(at), left - 1);
    if (rest) return [first, ...rest];
  }
  return undefined;
}

/** The text with each glued word written with diacritics split into its syllables. */
export function unglue(text: string): string {
  if (!hasDiacritics(text)) return text;
  return text.replace(/\p{L}{4,}/gu, (word) =>
    hasDiacritics(word) && !doubledLetter(word) ? (split(word, MAX_SYLLABLES)?.join(' ') ?? word) : word,
  );
}

/** A syllable with one letter typed twice ("nhiêuu", "cấmm"): a typo the search corrects, not two words. */
function doubledLetter(word: string): boolean {
  const folded = foldDiacritics(word);
  return [...folded].some((c, i) => i > 0 && c === folded[i - 1] && wellFormedSyllable(folded.slice(0, i) + folded.slice(i + 1)));
}
