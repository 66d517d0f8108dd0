// Tickets as staff take them away: CSV (spreadsheet-safe) or JSON, shared by the CLI and the admin route.
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

function cell(value: string | undefined): string {
  let text = value ?? '';
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function ticketsCsv(tickets: Ticket[]): string {
  const rows = tickets.map((t) => COLUMNS.map((c) => cell(t[c])).join(','));
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
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
