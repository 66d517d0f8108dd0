// The staff's chat hours: when staff can take a conversation over, from OFFICE_HOURS (the variable keeps its
// name), e.g. "Mon-Fri 07:30-17:00; Sat 07:30-11:30", in Asia/Ho_Chi_Minh time. Not the post office's opening
// hours. Unset means unknown, and the bot then neither hands off live nor names any hours. The bot's own display
// form ("Thứ Hai – Thứ Sáu 07:30–17:00", "Monday – Friday …") is read too, and an overnight span ("Fri 22:00-06:00")
// runs into the next day. A span it cannot read stops the start with what is wrong in it.
import { ConfigError } from './variables.js';

export interface ChatSpan {
  days: number[]; // 1 = Monday … 7 = Sunday
  from: number; // minutes since midnight
  to: number;
}

/** Day names as written in OFFICE_HOURS: Mon…Sun, Monday…Sunday, and the bot's own Thứ Hai…Chủ nhật. */
const DAY_NAMES = new Map<string, number>(
  [
    ['mon', 'monday', 'thứ hai'],
    ['tue', 'tuesday', 'thứ ba'],
    ['wed', 'wednesday', 'thứ tư'],
    ['thu', 'thursday', 'thứ năm'],
    ['fri', 'friday', 'thứ sáu'],
    ['sat', 'saturday', 'thứ bảy'],
    ['sun', 'sunday', 'chủ nhật'],
  ].flatMap((names, i) => names.map((name) => [name, i + 1] as const)),
);
const SPAN = /^(\p{L}[\p{L} ]*?)(?:-(\p{L}[\p{L} ]*?))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/u;
const HINT =
  'write spans like "Mon-Fri 07:30-17:00; Sat 07:30-11:30" (Asia/Ho_Chi_Minh time; days Mon…Sun, Monday…Sunday or ' +
  'Thứ Hai…Chủ nhật, first to last within one week; "Fri 22:00-06:00" runs into Saturday)';

export function parseChatHours(raw: string | undefined): ChatSpan[] {
  const text =
    raw
      ?.normalize('NFC')
      .trim()
      .toLowerCase()
      .replace(/\s*[-\u2013\u2014]\s*/gu, '-') ?? '';
  if (!text) return [];
  return text
    .split(/\s*[;,]\s*/u)
    .filter(Boolean)
    .flatMap(readSpan);
}

/** One span ("mon-fri 07:30-17:00"); an overnight one as two, until midnight and from midnight the next days. */
function readSpan(part: string): ChatSpan[] {
  const unreadable = (problem: string): ConfigError => new ConfigError('OFFICE_HOURS', `cannot read "${part}": ${problem}; ${HINT}`);
  const m = SPAN.exec(part);
  if (!m) throw unreadable('it is not days then a time span');
  const [, firstName = '', lastName = firstName, fromH, fromM, toH, toM] = m;
  const [first, last] = [firstName, lastName].map((name) => DAY_NAMES.get(name.replace(/\s+/gu, ' ')) ?? 0) as [number, number];
  if (!first || !last) throw unreadable(`"${first ? lastName : firstName}" is not a day`);
  if (last < first) throw unreadable('the days run past Sunday (write two spans)');
  const from = Number(fromH) * 60 + Number(fromM);
  const to = Number(toH) * 60 + Number(toM);
  if (from >= 24 * 60 || to > 24 * 60 || Number(fromM) > 59 || Number(toM) > 59)
    throw unreadable('a time is not a time of day (00:00 to 24:00)');
  if (from === to) throw unreadable('it starts and ends at the same time');
  const days = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  if (from < to) return [{ days, from, to }];
  // Overnight: until midnight, then from midnight on the next days (Sunday's next day is Monday).
  return [
    { days, from, to: 24 * 60 },
    { days: days.map((d) => (d % 7) + 1), from: 0, to },
  ];
}
