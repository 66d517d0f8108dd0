// Complaints, suggestions and questions a citizen files through the bot. A ticket is written (and indexed)
// before the bot confirms it; its short reference (GY-7K3Q) lets the same channel user ask its status later.
import { randomInt } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { maskPhone } from './phone.js';
import { indexIds, KEY_PREFIX, PagedIndex, readItem, readItems, updateItem } from './records.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';

export type TicketKind = 'complaint' | 'suggestion' | 'question';

export const KIND_PREFIX: Record<TicketKind, string> = { complaint: 'KN', suggestion: 'GY', question: 'HD' };
// No 0/O, 1/I/L: a reference is read aloud on the phone and typed back.
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REF_PATTERN = /(?<![\p{L}\p{N}])(KN|GY|HD)[\s-]?([2-9A-HJKMNP-Z]{4})(?![\p{L}\p{N}])/iu;

export interface TicketInput {
  kind: TicketKind;
  details: string;
  trackingCode?: string;
  name: string;
  phone: string;
  channelId: string;
  conversationId: string;
  userId: string;
}

export interface Ticket extends TicketInput {
  ref: string;
  status: 'new';
  /** Asia/Ho_Chi_Minh, e.g. 2026-11-26T15:07:12+07:00. */
  createdAt: string;
}

/** The references, by the local day they were filed. */
const INDEX_KEY = `${KEY_PREFIX}/tickets/by-day`;
/** The single index item of earlier versions: still read, never written. */
const FORMER_INDEX_KEY = `${KEY_PREFIX}/tickets/index`;
const ticketKey = (ref: string): string => `${KEY_PREFIX}/tickets/${ref}`;

/** The reference written in a message ("gy 7k3q", "GY-7K3Q"), in its canonical form. */
export function findTicketRef(text: string): string | undefined {
  const m = REF_PATTERN.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : undefined;
}

export class TicketStore {
  private readonly index: PagedIndex;

  constructor(private readonly storage: Storage, private readonly log: Logger, private readonly now = () => new Date()) {
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
        return current ?? { ref, status: 'new', createdAt: vnTimestamp(at), ...input };
      });
      if (taken) continue;
      this.log.info({ ref, kind: input.kind, channel: input.channelId, phone: maskPhone(input.phone) }, 'ticket created');
      return ticket;
    }
  }

  get(ref: string): Promise<Ticket | undefined> {
    return readItem<Ticket>(this.storage, ticketKey(ref));
  }

  /** Tickets filed on or after a local date (YYYY-MM-DD), oldest first. */
  async list(since?: string): Promise<Ticket[]> {
    const refs = [...(await indexIds(this.storage, FORMER_INDEX_KEY)), ...(await this.index.ids(since))];
    const tickets = await readItems<Ticket>(this.storage, refs.map(ticketKey));
    return tickets.filter((t) => !since || t.createdAt.slice(0, 10) >= since).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
