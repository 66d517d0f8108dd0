// Expands abbreviations and chat shorthand ("sđt", "bđ", "ko", "đc") from the staff-editable dictionary
// knowledge/abbreviations.json. A word matches its key exactly, or else with diacritics folded ("sdt" as "sđt").
import { foldDiacritics } from './vietnamese.js';

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
    return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
      const lower = word.toLowerCase();
      return this.exact.get(lower) ?? this.folded.get(foldDiacritics(lower)) ?? word;
    });
  }
}
