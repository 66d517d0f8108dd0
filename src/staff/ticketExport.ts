// Tickets as staff take them away: CSV (spreadsheet-safe, Vietnamese headers and words, UTF-8 with BOM) or
// JSON, shared by the CLI and the admin route. Every CSV field is quoted, so a comma, a semicolon (Excel's
// separator under Vietnamese regional settings), a quote or a line break inside a citizen's text never splits
// or shifts a cell; and text a spreadsheet would run as a formula (= + - @ or their full-width forms, after
// optional spaces) gets an apostrophe before it, shown as text: at the start of the cell, and after each comma,
// semicolon or line break inside it, in case the file is read with the other separator or without regard to
// quotes. A cell starting with a tab or CR is prefixed too.
import { TICKET_KIND_LABEL, TICKET_STATUS_LABEL } from '../features/tickets/texts.js';
import type { Ticket } from '../ticket.js';
import type { ListedTicket, TicketRow } from '../services/ticketSearch.js';

const CHANNEL_LABEL: Record<string, string> = { webchat: 'Trang web', msteams: 'Teams', zalo: 'Zalo OA', zalobot: 'Zalo Bot' };
const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The columns, with Vietnamese headers and values in words a spreadsheet reader understands. */
const COLUMNS: Array<[header: string, value: (t: TicketRow & Partial<Pick<ListedTicket, 'ageHours' | 'overdue'>>) => string | undefined]> =
  [
    ['Mã phiếu', (t) => t.ref],
    ['Loại', (t) => TICKET_KIND_LABEL.vi[t.kind]],
    ['Trạng thái', (t) => capital(TICKET_STATUS_LABEL.vi[t.status])],
    ['Ngày gửi', (t) => t.createdAt],
    ['Kênh', (t) => CHANNEL_LABEL[t.channelId] ?? t.channelId],
    ['Họ tên', (t) => t.name],
    ['Số điện thoại', (t) => t.phone],
    ['Mã bưu gửi', (t) => t.trackingCode],
    ['Nội dung', (t) => t.details],
    ['Người xử lý', (t) => t.owner],
    ['Cập nhật lúc', (t) => t.updatedAt],
    ['Số giờ', (t) => (t.ageHours === undefined ? undefined : String(t.ageHours))],
    ['Quá hạn', (t) => (t.overdue === undefined ? undefined : t.overdue ? 'Có' : 'Không')],
  ];

/** Where a spreadsheet could start reading a formula (or a DDE call): the start, or after a separator or line break. */
const FORMULA = /(^|[,;\r\n])([ \t]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu;

export function csvCell(value: string | undefined): string {
  const text = value ?? '';
  const safe = (/^[\t\r]/u.test(text) ? `'${text}` : text).replace(FORMULA, "$1$2'");
  return `"${safe.replace(/"/gu, '""')}"`;
}

/** UTF-8 with a byte-order mark, so that Excel reads the Vietnamese right; one row per ticket, in the order given. */
export function ticketsCsv(tickets: Array<TicketRow & Partial<Pick<ListedTicket, 'ageHours' | 'overdue'>>>): string {
  const rows = tickets.map((t) => COLUMNS.map(([, value]) => csvCell(value(t))).join(','));
  return `\uFEFF${[COLUMNS.map(([header]) => csvCell(header)).join(','), ...rows].join('\r\n')}\r\n`;
}

export function ticketsJson(tickets: Ticket[]): string {
  return `${JSON.stringify(tickets, null, 2)}\n`;
}

/** YYYY-MM-DD that is a real date, or undefined. */
export function parseSince(raw: string | undefined): string | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/u.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw ? raw : undefined;
}
