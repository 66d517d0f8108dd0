// The bot's passage search: BM25 over four views of each text — written syllables, folded
// syllables (no diacritics), and the adjacent pairs of each (compounds and phrases) — so a query
// typed with or without diacritics finds its passage and an exact-diacritic match outranks a
// folded-only one. Hand-written rather than MiniSearch: see docs/search.md for the measurements.
import { foldDiacritics, hasDiacritics } from '../text/vietnamese.js';
import { phrases } from './analyze.js';
import { Postings } from './postings.js';
import { restorePhrase, type FormStatistics } from './restore.js';
import { STOPWORDS } from './stopwords.js';
import { topK } from './topK.js';
import { TypoIndex } from './typos.js';
import { PairVocabulary, Vocabulary } from './vocabulary.js';

export interface SearchDoc {
  id: string;
  title?: string;
  text: string;
}
export interface SearchHit {
  id: string;
  score: number;
  /** 0..1 share of the query's distinct content terms (syllables, folded) found in the doc. */
  coverage: number;
}
export interface SearchOptions {
  limit?: number;
  filter?: (id: string) => boolean;
}

const BREAK = -1;
const TITLE_WEIGHT = 2;
const K1 = 1.2;
const B = 0.75;
/** Weight of each view in the score; written forms restored from a query without diacritics are less certain. */
const WEIGHTS = { folded: 1, exact: 1, restored: 0.5, foldedPair: 0.5, exactPair: 0.5, typo: 0.7 };
const FOLDED_STOPWORDS = new Set([...STOPWORDS].map(foldDiacritics));

export class SearchIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly exact = new Vocabulary();
  private readonly folded = new Vocabulary();
  /** foldOf[exact id] = folded id. */
  private readonly foldOf: number[] = [];
  private readonly formsOf: number[][] = [];
  private readonly exactPairs: PairVocabulary;
  private readonly foldedPairs: PairVocabulary;
  private readonly exactUni: Postings;
  private readonly foldedUni: Postings;
  private readonly exactBi: Postings;
  private readonly foldedBi: Postings;
  private readonly typos: TypoIndex;
  /** BM25 length normalisation k1·(1 − b + b·len/avglen), per document. */
  private readonly norm: Float32Array;
  // Per-query scratch, reused so a query allocates nothing proportional to the corpus.
  private readonly scores: Float64Array;
  private readonly matched: Uint16Array;
  private readonly stamp: Int32Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;

  constructor(docs: SearchDoc[]) {
    this.size = docs.length;
    this.ids = docs.map((d) => d.id);
    const { tokens, starts, titleEnds } = this.tokenizeAll(docs);
    this.exactPairs = new PairVocabulary(this.exact.size);
    this.foldedPairs = new PairVocabulary(this.folded.size);

    const positions = (d: number, visit: (at: number, weight: number) => void): void => {
      for (let at = starts[d]!; at < starts[d + 1]!; at++) {
        if (tokens[at] !== BREAK) visit(at, at < titleEnds[d]! ? TITLE_WEIGHT : 1);
      }
    };
    const pairs = (d: number, visit: (a: number, b: number, weight: number) => void): void =>
      positions(d, (at, w) => {
        if (at > starts[d]! && tokens[at - 1] !== BREAK) visit(tokens[at - 1]!, tokens[at]!, w);
      });
    this.exactUni = Postings.build(this.size, (d, emit) => positions(d, (at, w) => emit(tokens[at]!, w)));
    this.foldedUni = Postings.build(this.size, (d, emit) => positions(d, (at, w) => emit(this.foldOf[tokens[at]!]!, w)));
    this.exactBi = Postings.build(this.size, (d, emit) => pairs(d, (a, b, w) => emit(this.exactPairs.intern(a, b), w)));
    this.foldedBi = Postings.build(this.size, (d, emit) =>
      pairs(d, (a, b, w) => emit(this.foldedPairs.intern(this.foldOf[a]!, this.foldOf[b]!), w)),
    );
    for (const forms of this.formsOf) forms.sort((a, b) => this.exactUni.df(b) - this.exactUni.df(a));
    this.typos = new TypoIndex(this.folded.terms);

    const lengths = new Float64Array(this.size);
    for (let d = 0; d < this.size; d++) positions(d, (_, w) => (lengths[d]! += w));
    const avg = lengths.reduce((s, l) => s + l, 0) / Math.max(1, this.size) || 1;
    this.norm = Float32Array.from(lengths, (l) => K1 * (1 - B + (B * l) / avg));
    this.scores = new Float64Array(this.size);
    this.matched = new Uint16Array(this.size);
    this.stamp = new Int32Array(this.size).fill(-1);
    this.touched = new Uint32Array(this.size);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const queryPhrases = phrases(query);
    const accented = hasDiacritics(query);
    // Written form of each syllable: as typed, or restored from the corpus when typed without diacritics.
    const forms = queryPhrases.map((p) =>
      accented ? p.map((t) => this.exact.get(t)) : restorePhrase(p.map((t) => this.folded.get(t)), this.formStatistics),
    );
    const isContent = (token: string, form: number): boolean =>
      form >= 0 ? !STOPWORDS.has(this.exact.terms[form]!) : !(accented ? STOPWORDS : FOLDED_STOPWORDS).has(token);

    const content = new Set<string>();
    queryPhrases.forEach((p, i) =>
      p.forEach((t, j) => {
        if (isContent(t, forms[i]![j]!)) content.add(foldDiacritics(t));
      }),
    );
    if (content.size === 0) return [];

    this.touchedCount = 0;
    let termIndex = 0;
    for (const term of content) {
      const id = this.folded.get(term);
      const ids = id >= 0 ? [id] : this.typos.corrections(term);
      const weight = id >= 0 ? WEIGHTS.folded : WEIGHTS.typo;
      for (const t of ids) this.accumulate(this.foldedUni, t, weight, termIndex);
      termIndex++;
    }
    const exactWeight = accented ? WEIGHTS.exact : WEIGHTS.restored;
    for (const form of new Set(forms.flat())) {
      if (form >= 0) this.accumulate(this.exactUni, form, exactWeight, -1);
    }
    const exactPairIds = new Set<number>();
    const foldedPairIds = new Set<number>();
    forms.forEach((phrase, i) => {
      for (let j = 1; j < phrase.length; j++) {
        exactPairIds.add(this.exactPairs.get(phrase[j - 1]!, phrase[j]!));
        const p = queryPhrases[i]!;
        foldedPairIds.add(this.foldedPairs.get(this.folded.get(foldDiacritics(p[j - 1]!)), this.folded.get(foldDiacritics(p[j]!))));
      }
    });
    for (const t of exactPairIds) if (t >= 0) this.accumulate(this.exactBi, t, WEIGHTS.exactPair * exactWeight, -1);
    for (const t of foldedPairIds) if (t >= 0) this.accumulate(this.foldedBi, t, WEIGHTS.foldedPair, -1);

    const candidates = this.touched.subarray(0, this.touchedCount);
    const kept = options.filter ? candidates.filter((d) => options.filter!(this.ids[d]!)) : candidates;
    const best = topK(kept, kept.length, this.scores, limit);
    const hits = best.map((d) => ({ id: this.ids[d]!, score: this.scores[d]!, coverage: this.matched[d]! / content.size }));
    for (const d of candidates) {
      this.scores[d] = 0;
      this.matched[d] = 0;
      this.stamp[d] = -1;
    }
    return hits;
  }

  /** Adds one term's BM25 contribution; termIndex ≥ 0 marks a content term counted once per document for coverage. */
  private accumulate(postings: Postings, term: number, weight: number, termIndex: number): void {
    const n = this.size;
    const df = postings.df(term);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const { docs, tfs } = postings;
    for (let at = postings.offsets[term]!, end = postings.offsets[term + 1]!; at < end; at++) {
      const d = docs[at]!;
      const tf = tfs[at]!;
      if (this.stamp[d] === -1) {
        this.touched[this.touchedCount++] = d;
        this.stamp[d] = -2;
      }
      this.scores[d]! += (weight * idf * tf * (K1 + 1)) / (tf + this.norm[d]!);
      if (termIndex >= 0 && this.stamp[d] !== termIndex) {
        this.stamp[d] = termIndex;
        this.matched[d]!++;
      }
    }
  }

  private readonly formStatistics: FormStatistics = {
    forms: (folded) => this.formsOf[folded] ?? [],
    count: (form) => this.exactUni.df(form),
    pairCount: (a, b) => {
      const pair = this.exactPairs.get(a, b);
      return pair >= 0 ? this.exactBi.df(pair) : 0;
    },
  };

  /** All documents' written-form ids in one flat array (title first, BREAK between phrases). */
  private tokenizeAll(docs: SearchDoc[]): { tokens: Int32Array; starts: Uint32Array; titleEnds: Uint32Array } {
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
    const pushText = (text: string): void => {
      for (const phrase of phrases(text)) {
        for (const token of phrase) push(this.internExact(token));
        push(BREAK);
      }
    };
    const starts = new Uint32Array(docs.length + 1);
    const titleEnds = new Uint32Array(docs.length);
    docs.forEach((doc, d) => {
      starts[d] = length;
      if (doc.title) pushText(doc.title);
      titleEnds[d] = length;
      pushText(doc.text);
    });
    starts[docs.length] = length;
    return { tokens: tokens.slice(0, length), starts, titleEnds };
  }

  private internExact(token: string): number {
    const before = this.exact.size;
    const id = this.exact.intern(token);
    if (id === before) {
      const folded = this.folded.intern(foldDiacritics(token));
      this.foldOf.push(folded);
      (this.formsOf[folded] ??= []).push(id);
    }
    return id;
  }
}
