// English questions over Vietnamese content: the staff-editable bilingual lexicon (knowledge/lexicon.json,
// English phrase → Vietnamese) turns an English question into the Vietnamese words the entries and articles
// use ("total revenue … in 2020" → "tổng doanh thu năm 2020"). Longest phrase first; numbers kept; other
// English words dropped, since they say nothing the Vietnamese texts could match.
import { borrowedInVietnamese } from '../text/language.js';
import { wellFormedSyllable } from '../text/syllables.js';
import { foldDiacritics, hasDiacritics } from '../text/vietnamese.js';

const ENGLISH_FUNCTION_WORDS = new Set(
  `a an the of to in into on onto at for from by with about and or is are was were be been do does did can could will would
  may might should i my me we our you your it its this that these those there what which who whom whose when where
  why how much many please tell get have has had not no yes any some all per`.split(/\s+/u),
);

// Words of asking and wanting: they say nothing of the topic ("I would like to know …").
const ENGLISH_ASKING = new Set('want wants need needs know like ask find help able possible way also just still really'.split(' '));

// The share of a message's words that are Vietnamese (marked, or plain syllables) for its English words to be loanwords.
const VIETNAMESE_SHARE = 0.6;

/**
 * An English question written out: "what's", "where's", "how's", "when's" as "… is", so that it matches the knowledge's
 * questions that say "what is" ("What's the hotline?"), not the words around a possessive's "s" ("the hotline's hours");
 * and an age said bare ("My dad is 91.", "she turned 85", "he's 84") in years, as the knowledge gives ages.
 */
export function englishWrittenOut(text: string): string {
  return (
    text
      .replace(/\b(what|where|how|when)['’]s\b/giu, '$1 is')
      // "he's 84": a person's "is" before an age.
      .replace(/\b(he|she)['’]s(?=\s+(?:[6-9]\d|1[01]\d)\b)/giu, '$1 is')
      .replace(
        /\b((?:is|turned|turns|aged)\s+(?:[6-9]\d|1[01]\d))\b(?!\s*(?:years?|kg|kilos?|km|cm|mm|%|percent|[.,]\d))/giu,
        '$1 years old',
      )
  );
}

export class EnglishQuery {
  private readonly phrases: Map<string, string>;
  private readonly longest: number;

  constructor(lexicon: Record<string, string>) {
    this.phrases = new Map(Object.entries(lexicon).map(([en, vi]) => [en.toLowerCase().split(/\s+/u).join(' '), vi]));
    this.longest = Math.max(1, ...[...this.phrases.keys()].map((k) => k.split(' ').length));
  }

  /** Plain-ASCII text whose words (names aside) are mostly English function words or lexicon phrases. */
  isEnglish(text: string): boolean {
    const plain = foldNames(chatWordsSpelled(text));
    if (/[\u0080-\u{10FFFF}]/u.test(plain)) return false;
    const { words, covered, names } = this.read(plain);
    const counted = words.filter((w, i) => !/^\d+$/u.test(w) && !(names.has(w) && !covered[i]));
    if (counted.length < 2) return false;
    const english = words.filter(
      (w, i) => !/^\d+$/u.test(w) && !(names.has(w) && !covered[i]) && (covered[i] || ENGLISH_FUNCTION_WORDS.has(w)),
    ).length;
    return english / counted.length >= 0.6;
  }

  /** The Vietnamese words of the lexicon phrases the text contains, its numbers and its names (capitalised words), in order. */
  toVietnamese(text: string): string {
    return this.read(foldNames(chatWordsSpelled(text))).vietnamese.join(' ');
  }

  /**
   * The content words the lexicon did not read: they still say what is asked. The answer engine scores those the
   * knowledge's texts hold beside the translation ("seal", "back" are in entries' English texts), so the few words
   * the lexicon read ("parcel") cannot make an unrelated entry certain.
   */
  untranslated(text: string): string {
    const { words, covered, names } = this.read(foldNames(chatWordsSpelled(text)));
    return words.filter((w, i) => !covered[i] && !names.has(w) && saysWhat(w)).join(' ');
  }

  /**
   * How many of the question's content words ("brought", "home") a text writes, a plural as its singular; and, to tell
   * two texts apart that write as many, how many of the question's neighbouring content words it writes side by side
   * ("district post offices" in a text about them, not "district level … Provincial Post Office").
   */
  wordsHeld(question: string, text: string): { words: number; pairs: number } {
    const written = wordsOf(text).map(singular);
    const writtenSet = new Set(written);
    const asked = wordsOf(question).filter(saysWhat).map(singular);
    const writtenPairs = new Set(written.slice(1).map((w, i) => `${written[i]} ${w}`));
    return {
      words: [...new Set(asked)].filter((w) => writtenSet.has(w)).length,
      pairs: asked.slice(1).filter((w, i) => writtenPairs.has(`${asked[i]} ${w}`)).length,
    };
  }

  /**
   * A Vietnamese question with English words in it ("delivery quality của bưu điện", "trong plan 2021"): each lexicon
   * phrase of its plain-letter runs read in Vietnamese, longest first, where one of its words is no Vietnamese syllable
   * typed plainly ("ban", "the", "can" stay as written: they may be "bạn", "thẻ", "cần"), nor one Vietnamese chat borrows
   * ("vnpost", "hotline", "ship": read as the knowledge reads them). A message mostly in English with a Vietnamese word or
   * two ("… my land-use paperwork (sổ đỏ) …") is English, and stays as written.
   */
  loanwordsRead(text: string): string {
    const letters = text.toLowerCase().match(/\p{L}+/gu) ?? [];
    const vietnamese = letters.filter((w) => /[^a-z]/u.test(w) || wellFormedSyllable(w)).length;
    if (vietnamese < letters.length * VIETNAMESE_SHARE) return text;
    // Typed without diacritics, it is read as such: the Vietnamese words go in folded too ("max" → "toi da").
    const plain = !hasDiacritics(text);
    const loanword = (phrase: string[]): boolean =>
      phrase.some((w) => !wellFormedSyllable(w.toLowerCase())) && !phrase.some((w) => borrowedInVietnamese(w));
    return text.replace(/[A-Za-z]+(?:[ -][A-Za-z]+)*/gu, (run) => {
      const words = run.split(/[ -]/u);
      const gaps = run.match(/[ -]/gu) ?? [];
      let read = '';
      for (const { at, vi } of this.scan(words, loanword)) {
        read += (at > 0 ? gaps[at - 1] : '') + (vi === undefined ? words[at] : plain ? foldDiacritics(vi) : vi);
      }
      return read;
    });
  }

  /** Longest lexicon phrase first (a trailing -s accepted), left to right. */
  private read(text: string): { words: string[]; covered: boolean[]; names: Set<string>; vietnamese: string[] } {
    const names = new Set((text.match(/(?<=[^\s.!?]\s+)[A-Z][a-z]+/gu) ?? []).map((w) => w.toLowerCase()));
    const words = wordsOf(text);
    const covered = words.map(() => false);
    const vietnamese: string[] = [];
    for (const { at, length, vi } of this.scan(words)) {
      if (vi !== undefined) {
        vietnamese.push(vi);
        covered.fill(true, at, at + length);
      } else if (/^\d+$/u.test(words[at]!) || names.has(words[at]!)) vietnamese.push(words[at]!);
    }
    return { words, covered, names, vietnamese };
  }

  /**
   * The words left to right, each step the longest lexicon phrase starting there that the caller takes (a trailing -s
   * accepted) with its Vietnamese, or the one word with none.
   */
  private *scan(
    words: string[],
    takes: (phrase: string[]) => boolean = () => true,
  ): Generator<{ at: number; length: number; vi?: string }> {
    for (let at = 0; at < words.length;) {
      let step: { at: number; length: number; vi?: string } = { at, length: 1 };
      for (let n = Math.min(this.longest, words.length - at); n > 0 && step.vi === undefined; n--) {
        const phrase = words.slice(at, at + n);
        const key = phrase.join(' ').toLowerCase();
        const vi = this.phrases.get(key) ?? (key.endsWith('s') ? this.phrases.get(key.slice(0, -1)) : undefined);
        if (vi && takes(phrase)) step = { at, length: n, vi };
      }
      yield step;
      at += step.length;
    }
  }
}

/** A word that says what is asked: no number, function word or word of asking. */
function saysWhat(word: string): boolean {
  return !/^\d+$/u.test(word) && word.length > 2 && !ENGLISH_FUNCTION_WORDS.has(word) && !ENGLISH_ASKING.has(word);
}

/** A plural read as its singular ("districts": "district"); "address" stays. */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

// English chat shorthand, spelled out ("r u able to …", "wat days …", "pls", "thx"). Only where the message is English:
// elsewhere "r" and "u" are Vietnamese chat ("rồi", "ừ").
const CHAT_WORDS: Record<string, string> = {
  r: 'are',
  u: 'you',
  ur: 'your',
  wat: 'what',
  wut: 'what',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  abt: 'about',
  cuz: 'because',
  prov: 'province',
  govt: 'government',
  bk: 'Bac Kan',
};
const CHAT_WORD = new RegExp(String.raw`\b(?:${Object.keys(CHAT_WORDS).join('|')})\b`, 'giu');

function chatWordsSpelled(text: string): string {
  return englishWrittenOut(text).replace(CHAT_WORD, (word) => CHAT_WORDS[word.toLowerCase()]!);
}

/** Capitalised words after the first typed with diacritics, folded: Vietnamese names in an English question ("Bắc Kạn"). */
function foldNames(text: string): string {
  return text.replace(/(?<=[^\s.!?]\s+)\p{Lu}\p{Ll}*/gu, (word) => foldDiacritics(word).replace(/^./u, (c) => c.toUpperCase()));
}

function wordsOf(text: string): string[] {
  // A possessive says whose, not what: "driver's license" is read "driver license", "Vietnam Post's" "vietnam post".
  return (
    text
      .toLowerCase()
      .replace(/['’]s\b/gu, '')
      .match(/[a-z]+|\d+/gu) ?? []
  );
}
