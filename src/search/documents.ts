// Documents as one flat array of written-syllable ids, which the postings are built from and
// the second stage scans for windows.
import { phrases } from './analyze.js';
import { sliceDue, type Steps } from '../slices.js';
import type { SyllableVocabulary } from './vocabulary.js';

/** Marks the end of a phrase: no syllable pair spans it. */
export const BREAK = -1;

/** A passage to index: an article sentence, an entry, a corpus document. */
export interface SearchDoc {
  id: string;
  title?: string;
  text: string;
}

export interface TokenizedDocuments {
  /** Document d is tokens[starts[d], starts[d+1]): its title's phrases, then its text's. */
  tokens: Int32Array;
  starts: Uint32Array;
  /** Positions before titleEnds[d] belong to the title. */
  titleEnds: Uint32Array;
}

/** Pauses between documents when the slice is used up (src/slices.ts). */
export function* tokenizeDocuments(docs: readonly SearchDoc[], syllables: SyllableVocabulary): Steps<TokenizedDocuments> {
  let tokens = new Int32Array(1024);
  let length = 0;
  const push = (id: number): void => {
    if (length === tokens.length) {
      const grown = new Int32Array(tokens.length * 2);
      grown.set(tokens);
      tokens = grown;
    }
    tokens[length++] = id;
  };
  const words = new Map<string, string[]>();
  const pushText = (text: string): void => {
    for (const phrase of phrases(text, words)) {
      for (const token of phrase) push(syllables.intern(token));
      push(BREAK);
    }
  };
  const starts = new Uint32Array(docs.length + 1);
  const titleEnds = new Uint32Array(docs.length);
  for (const [d, doc] of docs.entries()) {
    if (sliceDue()) yield;
    starts[d] = length;
    if (doc.title) pushText(doc.title);
    titleEnds[d] = length;
    pushText(doc.text);
  }
  starts[docs.length] = length;
  // A view, not a copy: the spare capacity goes when the build drops the tokens.
  return { tokens: tokens.subarray(0, length), starts, titleEnds };
}
