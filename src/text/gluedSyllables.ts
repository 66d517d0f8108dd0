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

/**
 * The text with each glued word written with diacritics split into its syllables, and a syllable with one letter
 * typed twice ("nhiêuu", "cấmm") written once: a typo, not two words.
 */
export function unglue(text: string): string {
  if (!hasDiacritics(text)) return text;
  return text.replace(/\p{L}{4,}/gu, (word) => {
    if (!hasDiacritics(word)) return word;
    return undoubled(word) ?? split(word, MAX_SYLLABLES)?.join(' ') ?? word;
  });
}

/** The syllable a word is with one of its letters typed twice written once, if it is one. */
function undoubled(word: string): string | undefined {
  const letters = [...word.normalize('NFC')];
  const folded = letters.map((c) => foldDiacritics(c));
  if (wellFormedSyllable(folded.join(''))) return undefined;
  for (let i = 1; i < letters.length; i++) {
    if (folded[i] !== folded[i - 1]) continue;
    // Of the two, the plain one goes: "baỏo" keeps its tone.
    const drop = letters[i] === folded[i] ? i : i - 1;
    if (wellFormedSyllable([...folded.slice(0, drop), ...folded.slice(drop + 1)].join(''))) {
      return [...letters.slice(0, drop), ...letters.slice(drop + 1)].join('');
    }
  }
  return undefined;
}
