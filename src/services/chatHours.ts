// When staff take live chats (the chat hours: spans from OFFICE_HOURS, read by src/config/chatHours.ts) and how to say so.
// Not the post office's opening hours, which only the knowledge base states.
import type { ChatSpan } from '../config/chatHours.js';
import { localTime } from '../text/vnTime.js';

const DAY_LABELS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const DAY_LABELS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function isOpen(hours: ChatSpan[], at: Date): boolean {
  const { weekday, minutes } = localTime(at);
  return hours.some((s) => s.days.includes(weekday) && minutes >= s.from && minutes < s.to);
}

const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "Thứ Hai – Thứ Sáu 07:30–17:00; Thứ Bảy 07:30–11:30" (or "Monday – Friday …" in English). */
export function describeChatHours(hours: ChatSpan[], lang: 'vi' | 'en' = 'vi'): string {
  const labels = lang === 'en' ? DAY_LABELS_EN : DAY_LABELS;
  return hours
    .map((s) => {
      const first = labels[s.days[0]! - 1]!;
      const last = labels[s.days[s.days.length - 1]! - 1]!;
      return `${s.days.length > 1 ? `${first} – ${last}` : first} ${clock(s.from)}–${clock(s.to)}`;
    })
    .join('; ');
}
