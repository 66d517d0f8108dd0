// Compact inverted lists (one flat typed array per field), so 100k passages fit in memory:
// 5 bytes per (term, document) pair instead of ~50 for nested Maps. Each pair stores its
// BM25 term-frequency factor already computed and quantised to a byte ("impact"), which
// also makes scoring a multiply-add per pair.

import { sliceDue, type Steps } from '../slices.js';

/** Where each document lies in a flat array of positions. */
export interface DocumentSpans {
  starts: Uint32Array;
  titleEnds: Uint32Array;
}

/** impacts[i] / IMPACT_LEVELS is the stored 0..1 impact. */
export const IMPACT_LEVELS = 255;

export class Postings {
  /** Documents of term t are docs[offsets[t] .. offsets[t+1]), ascending. */
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  /** Quantised impact (1..255), parallel to docs. */
  readonly impacts: Uint8Array;

  private constructor(offsets: Uint32Array, docs: Uint32Array, impacts: Uint8Array) {
    this.offsets = offsets;
    this.docs = docs;
    this.impacts = impacts;
  }

  /** Postings saved as their arrays (a start from what was built, src/search/views.ts). */
  static restore({ offsets, docs, impacts }: Pick<Postings, 'offsets' | 'docs' | 'impacts'>): Postings {
    return new Postings(offsets, docs, impacts);
  }

  get termCount(): number {
    return this.offsets.length - 1;
  }

  df(term: number): number {
    return this.offsets[term + 1]! - this.offsets[term]!;
  }

  /**
   * Two passes over the documents (count, then fill) so no per-term growable list is ever held.
   * terms[at] is the term (< termCount) at each position (-1: none; terms not kept are skipped too), document d spanning starts[d]..starts[d+1]
   * with its title before titleEnds[d]; impact(doc, tf) maps a weighted term frequency to 0..1.
   * Pauses between documents when the slice is used up (src/slices.ts).
   */
  static *build(
    terms: Int32Array,
    termCount: number,
    doc: DocumentSpans,
    titleWeight: number,
    impact: (doc: number, tf: number) => number,
    keep: (term: number) => boolean = () => true,
  ): Steps<Postings> {
    const kept = new Uint8Array(termCount);
    for (let t = 0; t < termCount; t++) kept[t] = keep(t) ? 1 : 0;
    const docCount = doc.starts.length - 1;
    const df = new Uint32Array(termCount);
    const lastDoc = new Int32Array(termCount).fill(-1);
    for (let d = 0; d < docCount; d++) {
      if (sliceDue()) yield;
      for (let at = doc.starts[d]!; at < doc.starts[d + 1]!; at++) {
        const t = terms[at]!;
        if (t < 0 || kept[t] === 0 || lastDoc[t] === d) continue;
        lastDoc[t] = d;
        df[t]!++;
      }
    }
    const offsets = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[t + 1] = offsets[t]! + df[t]!;
    const docs = new Uint32Array(offsets[termCount]!);
    const impacts = new Uint8Array(offsets[termCount]!);
    const cursor = offsets.slice(0, termCount);
    const tf = new Float64Array(termCount);
    const touched: number[] = [];
    for (let d = 0; d < docCount; d++) {
      if (sliceDue()) yield;
      for (let at = doc.starts[d]!; at < doc.starts[d + 1]!; at++) {
        const t = terms[at]!;
        if (t < 0 || kept[t] === 0) continue;
        if (tf[t] === 0) touched.push(t);
        tf[t]! += at < doc.titleEnds[d]! ? titleWeight : 1;
      }
      for (const t of touched) {
        const at = cursor[t]!++;
        docs[at] = d;
        impacts[at] = Math.max(1, Math.round(IMPACT_LEVELS * impact(d, tf[t]!)));
        tf[t] = 0;
      }
      touched.length = 0;
    }
    return new Postings(offsets, docs, impacts);
  }
}
