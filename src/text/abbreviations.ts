// Expands abbreviations and chat shorthand ("sđt", "bđ", "ko", "đc") from the staff-editable dictionary
// knowledge/abbreviations.json. A word matches its key exactly; a word typed without diacritics also matches
// a key folded ("sdt" as "sđt"), but a word typed with them does not ("lạnh" is not "lãnh").
// A message typed without diacritics gets the expansions without them too: one accented word in an
// unaccented message would make the whole message read as typed with diacritics, and match worse.
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

export class AbbreviationExpander {
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();

  constructor(dictionary: Record<string, string>) {
    for (const [key, full] of Object.entries(dictionary)) {
      this.exact.set(key.toLowerCase(), full);
      if (!this.folded.has(foldDiacritics(key))) this.folded.set(foldDiacritics(key), full);
    }
  }

  expand(text: string): string {
    const accented = hasDiacritics(text);
    return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
      const lower = word.toLowerCase();
      const full = this.exact.get(lower) ?? (hasDiacritics(lower) ? undefined : this.folded.get(lower));
      if (full === undefined) return word;
      return accented ? full : foldDiacritics(full);
    });
  }
}
