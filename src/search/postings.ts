// Compact inverted lists (one flat typed array per field), so 100k passages fit in memory:
// 5 bytes per (term, document) pair instead of ~50 for nested Maps. Each pair stores its
// BM25 term-frequency factor already computed and quantised to a byte ("impact"), which
// also makes scoring a multiply-add per pair.

/** Emits the (term id, weight) occurrences of one document; ids may be interned on the fly. */
export type TermEmitter = (doc: number, emit: (term: number, weight: number) => void) => void;

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

  get termCount(): number {
    return this.offsets.length - 1;
  }

  df(term: number): number {
    return this.offsets[term + 1]! - this.offsets[term]!;
  }

  /**
   * Two passes over the documents (count, then fill) so no per-term growable list is ever held.
   * The emitter must be deterministic; term ids may grow during the first pass only.
   * impact(doc, tf) maps a document's weighted term frequency to 0..1.
   */
  static build(docCount: number, emitTerms: TermEmitter, impact: (doc: number, tf: number) => number): Postings {
    const df: number[] = [];
    const lastDoc: number[] = [];
    for (let d = 0; d < docCount; d++) {
      emitTerms(d, (t) => {
        if (lastDoc[t] === d) return;
        lastDoc[t] = d;
        df[t] = (df[t] ?? 0) + 1;
      });
    }
    const termCount = df.length;
    const offsets = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[t + 1] = offsets[t]! + (df[t] ?? 0);
    const docs = new Uint32Array(offsets[termCount]!);
    const impacts = new Uint8Array(offsets[termCount]!);
    const cursor = offsets.slice(0, termCount);
    const tf = new Float64Array(termCount);
    const touched: number[] = [];
    for (let d = 0; d < docCount; d++) {
      emitTerms(d, (t, w) => {
        if (tf[t] === 0) touched.push(t);
        tf[t]! += w;
      });
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
