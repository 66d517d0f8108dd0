// Complaints, suggestions and questions a citizen files through the bot. A ticket is written (and indexed)
// before the bot confirms it; its short reference (GY-7K3Q) lets the same channel user ask its status later.
// Staff move it new → in_progress → resolved | rejected; every change is kept in its history, with what
// became of the message that told the citizen.
import { randomInt } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { maskPhone } from './phone.js';
import { KIND_PREFIX, type Notice, type Ticket, type TicketChange, type TicketInput, type TicketStatus } from '../ticket.js';
import type { StatsRecorder } from './statsRecorder.js';
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
export const ticketKey = (ref: string): string => `${KEY_PREFIX}/tickets/${ref}`;

export class TicketStore {
  private readonly index: PagedIndex;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly stats?: StatsRecorder,
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
      this.stats?.ticketOpened(input.channelId);
      this.log.info({ ref, kind: input.kind, channel: input.channelId, phone: maskPhone(input.phone) }, 'ticket created');
      return ticket;
    }
  }

  async get(ref: string): Promise<Ticket | undefined> {
    const ticket = await readItem<Ticket>(this.storage, ticketKey(ref));
    return ticket && withHistory(ticket);
  }

  /**
   * Records a status change by staff; undefined for an unknown ref. The change is written before anyone
   * is told of it, so a failed message never loses it.
   */
  async setStatus(ref: string, status: TicketStatus, note: string, by: string): Promise<{ ticket: Ticket; index: number } | undefined> {
    if (!(await this.get(ref))) return undefined;
    const change: TicketChange = { status, at: vnTimestamp(this.now()), by, note };
    let index = 0;
    let before: TicketStatus = 'new';
    const ticket = await updateItem<Ticket>(this.storage, ticketKey(ref), (current) => {
      const latest = withHistory(current!);
      index = latest.history.length;
      before = latest.status;
      return { ...latest, status, history: [...latest.history, change] };
    });
    this.stats?.ticketStatus(ticket.channelId, before, status, (Date.parse(change.at) - Date.parse(ticket.createdAt)) / 1000);
    this.log.info({ ref, status, by }, 'ticket status changed');
    return { ticket, index };
  }

  /** Notes on a change what became of the message to the citizen. */
  async recordNotice(ref: string, index: number, notice: Notice): Promise<void> {
    await updateItem<Ticket>(this.storage, ticketKey(ref), (current) => {
      const latest = withHistory(current!);
      return { ...latest, history: latest.history.map((change, i) => (i === index ? { ...change, notice } : change)) };
    });
  }

  /** Tickets filed on or after a local date (YYYY-MM-DD), oldest first. */
  async list(since?: string): Promise<Ticket[]> {
    const refs = [...(await indexIds(this.storage, FORMER_INDEX_KEY)), ...(await this.index.ids(since))];
    const tickets = (await readItems<Ticket>(this.storage, refs.map(ticketKey))).map(withHistory);
    return tickets.filter((t) => !since || t.createdAt.slice(0, 10) >= since).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

/** Tickets of earlier versions were written without a history. */
function withHistory(ticket: Ticket): Ticket {
  return ticket.history ? ticket : { ...ticket, history: [] };
}
