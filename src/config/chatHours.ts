// The staff's chat hours: when staff can take a conversation over, from OFFICE_HOURS (the variable keeps its
// name), e.g. "Mon-Fri 07:30-17:00; Sat 07:30-11:30", in Asia/Ho_Chi_Minh time. Not the post office's opening
// hours. Unset means unknown, and the bot then neither hands off live nor names any hours. The bot's own display
// form (en dashes: "07:30–17:00") is read too, and an overnight span ("Fri 22:00-06:00") runs into the next day.
import { ConfigError } from './variables.js';

export interface ChatSpan {
  days: number[]; // 1 = Monday … 7 = Sunday
  from: number; // minutes since midnight
  to: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SPAN = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/u;

export function parseChatHours(raw: string | undefined): ChatSpan[] {
  const text =
    raw
      ?.trim()
      .toLowerCase()
      .replace(/\s*[\u2013\u2014]\s*/gu, '-') ?? '';
  if (!text) return [];
  return text
    .split(/\s*[;,]\s*/u)
    .filter(Boolean)
    .flatMap((part) => {
      const m = SPAN.exec(part);
      const first = m ? DAY_NAMES.indexOf(m[1]!) + 1 : 0;
      const last = m?.[2] ? DAY_NAMES.indexOf(m[2]) + 1 : first;
      const from = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
      const to = m ? Number(m[5]) * 60 + Number(m[6]) : NaN;
      if (!m || first < 1 || last < first || from === to || from >= 24 * 60 || to > 24 * 60 || Number(m[4]) > 59 || Number(m[6]) > 59) {
        throw new ConfigError(
          'OFFICE_HOURS',
          `cannot read "${part}"; write spans like "Mon-Fri 07:30-17:00; Sat 07:30-11:30" (Asia/Ho_Chi_Minh time; ` +
            `days Mon…Sun, first to last within one week; "Fri 22:00-06:00" runs into Saturday)`,
        );
      }
      const days = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      if (from < to) return [{ days, from, to }];
      // Overnight: until midnight, then from midnight on the next days (Sunday's next day is Monday).
      return [
        { days, from, to: 24 * 60 },
        { days: days.map((d) => (d % 7) + 1), from: 0, to },
      ];
    });
}
