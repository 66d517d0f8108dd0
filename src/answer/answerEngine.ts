// Finds the answer to a citizen's question in one version of the knowledge base: a service entry
// (matched on its question variants) or the sentence(s) of an article that hold the answer.
// Built once per knowledge version; immutable, so a reload swaps it whole.
import type { Article, Sentence } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import type { KnowledgeBase } from '../knowledge/kbBuilder.js';
import { SearchIndex, type SearchHit } from '../search/searchIndex.js';
import { AbbreviationExpander } from '../text/abbreviations.js';
import type { Period } from '../text/periods.js';
import { foldKey } from '../text/vietnamese.js';

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

/** Coverage of the question's content words above which the bot answers, and below which it does not guess. */
export const ANSWER_THRESHOLD = 0.7;
export const CLARIFY_THRESHOLD = 0.4;
/** A second sentence of the same article is added when it matches almost as well as the best one. */
const SECOND_SENTENCE_RATIO = 0.85;
const SEPARATOR = '\u0000';

export class AnswerEngine {
  private readonly abbreviations: AbbreviationExpander;
  private readonly entryIndex: SearchIndex;
  private readonly sentenceIndex: SearchIndex;
  private readonly entries: Map<string, EntryWithFile>;
  private readonly sentences = new Map<string, { article: Article; sentence: Sentence; order: number }>();

  constructor(readonly kb: KnowledgeBase) {
    this.abbreviations = new AbbreviationExpander(kb.abbreviations);
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    this.entryIndex = new SearchIndex(
      kb.entries.flatMap((entry) =>
        [...entry.questions.vi, ...(entry.questions.en ?? [])].map((text, i) => ({ id: `${entry.id}${SEPARATOR}${i}`, title: entry.title, text })),
      ),
    );
    for (const article of kb.articles) {
      [...article.paragraphs.flat(), ...article.captions].forEach((sentence, order) => {
        this.sentences.set(`${article.id}${SEPARATOR}${order}`, { article, sentence, order });
      });
    }
    this.sentenceIndex = new SearchIndex(
      [...this.sentences].map(([id, { article, sentence }]) => ({ id, title: article.title, text: sentence.text })),
    );
  }

  entry(id: string): EntryWithFile | undefined {
    return this.entries.get(id);
  }

  /** The question with abbreviations and chat shorthand written out. */
  expand(text: string): string {
    return this.abbreviations.expand(text);
  }

  lookup(question: string): Lookup {
    const query = this.expand(question);
    const entryHits = bestPerEntry(this.entryIndex.search(query, { limit: 30 }));
    const sentenceHits = this.sentenceIndex.search(query, { limit: 5 });
    const topEntry = entryHits[0];
    const topSentence = sentenceHits[0];

    let best: Match | undefined;
    // Service entries are written to be answers; an article sentence must match clearly better to win.
    if (topSentence && (!topEntry || topSentence.coverage > topEntry.coverage + 0.1)) {
      const { article } = this.sentences.get(topSentence.id)!;
      best = { kind: 'article', article, sentences: this.answerSentences(sentenceHits), confidence: topSentence.coverage };
    } else if (topEntry) {
      best = { kind: 'entry', entry: this.entries.get(entryId(topEntry.id))!, confidence: topEntry.coverage };
    }
    const confidence = best?.confidence ?? 0;
    const band = confidence >= ANSWER_THRESHOLD ? 'answer' : confidence >= CLARIFY_THRESHOLD ? 'clarify' : 'none';
    const suggestions = band === 'clarify'
      ? entryHits.filter((h) => h.coverage >= CLARIFY_THRESHOLD / 2).slice(0, 3).map((h) => this.entries.get(entryId(h.id))!)
      : [];
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
    const key = foldKey(text);
    return this.kb.articles.find((a) => foldKey(a.title) === key);
  }

  /** Articles newest first, optionally only those published within a period. */
  articles(period?: Period): Article[] {
    return this.kb.articles.filter((a) => !period || (a.date >= period.start && a.date < period.end));
  }
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
