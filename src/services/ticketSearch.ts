// The staff console's ticket list, filtered, searched and paged here rather than in the browser: every
// ticket's searchable fields are held in memory (loaded once, then kept current by each write, on this
// instance or — through the staff event feed — on another; on lowdb the rows are kept with the tickets and
// read at start without reading any ticket: ticketStore.ts, rows), so a page of 50 out of 50,000 costs one pass
// over short strings, not reading every ticket from storage. Search finds a reference in any case and
// spacing ("kn aggm"), a phone in any usual form (spaces, dots, +84, 84), a name or text with or without
// diacritics, and a tracking code.
import { FINAL_STATUSES, ticketRow, type Ticket, type TicketKind, type TicketRow, type TicketStatus } from '../ticket.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { vnTimestamp } from '../text/vnTime.js';
import type { TicketStore } from './ticketStore.js';

export type { TicketRow } from '../ticket.js';

interface Entry {
  row: TicketRow;
  /** Reference and tracking code upper-cased without separators; phone digits in the national form; folded name and text. */
  keys: { ref: string; tracking: string; phone: string; text: string };
}

export interface TicketQuery {
  q?: string;
  status?: TicketStatus;
  kind?: TicketKind;
  /** Filed on or after this local date (YYYY-MM-DD). */
  since?: string;
  /** A user name: the tickets they handle; '': nobody handles them. */
  owner?: string;
  overdue?: boolean;
  /** newest (default), oldest, or overdue: open tickets past the target first, the oldest first. */
  sort?: 'newest' | 'oldest' | 'overdue';
}

export interface ListedTicket extends TicketRow {
  /** Hours since it was filed (until it was closed, for a closed one). */
  ageHours: number;
  /** Open and older than the target. */
  overdue: boolean;
}

/** Digits of a phone number in its national form: "+84 912.345.678", "84912345678" and "0912 345 678" give 0912345678. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/gu, '');
  return /^84\d{9}$/u.test(digits) ? `0${digits.slice(2)}` : digits;
}

const compact = (text: string): string => text.toUpperCase().replace(/[^0-9A-Z]/gu, '');

function entry(row: TicketRow): Entry {
  return {
    row,
    keys: {
      ref: compact(row.ref),
      tracking: compact(row.trackingCode ?? ''),
      phone: phoneDigits(row.phone),
      text: foldDiacritics(`${row.name}\n${row.details}`),
    },
  };
}

function matcher(q: string): (keys: Entry['keys']) => boolean {
  const folded = foldDiacritics(q.trim());
  if (!folded) return () => true;
  const code = compact(q);
  // Only a query made of a phone's characters is read as one (so "KN-2345" is not the digits 2345).
  const digits = /^[\d\s.()+-]+$/u.test(q.trim()) ? phoneDigits(q) : '';
  return (keys) =>
    (code.length >= 2 && (keys.ref.includes(code) || (keys.tracking !== '' && keys.tracking.includes(code)))) ||
    (digits.length >= 3 && keys.phone.includes(digits)) ||
    keys.text.includes(folded);
}

/** The tickets a query found, in its order; rows are made only for what is shown (a page) or exported. */
export interface Found {
  total: number;
  rows(from?: number, to?: number): ListedTicket[];
}

export class TicketSearch {
  private entries?: Map<string, Entry>;
  /** The same entries, oldest filed first; rebuilt only when a ticket arrives out of order. */
  private byDate: Entry[] = [];
  private sorted = true;
  private loading?: Promise<Map<string, Entry>>;
  /** Tickets being read again after a write elsewhere: a list waits for them, so it never shows one older than an event told. */
  private readonly refreshing = new Set<Promise<void>>();

  constructor(
    private readonly store: TicketStore,
    private readonly targetHours: number,
    private readonly now = () => new Date(),
  ) {
    store.onWrite((ticket) => this.put(ticket));
    store.onRemove((ref) => this.drop(ref));
  }

  /** Reads every ticket's row once (at start, in the background, so that the first page is quick). */
  load(): Promise<Map<string, Entry>> {
    this.loading ??= this.store.rows().then((rows) => {
      // Writes while it loaded are newer than what was read.
      const written = this.entries ?? new Map<string, Entry>();
      this.entries = new Map(rows.map((row) => [row.ref, entry(row)]));
      for (const [ref, known] of written) this.entries.set(ref, known);
      this.byDate = [...this.entries.values()];
      this.sorted = false;
      return this.entries;
    });
    return this.loading;
  }

  /** A ticket written (or deleted) on another instance: read again. */
  refresh(ref: string): Promise<void> {
    const read = this.store.get(ref).then((ticket) => void (ticket ? this.put(ticket) : this.drop(ref)));
    const tracked = read.finally(() => this.refreshing.delete(tracked));
    this.refreshing.add(tracked);
    return tracked;
  }

  private drop(ref: string): void {
    if (!this.entries?.delete(ref)) return;
    this.byDate = this.byDate.filter((e) => e.row.ref !== ref);
  }

  private put(ticket: Ticket): void {
    if (!this.entries) return;
    const known = this.entries.get(ticket.ref);
    const fresh = entry(ticketRow(ticket));
    if (known) {
      // Changes never move a ticket in time: updated in place.
      Object.assign(known, fresh);
      return;
    }
    this.entries.set(ticket.ref, fresh);
    const last = this.byDate.at(-1);
    if (last && last.row.createdAt > fresh.row.createdAt) this.sorted = false;
    this.byDate.push(fresh);
  }

  private inOrder(): Entry[] {
    if (!this.sorted) {
      // The stored times share one offset (+07:00), so they sort as plain strings.
      this.byDate.sort((a, b) => (a.row.createdAt < b.row.createdAt ? -1 : a.row.createdAt > b.row.createdAt ? 1 : 0));
      this.sorted = true;
    }
    return this.byDate;
  }

  /** The tickets matching the query, in its order. */
  async find(query: TicketQuery): Promise<Found> {
    await this.load();
    await Promise.allSettled([...this.refreshing]);
    const matches = matcher(query.q ?? '');
    const now = this.now();
    // Filed before this instant and still open: overdue (a plain string comparison, like the order).
    const cutoff = vnTimestamp(new Date(now.getTime() - this.targetHours * 3_600_000));
    const overdue = (row: TicketRow): boolean => !FINAL_STATUSES.includes(row.status) && row.createdAt < cutoff;
    const found: Entry[] = [];
    for (const item of this.inOrder()) {
      const { row, keys } = item;
      if (query.status && row.status !== query.status) continue;
      if (query.kind && row.kind !== query.kind) continue;
      if (query.since && row.createdAt.slice(0, 10) < query.since) continue;
      if (query.owner !== undefined && (row.owner ?? '') !== query.owner) continue;
      if (query.overdue && !overdue(row)) continue;
      if (!matches(keys)) continue;
      found.push(item);
    }
    // Oldest first as found; newest first reversed; overdue first: the overdue (oldest first), then the rest.
    const ordered =
      query.sort === 'oldest'
        ? found
        : query.sort === 'overdue'
          ? [...found.filter((e) => overdue(e.row)), ...found.filter((e) => !overdue(e.row))]
          : found.reverse();
    const listed = ({ row }: Entry): ListedTicket => {
      const closed = FINAL_STATUSES.includes(row.status);
      const until = closed && row.updatedAt ? Date.parse(row.updatedAt) : now.getTime();
      const ageHours = Math.max(0, (until - Date.parse(row.createdAt)) / 3_600_000);
      return { ...row, ageHours: Math.round(ageHours * 10) / 10, overdue: overdue(row) };
    };
    return { total: ordered.length, rows: (from = 0, to = ordered.length) => ordered.slice(from, to).map(listed) };
  }
}
