// Complaints, suggestions and questions a citizen files through the bot. A ticket is written (and indexed)
// before the bot confirms it; its short reference (GY-7K3Q) lets the same channel user ask its status later.
// Staff move it new → in_progress → resolved | rejected; every change is kept in its history, stored in
// the same write as the message that tells the citizen (the outbox sends it), and shown with that message's state.
import { randomInt } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { maskPhone } from './phone.js';
import { KIND_PREFIX, type Ticket, type TicketChange, type TicketInput, type TicketStatus } from '../ticket.js';
import { ticketUpdateMessage } from '../features/tickets/texts.js';
import type { Outbox } from './outbox.js';
import { noticeView, type WithOutbox } from './outboxMessage.js';
import { indexIds, KEY_PREFIX, PagedIndex, readItem, readItems, updateItem } from './records.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';

// No 0/O, 1/I/L: a reference is read aloud on the phone and typed back.
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Longest staff note kept. */
export const MAX_NOTE = 1000;

/** The references, by the local day they were filed. */
const INDEX_KEY = `${KEY_PREFIX}/tickets/by-day`;
/** The single index item of earlier versions: still read, never written. */
const FORMER_INDEX_KEY = `${KEY_PREFIX}/tickets/index`;
const ticketKey = (ref: string): string => `${KEY_PREFIX}/tickets/${ref}`;

/** A ticket as stored: with the messages about it that the outbox sends. */
type StoredTicket = Ticket & WithOutbox;

export class TicketStore {
  private readonly index: PagedIndex;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    /** Absent for a reader of the tickets only (`npm run tickets`): it changes none. */
    private readonly outbox?: Outbox,
    private readonly now = () => new Date(),
  ) {
    this.index = new PagedIndex(storage, INDEX_KEY);
  }

  async create(input: TicketInput): Promise<Ticket> {
    try {
      return await this.write(input);
    } catch (error) {
      this.log.error({ err: error, kind: input.kind, channel: input.channelId, phone: maskPhone(input.phone) }, 'ticket not saved');
      throw error;
    }
  }

  /** Indexes the reference first: a failure after that leaves an index entry without a ticket, which lists skip. */
  private async write(input: TicketInput): Promise<Ticket> {
    for (;;) {
      const ref = `${KIND_PREFIX[input.kind]}-${Array.from({ length: 4 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join('')}`;
      if (await this.get(ref)) continue;
      // One instant for both, so that the day it is indexed under is the day of its createdAt.
      const at = this.now();
      await this.index.add(localTime(at).date, ref);
      let taken = false;
      const ticket = await updateItem<Ticket>(this.storage, ticketKey(ref), (current) => {
        taken = current !== undefined;
        return current ?? { ref, status: 'new', createdAt: vnTimestamp(at), history: [], ...input };
      });
      if (taken) continue;
      this.log.info({ ref, kind: input.kind, channel: input.channelId, phone: maskPhone(input.phone) }, 'ticket created');
      return ticket;
    }
  }

  async get(ref: string): Promise<Ticket | undefined> {
    const ticket = await readItem<StoredTicket>(this.storage, ticketKey(ref));
    return ticket && shown(ticket);
  }

  /**
   * Records a status change by staff, and in the same write the message that tells the citizen (sent by the
   * outbox, retried if it fails); undefined for an unknown ref.
   */
  async setStatus(ref: string, status: TicketStatus, note: string, by: string): Promise<Ticket | undefined> {
    if (!this.outbox) throw new Error('TicketStore: read-only (no outbox)');
    if (!(await this.get(ref))) return undefined;
    const at = vnTimestamp(this.now());
    const ticket = await this.outbox.change<StoredTicket>(ticketKey(ref), (current, enqueue) => {
      const latest = withHistory(current!);
      const change: TicketChange = { status, at, by, note };
      // Tickets of earlier versions kept no conversation to write to.
      if (latest.reference) {
        const message = ticketUpdateMessage(latest, change);
        change.noticeId = enqueue({
          ...message,
          reference: latest.reference,
          meta: { intent: 'ticketUpdate', lang: latest.lang ?? 'vi' },
          // Filing the ticket was itself a message from the citizen (messaging windows count from it).
          knownInbound: [latest.createdAt],
        }).id;
      }
      return { ...latest, status, history: [...latest.history, change] };
    });
    this.log.info({ ref, status, by }, 'ticket status changed');
    return shown(ticket);
  }

  /** Tickets filed on or after a local date (YYYY-MM-DD), oldest first. */
  async list(since?: string): Promise<Ticket[]> {
    const refs = [...(await indexIds(this.storage, FORMER_INDEX_KEY)), ...(await this.index.ids(since))];
    const tickets = (await readItems<StoredTicket>(this.storage, refs.map(ticketKey))).map(shown);
    return tickets.filter((t) => !since || t.createdAt.slice(0, 10) >= since).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

/** Tickets of earlier versions were written without a history. */
function withHistory<T extends Ticket>(ticket: T): T {
  return ticket.history ? ticket : { ...ticket, history: [] };
}

/** The ticket as staff and citizens see it: each change with its message's state, every message, no outbox internals. */
function shown(stored: StoredTicket): Ticket {
  const { outbox = [], ...ticket } = withHistory(stored);
  const notices = outbox.map(noticeView);
  const byId = new Map(notices.map((n) => [n.id, n]));
  return {
    ...ticket,
    history: ticket.history.map((change) => {
      const notice = change.noticeId ? byId.get(change.noticeId) : undefined;
      return notice ? { ...change, notice } : change;
    }),
    notices,
  };
}
