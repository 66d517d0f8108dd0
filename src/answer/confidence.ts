// How sure the bot is that a knowledge unit (an entry, an article sentence) answers a question: the share
// of the question's informative words that the unit contains, each word weighted by how rare it is in
// the knowledge base. A word the knowledge base never uses ("thời tiết", "vàng") weighs as much as the
// rarest known word, so an out-of-scope question scores low even when its common words match.
// A question typed with diacritics must match as written ("đá" is not "đa"), with a wrongly accented word
// ("đầi") matched folded; a question typed without diacritics matches folded.
import { BoundedCache } from '../boundedCache.js';
import { STOPWORDS } from '../search/stopwords.js';
import { runNow, sliceDue, type Steps } from '../slices.js';
import { TypoIndex, withinOneEdit } from '../search/typos.js';
import { foldDiacritics, hasDiacritics, tokenize } from '../text/vietnamese.js';
import { wellFormedSyllable } from '../text/syllables.js';

// Words that make a request polite or personal, and English function words: they say nothing about the topic.
const REQUEST_WORDS = `xin hỏi muốn biết giúp nhờ vui lòng làm ơn em anh chị mình bạn quản trị viên bot có thể
  what is are the a an of to for in on at do does did i my me you your can could how please it this that there e`;
// Whom the citizen asks for ("ông tôi", "giùm mẹ", "con gái", "bà ngoại"): ignored only as written, since folded they are other
// words ("ba": three, Ba Bể; "bo": bỏ; "me").
const KIN_WORDS = 'giùm ông bà bố mẹ cha vợ chồng cháu con gái trai ngoại';
// Words that ask or soften ("đúng không", "thôi cho hỏi", "ý mình là", "hôm 23/12"), ignored as written only: folded
// they are other words ("dung": sử dụng; "thoi": thời gian; "y": y tế).
// "phải" asks ("có phải …", "phải không") or says must ("bắt buộc phải"), never the topic; "khoan" (wait) only stops the citizen;
// "tiện" (while at it: "tiện cho xin số") only softens; "dựa" asks on what grounds ("dựa vào đâu", "dựa trên văn bản nào").
const ASKING_WRITTEN = 'đúng thôi vẫn hôm bên ý phải khoan tiện dựa';
// Asking for more of a topic ("kể kỹ hơn về …", "nói rõ hơn"), ignored as written
// only: folded they are other words ("ky": ký, "noi": nơi, "hon": hôn).
const ELABORATING_WRITTEN = 'kể kỹ rõ hơn nói';
// Without diacritics a word may be a function word or not ("toi": tôi or tối; "vay": vậy or vay); it is taken as one.
// So is "phai": the knowledge writes no word but "phải" that folds so ("co phai … khong", "phai mang gi").
const IGNORED_FOLDED = new Set(tokenize([...STOPWORDS, REQUEST_WORDS, 'phải'].join(' ')).map(foldDiacritics));
// Typed plainly, a word the knowledge never uses that folds to a word of asking is taken for it ("hom truoc", "ben nao"):
// it would name no topic the knowledge could answer, so it is no sign of one it cannot.
// Not so kin ("ong dinh nhu hanh": a name) nor "hơn" ("ket hon": marriage).
const IGNORED_AS_WRITTEN_FOLDED = new Set(tokenize(ASKING_WRITTEN).map(foldDiacritics));
// Tokenized as the questions are, so that each word is spelled as theirs ("kỹ" as "kĩ").
const IGNORED = new Set(tokenize([...STOPWORDS, REQUEST_WORDS, KIN_WORDS, ASKING_WRITTEN, ELABORATING_WRITTEN].join(' ')));

/** What the knowledge's texts say of folded words side by side (ShortWordTypos reads them). */
export interface WordPairs {
  /** Whether two folded words stand side by side in the texts. */
  formsPair(first: string, second: string): boolean;
  /** Whether the texts use the word almost only beside one neighbour ("điện" of "bưu điện"). */
  bound(word: string): boolean;
}

/** The words of a unit, as written and folded. */
export interface TermSet {
  exact: ReadonlySet<string>;
  folded: ReadonlySet<string>;
}

export interface UnitTerms {
  /** Words that count fully (questions, titles, the sentence itself). */
  main: TermSet;
  /** Words that count half (an entry's answer text). */
  extra?: TermSet;
}

export interface QueryTerm {
  term: string;
  /** Whether the term is compared as written (typed with diacritics) or folded. */
  form: keyof TermSet;
  weight: number;
  /** No text of the knowledge base uses the word, nor a word one typo away: the question asks about something it does not cover. */
  unknown?: true;
}

function informativeTokens(text: string, tokens = tokenize(text)): string[] {
  const ignored = hasDiacritics(text) ? IGNORED : IGNORED_FOLDED;
  return [...new Set(tokens)].filter((t) => !ignored.has(t));
}

// The knowledge base's words, tokenized and folded once: its thousands of sentences repeat few words many
// times. Only knowledge texts come here (questions do not), and bounded all the same.
const KNOWN_WORDS = 200_000;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const wordTokens = new BoundedCache<string, string[]>(KNOWN_WORDS);
const foldedWords = new BoundedCache<string, string>(KNOWN_WORDS);

/** tokenize(text), a word at a time (no token spans two words), each word's tokens kept. */
function knowledgeTokens(text: string): string[] {
  return (text.match(WORD) ?? []).flatMap((word) => wordTokens.get(word, () => tokenize(word)));
}

/** The informative words of knowledge texts (an entry's questions, a sentence, a title). */
export function termSet(...texts: string[]): TermSet {
  const exact = new Set(texts.flatMap((text) => informativeTokens(text, knowledgeTokens(text))));
  return { exact, folded: new Set([...exact].map((word) => foldedWords.get(word, () => foldDiacritics(word)))) };
}

/** A unit's distinct words of one form: those of its main text, then those only its extra text holds (each counts once). */
export function* unitWords(unit: UnitTerms, form: keyof TermSet): Generator<string> {
  const main = unit.main[form];
  yield* main;
  for (const term of unit.extra?.[form] ?? []) if (!main.has(term)) yield term;
}

/** In how many units each word occurs, as written and folded. */
export type Frequencies = Record<keyof TermSet, Map<string, number>>;

/** In how many units each word occurs, as written and folded (a word of both the main and the extra text counts once). */
function* countTerms(units: UnitTerms[]): Steps<Frequencies> {
  const counts = { exact: new Map<string, number>(), folded: new Map<string, number>() };
  for (const unit of units) {
    if (sliceDue()) yield;
    for (const form of ['exact', 'folded'] as const) {
      const counted = counts[form];
      for (const term of unitWords(unit, form)) counted.set(term, (counted.get(term) ?? 0) + 1);
    }
  }
  return counts;
}

/** Each form's document frequencies, with its typo index. */
function* formsOf(frequencies: Frequencies): Steps<Record<keyof TermSet, FormStatistics>> {
  return { exact: yield* FormStatistics.steps(frequencies.exact), folded: yield* FormStatistics.steps(frequencies.folded) };
}

class FormStatistics {
  private constructor(
    readonly documentFrequency: Map<string, number>,
    private readonly vocabulary: string[],
    private readonly typos: TypoIndex,
  ) {}

  /** Built in pieces that can be run in slices (src/slices.ts). */
  static *steps(documentFrequency: Map<string, number>): Steps<FormStatistics> {
    const vocabulary = [...documentFrequency.keys()];
    return new FormStatistics(documentFrequency, vocabulary, yield* TypoIndex.steps(vocabulary));
  }

  /** The term as the knowledge base spells it: itself, or its one-typo neighbour (when `fits` accepts it). */
  known(term: string, fits: (correction: string) => boolean = () => true): string | undefined {
    if (this.documentFrequency.has(term)) return term;
    // The likeliest correction, as the search makes it: the most frequent known word one edit away.
    const id = this.typos.likeliest(term, (i) => this.documentFrequency.get(this.vocabulary[i]!)!);
    return id < 0 || !fits(this.vocabulary[id]!) ? undefined : this.vocabulary[id];
  }
}

export class ConfidenceScorer {
  private readonly forms: Record<keyof TermSet, FormStatistics>;
  private readonly unknownWeight: number;
  private written?: Map<string, string[]>;

  /** `forms` is what ConfidenceScorer.steps built over the same units; without it they are built now. */
  constructor(
    units: UnitTerms[],
    forms: Record<keyof TermSet, FormStatistics> = runNow(formsOf(runNow(countTerms(units)))),
    private readonly unitCount = units.length,
  ) {
    this.forms = forms;
    this.unknownWeight = Math.log(1 + unitCount);
  }

  /** The same scorer as the constructor's, built in pieces that can be run in slices (src/slices.ts). */
  static *steps(units: UnitTerms[]): Steps<ConfidenceScorer> {
    return new ConfidenceScorer(units, yield* formsOf(yield* countTerms(units)));
  }

  /** From the frequencies counted over `unitCount` units elsewhere (src/answer/wordCounts.ts keeps them by difference), in steps. */
  static *counted(unitCount: number, frequencies: Frequencies): Steps<ConfidenceScorer> {
    return new ConfidenceScorer([], yield* formsOf(frequencies), unitCount);
  }

  /**
   * The question's terms with their weights; computed once per question and scored against many units. With
   * `pairs` (what the knowledge says of folded words side by side), a word that is itself a well-formed
   * syllable is read as its one-typo neighbour only when that neighbour forms a known pair with the word before
   * or after it: "bưu kện" is "bưu kiện", but "hộ chiếu" (a passport) is no "hộ thiếu" and "trường hợp" no
   * "thường hợp". And a word the knowledge uses almost only in one compound, said twice, once in a pair the
   * knowledge uses ("bưu điện") and once in none ("tiền điện"), is two words: the second is a term no unit holds.
   */
  prepare(question: string, pairs?: WordPairs): QueryTerm[] {
    const written = hasDiacritics(question);
    const sequence = tokenize(question);
    const folds = sequence.map(foldDiacritics);
    const inKnownPair = (k: number): boolean =>
      pairs !== undefined &&
      ((k > 0 && pairs.formsPair(folds[k - 1]!, folds[k]!)) || (k + 1 < folds.length && pairs.formsPair(folds[k]!, folds[k + 1]!)));
    return informativeTokens(question, sequence).flatMap((token): QueryTerm[] => {
      const at = sequence.indexOf(token);
      const [before, after] = [folds[at - 1], folds[at + 1]];
      const fits = (correction: string): boolean =>
        !pairs ||
        !wellFormedSyllable(foldDiacritics(token)) ||
        (before !== undefined && pairs.formsPair(before, foldDiacritics(correction))) ||
        (after !== undefined && pairs.formsPair(foldDiacritics(correction), after));
      const exact = written ? this.forms.exact.known(token, fits) : undefined;
      const folded = exact ? undefined : this.foldedForm(token, written, fits);
      const form: keyof TermSet = exact ? 'exact' : 'folded';
      const term = exact ?? folded;
      // A number the knowledge base never mentions is a detail of the question, not its topic; so is a letter alone
      // the knowledge never writes (the "t" of "82t", 82 tuổi; the "m" of "1m6"; "t" for tôi).
      // A word the knowledge does not use is held by no unit: compared as written, which no unit writes it as
      // ("ngay", right away, folded would be "ngày").
      if (!term)
        return /^(?:\d+|[a-z])$/u.test(token) || (!written && IGNORED_AS_WRITTEN_FOLDED.has(token)) ? [] : [this.unknownTerm(token)];
      const places = sequence.flatMap((w, k) => (w === token ? [k] : []));
      const other = pairs?.bound(folds[at]!) && places.some(inKnownPair) ? places.filter((k) => !inKnownPair(k)) : [];
      const weight = Math.log(1 + this.unitCount / this.forms[form].documentFrequency.get(term)!);
      return [{ term, form, weight }, ...other.map((k) => this.unknownTerm(`${sequence[k - 1] ?? ''} ${sequence[k]}`.trim()))];
    });
  }

  private unknownTerm(term: string): QueryTerm {
    return { term, form: 'exact', weight: this.unknownWeight, unknown: true };
  }

  /** The question's terms the unit holds in neither its main nor its extra text. */
  missing(prepared: QueryTerm[], unit: UnitTerms): QueryTerm[] {
    return prepared.filter((t) => !unit.main[t.form].has(t.term) && !unit.extra?.[t.form].has(t.term));
  }

  /** The weight of the rarest word of the knowledge base (a word it never uses weighs as much). */
  get rarest(): number {
    return this.unknownWeight;
  }

  /**
   * The known folded word a token stands for. Typed with diacritics, a wrongly accented word ("đầi") is its
   * folded self, and a typo must be one edit from a word as the knowledge writes it ("độg": "động"); one that
   * is not ("tuyển": folded one letter from "quyen", written two from "quyền") is a word the knowledge does
   * not use, which must weigh as such.
   */
  private foldedForm(token: string, written: boolean, fits: (correction: string) => boolean): string | undefined {
    const folded = foldDiacritics(token);
    const known = this.forms.folded.known(folded, fits);
    // Typed with other marks than the knowledge's ("đầi" for "đài"), a word is its folded self only in a pair the
    // knowledge uses ("tổng đầi"): alone, "chiếu" is another word than "chiều".
    if (written && known === folded) return fits(folded) ? known : undefined;
    if (!written || known === undefined || known === folded) return known;
    return (this.writtenForms().get(known) ?? []).some((w) => withinOneEdit(token, w)) ? known : undefined;
  }

  /** The knowledge's words as written, by their folded form (built on the first typo typed with diacritics). */
  private writtenForms(): Map<string, string[]> {
    if (!this.written) {
      this.written = new Map();
      for (const word of this.forms.exact.documentFrequency.keys()) {
        const folded = foldDiacritics(word);
        this.written.set(folded, [...(this.written.get(folded) ?? []), word]);
      }
    }
    return this.written;
  }

  score(prepared: QueryTerm[], unit: UnitTerms): number {
    const total = prepared.reduce((sum, t) => sum + t.weight, 0);
    if (total === 0) return 0;
    const matched = prepared.reduce(
      (sum, t) => sum + (unit.main[t.form].has(t.term) ? t.weight : unit.extra?.[t.form].has(t.term) ? t.weight / 2 : 0),
      0,
    );
    return matched / total;
  }
}
