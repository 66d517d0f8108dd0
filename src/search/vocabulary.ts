// String ↔ dense integer id, so postings and token sequences can live in typed arrays.
import { foldDiacritics } from '../text/vietnamese.js';
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  get size(): number {
    return this.terms.length;
  }

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /** The id of a known term, or -1. */
  get(term: string): number {
    return this.ids.get(term) ?? -1;
  }
}

/** Ids of ordered pairs of terms of a vocabulary with `width` terms (both ids < width). */
export class PairVocabulary {
  private readonly ids: Map<number, number>;
  private readonly width: number;

  constructor(width: number, ids = new Map<number, number>()) {
    this.width = width;
    this.ids = ids;
  }

  /** What restore() needs: the ids by key (a Map, which v8.serialize keeps as one). */
  saved(): { width: number; ids: Map<number, number> } {
    return { width: this.width, ids: this.ids };
  }

  static restore(saved: { width: number; ids: Map<number, number> }): PairVocabulary {
    return new PairVocabulary(saved.width, saved.ids);
  }

  get size(): number {
    return this.ids.size;
  }

  intern(a: number, b: number): number {
    const key = a * this.width + b;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  get(a: number, b: number): number {
    if (a < 0 || b < 0) return -1;
    return this.ids.get(a * this.width + b) ?? -1;
  }
}

/** Written syllables and their folded forms, linked both ways. */
export class SyllableVocabulary {
  readonly exact = new Vocabulary();
  readonly folded = new Vocabulary();
  /** foldOf[exact id] = folded id. */
  readonly foldOf: number[] = [];
  /** formsOf[folded id] = exact ids of its written forms. */
  readonly formsOf: number[][] = [];

  /** The vocabulary that interned these written syllables in this order (a saved one: its exact.terms). */
  static of(written: readonly string[]): SyllableVocabulary {
    const vocabulary = new SyllableVocabulary();
    for (const token of written) vocabulary.intern(token);
    return vocabulary;
  }

  /** Id of a written (lower-cased, normalised) syllable. */
  intern(token: string): number {
    const known = this.exact.size;
    const id = this.exact.intern(token);
    if (id === known) {
      const folded = this.folded.intern(foldDiacritics(token));
      this.foldOf.push(folded);
      (this.formsOf[folded] ??= []).push(id);
    }
    return id;
  }
}
