// Tickets as staff take them away: CSV (spreadsheet-safe) or JSON, shared by the CLI and the admin route.
// Every CSV field is quoted, so a comma, a semicolon (Excel's separator under Vietnamese regional settings),
// a quote or a line break inside a citizen's text never splits or shifts a cell; and text a spreadsheet
// would run as a formula (= + - @ or their full-width forms, after optional spaces) gets an apostrophe before
// it, shown as text: at the start of the cell, and after each comma, semicolon or line break inside it, in
// case the file is read with the other separator or without regard to quotes. A cell starting with a tab or
// CR is prefixed too.
import type { Ticket } from '../ticket.js';

const COLUMNS = [
  'ref',
  'kind',
  'status',
  'createdAt',
  'channelId',
  'name',
  'phone',
  'trackingCode',
  'details',
  'conversationId',
  'userId',
] as const;

/** Where a spreadsheet could start reading a formula (or a DDE call): the start, or after a separator or line break. */
const FORMULA = /(^|[,;\r\n])([ \t]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu;

export function csvCell(value: string | undefined): string {
  const text = value ?? '';
  const safe = (/^[\t\r]/u.test(text) ? `'${text}` : text).replace(FORMULA, "$1$2'");
  return `"${safe.replace(/"/gu, '""')}"`;
}

export function ticketsCsv(tickets: Ticket[]): string {
  const rows = [COLUMNS, ...tickets.map((t) => COLUMNS.map((c) => t[c]))].map((row) => row.map(csvCell).join(','));
  return `${rows.join('\r\n')}\r\n`;
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
