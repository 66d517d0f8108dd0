// OFFICE_HOURS, e.g. "Mon-Fri 07:30-17:00; Sat 07:30-11:30", in Asia/Ho_Chi_Minh time: when staff can take a
// conversation over. Unset means unknown, and the bot then neither hands off live nor names any hours.
import { ConfigError } from '../config.js';
import { localTime } from '../text/vnTime.js';

export interface OfficeSpan {
  days: number[]; // 1 = Monday … 7 = Sunday
  from: number; // minutes since midnight
  to: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_LABELS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const DAY_LABELS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SPAN = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/u;

export function parseOfficeHours(raw: string | undefined): OfficeSpan[] {
  const text = raw?.trim().toLowerCase() ?? '';
  if (!text) return [];
  return text.split(/\s*[;,]\s*/u).filter(Boolean).map((part) => {
    const m = SPAN.exec(part);
    const first = m ? DAY_NAMES.indexOf(m[1]!) + 1 : 0;
    const last = m?.[2] ? DAY_NAMES.indexOf(m[2]) + 1 : first;
    const from = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
    const to = m ? Number(m[5]) * 60 + Number(m[6]) : NaN;
    if (!m || first < 1 || last < first || !(from < to) || to > 24 * 60 || Number(m[4]) > 59 || Number(m[6]) > 59) {
      throw new ConfigError('OFFICE_HOURS', `cannot read "${part}"; write spans like "Mon-Fri 07:30-17:00; Sat 07:30-11:30" (Asia/Ho_Chi_Minh time)`);
    }
    return { days: Array.from({ length: last - first + 1 }, (_, i) => first + i), from, to };
  });
}

export function isOpen(hours: OfficeSpan[], at: Date): boolean {
  const { weekday, minutes } = localTime(at);
  return hours.some((s) => s.days.includes(weekday) && minutes >= s.from && minutes < s.to);
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "Thứ Hai – Thứ Sáu 07:30–17:00; Thứ Bảy 07:30–11:30" (or "Monday – Friday …" in English). */
export function describeOfficeHours(hours: OfficeSpan[], lang: 'vi' | 'en' = 'vi'): string {
  const labels = lang === 'en' ? DAY_LABELS_EN : DAY_LABELS;
  return hours
    .map((s) => {
      const first = labels[s.days[0]! - 1]!;
      const last = labels[s.days[s.days.length - 1]! - 1]!;
      return `${s.days.length > 1 ? `${first} – ${last}` : first} ${clock(s.from)}–${clock(s.to)}`;
    })
    .join('; ');
}
