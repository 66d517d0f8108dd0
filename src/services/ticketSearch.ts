// The staff console's ticket list, filtered, searched and paged here rather than in the browser: every
// ticket's searchable fields are held in memory (loaded once, then kept current by each write, on this
// instance or — through the staff event feed — on another), so a page of 50 out of 50,000 costs one pass
// over short strings, not reading every ticket from storage. Search finds a reference in any case and
// spacing ("kn aggm"), a phone in any usual form (spaces, dots, +84, 84), a name or text with or without
// diacritics, and a tracking code.
import { FINAL_STATUSES, type Ticket, type TicketKind, type TicketStatus } from '../ticket.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { TicketStore } from './ticketStore.js';

/** A ticket as lists and exports show it: no history, conversation reference or transcript. */
export type TicketRow = Omit<Ticket, 'history' | 'reference' | 'transcript' | 'conversationId' | 'userId' | 'lang'>;

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

function entry(ticket: Ticket): Entry {
  const { history: _h, reference: _r, transcript: _t, conversationId: _c, userId: _u, lang: _l, ...row } = ticket;
  return {
    row,
    keys: {
      ref: compact(ticket.ref),
      tracking: compact(ticket.trackingCode ?? ''),
      phone: phoneDigits(ticket.phone),
      text: foldDiacritics(`${ticket.name}\n${ticket.details}`),
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

export class TicketSearch {
  private entries?: Map<string, Entry>;
  private loading?: Promise<Map<string, Entry>>;
  /** Tickets being read again after a write elsewhere: a list waits for them, so it never shows one older than an event told. */
  private readonly refreshing = new Set<Promise<void>>();

  constructor(
    private readonly store: TicketStore,
    private readonly targetHours: number,
    private readonly now = () => new Date(),
  ) {
    store.onWrite((ticket) => this.entries?.set(ticket.ref, entry(ticket)));
  }

  /** Reads every ticket once (at start, in the background, so that the first page is quick). */
  load(): Promise<Map<string, Entry>> {
    this.loading ??= this.store.list().then((tickets) => {
      const entries = new Map(tickets.map((t) => [t.ref, entry(t)]));
      // Writes while it loaded are newer than what was read.
      for (const [ref, known] of this.entries ?? []) entries.set(ref, known);
      return (this.entries = entries);
    });
    return this.loading;
  }

  /** A ticket written on another instance: read again. */
  refresh(ref: string): Promise<void> {
    const read = this.store.get(ref).then((ticket) => void (ticket && this.entries?.set(ref, entry(ticket))));
    const tracked = read.finally(() => this.refreshing.delete(tracked));
    this.refreshing.add(tracked);
    return tracked;
  }

  /** Every ticket matching the query, in its order (for a page or the CSV export). */
  async find(query: TicketQuery): Promise<ListedTicket[]> {
    const entries = await this.load();
    await Promise.allSettled([...this.refreshing]);
    const matches = matcher(query.q ?? '');
    const now = this.now().getTime();
    const found: ListedTicket[] = [];
    for (const { row, keys } of entries.values()) {
      if (query.status && row.status !== query.status) continue;
      if (query.kind && row.kind !== query.kind) continue;
      if (query.since && row.createdAt.slice(0, 10) < query.since) continue;
      if (query.owner !== undefined && (row.owner ?? '') !== query.owner) continue;
      if (!matches(keys)) continue;
      const closed = FINAL_STATUSES.includes(row.status);
      const until = closed && row.updatedAt ? Date.parse(row.updatedAt) : now;
      const ageHours = Math.max(0, (until - Date.parse(row.createdAt)) / 3_600_000);
      const overdue = !closed && ageHours > this.targetHours;
      if (query.overdue && !overdue) continue;
      found.push({ ...row, ageHours: Math.round(ageHours * 10) / 10, overdue });
    }
    // The stored times share one offset (+07:00), so they sort as plain strings.
    const newest = (a: ListedTicket, b: ListedTicket) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
    if (query.sort === 'oldest') return found.sort((a, b) => -newest(a, b));
    if (query.sort === 'overdue') return found.sort((a, b) => Number(b.overdue) - Number(a.overdue) || -newest(a, b));
    return found.sort(newest);
  }
}
