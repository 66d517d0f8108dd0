// Turns text into the syllable sequences the index and the queries share.
import { tokenize } from '../text/vietnamese.js';

// Clause punctuation ends a phrase: a syllable pair across it is not a compound. Periods and
// commas only count when followed by a space, so 1.000 or 3,5 stay inside one phrase.
const PHRASE_BREAK = /[.,;:!?…]+(?=\s|$)|[\n()[\]{}"“”•]+/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Lower-cased, tone-normalised syllables of each phrase of the text (empty phrases dropped).
 * With a cache, each distinct word is normalised once (indexing a corpus repeats few words
 * many times); the result is the same as without.
 */
export function phrases(text: string, cache?: Map<string, string[]>): string[][] {
  const tokensOf = cache
    ? (phrase: string): string[] =>
        (phrase.match(WORD) ?? []).flatMap((word) => {
          let tokens = cache.get(word);
          if (!tokens) cache.set(word, (tokens = tokenize(word)));
          return tokens;
        })
    : tokenize;
  return text
    .split(PHRASE_BREAK)
    .map(tokensOf)
    .filter((tokens) => tokens.length > 0);
}
