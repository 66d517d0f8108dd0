// Expands abbreviations and chat shorthand ("sđt", "bđ", "ko", "đc") from the staff-editable dictionary
// knowledge/abbreviations.json. A word matches its key exactly; a word typed without diacritics also matches
// a key folded ("sdt" as "sđt"), but a word typed with them does not ("lạnh" is not "lãnh"). A one-word key that
// is a Vietnamese syllable with marks matches only as written: folded it is another word ("mô", where, is "mo",
// as "mở" typed without marks; "mồng" is "mong"), so its unmarked form, where it is meant, is a key of its own.
// A key may be a phrase, matched before its words: a common misspelling ("sát nhập" → "sáp nhập").
// A message typed without diacritics gets the expansions without them too: one accented word in an
// unaccented message would make the whole message read as typed with diacritics, and match worse.
import { wellFormedSyllable } from './syllables.js';
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

const WORD = /[\p{L}\p{N}]+/gu;

export class AbbreviationExpander {
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();
  /** The most words a key has. */
  private readonly longest: number;

  constructor(dictionary: Record<string, string>) {
    for (const [key, full] of Object.entries(dictionary)) {
      const words = key.toLowerCase().trim().split(/\s+/u).join(' ');
      this.exact.set(words, full);
      const folded = foldDiacritics(words);
      const syllable = !words.includes(' ') && folded !== words && wellFormedSyllable(folded);
      if (!syllable && !this.folded.has(folded)) this.folded.set(folded, full);
    }
    this.longest = Math.max(1, ...[...this.exact.keys()].map((k) => k.split(' ').length));
  }

  expand(text: string): string {
    const accented = hasDiacritics(text);
    const words = [...text.matchAll(WORD)];
    let expanded = '';
    let copied = 0;
    for (let i = 0; i < words.length;) {
      const found = this.longestKeyAt(text, words, i);
      if (!found) {
        i++;
        continue;
      }
      const last = words[i + found.words - 1]!;
      expanded += text.slice(copied, words[i]!.index) + (accented ? found.full : foldDiacritics(found.full));
      copied = last.index + last[0].length;
      i += found.words;
    }
    return expanded + text.slice(copied);
  }

  /** The longest key that the words from `at` on spell, side by side with spaces between them. */
  private longestKeyAt(text: string, words: RegExpExecArray[], at: number): { words: number; full: string } | undefined {
    for (let n = Math.min(this.longest, words.length - at); n > 0; n--) {
      const span = words.slice(at, at + n);
      if (span.some((w, j) => j > 0 && !/^\s+$/u.test(text.slice(span[j - 1]!.index + span[j - 1]![0].length, w.index)))) continue;
      const key = span.map((w) => w[0].toLowerCase()).join(' ');
      const full = this.exact.get(key) ?? (hasDiacritics(key) ? undefined : this.folded.get(key));
      if (full !== undefined) return { words: n, full };
    }
    return undefined;
  }
}
