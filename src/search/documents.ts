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
 * How `sources` (article sentences, in order) were read, for a saved version: every reading in one array (the ids
 * of `terms`) and where each starts; a source not read has an empty one. Without it, the first reload after a
 * start from the saved version would read every sentence again (65,000 at 5,000 articles: seconds).
 */
export interface SavedReadings {
  terms: string[];
  slots: Int32Array;
  starts: Uint32Array;
}

export function savedReadings(sources: readonly object[]): SavedReadings {
  // Each id of `seen` as its place in `terms` (-1: not met yet); an array, not a Map: millions of lookups at shutdown.
  const local = new Int32Array(seen.size).fill(-1);
  const terms: string[] = [];
  const readings = sources.map((source) => readDocs.get(source));
  const starts = new Uint32Array(sources.length + 1);
  for (const [k, slots] of readings.entries()) starts[k + 1] = starts[k]! + (slots?.length ?? 0);
  const packed = new Int32Array(starts[sources.length]!);
  for (const [k, slots] of readings.entries()) {
    if (!slots) continue;
    packed[starts[k]!] = slots[0]!;
    for (let i = 1; i < slots.length; i++) {
      const id = slots[i]!;
      if (id !== BREAK && local[id] === -1) local[id] = terms.push(seen.terms[id]!) - 1;
      packed[starts[k]! + i] = id === BREAK ? BREAK : local[id]!;
    }
  }
  return { terms, slots: packed, starts };
}

/** Takes the readings savedReadings() gave for the same sources: none of them is read again. */
export function restoreReadings(sources: readonly object[], saved: SavedReadings): void {
  const { slots, starts } = saved;
  // Into this process's ids, in place (a copy would be megabytes more at a start); once, however often restored.
  if (!inProcessIds.has(slots)) {
    const ids = saved.terms.map((term) => seen.intern(term));
    for (let k = 0; k < sources.length; k++) {
      for (let i = starts[k]! + 1; i < starts[k + 1]!; i++) if (slots[i] !== BREAK) slots[i] = ids[slots[i]!]!;
    }
    inProcessIds.add(slots);
  }
  for (const [k, source] of sources.entries()) {
    if (starts[k] !== starts[k + 1]) readDocs.set(source, slots.subarray(starts[k], starts[k + 1]));
  }
}

/** Saved readings whose ids are already this process's. */
const inProcessIds = new WeakSet<Int32Array>();

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
