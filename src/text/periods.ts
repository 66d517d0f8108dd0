// Periods in questions such as "tin tháng 12/2020", "thông báo tuần trước", "năm ngoái có tin gì".
// Recognizers-text has no Vietnamese and reads "12/05" the US way under an unknown culture, so Vietnamese
// phrases are first rewritten into English ones and recognised under en-gb (day before month).
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { BoundedCache } from '../boundedCache.js';
import { foldDiacritics } from './vietnamese.js';
import { localTime } from './vnTime.js';

export interface Period {
  /** Inclusive start, YYYY-MM-DD. */
  start: string;
  /** Exclusive end, YYYY-MM-DD. */
  end: string;
  /** How to name the period in a Vietnamese answer, e.g. "tháng 12/2020". */
  label: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// Rewrites on folded text, so "thang truoc" works like "tháng trước". Order matters: longer phrases first.
const PHRASES: Array<[RegExp, (m: RegExpMatchArray) => string, (m: RegExpMatchArray) => string]> = [
  [/\bthang\s+(\d{1,2})\s*[/.-]\s*(\d{4})\b/u, (m) => `${MONTHS[Number(m[1]) - 1] ?? ''} ${m[2]}`, (m) => `tháng ${Number(m[1])}/${m[2]}`],
  [/\bthang\s+(\d{1,2})\s+nam\s+(\d{4})\b/u, (m) => `${MONTHS[Number(m[1]) - 1] ?? ''} ${m[2]}`, (m) => `tháng ${Number(m[1])}/${m[2]}`],
  [/\b(?:ngay\s+)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\b/u, (m) => `${m[1]}/${m[2]}/${m[3]}`, (m) => `ngày ${m[1]}/${m[2]}/${m[3]}`],
  [/\bnam\s+((?:19|20)\d\d)\b/u, (m) => `year ${m[1]}`, (m) => `năm ${m[1]}`],
  [/\bhom\s+nay\b/u, () => 'today', () => 'hôm nay'],
  [/\bhom\s+qua\b/u, () => 'yesterday', () => 'hôm qua'],
  [/\btuan\s+nay\b/u, () => 'this week', () => 'tuần này'],
  [/\btuan\s+(?:truoc|roi|qua)\b/u, () => 'last week', () => 'tuần trước'],
  [/\bthang\s+nay\b/u, () => 'this month', () => 'tháng này'],
  [/\bthang\s+(?:truoc|roi|qua)\b/u, () => 'last month', () => 'tháng trước'],
  [/\bnam\s+nay\b/u, () => 'this year', () => 'năm nay'],
  [/\bnam\s+(?:ngoai|truoc|roi|qua)\b/u, () => 'last year', () => 'năm ngoái'],
];

const ENGLISH = /\b(today|yesterday|this week|last week|this month|last month|this year|last year|(?:in\s+)?(?:19|20)\d\d)\b/iu;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** Today in Vietnam, as a UTC-midnight Date for the recognizer. */
function vietnamToday(now: Date): Date {
  return new Date(`${localTime(now).date}T00:00:00Z`);
}

/** Finds a period in a question, in Vietnamese (with or without diacritics) or English. */
export function findPeriod(text: string, now = new Date()): Period | undefined {
  const folded = foldDiacritics(text);
  let english: string | undefined;
  let label: string | undefined;
  for (const [pattern, toEnglish, toLabel] of PHRASES) {
    const match = folded.match(pattern);
    if (match) {
      english = toEnglish(match).replace(/^year /u, '');
      label = toLabel(match);
      break;
    }
  }
  if (!english) {
    const match = text.match(ENGLISH);
    if (!match) return undefined;
    english = match[1].replace(/^in\s+/iu, '');
    label = english;
  }
  const range = resolveRange(english, vietnamToday(now));
  return range && { ...range, label: label! };
}

// recognizeDateTime takes milliseconds a call; the phrases are few ("last week", "december 2020"), so
// their ranges are kept per day. Bounded: cleared when full.
const ranges = new BoundedCache<string, { start: string; end: string } | undefined>(1000);

function resolveRange(english: string, today: Date): { start: string; end: string } | undefined {
  return ranges.get(`${english}|${isoDay(today)}`, () => {
    for (const result of recognizeDateTime(english, Culture.EnglishOthers, undefined, today)) {
      const value = (result.resolution?.values as Array<Record<string, string>> | undefined)?.[0];
      if (value?.type === 'daterange' && value.start && value.end) return { start: value.start, end: value.end };
      if (value?.type === 'date' && value.value) return { start: value.value, end: addDays(value.value, 1) };
    }
    return undefined;
  });
}
