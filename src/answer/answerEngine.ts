// Finds the answer to a citizen's question in one version of the knowledge base: a service entry
// (matched on its question variants) or the sentence(s) of an article that hold the answer.
// Built once per knowledge version; immutable, so a reload swaps it whole.
import { BoundedCache } from '../boundedCache.js';
import type { Article, Sentence } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import type { KnowledgeBase } from '../knowledge/kbBuilder.js';
import { SearchIndex, type SearchHit } from '../search/searchIndex.js';
import { ConfidenceScorer, termSet, type UnitTerms } from './confidence.js';
import { AbbreviationExpander } from '../text/abbreviations.js';
import type { Period } from '../text/periods.js';
import { foldKey, normalizeVietnamese } from '../text/vietnamese.js';

export type Language = 'vi' | 'en';

export type Match =
  | { kind: 'entry'; entry: EntryWithFile; confidence: number }
  | { kind: 'article'; article: Article; sentences: Sentence[]; confidence: number };

export interface Lookup {
  /** answer: confident; clarify: "Có phải Quý khách muốn hỏi…" with suggestions; none: honest fallback. */
  band: 'answer' | 'clarify' | 'none';
  best?: Match;
  /** Entries to offer when the band is clarify (at most 3). */
  suggestions: EntryWithFile[];
}

/** Confidence above which the bot answers, and below which it does not even suggest. */
export const ANSWER_THRESHOLD = 0.6;
export const CLARIFY_THRESHOLD = 0.5;
/** Candidates from the search engine that are scored for confidence. */
const ENTRY_CANDIDATES = 5;
const SENTENCE_CANDIDATES = 3;
/** A second sentence of the same article is added when it matches almost as well as the best one. */
const SECOND_SENTENCE_RATIO = 0.85;
const SEPARATOR = '\u0000';
const MAX_CACHED_LOOKUPS = 5000;

export class AnswerEngine {
  private readonly abbreviations: AbbreviationExpander;
  private readonly entryIndex: SearchIndex;
  private readonly sentenceIndex: SearchIndex;
  private readonly entries: Map<string, EntryWithFile>;
  private readonly sentences = new Map<string, { article: Article; sentence: Sentence; order: number; terms: UnitTerms }>();
  private readonly entryTerms = new Map<string, UnitTerms>();
  private readonly confidence: ConfidenceScorer;
  private readonly lookups = new BoundedCache<string, Lookup>(MAX_CACHED_LOOKUPS);
  /** Articles by their folded title (the first, if two share one). */
  private readonly titles = new Map<string, Article>();

  constructor(readonly kb: KnowledgeBase) {
    this.abbreviations = new AbbreviationExpander(kb.abbreviations);
    for (const article of [...kb.articles].reverse()) this.titles.set(foldKey(article.title), article);
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    for (const e of kb.entries) {
      this.entryTerms.set(e.id, { main: termSet(e.title ?? '', ...e.questions.vi, ...(e.questions.en ?? [])), extra: termSet(e.answer.vi, e.answer.en ?? '') });
    }
    this.entryIndex = new SearchIndex(
      kb.entries.flatMap((entry) =>
        [...entry.questions.vi, ...(entry.questions.en ?? [])].map((text, i) => ({ id: `${entry.id}${SEPARATOR}${i}`, title: entry.title, text })),
      ),
    );
    for (const article of kb.articles) {
      [...article.paragraphs.flat(), ...article.captions].forEach((sentence, order) => {
        this.sentences.set(`${article.id}${SEPARATOR}${order}`, { article, sentence, order, terms: { main: termSet(article.title, spellSymbols(sentence.text)) } });
      });
    }
    this.sentenceIndex = new SearchIndex(
      [...this.sentences].map(([id, { article, sentence }]) => ({ id, title: article.title, text: spellSymbols(sentence.text) })),
    );
    this.confidence = new ConfidenceScorer([...this.entryTerms.values(), ...[...this.sentences.values()].map((s) => s.terms)]);
  }

  entry(id: string): EntryWithFile | undefined {
    return this.entries.get(id);
  }

  /** The question with abbreviations and chat shorthand written out. */
  expand(text: string): string {
    return this.abbreviations.expand(text);
  }

  /** The answer to a question. A hotline hears the same questions over and over, and this version's answers never change: they are kept. */
  lookup(question: string): Lookup {
    return this.lookups.get(normalizeVietnamese(question).toLowerCase().trim(), () => this.search(question));
  }

  /**
   * The search engine ranks the candidates; each is then scored for confidence against the whole entry
   * (all its question variants, its answer at half weight) or the sentence, and the most certain wins.
   */
  private search(question: string): Lookup {
    const query = this.expand(question);
    const prepared = this.confidence.prepare(query);
    const entryHits = bestPerEntry(this.entryIndex.search(query, { limit: 30 })).slice(0, ENTRY_CANDIDATES);
    const sentenceHits = this.sentenceIndex.search(query, { limit: SENTENCE_CANDIDATES });
    const entries = entryHits
      .map((h) => ({ entry: this.entries.get(entryId(h.id))!, confidence: this.confidence.score(prepared, this.entryTerms.get(entryId(h.id))!) }))
      .sort((a, b) => b.confidence - a.confidence);
    const sentences = sentenceHits
      .map((h) => ({ hit: h, confidence: this.confidence.score(prepared, this.sentences.get(h.id)!.terms) }))
      .sort((a, b) => b.confidence - a.confidence);

    let best: Match | undefined;
    const [topEntry] = entries;
    const [topSentence] = sentences;
    // Service entries are written to be answers; an article sentence must be clearly more certain to win.
    if (topSentence && (!topEntry || topSentence.confidence > topEntry.confidence + 0.1)) {
      const { article } = this.sentences.get(topSentence.hit.id)!;
      best = { kind: 'article', article, sentences: this.answerSentences(sentences.map((s) => s.hit)), confidence: topSentence.confidence };
    } else if (topEntry) {
      best = { kind: 'entry', entry: topEntry.entry, confidence: topEntry.confidence };
    }
    const confidence = best?.confidence ?? 0;
    const band = confidence >= ANSWER_THRESHOLD ? 'answer' : confidence >= CLARIFY_THRESHOLD ? 'clarify' : 'none';
    const suggestions = band === 'clarify' ? entries.filter((e) => e.confidence >= CLARIFY_THRESHOLD).slice(0, 3).map((e) => e.entry) : [];
    return { band, best, suggestions };
  }

  /** The best sentence, and the next best of the same article when it matches nearly as well, in reading order. */
  private answerSentences(hits: SearchHit[]): Sentence[] {
    const [first, ...rest] = hits.map((h) => ({ hit: h, ...this.sentences.get(h.id)! }));
    const second = rest.find((r) => r.article.id === first.article.id && r.hit.score >= first.hit.score * SECOND_SENTENCE_RATIO);
    return [first, ...(second ? [second] : [])].sort((a, b) => a.order - b.order).map((s) => s.sentence);
  }

  /** The article whose title the text is (a tapped news button), ignoring case and diacritics. */
  articleByTitle(text: string): Article | undefined {
    return this.titles.get(foldKey(text));
  }

  /** Articles newest first, optionally only those published within a period. */
  articles(period?: Period): Article[] {
    return this.kb.articles.filter((a) => !period || (a.date >= period.start && a.date < period.end));
  }
}

/** "97%" is read "97 phần trăm": spelled out so that a question in words finds the figure. */
function spellSymbols(text: string): string {
  return text.replace(/%/gu, ' phần trăm');
}

function entryId(docId: string): string {
  return docId.slice(0, docId.indexOf(SEPARATOR));
}

/** Question variants are indexed separately; an entry counts once, with its best variant. */
function bestPerEntry(hits: SearchHit[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const id = entryId(h.id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
