// What understanding reads of a message is bounded, so its cost is too: typo correction builds candidates
// per letter of each word (a 15,000-letter "word" once cost 0.64 s of CPU) and search scores every word.
// Real questions are a few dozen words of at most a dozen letters; tracking codes and links are longer
// words, still well within the bound.
import { REF_PATTERN } from '../ticket.js';

export const MAX_WORDS = 64;
export const MAX_WORD_LENGTH = 40;

/** The message as understanding takes it: its first MAX_WORDS words, each cut to MAX_WORD_LENGTH characters. */
export function boundedText(text: string): string {
  const words: string[] = [];
  let cut = false;
  for (const match of text.matchAll(/\S+/gu)) {
    if (words.length === MAX_WORDS) {
      cut = true;
      break;
    }
    const word = match[0];
    cut ||= word.length > MAX_WORD_LENGTH;
    words.push(word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word);
  }
  return cut ? words.join(' ') : text;
}

// A letter typed three times or more in a row is stretched for effect ("alooooo", "nhaaa", "đcccc"): no Vietnamese or
// English word writes one so. Typed without diacritics, "uu" is a word's own ("buu", "huu", "cuu"), so a "u" keeps two.
// A ticket's reference is a code, not a word: "KN-PQQQ" keeps its letters (read as "KN-PQ", it was no reference, and
// "phiếu KN-PQQQ sao rồi" was looked up in the knowledge).
const STRETCHED = /(\p{L})\1{2,}/gu;
const PLAIN_WORD = /^[a-z]+$/iu;

/** The text with each stretched letter typed once ("bái bai nhaaa" → "bái bai nha"; "tra cuuu" → "tra cuu"). */
export function unstretched(text: string): string {
  return text.replace(/\S+/gu, (word) =>
    REF_PATTERN.test(word)
      ? word
      : word.replace(STRETCHED, (_, letter: string) => (letter.toLowerCase() === 'u' && PLAIN_WORD.test(word) ? letter + letter : letter)),
  );
}
