// The bot's passage search: BM25 over four views of each text — written syllables, folded
// syllables (no diacritics), and the adjacent pairs of each (compounds and phrases) — so a query
// typed with or without diacritics finds its passage and an exact-diacritic match outranks a
// folded-only one. Hand-written rather than MiniSearch: see docs/search.md for the measurements.
import { runNow, sliceDue, type Steps } from '../slices.js';
import { foldDiacritics, hasDiacritics } from '../text/vietnamese.js';
import { phrases } from './analyze.js';
import { IMPACT_LEVELS, type Postings } from './postings.js';
import { bestWindow } from './proximity.js';
import { restorePhrase, type FormStatistics } from './restore.js';
import { STOPWORDS } from './stopwords.js';
import { topK } from './topK.js';
import { TypoIndex } from './typos.js';
import { tokenizeDocuments, type SearchDoc } from './documents.js';
import { DEFAULT_TUNING, type SearchTuning } from './tuning.js';
import { SyllableVocabulary } from './vocabulary.js';
import { buildViews, restoreViews, saveViews, type SavedViews, type Views } from './views.js';

export { DEFAULT_TUNING, type SearchTuning } from './tuning.js';

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

interface QueryPlan {
  /** Weight of the written-form views: lower when the forms were restored, not typed. */
  exactWeight: number;
  /** Content syllables by folded form as typed (coverage counts these). */
  content: Map<string, QueryTerm>;
  /** Syllable pairs by folded pair id. */
  pairs: Map<number, QueryTerm>;
}

interface QueryTerm {
  /** Folded syllable or pair id, -1 when the corpus does not have it. */
  id: number;
  /** 1, or less for a syllable corrected from a typo. */
  weight: number;
  /** Ids of the written forms the query has for it. */
  written: Set<number>;
}
const FOLDED_STOPWORDS = new Set([...STOPWORDS].map(foldDiacritics));

/** The documents' vocabulary, postings and typo index: the long part of a build, which pauses as it goes. */
export interface BuiltViews {
  syllables: SyllableVocabulary;
  starts: Uint32Array;
  views: Views;
  typos: TypoIndex;
}

/** An index as plain data and typed arrays, for v8.serialize: restored without reading a document again. */
export interface SavedIndex {
  ids: string[];
  tuning: SearchTuning;
  /** The written syllables in id order: the folded ones and their links follow from them. */
  syllables: string[];
  starts: Uint32Array;
  views: SavedViews;
}

function* buildParts(docs: SearchDoc[], tuning: SearchTuning): Steps<BuiltViews> {
  const syllables = new SyllableVocabulary();
  const documents = yield* tokenizeDocuments(docs, syllables);
  const views = yield* buildViews(documents, syllables, tuning);
  return yield* completeParts(syllables, documents.starts, views);
}

/** What follows from the vocabulary and the views: the written forms' order and the typo index. */
function* completeParts(syllables: SyllableVocabulary, starts: Uint32Array, views: Views): Steps<BuiltViews> {
  // Each folded syllable's written forms, most frequent first (restorePhrase reads them so).
  const statistics = formStatistics(syllables, views);
  for (const forms of syllables.formsOf) {
    if (sliceDue()) yield;
    forms.sort((a, b) => statistics.count(b) - statistics.count(a));
  }
  const typos = yield* TypoIndex.steps(syllables.folded.terms);
  return { syllables, starts, views, typos };
}

/** How often written forms and pairs occur: counts come from the folded list when the written one was left out as identical. */
function formStatistics(syllables: SyllableVocabulary, views: Views): FormStatistics {
  return {
    forms: (folded) => syllables.formsOf[folded] ?? [],
    count: (form) => {
      const folded = syllables.foldOf[form]!;
      return syllables.formsOf[folded]!.length === 1 ? views.foldedUni.df(folded) : views.exactUni.df(form);
    },
    pairCount: (a, b) => {
      const pair = views.exactPairs.get(a, b);
      if (pair < 0) return 0;
      const folded = views.foldedPairOf[pair]!;
      return views.pairForms[folded] === 1 ? views.foldedBi.df(folded) : views.exactBi.df(pair);
    },
  };
}

export class SearchIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly syllables: SyllableVocabulary;
  private readonly typos: TypoIndex;
  // Per-query scratch, one slot per document, reused from query to query and zeroed after each.
  private readonly scores: Float64Array;
  private readonly matched: Uint16Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  /** Folded syllable id → its slot in the query being re-ranked, else -1. */
  private readonly slots: Int32Array;

  private readonly tuning: SearchTuning;
  private readonly views: Views;
  private readonly formStatistics: FormStatistics;
  /** Document d spans views.foldedAt[starts[d], starts[d+1]). */
  private readonly starts: Uint32Array;

  /** `built` is what SearchIndex.steps built from the same docs and tuning; without it the index is built now. */
  constructor(docs: SearchDoc[], tuning: Partial<SearchTuning> = {}, built?: BuiltViews) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.size = docs.length;
    this.ids = docs.map((d) => d.id);
    const { syllables, starts, views, typos } = built ?? runNow(buildParts(docs, this.tuning));
    this.syllables = syllables;
    this.starts = starts;
    this.views = views;
    this.typos = typos;
    this.formStatistics = formStatistics(syllables, views);
    const { folded } = this.syllables;
    this.scores = new Float64Array(this.size);
    this.matched = new Uint16Array(this.size);
    this.touched = new Uint32Array(this.size);
    this.slots = new Int32Array(folded.size).fill(-1);
  }

  saved(): SavedIndex {
    return { ids: this.ids, tuning: this.tuning, syllables: this.syllables.exact.terms, starts: this.starts, views: saveViews(this.views) };
  }

  /** The index saved(): the same answers, nothing tokenised or counted again. */
  static restore(saved: SavedIndex): SearchIndex {
    const built = runNow(completeParts(SyllableVocabulary.of(saved.syllables), saved.starts, restoreViews(saved.views)));
    // The documents' texts are in the views: only their ids are needed.
    return new SearchIndex(
      saved.ids.map((id) => ({ id, text: '' })),
      saved.tuning,
      built,
    );
  }

  /** The same index as the constructor's, built in pieces that can be run in slices (src/slices.ts). */
  static *steps(docs: SearchDoc[], tuning: Partial<SearchTuning> = {}): Steps<SearchIndex> {
    const built = yield* buildParts(docs, { ...DEFAULT_TUNING, ...tuning });
    yield;
    return new SearchIndex(docs, tuning, built);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const plan = this.plan(query);
    if (plan.content.size === 0) return [];
    this.touchedCount = 0;
    this.scoreSyllables(plan);
    this.scorePairs(plan);

    const candidates = this.touched.subarray(0, this.touchedCount);
    const kept = options.filter ? candidates.filter((d) => options.filter!(this.ids[d]!)) : candidates;
    const firstStage = topK(kept, kept.length, this.scores, Math.max(limit, this.tuning.rerankDepth));
    this.rerank(firstStage, plan.content);
    const best = topK(firstStage, firstStage.length, this.scores, limit);
    const hits = best.map((d) => ({ id: this.ids[d]!, score: this.scores[d]!, coverage: this.matched[d]! / plan.content.size }));
    if (candidates.length > this.size / 8) {
      this.scores.fill(0);
      this.matched.fill(0);
    } else {
      for (const d of candidates) {
        this.scores[d] = 0;
        this.matched[d] = 0;
      }
    }
    return hits;
  }

  /** The query's content syllables and syllable pairs, with written forms as typed or restored. */
  private plan(query: string): QueryPlan {
    const accented = hasDiacritics(query);
    const plan: QueryPlan = { exactWeight: accented ? this.tuning.exact : this.tuning.restored, content: new Map(), pairs: new Map() };
    for (const tokens of phrases(query)) {
      const folded = tokens.map((t) => foldDiacritics(t));
      const known = folded.map((f) => this.syllables.folded.get(f));
      // An unknown syllable stands for its likeliest one-edit neighbour, with less weight.
      const foldedIds = known.map((id, i) => (id >= 0 ? id : this.correct(folded[i]!)));
      const certainty = known.map((id) => (id >= 0 ? 1 : this.tuning.typo));
      // Written forms as typed, or restored from the corpus when the query has no diacritics at all.
      const forms = accented ? tokens.map((t) => this.syllables.exact.get(t)) : restorePhrase(foldedIds, this.formStatistics);
      tokens.forEach((token, i) => {
        const form = forms[i]!;
        const stop = form >= 0 ? STOPWORDS.has(this.syllables.exact.terms[form]!) : (accented ? STOPWORDS : FOLDED_STOPWORDS).has(token);
        if (!stop) {
          const term = plan.content.get(folded[i]!) ?? { id: foldedIds[i]!, weight: certainty[i]!, written: new Set<number>() };
          if (form >= 0) term.written.add(form);
          plan.content.set(folded[i]!, term);
        }
        if (i === 0) return;
        const foldedPair = this.views.foldedPairs.get(foldedIds[i - 1]!, foldedIds[i]!);
        if (foldedPair < 0) return;
        const weight = certainty[i - 1]! * certainty[i]!;
        const pair = plan.pairs.get(foldedPair) ?? { id: foldedPair, weight, written: new Set<number>() };
        const written = this.views.exactPairs.get(forms[i - 1]!, form);
        if (written >= 0) pair.written.add(written);
        plan.pairs.set(foldedPair, pair);
      });
    }
    return plan;
  }

  /** The most frequent folded syllable one edit away from an unknown one, or -1. */
  private correct(term: string): number {
    return this.typos.likeliest(term, (id) => this.views.foldedUni.df(id));
  }

  /** Folded and written syllables of the content words (function words have long lists and little evidence). */
  private scoreSyllables(plan: QueryPlan): void {
    const w = this.tuning;
    for (const { id, weight, written } of plan.content.values()) {
      if (id >= 0) {
        const forms = this.syllables.formsOf[id]!;
        // A syllable written only one way in the corpus has identical folded and written lists: walk it once.
        const single = forms.length === 1 && written.size === 1;
        this.accumulate(this.views.foldedUni, id, weight * (w.folded + (single ? plan.exactWeight : 0)), true);
        if (!single) for (const form of written) this.accumulate(this.views.exactUni, form, weight * plan.exactWeight, false);
      }
    }
  }

  private scorePairs(plan: QueryPlan): void {
    const w = this.tuning;
    const exactWeight = w.exactPair * plan.exactWeight;
    for (const { id, weight, written } of plan.pairs.values()) {
      // As for syllables: a pair written only one way has one list for both views.
      const single = this.views.pairForms[id] === 1 && written.size === 1;
      this.accumulate(this.views.foldedBi, id, weight * (w.foldedPair + (single ? exactWeight : 0)), false);
      if (!single) for (const pair of written) this.accumulate(this.views.exactBi, pair, weight * exactWeight, false);
    }
  }

  /** Adds to each candidate's score the weighted IDF mass of the best window of its text. */
  private rerank(candidates: number[], content: ReadonlyMap<string, QueryTerm>): void {
    const w = this.tuning;
    if (w.windowWeight === 0) return;
    const { slots } = this;
    const weights: number[] = [];
    for (const { id } of content.values()) {
      if (id < 0 || slots[id] !== -1) continue;
      slots[id] = weights.length;
      const df = this.views.foldedUni.df(id);
      weights.push(Math.log(1 + (this.size - df + 0.5) / (df + 0.5)));
    }
    for (const d of candidates) {
      const window = bestWindow(this.views.foldedAt, this.starts[d]!, this.starts[d + 1]!, w.window, slots, weights);
      this.scores[d]! += w.windowWeight * window;
    }
    for (const { id } of content.values()) if (id >= 0) slots[id] = -1;
  }

  /**
   * Adds one term's BM25 contribution, idf · (k1 + 1) · tf / (tf + norm), to each document on its
   * list; a content syllable's list also counts for coverage (each is walked once per query).
   */
  private accumulate(postings: Postings, term: number, weight: number, content: boolean): void {
    const df = postings.df(term);
    const idf = Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
    const scale = (weight * idf * (this.tuning.k1 + 1)) / IMPACT_LEVELS;
    // A zero weight would leave documents at 0, which marks them untouched.
    if (scale === 0) return;
    const { docs, impacts, offsets } = postings;
    const { scores, matched, touched } = this;
    let count = this.touchedCount;
    for (let at = offsets[term]!, end = offsets[term + 1]!; at < end; at++) {
      const d = docs[at]!;
      const score = scores[d]!;
      if (score === 0) touched[count++] = d;
      scores[d] = score + scale * impacts[at]!;
      if (content) matched[d]!++;
    }
    this.touchedCount = count;
  }
}
