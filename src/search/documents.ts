// Documents as one flat array of written-syllable ids, which the postings are built from and
// the second stage scans for windows.
import { phrases } from './analyze.js';
import { sliceDue, type Steps } from '../slices.js';
import { Vocabulary, type SyllableVocabulary } from './vocabulary.js';

/** Marks the end of a phrase: no syllable pair spans it. */
export const BREAK = -1;

/** A passage to index: an article sentence, an entry, a corpus document. */
export interface SearchDoc {
  id: string;
  title?: string;
  text: string;
  /** An object whose identity stands for this title and text (an article's sentence): a document with the same one is not read again. */
  source?: object;
}

export interface TokenizedDocuments {
  /** Document d is tokens[starts[d], starts[d+1]): its title's phrases, then its text's. */
  tokens: Int32Array;
  starts: Uint32Array;
  /** Positions before titleEnds[d] belong to the title. */
  titleEnds: Uint32Array;
}

/** Every syllable a document was read with, in one vocabulary kept from build to build (ids that never change). */
const seen = new Vocabulary();
/**
 * Each document read once, as ids of `seen`: the number of its title's slots, then its title's phrases and its
 * text's, each phrase followed by BREAK. A document that is the same object in the next build (an unchanged
 * article's sentence, its `source`) is not read again: its words were the long part of a build.
 */
const readDocs = new WeakMap<object, Int32Array>();

function readDoc(doc: SearchDoc, words: Map<string, string[]>): Int32Array {
  const key = doc.source ?? doc;
  let slots = readDocs.get(key);
  if (slots) return slots;
  const read = [0];
  const add = (text: string): void => {
    for (const phrase of phrases(text, words)) {
      for (const token of phrase) read.push(seen.intern(token));
      read.push(BREAK);
    }
  };
  if (doc.title) add(doc.title);
  read[0] = read.length - 1;
  add(doc.text);
  readDocs.set(key, (slots = Int32Array.from(read)));
  return slots;
}

/**
 * The documents' syllables as ids of `syllables`, numbered in the order they first occur, as reading the texts
 * in order would number them. Pauses between documents when the slice is used up (src/slices.ts).
 */
export function* tokenizeDocuments(docs: readonly SearchDoc[], syllables: SyllableVocabulary): Steps<TokenizedDocuments> {
  const words = new Map<string, string[]>();
  const read: Int32Array[] = [];
  let length = 0;
  for (const doc of docs) {
    if (sliceDue()) yield;
    read.push(readDoc(doc, words));
    length += read[read.length - 1]!.length - 1;
  }
  const local = new Int32Array(seen.size).fill(-1);
  const tokens = new Int32Array(length);
  const starts = new Uint32Array(docs.length + 1);
  const titleEnds = new Uint32Array(docs.length);
  let at = 0;
  for (const [d, slots] of read.entries()) {
    if (sliceDue()) yield;
    starts[d] = at;
    titleEnds[d] = at + slots[0]!;
    for (let i = 1; i < slots.length; i++) {
      const id = slots[i]!;
      if (id === BREAK) tokens[at++] = BREAK;
      else {
        if (local[id] === -1) local[id] = syllables.intern(seen.terms[id]!);
        tokens[at++] = local[id]!;
      }
    }
  }
  starts[docs.length] = at;
  return { tokens, starts, titleEnds };
}
