// Parses an article as staff paste it from the post office's website:
//   [header line "Đường dây nóng hỗ trợ  1900 54 54 81"] title, "Ngày 23/12, ..." lead, paragraphs, photo captions.
import { normalizeVietnamese } from '../text/vietnamese.js';
import { extractFigures, type Figure } from './figures.js';
import type { Problem } from './problems.js';

export interface Sentence {
  text: string;
  /** 1-based line of the source file, for staff and for error messages. */
  line: number;
}

export interface Article {
  id: string;
  file: string;
  title: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  captions: Sentence[];
  paragraphs: Sentence[][];
  figures: Figure[];
}

/** Where an article's year came from: the lead ("Ngày 23/12/2020"), the file name (2020-12-23-….txt) or the text. */
export type YearSource = 'lead' | 'file name' | 'text';

export type ParseResult = { article: Article; yearFrom: YearSource; problems: [] } | { article?: undefined; problems: Problem[] };

const HEADER = /^đường dây nóng hỗ trợ\s*[\d\s]+$/iu;
const FILE_DATE = /^(\d{4})-(\d{2})-(\d{2})-/u;
const DATE_LINE = /^ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?/iu;
const SENTENCE_END = /[.!?…:;"”)]$/u;
// Abbreviations after which a full stop does not end a sentence.
const NO_BREAK_BEFORE = /(?<![\p{L}.])(?:TP|Tp|TS|ThS|PGS|GS|Mr|Mrs|Dr|\p{Lu})\.$/u;
// "kế hoạch năm 2021", "Năm 2021, ... tiếp tục ...": the year is looked forward to, not reported on.
const FORWARD_BEFORE = /(?:kế hoạch|mục tiêu|nhiệm vụ|chỉ tiêu|dự kiến)\s+$/iu;
const FORWARD_AFTER = /^[^.;]*?\b(?:tiếp tục|sẽ|phấn đấu|dự kiến)/iu;

/** Splits a paragraph into sentences at ., ! or ? followed by a capital letter or a digit. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(/[.!?…]+["”)]?\s+(?=[\p{Lu}\d"“(])/gu)) {
    const end = match.index + match[0].length;
    const candidate = paragraph.slice(start, match.index + 1);
    if (NO_BREAK_BEFORE.test(candidate)) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/**
 * The lead gives day and month only; the year is the latest year the article reports on, i.e. one it
 * mentions other than as a plan (the seed: 23/12, results of 2020, plan for 2021 → 2020).
 */
export function inferYear(text: string): number | undefined {
  const reported: number[] = [];
  const planned: number[] = [];
  for (const m of text.matchAll(/\bnăm\s+((?:19|20)\d\d)\b/giu)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    (FORWARD_BEFORE.test(before) || FORWARD_AFTER.test(after) ? planned : reported).push(Number(m[1]));
  }
  if (reported.length) return Math.max(...reported);
  return planned.length ? Math.min(...planned) - 1 : undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseArticle(file: string, raw: string): ParseResult {
  const id = file.replace(/^.*\//u, '').replace(/\.txt$/u, '');
  const lines = normalizeVietnamese(raw.replace(/^\uFEFF/u, ''))
    .split(/\r?\n/u)
    .map((text, i) => ({ text: text.replace(/[\u00a0\s]+/gu, ' ').trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
  if (lines.length > 0 && HEADER.test(lines[0].text)) lines.shift();

  const [titleLine, dateLine, ...body] = lines;
  if (!titleLine) {
    return { problems: [{ file, line: 1, message: 'the article is empty: paste the title on the first line, then "Ngày dd/mm, ..." and the paragraphs' }] };
  }
  const dateMatch = dateLine?.text.match(DATE_LINE);
  if (!dateLine || !dateMatch) {
    const line = dateLine?.line ?? titleLine.line;
    return { problems: [{ file, line, message: 'expected the lead to start with the date, e.g. "Ngày 23/12, ..." (add the year as "Ngày 23/12/2020" if the text does not say it)' }] };
  }
  const day = Number(dateMatch[1]);
  const month = Number(dateMatch[2]);
  const fileDate = id.match(FILE_DATE);
  const named = fileDate ? isoDate(Number(fileDate[1]), Number(fileDate[2]), Number(fileDate[3])) : undefined;
  if (fileDate && !named) {
    return { problems: [{ file, line: 1, message: `the file name starts with "${fileDate[0].slice(0, 10)}", which is not a valid date: name the file YYYY-MM-DD-short-title.txt with the publication date` }] };
  }
  // The README asks for the publication date in the file name, so it settles a lead without a year.
  let year: number | undefined;
  let yearFrom: YearSource;
  if (dateMatch[3]) [year, yearFrom] = [Number(dateMatch[3]), 'lead'];
  else if (named) [year, yearFrom] = [Number(named.slice(0, 4)), 'file name'];
  else [year, yearFrom] = [inferYear(lines.map((l) => l.text).join('\n')), 'text'];
  if (!year) {
    return { problems: [{ file, line: dateLine.line, message: 'cannot tell the year: write it in the date, e.g. "Ngày 23/12/2020, ...", or name the file YYYY-MM-DD-short-title.txt' }] };
  }
  const date = isoDate(year, month, day);
  if (!date) {
    return { problems: [{ file, line: dateLine.line, message: `"${dateMatch[0]}" is not a valid date (day/month)` }] };
  }
  if (named && date !== named) {
    return { problems: [{ file, line: dateLine.line, message: `the lead says ${day}/${month}/${year} but the file name says ${named}: make them agree (the file name carries the publication date)` }] };
  }

  const captions: Sentence[] = [];
  const paragraphs: Sentence[][] = [];
  for (const { text, line } of [dateLine, ...body]) {
    const sentences = splitSentences(text);
    // A photo caption is one sentence without final punctuation between paragraphs.
    if (sentences.length === 1 && !SENTENCE_END.test(text) && line !== dateLine.line) captions.push({ text, line });
    else paragraphs.push(sentences.map((s) => ({ text: s, line })));
  }
  const sentences = paragraphs.flat();
  const figures = sentences.flatMap((s, index) => extractFigures(s.text).map((f) => ({ ...f, sentence: index })));
  return { article: { id, file, title: titleLine.text, date, captions, paragraphs, figures }, yearFrom, problems: [] };
}
