// Finds the answer to a citizen's question in one version of the knowledge base: a service entry
// (matched on its question variants) or the sentence(s) of an article that hold the answer.
// Built once per published knowledge version (answers.ts); immutable, so a new version replaces it whole.
import { BoundedCache } from '../boundedCache.js';
import type { Article, Sentence } from '../knowledge/articleParser.js';
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import type { KnowledgeBase } from '../knowledge/kbBuilder.js';
import { restoreReadings, savedReadings, type SavedReadings, type SearchDoc } from '../search/documents.js';
import { SearchIndex, type SavedIndex, type SearchHit } from '../search/searchIndex.js';
import { runNow, sliceDue, type Steps } from '../slices.js';
import { ConfidenceScorer, termSet, type QueryTerm, type TermSet, type UnitTerms } from './confidence.js';
import { countWords, type Contribution, type Counted, type WordCounts } from './wordCounts.js';
import { englishWrittenOut, EnglishQuery } from './englishQuery.js';
import { answerClauses, entryPolarity, openingPolarity, type Polarity } from './polarity.js';
import {
  mentionsDate,
  mentionsMonth,
  questionFrame,
  SOLAR_NEW_YEAR,
  yearsIn,
  type DayMonth,
  type QuestionFrame,
  withoutContrast,
} from '../understanding/questionFrame.js';
import { personNamed } from '../understanding/personNames.js';
import { articleCited } from '../understanding/articleCited.js';
import { ownPhrases } from '../understanding/followUp.js';
import { asksAbroad, foreignPlaces, speaksOfAbroad, withoutProvinces } from './places.js';
import { ServiceNames } from './serviceNames.js';
import { AbbreviationExpander } from '../text/abbreviations.js';
import { writeWeights } from '../text/weights.js';
import { writeAges, writeNumbers } from '../text/numberWords.js';
import { decodeTelex } from '../text/telex.js';
import { unglue } from '../text/gluedSyllables.js';
import type { Period } from '../text/periods.js';
import { foldDiacritics, foldKey, hasDiacritics, loneYAsI, normalizeVietnamese } from '../text/vietnamese.js';
import { localTime } from '../text/vnTime.js';
import { MIN_TYPO_LENGTH, ShortWordTypos } from '../search/typos.js';
import { STOPWORDS } from '../search/stopwords.js';

export type Match =
  | {
      kind: 'entry';
      entry: EntryWithFile;
      confidence: number;
      polarity?: Polarity;
      /** The question asks about what the entry says is not confirmed ("lãi suất … chưa được xác nhận"). */
      unconfirmed?: boolean;
    }
  | { kind: 'article'; article: Article; sentences: Sentence[]; confidence: number; polarity?: Polarity };

export type ArticleMatch = Extract<Match, { kind: 'article' }>;

/** The id of what a match answers with: the entry's, or the article's. */
export function matchId(match: Match): string {
  return match.kind === 'entry' ? match.entry.id : match.article.id;
}

/** The lookup as finding nothing it was asked: the knowledge does not have it (the honest fallback). */
export function foundNothing(lookup: Lookup): Lookup {
  return { ...lookup, band: 'none', best: undefined, suggestions: [], related: undefined };
}

/** A fact the sources hold next to the one asked: the same figure, another year. Said as such, never as the answer. */
export interface Related {
  match: ArticleMatch;
  /** The years asked about, and the years the sentences state. */
  asked: number[];
  stated: number[];
  /** The question asked for a figure (how much, how many). */
  figure: boolean;
  /** The question asked whether it still holds today, and the sentences are of an article from before last year. */
  now?: true;
}

export interface Lookup {
  /** answer: confident; clarify: "Có phải Quý khách muốn hỏi…" with suggestions; none: honest fallback. */
  band: 'answer' | 'clarify' | 'none';
  best?: Match;
  /** Entries to offer when the band is clarify (at most 3). */
  suggestions: EntryWithFile[];
  /** With band none: the neighbouring fact to name in the honest reply. */
  related?: Related;
  frame: QuestionFrame;
  /** The question was English and was read through the lexicon. */
  english: boolean;
  /** The candidates a gate kept from answering, most confident first. */
  rejections: Rejection[];
  /** The question's words (of its best-matching reading) that the best candidate does not hold. */
  missing: QueryTerm[];
  /**
   * The question's words together weigh less than half the rarest word's: they are ones most of the knowledge
   * uses ("nhận được không?", "gửi được không"), and none of them names what it is about.
   */
  namesNoTopic: boolean;
}

/** Confidence above which the bot answers, and below which it does not even suggest. */
export const ANSWER_THRESHOLD = 0.6;
export const CLARIFY_THRESHOLD = 0.5;
/** Below this, an answer that misses a word the knowledge never uses is not given (see search). */
const BARELY_SURE = 0.7;
/** Candidates from the search engine that are scored for confidence. */
const ENTRY_CANDIDATES = 5;
const SENTENCE_CANDIDATES = 8;
/** A second sentence of the same article is added when it matches almost as well as the best one. */
const SECOND_SENTENCE_RATIO = 0.85;
/** The dateline counts a little less, so that the sentence with the detail wins a tie with it. */
const LEAD_WEIGHT = 0.9;
/** The least a body sentence must match to come with the dateline. */
const BODY_THRESHOLD = 0.3;
/** How much better, years aside, a neighbouring year's sentence must match than the answer found to replace it. */
const NEIGHBOUR_MARGIN = 0.15;
const SEPARATOR = '\u0000';
const DID_YOU_MEAN_GATES: ReadonlySet<Fit> = new Set<Fit>(['service', 'month', 'role']);
/** How well a rejected entry must match to be offered as a did-you-mean. */
const DID_YOU_MEAN_THRESHOLD = 0.8;
const MAX_CACHED_LOOKUPS = 5000;
/** How close a second entry must come to the best for the two to be a choice to offer, when each misses a rare word the other holds. */
const RIVAL_MARGIN = 0.05;
/** A rare word: it weighs at least this share of a word the knowledge never uses. */
const RARE_SHARE = 0.5;
/** How sure another unit must be of a question for a word it holds to point there (docs/answers.md, twelfth round). */
const ELSEWHERE_SHARE = 0.3;
/** How near the offered entry's confidence another entry must come for a word it holds to point there (thirteenth round). */
const ELSEWHERE_ENTRY_SHARE = 0.7;
/** A clause of at least this many words may be a question of its own. */
const CLAUSE_WORDS = 3;
/** A message of more clauses is not read clause by clause: each is a lookup. */
const MAX_CLAUSES = 4;
/** A word among the rarest: it weighs at least this share of a word the knowledge never uses. */
const RAREST_SHARE = 0.8;
// A sentence that opens with one of these continues the one before: it is read with it.
// A sentence giving the specifics of the one before it.
const DETAILS = /^(?:cụ thể|trong đó)(?![\p{L}])/iu;
const CONTINUES =
  /^(?:cụ thể|trong đó|ngoài ra|đồng thời|theo đó|bên cạnh đó|tuy nhiên|do đó|vì vậy|như vậy|qua đó|với kết quả)(?![\p{L}])/iu;
// A fee named, as written ("phí", "cước", "giá", "miễn phí", "fee", "free of charge"): folded, "phi nhân thọ" (non-life) is none.
const COST_WRITTEN = /(?<![\p{L}])(?:phí|cước|giá|fees?|charges?|free|costs?|prices?)(?![\p{L}])/iu;

// A span of time stated: "3 ngày", "24 giờ", "trong ngày", "trong vòng …", "2 days", "same day", "within …".
const DURATION_STATED =
  /\d+\s*(?:ngày|giờ|tiếng|phút|tuần|days?|hours?|minutes?|weeks?)(?![\p{L}])|(?<![\p{L}])(?:trong (?:ngày|vòng)|same[- ]day|within)(?![\p{L}])/iu;

// What a why-question's answer must hold: a reason or a purpose ("vì", "do", "nhằm", "để Quý khách tra cứu"); "để được"
// closes the hotline's referral ("gọi … để được tư vấn") and gives no reason.
const REASON_GIVEN = /(?<![\p{L}])(?:vì|do|nhằm|bởi|lý do|mục đích|giúp|để(?! được))(?![\p{L}])/iu;

// What a when-question's answer must hold: a date or a time ("01/12/2026", "ngày 2", "17 giờ"), not any number ("4 quý", "1.500 mm").
const TIME_EXPRESSION = /(?<![\d.,])\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)|\b(?:ngày|tháng|năm|lúc)\s+\d|\d+\s*giờ/iu;
// A document cited by its number: "202/2025/QH15", "45/2016/QĐ-TTg", "972/BHXH-TCKT".
const DOCUMENT_CITED = /\b\d+\/(?:\d{4}\/)?[\p{Lu}Đ]+(?:-[\p{Lu}Đ]+)*\d*\b/u;
// A time of day: "7 giờ 30", "7h30", "17:00", "7 giờ sáng".
const CLOCK_TIME = /(?<![\d.,/])\d{1,2}\s*(?:giờ|h(?:\s*\d{2})?(?![\p{L}])|:\s*\d{2})/iu;
// What a where-question's answer must hold: a place ("tại quầy", "ở xã", "tại số 12 đường …", "địa điểm mới").
const PLACE_EXPRESSION =
  /(?<![\p{L}])(?:(?:[tT]ại|[ởỞ])\s+(?:\p{Lu}|số\s+\d|quầy|điểm|bưu (?:cục|điện)|xã|phường|huyện|tỉnh|nhà|trụ sở|văn phòng)|[đĐ]ịa (?:chỉ|điểm)|đường\s+\p{Lu})/u;
const WORD = /[\p{L}\p{N}]+/gu;
// Two or more capitalised words past a sentence's first: a person ("Đinh Như Hạnh") or a body.
const NAMES_SOMEONE = /(?<=\S\s+)\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)+/u;
// A sentence's opening that narrows it to a day of the week, a holiday or a case, before its first comma.
const NARROWING = /^(?:ngày\s+|riêng\s+)?(chủ nhật|thứ (?:hai|ba|tư|năm|sáu|bảy)|ngày (?:lễ|nghỉ)|riêng [^,]{1,40}?)\s*,/iu;
const COMPARED_YEAR = /\bso với[^,;.]*?\bnăm\s+\d{4}/giu;
// Question words say what kind of answer is wanted, not what it is about: left out of the confidence. So
// does "now": every entry speaks of the present ("bây giờ bưu điện huyện có còn không"); "đơn vị nào" asks who,
// "trường hợp nào" in which cases, "chỗ nào" where, "ai là người" and "vị lãnh đạo nào" who, "giữ chức gì" / "vị trí
// nào" a person's role; "diễn ra", "tính từ", "kể từ", "áp dụng" before when ask when it took place or holds from;
// "được quy định ra sao" asks what the rule is; "ra sao" alone asks how.
const ASKING = String.raw`bao nhi[eê]u|ra sao|(?:v[aă]n b[aả]n|quy[eế]t [dđ][iị]nh|ngh[iị] quy[eế]t|c[oô]ng v[aă]n|th[oô]ng t[uư]|ngh[iị] [dđ][iị]nh|quy [dđ][iị]nh)(?: ph[aá]p l[yý])?(?: s[oố])? (?:n[aà]o|g[iì]|m[aấ]y)|c[aă]n c[uứ](?: ph[aá]p l[yý])? (?:n[aà]o|g[iì])|c[oỡ] n[aà]o|(?:gi[uữ] |l[aà]m )?(?:ch[uứ]c v[uụ]|ch[uứ]c danh|ch[uứ]c|v[iị] tr[ií]|c[uư][oơ]ng v[iị]) (?:g[iì]|n[aà]o)|job title|bao gi[oờ]|how (?:much|many)|ki[eể]u (?:g[iì]|n[aà]o)|b[aâ]y gi[oờ]|hi[eệ]n (?:nay|t[aạ]i)|(?:đơn vị|don vi|cơ quan|co quan|trường hợp|truong hop|chỗ|cho|nơi|noi) n[aà]o|ai l[aà] ng[uư][oờ]i|(?:v[iị] )?(?:l[aã]nh [dđ][aạ]o|c[aá]n b[oộ]) n[aà]o|v[iị] n[aà]o|(?:di[eễ]n ra|t[ií]nh t[uừ]|k[eể] t[uừ]|[aá]p d[uụ]ng(?: t[uừ])?)(?= (?:v[aà]o )?(?:ng[aà]y|h[oô]m|l[uú]c|khi|bao gi[oờ]|th[aá]ng|n[aă]m|h[oồ]i)(?![\p{L}]))|(?:đ[uư][oợ]c )?quy đ[iị]nh(?= (?:ra sao|th[eế] n[aà]o|nh[uư] th[eế] n[aà]o|ntn)(?![\p{L}]))`;
const QUESTION_PHRASES = new RegExp(String.raw`(?<![\p{L}])(?:${ASKING})(?![\p{L}])`, 'giu');
// In a list of a kind asked ("những loại dịch vụ nào"), "những loại" only asks: the kind says what about.
const QUESTION_PHRASES_OF_A_LIST = new RegExp(String.raw`(?<![\p{L}])(?:${ASKING}|(?:nh[uữ]ng|c[aá]c) lo[aạ]i)(?![\p{L}])`, 'giu');

interface SentenceInfo {
  article: Article;
  sentence: Sentence;
  order: number;
  /** The sentence before it in its paragraph, if any. */
  previous?: Sentence;
  /** The next sentence of its paragraph when it gives this one's specifics ("… nhiều chỉ tiêu hoàn thành. Cụ thể, …"). */
  detailedBy?: Sentence;
  /** The last sentence before it in its paragraph that names a year ("Năm 2021, …"), if any. */
  yearContext?: { order: number; sentence: Sentence };
  terms: UnitTerms;
  /** The years it reports on: those it names, else those named before it in its paragraph, else the article's. */
  years: number[];
  /** The years it compares with ("tăng 111% so với năm 2019"): it answers a question about them with the comparison. */
  compared: number[];
  /** The article's first sentence, its dateline ("Ngày 23/12, … tổ chức …"): it says what happened, rarely the detail asked. */
  lead: boolean;
  /** It names the year it reports on itself. */
  namesYear: boolean;
  folded: string;
  /** Its article's title, folded, with spaces around it. */
  title: string;
}

/** What keeps a candidate from answering: the question's role, month, province, service, measured thing, year, time or day. */
export type Gate =
  'role' | 'month' | 'place' | 'service' | 'focus' | 'year' | 'time' | 'date' | 'deed' | 'list' | 'where' | 'phone' | 'document' | 'reason';
type Fit = 'ok' | 'related' | Gate;

/** A candidate a gate kept from answering, with the gate (reported by `lookup` for measuring the gates, and offered as a did-you-mean). */
export interface Rejection {
  id: string;
  kind: 'entry' | 'article';
  gate: Gate;
  confidence: number;
}

/** An entry or an article: what the engine's word counts are kept over (wordCounts.ts). */
type KnowledgeItem = EntryWithFile | Article;

/**
 * What an engine holds over every entry and article: the long part of a build, which pauses between pieces. The
 * word counts are kept by difference from the version before (an unchanged file keeps its objects from version
 * to version, knowledge/sourceFiles.ts), and they and the sentence index are saved with a version (SavedEngine).
 */
interface Prepared {
  entryTerms: Map<string, UnitTerms>;
  counted: Counted<KnowledgeItem>;
  sentenceIndex: SearchIndex;
  shortTypos: ShortWordTypos;
  confidence: ConfidenceScorer;
  entryIndex: SearchIndex;
}

/** What a start from what was built restores an engine from, without reading every article (knowledge/startSnapshot.ts). */
export interface SavedEngine {
  counts: WordCounts;
  sentenceIndex: SavedIndex;
  /** How each article sentence was read (documents.ts), so that no reload after the start reads it again. */
  readings: SavedReadings;
}

/**
 * An article's sentences as the engine reads them, their words for the confidence included: read when a lookup
 * first meets the article, and kept only for the articles met most recently (every article's would be most of the
 * memory of thousands of articles).
 */
const ARTICLES_KEPT = 1000;
const articlesRead = new BoundedCache<Article, SentenceInfo[]>(ARTICLES_KEPT, { order: 'use' });

/** Each article's folded title, kept with the article: a new engine would fold thousands in one step. */
const foldedTitles = new WeakMap<Article, string>();

function foldedTitleOf(article: Article): string {
  let title = foldedTitles.get(article);
  if (title === undefined) foldedTitles.set(article, (title = foldKey(article.title)));
  return title;
}

/**
 * A sentence's words with its article's title and dateline, the event it happened at, counted as its own: "tại hội
 * nghị …, ai trao giấy khen?" names the scene of the caption that says who did.
 */
function eventTerms(info: SentenceInfo): UnitTerms {
  const scene = sceneOf(info.article);
  const own = info.terms.main;
  return { main: { exact: new Set([...own.exact, ...scene.exact]), folded: new Set([...own.folded, ...scene.folded]) } };
}

/** An article's title and dateline (its first sentence): the event it reports, read once per article. */
function sceneOf(article: Article): TermSet {
  let scene = scenes.get(article);
  if (!scene) scenes.set(article, (scene = termSet(article.title, readingOrder(article)[0]?.[0]?.text ?? '')));
  return scene;
}
const scenes = new WeakMap<Article, TermSet>();

/**
 * Whether a sentence holds, only as syllables of other words, words of the question that the first sentence holds side by
 * side as asked ("phát triển … lao động" beside "đã phát động phong trào thi đua"): it matches as well, but says nothing asked.
 */
function holdsApart(other: SentenceInfo, first: SentenceInfo, askedPairs: readonly string[]): boolean {
  return askedPairs.some((pair) => {
    const [a, b] = pair.split(' ');
    return (
      first.folded.includes(` ${pair} `) &&
      !other.folded.includes(` ${pair} `) &&
      other.folded.includes(` ${a} `) &&
      other.folded.includes(` ${b} `)
    );
  });
}

/**
 * The question's own phrases (followUp.ownPhrases) two words by two, as they stand side by side, function words left out:
 * "phat dong", not "2021 buu" across a comma nor "cac don" of "các đơn vị".
 */
function phrasePairs(question: string): string[] {
  return ownPhrases(question).flatMap((phrase) => {
    const words = phrase.split(' ');
    return words.slice(1).flatMap((w, i) => (FOLDED_STOPWORDS.has(w) || FOLDED_STOPWORDS.has(words[i]!) ? [] : [`${words[i]} ${w}`]));
  });
}
const FOLDED_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS].map(foldDiacritics));

/**
 * A sentence's words with the years asked that it reports on without naming them ("Năm 2020, … Đối với chỉ tiêu chất
 * lượng, … khen thưởng cả 4 quý"): the year of its paragraph is its own, as its fit already reads it.
 */
function withYearsReported(info: SentenceInfo, asked: number[]): UnitTerms {
  const years = info.namesYear ? [] : asked.filter((y) => info.years.includes(y)).map(String);
  if (!years.length) return info.terms;
  const own = info.terms.main;
  return { ...info.terms, main: { exact: new Set([...own.exact, ...years]), folded: new Set([...own.folded, ...years]) } };
}

function infosOf(article: Article): SentenceInfo[] {
  return articlesRead.get(article, readArticle);
}

/** An article's sentences in the engine's order: its paragraphs, then its captions. */
function readingOrder(article: Article): Sentence[][] {
  return [...article.paragraphs, ...article.captions.map((c) => [c])];
}

function readArticle(article: Article): SentenceInfo[] {
  const infos: SentenceInfo[] = [];
  const articleYear = Number(article.date.slice(0, 4));
  const titleTerms = termSet(article.title);
  const foldedTitle = ` ${foldedTitleOf(article)} `;
  let order = 0;
  for (const paragraph of readingOrder(article)) {
    let context: number[] = [articleYear];
    let yearContext: SentenceInfo['yearContext'];
    paragraph.forEach((sentence, i) => {
      // A year named only as a comparison ("so với thực hiện năm 2019") is not what the sentence reports on.
      const named = yearsIn(sentence.text.replace(COMPARED_YEAR, ''));
      if (named.length) context = named;
      const text = searchable(sentence.text);
      const at = order++;
      const continues = CONTINUES.test(sentence.text) && paragraph[i - 1] !== undefined;
      infos.push({
        article,
        sentence,
        order: at,
        previous: paragraph[i - 1],
        ...(paragraph[i + 1] && DETAILS.test(paragraph[i + 1]!.text) ? { detailedBy: paragraph[i + 1] } : {}),
        yearContext,
        // Its referral to a number ("… hoặc gọi đường dây nóng 1900 54 54 81") says where to ask, not what it reports:
        // the hotline's own entry answers a question about that number.
        terms: {
          main: termSet(text.replace(REFERRAL, ' ')),
          extra: continues ? termSet(article.title, paragraph[i - 1]!.text) : titleTerms,
        },
        years: context,
        compared: [...sentence.text.matchAll(COMPARED_YEAR)].flatMap((m) => yearsIn(m[0])),
        namesYear: named.length > 0,
        folded: ` ${foldKey(text)} `,
        title: foldedTitle,
        lead: at === 0,
      });
      if (named.length) yearContext = { order: at, sentence };
    });
  }
  return infos;
}

function entryTermsOf(e: EntryWithFile): UnitTerms {
  // Its questions read as a citizen's are ("bắc kạn bây giờ thuộc tỉnh nào" holds no hour).
  return {
    main: termSet(e.title ?? '', ...e.questions.vi.map(withoutNow), ...(e.questions.en ?? [])),
    // A sentence that refers a topic to the hotline ("Về cước phí, … gọi 1900 54 54 81") says the entry does not hold it.
    extra: termSet(withoutReferrals(e.answer.vi), withoutReferrals(e.answer.en ?? '')),
  };
}

// "Về cước phí, Quý khách vui lòng gọi 1900 54 54 81.", "For prices please call 1900 54 54 81."
const REFERRAL_SENTENCE = /(?:^|(?<=[.;]\s))(?:Về|For) [^.;]*?\b(?:gọi|call) (?:1[89]00|0\d{2,3})(?:[\s.]?\d{2,4}){1,4}[.;]?/gu;

/** An entry's answer without the sentences that refer a topic to the hotline: what it says, not what it sends elsewhere. */
export function withoutReferrals(answer: string): string {
  return answer.replace(REFERRAL_SENTENCE, ' ');
}

/** What an entry (one unit) or an article (a unit per sentence) adds to the word counts. */
function contribution(item: KnowledgeItem): Contribution {
  if ('paragraphs' in item) {
    return {
      units: readArticle(item).map((s) => s.terms),
      texts: readingOrder(item).flatMap((p) => p.map((s) => loneYAsI(foldKey(s.text)).split(' '))),
    };
  }
  return {
    units: [entryTermsOf(item)],
    texts: [item.title ?? '', ...item.questions.vi, item.answer.vi].map((text) => loneYAsI(foldKey(text)).split(' ')),
  };
}

/** Every article sentence, in the order of the sentence index's documents. */
const sentencesOf = (articles: readonly Article[]): Sentence[] => articles.flatMap((article) => readingOrder(article).flat());

/** Every article sentence as a search document, its id the article's and its order. */
function* sentenceDocs(articles: readonly Article[]): Steps<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  for (const article of articles) {
    if (sliceDue()) yield;
    readingOrder(article)
      .flat()
      .forEach((sentence, at) =>
        docs.push({ id: `${article.id}${SEPARATOR}${at}`, title: article.title, text: searchable(sentence.text), source: sentence }),
      );
  }
  return docs;
}

/** The counts and the sentence index from what `base` counted (the version before, a saved version), else from nothing. */
function* prepare(kb: KnowledgeBase, base?: Counted<KnowledgeItem>): Steps<Prepared> {
  const items = [...kb.entries, ...kb.articles];
  const counts = yield* countWords(items, contribution, base);
  const sentenceIndex = yield* SearchIndex.steps(yield* sentenceDocs(kb.articles));
  return yield* completed(kb, { items, counts }, sentenceIndex);
}

/** What follows from the counts and the sentence index: the entries' terms and index, the typos and the confidence. */
function* completed(kb: KnowledgeBase, counted: Counted<KnowledgeItem>, sentenceIndex: SearchIndex): Steps<Prepared> {
  const { counts } = counted;
  const entryIndex = yield* SearchIndex.steps(
    kb.entries.flatMap((entry) =>
      [...entry.questions.vi, ...(entry.questions.en ?? [])].map((text, i) => ({
        id: `${entry.id}${SEPARATOR}${i}`,
        title: entry.title,
        text,
      })),
    ),
  );
  return {
    entryTerms: new Map(kb.entries.map((e) => [e.id, entryTermsOf(e)])),
    counted,
    sentenceIndex,
    shortTypos: yield* ShortWordTypos.counted({ words: counts.words, pairs: counts.pairs }),
    confidence: yield* ConfidenceScorer.counted(counts.units, counts.frequencies),
    entryIndex,
  };
}

export class AnswerEngine {
  private readonly abbreviations: AbbreviationExpander;
  private readonly english: EnglishQuery;
  private readonly entryIndex: SearchIndex;
  private readonly sentenceIndex: SearchIndex;
  private readonly entries: Map<string, EntryWithFile>;
  /** Articles by id (a sentence's search id is its article's and its order). */
  private readonly articleIds = new Map<string, Article>();
  /** The counts this engine's confidence and typos were made from, and the items they count: the next version's base. */
  private readonly counted: Counted<KnowledgeItem>;
  private readonly entryTerms: Map<string, UnitTerms>;
  private readonly entryText = new Map<string, string>();
  /** An entry's title, questions and answer as written, for the months and provinces it names. */
  private readonly entryRaw = new Map<string, string>();
  private readonly services: ServiceNames;
  private readonly measureText = new Map<string, string>();
  /** Each entry's words that its figures count, and its how-much questions: what a count asked of a thing needs. */
  private readonly countText = new Map<string, string>();
  /** Each entry's title and questions, folded: what it is about. */
  private readonly aboutText = new Map<string, string>();
  /** The years each entry states (its phone numbers' "1900" is no year). */
  private readonly entryYears = new Map<string, number[]>();
  /** Each entry's title and questions, one unit each, read on first use (tie-breaks). */
  private readonly variantTerms = new Map<string, UnitTerms[]>();
  private readonly confidence: ConfidenceScorer;
  private readonly shortTypos: ShortWordTypos;
  private readonly lookups = new BoundedCache<string, Lookup>(MAX_CACHED_LOOKUPS);
  /** Articles by their folded title (the first, if two share one). */
  private readonly titles = new Map<string, Article>();

  /** `prepared` is what AnswerEngine.steps prepared for this kb; without it the engine is built now. */
  constructor(
    readonly kb: KnowledgeBase,
    prepared: Prepared = runNow(prepare(kb)),
  ) {
    this.abbreviations = new AbbreviationExpander(kb.abbreviations);
    this.english = new EnglishQuery(kb.lexicon ?? {});
    for (const article of [...kb.articles].reverse()) this.titles.set(foldedTitleOf(article), article);
    for (const article of kb.articles) this.articleIds.set(article.id, article);
    this.entries = new Map(kb.entries.map((e) => [e.id, e]));
    this.services = new ServiceNames(kb.entries);
    ({
      entryTerms: this.entryTerms,
      counted: this.counted,
      sentenceIndex: this.sentenceIndex,
      shortTypos: this.shortTypos,
      confidence: this.confidence,
      entryIndex: this.entryIndex,
    } = prepared);
    for (const e of kb.entries) {
      this.entryRaw.set(e.id, [e.title ?? '', ...e.questions.vi, e.answer.vi].join(' . '));
      this.entryText.set(e.id, ` ${foldKey(this.entryRaw.get(e.id)!)} `);
      this.aboutText.set(e.id, ` ${foldKey([e.title ?? '', ...e.questions.vi].join(' . '))} `);
      this.entryYears.set(e.id, yearsIn(this.entryRaw.get(e.id)!.replace(PHONE_NUMBERS, ' ')));
      // What an entry measures: its how-much questions, and the clauses of its answer that give a figure
      // ("nặng tối đa 30 kg"); "Nhân viên bưu điện kiểm tra giấy tờ" counts no staff.
      const figures = answerClauses(e.answer.vi).filter(statesFigure);
      const howMuch = e.questions.vi.filter((q) => questionFrame(q).type === 'howMuch');
      this.measureText.set(e.id, ` ${foldKey([...figures, ...howMuch].join(' . '))} `);
      // What its figures count: the words right after each number ("3.321 bưu điện xã", "06 tập thể"); "người hưởng từ 80
      // tuổi" counts years, not people.
      this.countText.set(e.id, ` ${[...figures.flatMap(countedAfterNumbers), ...howMuch.map(foldKey)].join(' . ')} `);
    }
  }

  /**
   * The same engine as the constructor's, built in pieces that can be run in slices (src/slices.ts). With `from`
   * (the engine of the version before, or what a saved version holds: basis()), only the entries and articles
   * that changed since are counted.
   */
  static *steps(kb: KnowledgeBase, from?: Counted<KnowledgeItem>): Steps<AnswerEngine> {
    const prepared = yield* prepare(kb, from);
    yield;
    return new AnswerEngine(kb, prepared);
  }

  /** What this engine counted, for the engine of a later version (steps). */
  get basis(): Counted<KnowledgeItem> {
    return this.counted;
  }

  /** What a start from what was built needs to restore this engine (restore). */
  saved(): SavedEngine {
    return {
      counts: this.counted.counts,
      sentenceIndex: this.sentenceIndex.saved(),
      readings: savedReadings(sentencesOf(this.kb.articles)),
    };
  }

  /** The engine of `kb` from what its engine saved: nothing is counted or indexed again. */
  static restore(kb: KnowledgeBase, saved: SavedEngine): AnswerEngine {
    return new AnswerEngine(kb, runNow(completed(kb, AnswerEngine.savedBasis(kb, saved), SearchIndex.restore(saved.sentenceIndex))));
  }

  /** What the engine saved with `kb` counted, for the engine of a later version (steps). */
  static savedBasis(kb: KnowledgeBase, saved: SavedEngine): Counted<KnowledgeItem> {
    restoreReadings(sentencesOf(kb.articles), saved.readings);
    return { items: [...kb.entries, ...kb.articles], counts: saved.counts };
  }

  /** An article sentence by its search id. */
  private sentence(id: string): SentenceInfo {
    const at = id.indexOf(SEPARATOR);
    return infosOf(this.articleIds.get(id.slice(0, at))!)[Number(id.slice(at + 1))]!;
  }

  /**
   * The terms of each reading of a question (as typed, translated) for the confidence: without what only asks,
   * without the provinces it names, the own province light.
   */
  private readingsOf(queries: string[], asking: RegExp): QueryTerm[][] {
    return queries.map((query) => scopeLight(query, this.prepareQuery(withoutProvinces(query.replace(asking, ' ')))));
  }

  /**
   * The terms of an English question's words the lexicon did not read (EnglishQuery.untranslated) that the
   * knowledge's texts hold, scored beside its translation: "seal" and "documents" are in the dossier entry's English
   * answer, so "seal my documents" is not answered with registered mail for its "documents". One no text holds is
   * left out: an English question says more words than any text could hold. Half their weight was tried: it left
   * most of those wrong answers wrong (docs/answers.md).
   */
  private unreadTerms(question: string): QueryTerm[] {
    return this.prepareQuery(this.english.untranslated(question)).filter((t) => !t.unknown);
  }

  /** A question's terms for the confidence, its typos read in context (ConfidenceScorer.prepare). */
  private prepareQuery(question: string): QueryTerm[] {
    return this.confidence.prepare(question, this.shortTypos);
  }

  /** The weight of a word the knowledge base never uses (the rarest), to compare a missed word's with. */
  get rarestWeight(): number {
    return this.confidence.rarest;
  }

  entry(id: string): EntryWithFile | undefined {
    return this.entries.get(id);
  }

  /**
   * The question with abbreviations and chat shorthand written out, and, typed without diacritics, a
   * one-letter typo in a short word corrected where its context leaves one reading ("luong hu" → "luong huu").
   */
  expand(text: string): string {
    // Telex typed with the input method off ("buwu ddieenj") is read as the Vietnamese it stands for, and words
    // typed without the space between them ("mìnhcó") apart; numbers said in words ("bảy mươi tuổi") in digits, and an age
    // in shorthand ("83t") in full.
    const english = this.english.isEnglish(text);
    const typed = english ? englishWrittenOut(text) : writeAges(writeNumbers(unglue(decodeTelex(text))));
    const written = this.abbreviations.expand(writeWeights(typed));
    const expanded = english ? written : this.english.loanwordsRead(written);
    if (hasDiacritics(expanded)) return expanded;
    const words = (expanded.match(WORD) ?? []).map((w) => w.toLowerCase());
    const corrected = this.shortTypos.correct(words);
    let i = 0;
    return expanded.replace(WORD, (w) => (corrected[i] !== words[i++] ? corrected[i - 1]! : w));
  }

  /** The answer to a question. A hotline hears the same questions over and over, and this version's answers never change: they are kept. */
  lookup(question: string, now = new Date()): Lookup {
    // The year is part of the key: "năm nay" means another year after New Year's Eve.
    const key = `${localTime(now).date.slice(0, 4)} ${normalizeVietnamese(question).toLowerCase().trim()}`;
    return this.lookups.get(key, () => this.search(question, now));
  }

  /**
   * The search engine ranks the candidates; each is scored for confidence against the whole entry (all its
   * question variants, its answer at half weight) or the sentence, and checked against what the question
   * asks (its type and constraints). The most certain candidate that fits wins; one that fits all but the
   * year is only named as a neighbouring fact.
   */
  private search(typed: string, now: Date): Lookup {
    const question = withoutContrast(typed);
    // A question that cites an article the knowledge holds ("trong bài về hội nghị kế hoạch 2021, người trao giấy khen
    // là ai?") is the question asked of it: the citation's words are in no sentence that answers.
    const cited = articleCited(question);
    // An entry is not what an article says: a question cited of one that finds an entry finds nothing it asked ("Bài viết
    // về … kế hoạch 2021 nói hội nghị họp hôm nào?" got the merger, whose "Quốc hội … Nghị quyết" hold "hội nghị" apart).
    if (cited && this.describesAnArticle(cited.about)) {
      const found = this.search(cited.question, now);
      if (found.best === undefined || found.best.kind === 'article') return found;
      return foundNothing(found);
    }
    const english = this.english.isEnglish(question);
    const expanded = withoutNow(searchable(this.expand(question)));
    const vietnamese = english ? aboutSomething(this.english.toVietnamese(question)) : '';
    const read = english ? mergeFrames(questionFrame(vietnamese, now), questionFrame(question, now)) : questionFrame(expanded, now);
    // The part of the year ("hội nghị cuối năm 2020") narrows nothing a text dates by its day; a yes/no question keeps it:
    // it is the claim checked ("có hiệu lực từ đầu năm 2025 phải không?").
    const queries = [read.type === 'yesNo' ? expanded : expanded.replace(PART_OF_YEAR, ' '), ...(vietnamese ? [vietnamese] : [])];
    const asked = vietnamese || expanded;
    // An English question's places are read as typed: whose place it is ("a job in Binh Duong") is lost in translation.
    const places = foreignPlaces(english ? question : asked);
    // A word of the deed the knowledge never uses (a typo too short to correct: "giấy kehn") cannot be required.
    const deed = read.deed?.filter((w) => this.prepareQuery(w).some((t) => !t.unknown));
    // A kind of services no entry is about narrows nothing.
    const { servicesOfKind, branchNamed, ...rest } = read;
    // Of a branch named, the words some entry is about; none narrows nothing ("bên xã bảo …" names no branch).
    const branch = branchNamed?.find((b) => this.aboutSome(b));
    const frame: QuestionFrame = {
      ...rest,
      ...(servicesOfKind && this.aboutSome(servicesOfKind) ? { servicesOfKind } : {}),
      ...(branch ? { branchNamed: [branch] } : {}),
      deed,
      places,
      abroad: asksAbroad(asked),
      services: this.services.named(asked),
    };
    const asking = frame.listOf ? QUESTION_PHRASES_OF_A_LIST : QUESTION_PHRASES;
    // A candidate naming the other province asked about must still answer the rest of the question
    // ("Thái Nguyên" in the merger entry does not make it the answer to "doanh thu bưu điện Thái Nguyên").
    const withoutPlaces = places.length
      ? this.prepareQuery(
          places.reduce((q, p) => q.replace(new RegExp(`\\b${p}\\b`, 'gu'), ' '), foldKey(asked)).replace(/\bbao nhieu\b/gu, ' '),
        )
      : undefined;
    const placeFit = (fit: Fit, terms: UnitTerms): Fit =>
      fit === 'ok' && withoutPlaces && this.confidence.score(withoutPlaces, terms) < ANSWER_THRESHOLD ? 'place' : fit;

    const foldedAsked = foldKey(asked);
    // The years asked for their figures: not one named only to compare with ("năm 2018 … để so với năm 2020").
    const comparedWith = new Set([...asked.matchAll(COMPARED_YEAR)].flatMap((m) => yearsIn(m[0])));
    const yearsOfData = frame.years.filter((y) => !comparedWith.has(y));
    // Of sentences that hold the question's words alike, one that holds them side by side as asked comes first ("phát động"
    // before "phát triển … lao động").
    const askedPairs = phrasePairs(asked);
    const pairsHeld = (info: SentenceInfo): number => askedPairs.filter((p) => info.folded.includes(` ${p} `)).length;
    const entryScores = new Map<string, number>();
    const sentenceScores = new Map<string, number>();
    const readings = this.readingsOf(queries, asking);
    if (vietnamese) readings[1] = [...readings[1]!, ...this.unreadTerms(question)];
    for (const [q, query] of queries.entries()) {
      const prepared = readings[q]!;
      for (const hit of bestPerEntry(this.entryIndex.search(query, { limit: 30 })).slice(0, ENTRY_CANDIDATES)) {
        const id = entryId(hit.id);
        entryScores.set(id, Math.max(entryScores.get(id) ?? 0, this.confidence.score(prepared, this.entryTerms.get(id)!)));
      }
      const sentenceIds = this.sentenceIndex.search(query, { limit: SENTENCE_CANDIDATES }).map((h) => h.id);
      // A question about a day looks at every sentence naming that day, wherever the search ranked it.
      if (frame.dates.length)
        for (const article of this.kb.articles) {
          readingOrder(article)
            .flat()
            .forEach((sentence, at) => {
              if (frame.dates.some((d) => onTheDay(frame, { article, sentence }, d))) sentenceIds.push(`${article.id}${SEPARATOR}${at}`);
            });
        }
      for (const id of sentenceIds) {
        const info = this.sentence(id);
        let score = this.confidence.score(prepared, withYearsReported(info, yearsOfData));
        // Who did the deed asked, at the event the article reports ("ai trao giấy khen tại hội nghị …?"): the
        // sentence that names someone doing it is read with the dateline that names the event.
        if (frame.deed?.length && holdsDeed(frame.deed, info) && NAMES_SOMEONE.test(info.sentence.text))
          score = Math.max(score, this.confidence.score(prepared, eventTerms(info)));
        if (info.lead) score *= LEAD_WEIGHT;
        if (frame.dates.some((d) => onTheDay(frame, info, d))) score += (1 - score) / 2;
        sentenceScores.set(id, Math.max(sentenceScores.get(id) ?? 0, score));
      }
    }
    // Two entries that hold the question's words alike: one with a question (or title) that holds them all
    // together comes first ("mang lương hưu đến nhà": home delivery, not the schedule's "mang" and "người nhà"). The
    // bot's own province names no topic ("… in Bac Kan; can his pension be brought to his house?").
    const tied = (id: string): boolean => [...entryScores].some(([other, c]) => other !== id && c === entryScores.get(id));
    const entries = [...entryScores]
      .map(([id, confidence]) => ({
        entry: this.entries.get(id)!,
        confidence,
        together: tied(id) && readings.some((prepared) => this.variantScore(withoutOwnProvince(prepared), id) === 1) ? 1 : 0,
        fit: placeFit(this.entryFit(frame, id), this.entryTerms.get(id)!),
      }))
      .sort((a, b) => b.confidence - a.confidence || b.together - a.together);
    const sentences = [...sentenceScores]
      .map(([id, confidence]) => {
        const info = this.sentence(id);
        return { id, info, confidence, fit: placeFit(sentenceFit(frame, info, foldedAsked), info.terms) };
      })
      .sort((a, b) => b.confidence - a.confidence || pairsHeld(b.info) - pairsHeld(a.info) || a.info.order - b.info.order);

    const topEntry = entries.find((e) => e.fit === 'ok');
    const fitting = sentences.filter((s) => s.fit === 'ok');
    const [topSentence] = fitting;
    let best: Match | undefined;
    let bestTerms: UnitTerms | undefined;
    // Service entries are written to be answers; an article sentence must be clearly more certain to win.
    // A question about a day is answered by the notice naming that day, before any timeless entry.
    const aboutTheDay = frame.dates.length > 0 && topSentence !== undefined && topSentence.confidence >= ANSWER_THRESHOLD;
    if (topSentence && (!topEntry || aboutTheDay || topSentence.confidence > topEntry.confidence + 0.1)) {
      const chosen = this.answerSentences(this.withArticleBody(fitting, vietnamese || question, frame), frame, asked, askedPairs);
      const polarity =
        frame.type === 'yesNo' && claimHolds(frame, topSentence.info.sentence.text)
          ? openingPolarity(question, topSentence.info.sentence.text)
          : undefined;
      best = {
        kind: 'article',
        article: topSentence.info.article,
        sentences: chosen,
        confidence: topSentence.confidence,
        ...(polarity ? { polarity } : {}),
      };
      bestTerms = topSentence.info.terms;
    } else if (topEntry) {
      const polarity =
        frame.type === 'yesNo' && !topEntry.entry.unconfirmed && claimHolds(frame, this.entryRaw.get(topEntry.entry.id)!)
          ? entryPolarity(vietnamese || expanded, topEntry.entry.answer.vi)
          : undefined;
      const unconfirmed = topEntry.entry.unconfirmed || asksUnconfirmedPart(vietnamese || expanded, topEntry.entry.answer.vi);
      best = {
        kind: 'entry',
        entry: topEntry.entry,
        confidence: topEntry.confidence,
        ...(polarity && !unconfirmed ? { polarity } : {}),
        ...(unconfirmed ? { unconfirmed } : {}),
      };
      bestTerms = this.entryTerms.get(topEntry.entry.id);
    }
    const confidence = best?.confidence ?? 0;
    const missing = bestTerms ? this.missing(readings, bestTerms) : [];
    let band: Lookup['band'] = confidence >= ANSWER_THRESHOLD ? 'answer' : confidence >= CLARIFY_THRESHOLD ? 'clarify' : 'none';
    // Unsure, and the question names something the knowledge never speaks of (a word long enough that a typo
    // of a known one would have been read as that one: "tuyển nhân viên"): no entry is what was meant.
    // So is an answer only barely sure (below BARELY_SURE) that misses such a word: "làm hộ chiếu" is not parcel post.
    // Read through the lexicon, such a word is no typo however short: the lexicon names a thing the knowledge never speaks
    // of ("borrow": "vay").
    const namesUnknown = missing.some((t) => t.unknown && (english || foldDiacritics(t.term).length >= MIN_TYPO_LENGTH));
    if (namesUnknown && (band === 'clarify' || (band === 'answer' && confidence < BARELY_SURE))) band = 'none';
    // A question about someone it names ("ông Đinh Như Hạnh quê ở đâu?") whose other words the answer holds none of, one of
    // them a word the knowledge never uses, asks what the knowledge does not say of them: only the name found the text.
    if (band === 'answer' && onlyTheNameHeld(question, readings[0]!, missing)) band = 'none';
    let suggestions =
      band === 'clarify'
        ? entries
            .filter((e) => e.fit === 'ok' && e.confidence >= CLARIFY_THRESHOLD)
            .slice(0, 3)
            .map((e) => e.entry)
        : [];
    // An entry that matches the words well but names another service, month, role or measured thing than
    // the one asked is offered as a did-you-mean rather than nothing at all (never as the answer). A measured thing
    // is left out (an entry rarely names what is not counted, "bao nhiêu nhân viên"). Another
    // province is left out: its post office is not this one's; another year has its neighbouring-fact reply.
    const nearMiss = entries.find((e) => DID_YOU_MEAN_GATES.has(e.fit) && e.confidence >= DID_YOU_MEAN_THRESHOLD);
    if (band !== 'answer' && suggestions.length === 0 && nearMiss) {
      band = 'clarify';
      suggestions = [nearMiss.entry];
    }
    // A did-you-mean that offers the best entry first is said as its answer when the offer could only lead there:
    if (band === 'clarify' && best?.kind === 'entry' && suggestions[0] === best.entry) {
      const offered = best.entry;
      const title = ` ${foldKey(offered.title ?? '')} `;
      // every option a fact not yet confirmed ("mở cửa lúc mấy giờ?": the office's hours, the hotline's), each
      // leading to "not confirmed, call the hotline" a tap later;
      const allUnconfirmed = best.unconfirmed === true && suggestions.every((e) => e === offered || e.unconfirmed);
      // or the one option the entry titled with the brand the question names ("Postmart là trang gì vậy?").
      const brandAsked =
        suggestions.length === 1 && (frame.services ?? []).some((s) => this.services.isBrand(s) && title.includes(` ${s} `));
      // or the one option, when no word of the question it lacks points elsewhere: held by another entry or an
      // article sentence that itself answers the question in part ("chiều dài cộng với chu vi của gói hàng không được
      // vượt quá mức nào vậy": parcel post; "một" in "một cạnh dài 2 mét" is held by entries the question is not about).
      // A word the knowledge never uses counts as a typo only in a message typed with diacritics ("mả vận đơn mẫuu");
      // typed without, it may be a word of its own ("ket hon": marriage).
      const typedWithDiacritics = hasDiacritics(question);
      const elsewhere =
        suggestions.length === 1 && missing.some((t) => !t.unknown) ? this.answeringInPart(offered.id, readings, confidence, frame) : [];
      const nothingElsewhere =
        suggestions.length === 1 &&
        missing.every((t) =>
          t.unknown ? typedWithDiacritics : !elsewhere.some((terms) => this.confidence.missing([t], terms).length === 0),
        );
      if (allUnconfirmed || brandAsked || nothingElsewhere || this.clauseAsksFor(question, offered, now)) band = 'answer';
    }
    // Two entries nearly as sure, each holding a rare word of the question the other misses ("bưu phẩm bảo
    // đảm … theo dõi hành trình": registered mail or tracking?): which one is meant is asked, not guessed.
    // Not when the best is the honest "not confirmed, call 1900 54 54 81" of what is asked: a choice would lead there or to a
    // text that fits the question less ("bưu điện xã mới địa chỉ ở đâu?": the addresses, or the merger).
    const rival = best?.kind === 'entry' && !best.unconfirmed ? entries.find((e) => e.fit === 'ok' && e.entry !== best.entry) : undefined;
    if (band === 'answer' && rival && bestTerms && rival.confidence >= ANSWER_THRESHOLD) {
      const rivalTerms = this.entryTerms.get(rival.entry.id)!;
      const rare = (t: QueryTerm): boolean => t.weight >= RARE_SHARE * this.confidence.rarest;
      const rivalMisses = this.missing(readings, rivalTerms);
      const heldBy = (t: QueryTerm, misses: QueryTerm[]): boolean => !misses.some((m) => m.term === t.term);
      // Further behind, the rival still counts when the word the best misses is one of the rarest ("thư": a letter
      // with a number to follow it is registered mail, though the tracking entry holds more of the question).
      const near = rival.confidence >= confidence - RIVAL_MARGIN;
      const lacks = (t: QueryTerm): boolean => (near ? rare(t) : t.weight >= RAREST_SHARE * this.confidence.rarest);
      const bestLacks = missing.some((t) => lacks(t) && heldBy(t, rivalMisses));
      const rivalLacks = rivalMisses.some((t) => rare(t) && heldBy(t, missing));
      if (bestLacks && rivalLacks) {
        band = 'clarify';
        suggestions = [topEntry!.entry, rival.entry];
      }
    }
    // Nor is one offered for a question typed with tone marks that holds a word the knowledge never uses, even folded,
    // typed plainly ("gửi nước hoa …", "mua tem …", "… xong thì …"): a word of its own, not a slip of a known one, so the
    // entry the other words find is not what was asked.
    if (band === 'clarify' && hasDiacritics(question) && missing.some((t) => t.unknown && !hasDiacritics(t.term) && t.term.length >= 3))
      band = 'none';
    const neighbour = this.neighbour(sentences, band === 'answer' ? bestTerms : undefined, vietnamese || expanded);
    // Whether it still holds ("ông … bây giờ còn làm ở Tổng công ty không?", "is he still …?") an article of years ago cannot
    // say: what it said then is told, with the hotline, never as today's answer.
    const then =
      band === 'answer' && best?.kind === 'article' && asksIfStill(question, frame) && beforeLastYear(best.article.date, now)
        ? best
        : undefined;
    const related: Related | undefined = then
      ? { match: then, asked: [], stated: [], figure: false, now: true }
      : neighbour && {
          match: {
            kind: 'article',
            article: neighbour.info.article,
            sentences: this.answerSentences([neighbour], frame),
            confidence: neighbour.confidence,
          },
          asked: frame.years,
          stated: neighbour.info.years,
          figure: frame.type === 'howMuch',
        };
    const rejections: Rejection[] = [
      ...entries.flatMap(({ entry, confidence, fit }) =>
        isGate(fit) ? [{ id: entry.id, kind: 'entry' as const, gate: fit, confidence }] : [],
      ),
      ...sentences.flatMap(({ info, confidence, fit }) =>
        isGate(fit) ? [{ id: info.article.id, kind: 'article' as const, gate: fit, confidence }] : [],
      ),
    ].sort((a, b) => b.confidence - a.confidence);
    // Its province counts in full here ("Is Bac Kan still a province?" names one); an English question's own words
    // are read through the lexicon only, since those it did not read would weigh as unknown.
    const weight = Math.max(
      0,
      ...(vietnamese ? [vietnamese] : queries)
        .map((q) => this.prepareQuery(q.replace(asking, ' ')))
        .concat(vietnamese ? [this.unreadTerms(question)] : [])
        .map((terms) => terms.reduce((sum, t) => sum + t.weight, 0)),
    );
    return {
      missing,
      // Where the post office is asked about its place, that place is the topic ("bưu điện ở đâu?").
      namesNoTopic: weight < this.confidence.rarest / 2 && frame.type !== 'where',
      band: related ? 'none' : band,
      best: related ? undefined : best,
      suggestions: related ? [] : suggestions,
      related,
      frame,
      english,
      rejections,
    };
  }

  /** Whether some article is the one described ("về hội nghị kế hoạch 2021", "cuối năm 2020"): its years and its words. */
  private describesAnArticle(about: string): boolean {
    const years = yearsIn(about);
    // Described in English ("about the … year-end meeting"), it is read through the lexicon.
    const said = this.english.isEnglish(about) ? this.english.toVietnamese(about) : about;
    const words = this.prepareQuery(said.replace(/\b(?:19|20)\d\d\b/gu, ' ')).filter((t) => !t.unknown);
    return this.kb.articles.some((article) => {
      const stated = new Set([Number(article.date.slice(0, 4)), ...yearsIn(article.title)]);
      const described = words.length === 0 || this.confidence.score(words, { main: sceneOf(article) }) >= CLARIFY_THRESHOLD;
      return described && years.every((y) => stated.has(y));
    });
  }

  /**
   * The units other than the entry given (other entries, article sentences) that answer the question at least in part
   * (ELSEWHERE_SHARE): a word one of them holds points there. Another entry must also come near the offered one's own
   * confidence (ELSEWHERE_ENTRY_SHARE of it): entries are short, so one sharing "bưu điện" and "số" with "tôi cần gọi
   * trực tiếp, tổng đài bưu điện là số nào?" reaches 0.3 without being what "cần" points to. An entry a gate kept from
   * answering the question (another measured thing, service or place) is not where a word of it points.
   */
  private answeringInPart(id: string, readings: QueryTerm[][], offeredConfidence: number, frame: QuestionFrame): UnitTerms[] {
    const sure =
      (share: number) =>
      (terms: UnitTerms): boolean =>
        readings.some((prepared) => this.confidence.score(prepared, terms) >= share);
    const entryShare = Math.max(ELSEWHERE_SHARE, ELSEWHERE_ENTRY_SHARE * offeredConfidence);
    return [
      ...[...this.entryTerms]
        .flatMap(([other, terms]) => (other !== id && this.entryFit(frame, other) === 'ok' ? [terms] : []))
        .filter(sure(entryShare)),
      ...this.kb.articles.flatMap((article) => infosOf(article).map((info) => info.terms)).filter(sure(ELSEWHERE_SHARE)),
    ];
  }

  /**
   * Whether a clause of the message, read alone, is answered by the entry offered ("tôi cần gọi trực tiếp, tổng đài bưu
   * điện là số nào?", "1 kien hang max dc bn kg z ad, shop e gui do gia dung"): the other clauses say why or for whom, and
   * their words need not be the entry's. A message of many clauses is not read clause by clause (a bounded cost).
   */
  private clauseAsksFor(question: string, offered: EntryWithFile, now: Date): boolean {
    const clauses = commaClauses(question);
    if (clauses.length < 2 || clauses.length > MAX_CLAUSES) return false;
    return clauses.some((clause) => {
      if (clause.split(/\s+/u).length < CLAUSE_WORDS) return false;
      const alone = this.lookup(clause, now);
      return alone.band === 'answer' && alone.best?.kind === 'entry' && alone.best.entry === offered;
    });
  }

  /** How well the entry's best single question (or title) holds the question's words (1: one holds them all). */
  private variantScore(prepared: QueryTerm[], id: string): number {
    let variants = this.variantTerms.get(id);
    if (!variants) {
      const e = this.entries.get(id)!;
      variants = [e.title ?? '', ...e.questions.vi.map(withoutNow), ...(e.questions.en ?? [])].map((text) => ({ main: termSet(text) }));
      this.variantTerms.set(id, variants);
    }
    return Math.max(0, ...variants.map((terms) => this.confidence.score(prepared, terms)));
  }

  /** How many content words of an English question an entry's English texts write, and side by side (an article has none). */
  englishWordsHeld(question: string, match: Match): { words: number; pairs: number } {
    if (match.kind !== 'entry') return { words: 0, pairs: 0 };
    const { questions, answer } = match.entry;
    return this.english.wordsHeld(question, [...(questions.en ?? []), answer.en ?? ''].join(' '));
  }

  /** Whether the question is English, read through the lexicon. */
  isEnglish(question: string): boolean {
    return this.english.isEnglish(question);
  }

  /**
   * The question's words (of its reading, as typed or translated, that the match holds best) that the match
   * does not hold: whether an answer says what a follow-up asks, in English as in Vietnamese.
   */
  unheld(question: string, match: Match): QueryTerm[] {
    const english = this.english.isEnglish(question);
    const queries = [searchable(this.expand(question)), ...(english ? [this.english.toVietnamese(question)] : [])];
    const readings = this.readingsOf(queries, QUESTION_PHRASES);
    const units =
      match.kind === 'entry'
        ? [this.entryTerms.get(match.entry.id)!]
        : infosOf(match.article)
            .filter((i) => match.sentences.includes(i.sentence))
            .map((i) => i.terms);
    const missed = units.map((terms) => this.missing(readings, terms));
    return missed.reduce((common, next) => common.filter((t) => next.some((m) => m.term === t.term)), missed[0] ?? []);
  }

  /** The words the unit does not hold, of the question's reading (as typed, or translated) it matches best. */
  private missing(readings: QueryTerm[][], terms: UnitTerms): QueryTerm[] {
    const [best] = readings
      .map((prepared) => ({ prepared, score: this.confidence.score(prepared, terms) }))
      .sort((a, b) => b.score - a.score);
    return best ? this.confidence.missing(best.prepared, terms) : [];
  }

  /**
   * A sentence that fits all but the year, when it is on the topic asked (it still matches with the years
   * taken out) and no answer was found, or it matches the rest of the question clearly better than the
   * answer found (whose terms are given): then the year asked is missing, and that is said.
   */
  private neighbour<S extends { info: SentenceInfo; confidence: number; fit: Fit }>(
    sentences: S[],
    answerTerms: UnitTerms | undefined,
    query: string,
  ): S | undefined {
    const candidate = sentences.find((s) => s.fit === 'related' && s.confidence >= ANSWER_THRESHOLD);
    if (!candidate) return undefined;
    const withoutYears = this.prepareQuery(query.replace(/\b(?:năm\s+)?(?:19|20)\d\d\b/giu, ' ').replace(QUESTION_PHRASES, ' '));
    const score = this.confidence.score(withoutYears, candidate.info.terms);
    if (score < ANSWER_THRESHOLD) return undefined;
    return !answerTerms || score > this.confidence.score(withoutYears, answerTerms) + NEIGHBOUR_MARGIN ? candidate : undefined;
  }

  /**
   * When the dateline ranks first, the other sentences of its article are scored too, so that the body
   * sentence with the detail comes with it even when the search ranked other articles above it.
   */
  private withArticleBody(
    ranked: Array<{ info: SentenceInfo; confidence: number; fit: Fit }>,
    question: string,
    frame: QuestionFrame,
  ): Array<{ info: SentenceInfo; confidence: number }> {
    const [first] = ranked;
    if (!first?.info.lead) return ranked;
    const prepared = this.prepareQuery(searchable(this.expand(question)).replace(QUESTION_PHRASES, ' '));
    const asked = foldKey(question);
    const body = infosOf(first.info.article)
      .filter((s) => !s.lead && sentenceFit(frame, s, asked) === 'ok')
      .map((info) => ({ info, confidence: this.confidence.score(prepared, info.terms) }))
      .sort((a, b) => b.confidence - a.confidence);
    return [first, ...body];
  }

  /**
   * Whether an entry can answer: it must name the role asked about, what a how-much question measures, the
   * month, the other province and the services asked about.
   */
  private entryFit(frame: QuestionFrame, id: string): Fit {
    const text = this.entryText.get(id)!;
    if (frame.role && !namesRole(text, frame.role)) return 'role';
    const scope = outOfScope(frame, text, this.entryRaw.get(id)!);
    if (scope) return scope;
    // The thing counted, read after the question word ("bao nhiêu người"), must be what a figure counts.
    if (frame.focus && !holdsFocus(this.measureText.get(id)!, frame)) return 'focus';
    if (frame.focus && !frame.focusOneOf && !countsFocus(this.countText.get(id)!, frame)) return 'focus';
    // A list asked ("những loại dịch vụ nào") is answered by an entry about that kind of thing, not another list.
    if (frame.listOf && !listsKind(this.entries.get(id)!.answer.vi, frame.listOf.replace(/^(?:loai|nhom) /u, ''))) return 'list';
    // Services of one kind asked ("những dịch vụ tài chính nào") are listed by the entry about that kind, not by an overview
    // that names the kind among others.
    const kind = frame.listOf === 'dich vu' ? frame.servicesOfKind : undefined;
    if (kind && !this.isAbout(id, kind)) return 'list';
    // So is a branch named ("mảng bán lẻ có gì", "bên tài chính gồm những gì"): by the entry about it.
    if (frame.branchNamed && !this.isAbout(id, frame.branchNamed[0]!)) return 'list';
    // A number to call asked is answered by a text that gives one, not by what the office is ("số của bưu cục Chợ Mới").
    if (frame.phone && !PHONE_NUMBER.test(this.entryRaw.get(id)!)) return 'phone';
    // The number of one office named ("số điện thoại bưu điện Chợ Mới") is not a general one (the hotline), nor is
    // someone else's ("số điện thoại công an phường").
    if (frame.phone && !holdsOwners(text, frame)) return 'phone';
    // Where one office named is ("bưu điện Chợ Mới ở đâu?"), or the post office itself ("bưu điện Bắc Kạn ở đâu?"): an answer
    // that says no place for it cannot say (the hotline), unless it is the honest "not confirmed" about addresses.
    if (
      frame.type === 'where' &&
      (frame.office || frame.officePlace) &&
      !this.entries.get(id)!.unconfirmed &&
      !PLACE_EXPRESSION.test(this.entries.get(id)!.answer.vi)
    )
      return 'where';
    // When asked ("từ bao giờ?"), as of an article's sentence: an entry that names no time cannot say, unless it
    // is the honest "not confirmed" about that very thing (the opening hours).
    if (frame.type === 'when' && !this.entries.get(id)!.unconfirmed && !TIME_EXPRESSION.test(this.entryRaw.get(id)!)) return 'time';
    // The document a rule stands on, asked: a text that cites none cannot say.
    if (frame.document && !DOCUMENT_CITED.test(this.entryRaw.get(id)!)) return 'document';
    // Whether something costs, asked ("tra cứu có mất tiền không", "is it free to call?"): a text that names no fee cannot say.
    if (frame.cost && !COST_WRITTEN.test(this.entryRaw.get(id)!)) return 'focus';
    // How long it takes, asked ("mất bao lâu", "how long does it take"): a text that states no span of time cannot say,
    // unless it is the honest "not confirmed" about that very thing (EMS delivery times).
    if (frame.duration && !this.entries.get(id)!.unconfirmed && !DURATION_STATED.test(this.entryRaw.get(id)!)) return 'time';
    if (frame.reason && !REASON_GIVEN.test(this.entries.get(id)!.answer.vi)) return 'reason';
    // A time of day asked ("giờ đóng cửa"): a date ("từ ngày 1/9/2025") does not say it.
    if (frame.hours && !this.entries.get(id)!.unconfirmed && !CLOCK_TIME.test(this.entryRaw.get(id)!)) return 'time';
    // A how-much question about a year asks for a dated figure, which a timeless entry does not give.
    if (frame.type === 'howMuch' && frame.years.length && !frame.years.some((y) => text.includes(` ${y} `))) return 'year';
    // So does what was done or planned in a year written out ("2021 bưu điện tỉnh định làm những gì", "ai được khen năm 2020"):
    // a timeless entry, which names no year, does not tell it ("năm nay", "năm sau" may ask of what holds every year).
    if ((frame.type === 'list' || frame.type === 'what' || frame.type === 'who') && frame.yearWritten && !this.entryYears.get(id)!.length)
      return 'year';
    // What happened in a year before any the entry states ("hội nghị năm 2020 bàn việc gì") is not what it tells of later
    // (the 2025 merger); a yes/no question may still be answered by it ("năm 2024 còn bưu điện huyện không?").
    const stated = this.entryYears.get(id)!;
    if (frame.type !== 'yesNo' && frame.years.length && stated.length && frame.years.every((y) => stated.every((s) => y < s)))
      return 'year';
    return 'ok';
  }

  /** Whether the entry's title or questions name the folded phrase: what it is about, not what its answer mentions. */
  private isAbout(id: string, phrase: string): boolean {
    return this.aboutText.get(id)!.includes(` ${phrase} `);
  }

  /** Whether any entry is about the folded phrase. */
  private aboutSome(phrase: string): boolean {
    return [...this.aboutText.values()].some((about) => about.includes(` ${phrase} `));
  }

  /**
   * The best sentence in reading order, with what it needs to be read on its own (the sentence before,
   * when it continues it; the sentence of its paragraph that names the year, when a year was asked), and
   * the next best of the same article when it matches nearly as well.
   */
  private answerSentences(
    ranked: Array<{ info: SentenceInfo; confidence: number }>,
    frame: QuestionFrame,
    asked = '',
    askedPairs: readonly string[] = [],
  ): Sentence[] {
    const [first, ...rest] = ranked;
    const chosen = [first.info];
    // The dateline says what happened; the detail asked is in the body: the best body sentence comes with it.
    const second = first.info.lead
      ? rest.find((r) => r.info.article.id === first.info.article.id && r.confidence >= BODY_THRESHOLD)
      : rest.find(
          (r) =>
            r.info.article.id === first.info.article.id &&
            r.confidence >= first.confidence * SECOND_SENTENCE_RATIO &&
            !holdsApart(r.info, first.info, askedPairs),
        );
    if (second) chosen.push(second.info);
    const withContext = chosen.flatMap((s) => [
      ...((CONTINUES.test(s.sentence.text) || narrowsUnasked(s.sentence.text, asked)) && s.previous
        ? [{ order: s.order - 1, sentence: s.previous }]
        : []),
      ...(frame.years.length > 0 && !s.namesYear && s.yearContext ? [s.yearContext] : []),
      s,
      // A claim without a figure ("nhiều chỉ tiêu hoàn thành") comes with the specifics that follow it.
      ...(s.detailedBy && !statesFigure(s.sentence.text) ? [{ order: s.order + 1, sentence: s.detailedBy }] : []),
    ]);
    const unique = new Map(withContext.map((s) => [s.order, s.sentence]));
    return [...unique].sort(([a], [b]) => a - b).map(([, sentence]) => sentence);
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

/**
 * Whether a sentence opens by narrowing itself to a day or a case ("Ngày Chủ nhật, bưu cục mở cửa buổi sáng …",
 * "Riêng …,") that the question does not name: then the sentence before it says the general case, and comes with it.
 */
function narrowsUnasked(sentence: string, asked: string): boolean {
  const opening = NARROWING.exec(sentence)?.[1];
  return opening !== undefined && !` ${foldKey(asked)} `.includes(` ${foldKey(opening)} `);
}

/**
 * The text as indexed and asked: "97%" read "97 phần trăm" (so a question in words finds the figure), and
 * dates without leading zeros ("01/01/2027" as "1/1/2027", as citizens type them).
 */
function searchable(text: string): string {
  return text
    .replace(/%/gu, ' phần trăm')
    .replace(/\b0(\d)(?=\s*[/.-]\s*\d)/gu, '$1')
    .replace(/([/.-]\s*)0(\d)\b/gu, '$1$2');
}

// "Giờ" that means now, not an hour: "bây giờ", "hiện giờ", "đến giờ", and "giờ" before what is now so ("bưu điện huyện giờ
// còn không", "giờ thuộc tỉnh nào", "giờ sao rồi", "giờ không còn … nữa à"), unless it counts hours ("mấy giờ có người trực").
const NOW =
  /(?<![\p{L}])(?:(?:bây|hiện|bay|hien|đến|tới|den|toi) (?:giờ|gio)|(?<!(?:mấy|may|\d) )(?:giờ|gio)(?= (?:còn|có|đã|là|thuộc|ra sao|sao|thế nào|không|vẫn|con|co|da|la|thuoc|the nao|khong|van)(?![\p{L}])))(?![\p{L}])/giu;

// Hearsay that opens a claim to check ("tôi nghe nói Bắc Kạn được gộp vào Lạng Sơn", "nghe đồn là …", "người ta bảo …"):
// where the citizen heard it is no word of the topic ("nghe máy" still is).
// Where it was heard may be said between ("thấy tivi nói", "nghe hàng xóm bảo", "đọc báo thấy nói").
const HEARD_FROM = String.raw`(?:(?:trên )?(?:tivi|ti vi|tv|báo|đài|loa|mạng|facebook|fb)|mọi người|hàng xóm|người ta|bạn bè|ai đó)`;
// Typed plainly, "thay" is "thấy" only with where it was heard between ("thay tivi noi"), and "bao" is not "bao nhiêu".
const HEARD_FROM_PLAIN = String.raw`(?:(?:tren )?(?:tivi|ti vi|tv|bao|dai|loa|mang|facebook|fb)|moi nguoi|hang xom|nguoi ta|ban be|ai do)`;
const HEARSAY = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:nghe|nge)(?: ${HEARD_FROM}| ${HEARD_FROM_PLAIN})? (?:nói|bảo|đồn|kể|noi|bao|don|ke)|(?:thấy|người ta)(?: ${HEARD_FROM})? (?:bảo|nói)|(?:thay|nguoi ta) ${HEARD_FROM_PLAIN} (?:noi|bao)(?! (?:nhieu|gio|lau)))(?: (?:là|rằng|la|rang))?(?![\p{L}])`,
  'giu',
);

const PART_OF_YEAR = /(?<![\p{L}])(?:cuối|đầu|giữa|cuoi|dau|giua)(?= (?:năm|nam)(?![\p{L}]))/giu;

// Whether something still holds, asked yes or no: "còn", "vẫn", "vẫn còn" after the subject ("… bây giờ còn làm ở … không?"),
// not opening a pick-up ("còn EMS thì sao?"); "still", "any longer", "anymore" in English.
const STILL = /(?<=[\p{L}] )(?:vẫn còn|còn|vẫn)(?= [\p{L}])|\b(?:still|any ?longer|any ?more)\b/iu;

function asksIfStill(question: string, frame: QuestionFrame): boolean {
  return frame.type === 'yesNo' && STILL.test(normalizeVietnamese(question));
}

/** The question's clauses: split at commas, semicolons and colons, not those inside a number ("1,8 m"). */
function commaClauses(question: string): string[] {
  return question.split(/(?<!\d)[,;:]|[,;:](?!\d)/u).map((c) => c.trim());
}

/** An article from before last year no longer tells whether what it reports still holds (lookups are kept by the year). */
function beforeLastYear(date: string, now: Date): boolean {
  return Number(date.slice(0, 4)) < Number(localTime(now).date.slice(0, 4)) - 1;
}

/** The question without the words that only say "now" or that it was heard: what is asked of today is what the knowledge says. */
function withoutNow(text: string): string {
  return text.replace(NOW, ' ').replace(HEARSAY, ' ');
}

// A clause of an entry's answer that says a detail is not confirmed ("lãi suất … hiện chưa được xác nhận").
const NOT_CONFIRMED = /\bchua (?:duoc xac nhan|co thong tin|co (?:bang|so lieu|du lieu)[^.;]* (?:da )?duoc xac nhan)\b/u;

/**
 * Whether the question names something only an answer's "not confirmed" clause holds: the entry then says
 * that it does not know, and the reply is an honest fallback, not an answer.
 */
function asksUnconfirmedPart(question: string, answer: string): boolean {
  const clauses = answer.split(/[.;]\s+/u).map((c) => foldKey(c));
  const unknown = clauses.filter((c) => NOT_CONFIRMED.test(c));
  if (unknown.length === 0) return false;
  const known = new Set(clauses.filter((c) => !NOT_CONFIRMED.test(c)).flatMap((c) => pairs(c)));
  const unknownPairs = new Set(unknown.flatMap((c) => pairs(c)));
  return pairs(foldKey(question)).some((p) => unknownPairs.has(p) && !known.has(p));
}

// Words of the "not confirmed" sentence itself, of the hotline line after it and of the bot's own scope
// (every entry is about the post office), not what is unknown.
const SAYING_WORDS = new Set(
  'chua duoc xac nhan hien nay co thong tin quy khach vui long goi 1900 54 81 de va cua ve buu dien tinh bac kan truoc day'.split(' '),
);

/** Two-word phrases of a folded text ("lai suat", "ngan hang"): one word alone says too little. */
function pairs(folded: string): string[] {
  const words = folded.split(' ').filter((w) => !SAYING_WORDS.has(w));
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

// Numbers in words that are nothing else ("bốn nhóm dịch vụ"); "một", "ba" and "năm" are also "a", "father" and "year".
const NUMBER_WORD = 'hai|bốn|sáu|bảy|tám|chín|mười|trăm|nghìn|ngàn|triệu|tỷ';
// A number in a text, in digits or in words, and up to four words after it, to the next mark.
const COUNTED = new RegExp(String.raw`(?:\d[\d.,]*|(?<![\p{L}])(?:${NUMBER_WORD}))((?:\s+[^\s.,;:()]+){1,4})`, 'giu');

/** The words that follow the numbers of a clause, folded: what they count. */
function countedAfterNumbers(clause: string): string[] {
  return [...clause.matchAll(COUNTED)].map((m) => foldKey(m[1]!));
}

// Words that class what is counted ("bao nhiêu điểm bưu điện xã"): the thing is the word after them.
const CLASSIFIERS = new Set(['diem', 'cai', 'chiec', 'con', 'loai']);
// Spans of time ("mấy tháng", "tháng mấy năm 2025"): a date answers them, which no number counts.
const TIME_UNITS = new Set(['nam', 'thang', 'ngay', 'tuan', 'quy', 'gio']);

/** Whether a text that holds what is counted (holdsFocus) has it after a figure, or in a how-much question. */
function countsFocus(counted: string, frame: QuestionFrame): boolean {
  const thing = loneYAsI(frame.focus!)
    .split(' ')
    .find((w) => !CLASSIFIERS.has(w));
  return thing === undefined || TIME_UNITS.has(thing) || loneYAsI(counted).includes(` ${thing} `);
}

/**
 * Whether a folded text (with spaces around it) holds what a how-much question measures: each of its words, or one
 * when it was read loosely from the words before "bao nhiêu". The words are the content words of the question near
 * "bao nhiêu", not always side by side in the source ("doanh thu tính lương" asked, "doanh thu … tính lương"
 * written; "thu lương" was never a phrase of either).
 */
function holdsFocus(folded: string, frame: QuestionFrame): boolean {
  const text = loneYAsI(folded);
  const words = loneYAsI(frame.focus!).split(' ');
  return frame.focusOneOf ? words.some((w) => text.includes(` ${w} `)) : words.every((w) => text.includes(` ${w} `));
}

// A telephone number ("1900 54 54 81", "0209 3870 123").
const PHONE = String.raw`(?:1[89]00|0\d{2,3})(?:[\s.]?\d{2,4}){2,4}\b`;
const PHONE_NUMBER = new RegExp(String.raw`\b${PHONE}`, 'u');
// Every one in a text, so that its "1900" is read as no year.
const PHONE_NUMBERS = new RegExp(String.raw`\b${PHONE}`, 'gu');
// A number to call for what the text does not say ("Về cước phí, Quý khách vui lòng gọi 1900 54 54 81").
const REFERRAL = new RegExp(String.raw`\bgọi(?:\s+(?:số|đường dây nóng|tổng đài|hotline))?\s+${PHONE}`, 'giu');

// A year or a day says when, not how much ("Năm 2020, … các nhóm dịch vụ" counts no groups).
const WHEN_NUMBER = /\b\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?\b|\b(?:19|20)\d\d\b/gu;
const NUMBER_WORDS = new RegExp(String.raw`(?<![\p{L}])(?:${NUMBER_WORD})(?![\p{L}])`, 'iu');

/**
 * Whether a text states a figure: a number, in digits or in words, other than a year, a day, or a number to call
 * for the figure ("vui lòng gọi 1900 54 54 81" gives no fee).
 */
function statesFigure(text: string): boolean {
  const rest = text.replace(REFERRAL, ' ').replace(WHEN_NUMBER, ' ');
  return /\d/u.test(rest) || NUMBER_WORDS.test(rest);
}

/** Whether a sentence lists things of a kind: the kind followed by a colon, "như", "gồm" or "bao gồm". */
function listsKind(text: string, kind: string): boolean {
  return new RegExp(`\\b${kind}\\b(?:[^.;:]{0,40}?(?::|\\b(?:nhu|gom|bao gom)\\b)|(?:[^.;:,]{1,40},){2})`, 'u').test(
    foldDiacritics(text.toLowerCase()),
  );
}

/** The role as a phrase of the folded text, not as part of a higher or deputy one ("phó tổng giám đốc" is not "giám đốc"). */
function namesRole(folded: string, role: string): boolean {
  const pattern = new RegExp(`(?<!pho |tong )\\b${role}\\b`, 'u');
  return pattern.test(folded);
}

/** Whether a folded text (with spaces around it) names whose number is asked: the office named, someone else named. */
function holdsOwners(folded: string, frame: QuestionFrame): boolean {
  return [frame.office, frame.phoneOf].every((owner) => owner === undefined || folded.includes(` ${owner} `));
}

/** Whether the folded question names the year with the word before it in the article's title ("kế hoạch năm 2021"). */
function namedAsTitle(asked: string, article: Article, year: number): boolean {
  const phrase = new RegExp(String.raw`\p{L}+ (?:nam )?${year}\b`, 'u').exec(foldedTitleOf(article))?.[0];
  return phrase !== undefined && asked.includes(phrase);
}

// The bot's scope, said of anyone the article names: "bưu điện", "tỉnh" (which province a person comes from is still unknown).
const SCOPE_WORDS = new Set(['buu', 'dien', 'tinh']);

/** Whether the question names a person, and its words besides the name, one of them unknown to the knowledge, are all missing. */
function onlyTheNameHeld(question: string, terms: QueryTerm[], missing: QueryTerm[]): boolean {
  const person = personNamed(question);
  if (!person) return false;
  const name = new Set(foldKey(person).split(' '));
  const rest = withoutOwnProvince(terms).filter((t) => !name.has(foldKey(t.term)) && !SCOPE_WORDS.has(foldKey(t.term)));
  return rest.some((t) => t.unknown) && rest.every((t) => missing.some((m) => m.term === t.term));
}

/** Whether a sentence can answer the question, can only be named as a neighbouring fact, or neither. */
function sentenceFit(frame: QuestionFrame, s: SentenceInfo, asked: string): Fit {
  // Who holds a role ("ai đứng đầu bưu điện tỉnh?") is answered by a sentence naming them, not by one that names the role
  // alone ("… trách nhiệm người đứng đầu").
  if (frame.role && !(namesRole(s.folded, frame.role) && (frame.type !== 'who' || personNamed(s.sentence.text)))) return 'role';
  const scope = outOfScope(frame, s.folded, s.sentence.text, s.title);
  // The month asked may be that of the event the article reports, which its date says ("tại hội nghị tháng 12 năm 2020,
  // ai trao giấy khen?"), as its dateline says the day (onTheDay).
  if (scope && !(scope === 'month' && inTheMonth(frame, s.article))) return scope;
  if (frame.focus && !(holdsFocus(s.folded, frame) && statesFigure(s.sentence.text))) return 'focus';
  if (frame.type === 'when' && !TIME_EXPRESSION.test(s.sentence.text)) return 'time';
  if (frame.document && !DOCUMENT_CITED.test(s.sentence.text)) return 'document';
  if (frame.cost && !COST_WRITTEN.test(s.sentence.text)) return 'focus';
  if (frame.duration && !DURATION_STATED.test(s.sentence.text)) return 'time';
  if (frame.reason && !REASON_GIVEN.test(s.sentence.text)) return 'reason';
  // The hours of one office named ("bưu cục ở Chợ Mới mấy giờ mở cửa") are not another office's new hours.
  if (frame.hours && (!CLOCK_TIME.test(s.sentence.text) || !holdsOwners(s.folded, frame))) return 'time';
  // A where-question is answered by a sentence that says where ("tại số 12 đường Hùng Vương"), not by the dateline of an event.
  // One office's place asked ("Where is the Cho Moi post office?") is said by a sentence about that office, not another's move.
  if (frame.type === 'where' && (!PLACE_EXPRESSION.test(s.sentence.text) || !holdsOwners(s.folded, frame))) return 'where';
  if (frame.phone && (!PHONE_NUMBER.test(s.sentence.text) || !holdsOwners(s.folded, frame))) return 'phone';
  if (frame.dates.length && !frame.dates.some((d) => onTheDay(frame, s, d))) return 'date';
  // A notice of the solar New Year ("Tết Dương lịch") says nothing of the lunar one's days.
  if (frame.lunarNewYear && SOLAR_NEW_YEAR.test(`${s.title} ${s.folded}`)) return 'date';
  // Who did it: the sentence must say what was done ("ai trao giấy khen" is not answered by the dateline of the ceremony).
  if (frame.deed && !holdsDeed(frame.deed, s)) return 'deed';
  // Which person ("ông hay bà nào"): the sentence must name one, in capitals past its first word ("… trách nhiệm người
  // đứng đầu" names a role, no one).
  if (frame.person && !NAMES_SOMEONE.test(s.sentence.text)) return 'deed';
  // A list asked ("có những dịch vụ nào") is answered by a sentence that lists that kind, not one that names it.
  if (frame.listOf && !listsKind(s.sentence.text, frame.listOf)) return 'list';
  // A comparison asked with a year the sentence compares with ("so với năm 2019 thì thế nào?") is answered by
  // the comparison it makes; a figure asked for that year is not ("doanh thu năm 2019" is not 2020's).
  const compared = frame.comparison === true && frame.years.some((y) => s.compared.includes(y));
  // The year of a day asked ("ngày 23/12/2020") was checked with the day: the sentence may report on another
  // year ("hội nghị triển khai kế hoạch năm 2021").
  const dateYears = new Set(frame.dates.flatMap((d) => (d.year ? [d.year] : [])));
  // Nor is a year named as the article's title names it ("hội nghị triển khai kế hoạch năm 2021"): that names the event.
  const years = frame.years.filter((y) => !dateYears.has(y) && !namedAsTitle(asked, s.article, y));
  if (years.length && !compared && !years.some((y) => s.years.includes(y))) return 'related';
  return 'ok';
}

// The bot's own province named as such ("Bắc Kạn", "bac kan", "Bắc Cạn"), and its words.
const OWN_PROVINCE = /\bbac (?:kan|can)\b/u;
const OWN_PROVINCE_WORDS = new Set(['bac', 'kan', 'can']);
/** How much the own province's words weigh in a question that names it. */
const OWN_PROVINCE_WEIGHT = 0.25;

/** The terms without the bot's own province's name, where they name it ("bắc" with "kạn"; "cân" alone is a weight). */
function withoutOwnProvince(terms: QueryTerm[]): QueryTerm[] {
  const folded = terms.map((t) => foldDiacritics(t.term));
  if (!folded.includes('bac') || !(folded.includes('kan') || folded.includes('can'))) return terms;
  return terms.filter((_, i) => !OWN_PROVINCE_WORDS.has(folded[i]!));
}

/**
 * The question's terms with the own province's words made light when it names the province: every entry and
 * article speaks for the Bắc Kạn post office, so naming it says little about which one answers (the article
 * sentence naming it is not the answer to "total revenue of the Bac Kan post office in 2020"). Light, not
 * left out: the merger entry still answers "Bắc Kạn trực thuộc tỉnh nào"; "miền bắc" is not the province.
 */
function scopeLight(question: string, terms: QueryTerm[]): QueryTerm[] {
  if (!OWN_PROVINCE.test(foldKey(question))) return terms;
  return terms.map((t) => (OWN_PROVINCE_WORDS.has(foldDiacritics(t.term)) ? { ...t, weight: t.weight * OWN_PROVINCE_WEIGHT } : t));
}

/**
 * Whether a sentence holds the deed: at least half its words ("trao tặng" asked, "tặng" written), compared as
 * written when it was typed with diacritics ("trao" is not "trào").
 */
function holdsDeed(deed: string[], s: SentenceInfo): boolean {
  const written = deed.some(hasDiacritics);
  const words = new Set((written ? normalizeVietnamese(s.sentence.text).toLowerCase() : s.folded).match(/[\p{L}\p{N}]+/gu));
  return deed.filter((w) => words.has(w)).length >= Math.ceil(deed.length / 2);
}

/**
 * Whether a sentence is about the day asked: it names it, or — unless the question asks when — its article's
 * dateline does (a report of the day's ceremony: "Tại hội nghị ngày 23/12 ai trao Giấy khen?").
 */
function onTheDay(frame: QuestionFrame, s: Pick<SentenceInfo, 'article' | 'sentence'>, day: DayMonth): boolean {
  const year = Number(s.article.date.slice(0, 4));
  if (mentionsDate(s.sentence.text, day, year)) return true;
  const dateline = s.article.paragraphs[0]?.[0]?.text;
  return frame.type !== 'when' && dateline !== undefined && mentionsDate(dateline, day, year);
}

/**
 * Whether the question asks who did a deed at an event in a month its article is dated in (of the year it names, if
 * any): the month says when the event was. Of a figure ("doanh thu tháng 12") the month says what period it counts.
 */
function inTheMonth(frame: QuestionFrame, article: Article): boolean {
  const [year, month] = [Number(article.date.slice(0, 4)), Number(article.date.slice(5, 7))];
  const whoDidIt = frame.type === 'who' || (frame.deed?.length ?? 0) > 0;
  return whoDidIt && frame.months.includes(month) && (frame.years.length === 0 || frame.years.includes(year));
}

/** Whether a text names the month the question names, if it names one. */
function claimHolds(frame: QuestionFrame, written: string): boolean {
  return !frame.months.length || frame.months.some((m) => mentionsMonth(written, m));
}

/**
 * The gate a candidate (its folded and its written text, and the folded title of its article) fails when it is not about the month, the other
 * province or the services the question names. Bắc Kạn and "tỉnh" are the bot's own scope and never asked about here.
 */
function outOfScope(frame: QuestionFrame, folded: string, written: string, about = ''): Gate | undefined {
  // A month a yes/no question names is the claim it checks ("… từ tháng 7 năm 2025 có phải không?"), not a filter: the
  // text about the subject answers it, with no "có" when it names another month.
  if (frame.type !== 'yesNo' && !claimHolds(frame, written)) return 'month';
  // A province named only as where an item goes ("gửi đi Hà Nội") is not the one asked about.
  if (frame.places?.length) {
    const named = foreignPlaces(written);
    if (frame.places.some((p) => !named.includes(p))) return 'place';
  }
  // Abroad is another place too: only a text that speaks of it answers ("gửi hàng đi Mỹ" is not a parcel at home).
  if (frame.abroad && !speaksOfAbroad(folded)) return 'place';
  // A service is named by the text, or by the title of the article it is a sentence of ("Ra mắt dịch vụ chuyển phát trong ngày").
  return frame.services?.some((name) => !folded.includes(` ${name} `) && !about.includes(` ${name} `)) ? 'service' : undefined;
}

// The bot's own scope: every text speaks of it, so a translation made of nothing else says nothing of what is asked; nor
// does a sum's unit alone ("today's euro to dong rate" reads only "đồng": every figure in đồng holds it).
const SCOPE_ONLY = /^(?:\s|bưu điện|bắc kạn|việt nam|vnpost|\d+|đồng|tỷ)*$/iu;

/**
 * The translation of an English question, or nothing when it holds only the bot's scope: "Can I pay my electricity
 * bill at the post office?" reads "bưu điện" (the lexicon knows no bill), which every entry would answer.
 */
function aboutSomething(translation: string): string {
  return SCOPE_ONLY.test(normalizeVietnamese(translation)) ? '' : translation;
}

/** An English question's frame: its type from the English words unless the translation says more. */
function mergeFrames(translated: QuestionFrame, original: QuestionFrame): QuestionFrame {
  return {
    ...translated,
    // The English words say what is asked, and where "when" stands ("services there are when I send a parcel"
    // asks what); the word-by-word translation ("when" → "khi nào") only where they say no more than "what".
    type: original.type !== 'what' || translated.type === 'when' ? original.type : translated.type,
    years: [...new Set([...translated.years, ...original.years])],
    comparison: translated.comparison === true || original.comparison === true,
    dates: translated.dates.length ? translated.dates : original.dates,
    months: [...new Set([...translated.months, ...original.months])],
    ...(translated.listOf || original.listOf ? { listOf: translated.listOf ?? original.listOf } : {}),
    // What is measured, read in the English words when the translation says none ("how old": an age).
    ...(!translated.focus && original.focus ? { focus: original.focus } : {}),
    ...(translated.servicesOfKind ? { servicesOfKind: translated.servicesOfKind } : {}),
    // Whether it costs, how long it takes: asked in the English words ("is it free", "how long").
    ...(translated.cost || original.cost ? { cost: true as const } : {}),
    ...(translated.duration || original.duration ? { duration: true as const } : {}),
    ...(translated.lunarNewYear || original.lunarNewYear ? { lunarNewYear: true as const } : {}),
    ...(translated.officePlace || original.officePlace ? { officePlace: true as const } : {}),
    // The name as the citizen capitalised it.
    ...(original.office || translated.office ? { office: original.office ?? translated.office } : {}),
  };
}

function isGate(fit: Fit): fit is Gate {
  return fit !== 'ok' && fit !== 'related';
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
