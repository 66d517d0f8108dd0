// English questions over Vietnamese content: the staff-editable bilingual lexicon (knowledge/lexicon.json,
// English phrase → Vietnamese) turns an English question into the Vietnamese words the entries and articles
// use ("total revenue … in 2020" → "tổng doanh thu năm 2020"). Longest phrase first; numbers kept; other
// English words dropped, since they say nothing the Vietnamese texts could match.
const ENGLISH_FUNCTION_WORDS = new Set(
  `a an the of to in on at for from by with about and or is are was were be been do does did can could will would
  may might should i my me we our you your it its this that these those there what which who whom whose when where
  why how much many please tell get have has had not no yes any some all per`.split(/\s+/u),
);

export class EnglishQuery {
  private readonly phrases: Map<string, string>;
  private readonly longest: number;

  constructor(lexicon: Record<string, string>) {
    this.phrases = new Map(Object.entries(lexicon).map(([en, vi]) => [en.toLowerCase().split(/\s+/u).join(' '), vi]));
    this.longest = Math.max(1, ...[...this.phrases.keys()].map((k) => k.split(' ').length));
  }

  /** Plain-ASCII text whose words are mostly English function words or lexicon words. */
  isEnglish(text: string): boolean {
    if (/[^\x00-\x7f]/u.test(text)) return false;
    const words = wordsOf(text).filter((w) => !/^\d+$/u.test(w));
    if (words.length < 2) return false;
    const english = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w) || this.phrases.has(w) || this.phrases.has(w.replace(/s$/u, ''))).length;
    return english / words.length >= 0.6;
  }

  /** The Vietnamese words of the lexicon phrases the text contains, its numbers and its names (capitalised words), in order. */
  toVietnamese(text: string): string {
    const names = new Set((text.match(/(?<=\S\s+)[A-Z][a-z]+/gu) ?? []).map((w) => w.toLowerCase()));
    const words = wordsOf(text);
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longest, words.length - i); n > 0 && !matched; n--) {
        const phrase = words.slice(i, i + n).join(' ');
        const vi = this.phrases.get(phrase) ?? (phrase.endsWith('s') ? this.phrases.get(phrase.slice(0, -1)) : undefined);
        if (vi) {
          out.push(vi);
          matched = n;
        }
      }
      if (!matched && (/^\d+$/u.test(words[i]!) || names.has(words[i]!))) out.push(words[i]!);
      i += matched || 1;
    }
    return out.join(' ');
  }
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|\d+/gu) ?? [];
}
