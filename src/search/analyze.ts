// Turns text into the syllable sequences the index and the queries share.
import { tokenize } from '../text/vietnamese.js';

// Clause punctuation ends a phrase: a syllable pair across it is not a compound. Periods and
// commas only count when followed by a space, so 1.000 or 3,5 stay inside one phrase.
const PHRASE_BREAK = /[.,;:!?…]+(?=\s|$)|[\n()[\]{}"“”•]+/u;

/** Lower-cased, tone-normalised syllables of each phrase of the text (empty phrases dropped). */
export function phrases(text: string): string[][] {
  return text
    .split(PHRASE_BREAK)
    .map(tokenize)
    .filter((tokens) => tokens.length > 0);
}
