// What a ticket is: the record the services keep and the replies show, and its reference as a citizen types it.
import { randomInt } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Language } from './text/language.js';

export type TicketKind = 'complaint' | 'suggestion' | 'question';

export const KIND_PREFIX: Record<TicketKind, string> = { complaint: 'KN', suggestion: 'GY', question: 'HD' };
// No 0/O, 1/I/L: a reference is read aloud on the phone and typed back.
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new reference of the kind's prefix (KN-7K3Q); the store makes sure no other ticket has it. */
export function newTicketRef(kind: TicketKind): string {
  return `${KIND_PREFIX[kind]}-${Array.from({ length: 4 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join('')}`;
}
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
  /** Where to tell the citizen of a status change (tickets of earlier versions have none). */
  reference?: Partial<ConversationReference>;
  /** The language the citizen wrote the ticket in, for those messages. */
  lang?: Language;
  /** A ticket staff made from a live chat: the chat as it stood then. */
  transcript?: Array<{ from: string; text: string; at: string; by?: string }>;
}

export type TicketStatus = 'new' | 'in_progress' | 'resolved' | 'rejected';
export const STAFF_STATUSES: readonly TicketStatus[] = ['in_progress', 'resolved', 'rejected'];
/** Closed: another status change needs a deliberate reopening with a note. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['resolved', 'rejected'];

/**
 * A message the bot sends later (src/services/outboxMessage.ts) as staff see it: queued, sending (a try under
 * way), retrying (a try failed, another is due), delivered, or failed (given up, `lastError` says why).
 */
export interface Notice {
  id: string;
  text: string;
  state: 'queued' | 'sending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  /** Tries made again after one a crash left unrecorded: the citizen may have it twice. */
  repeats: number;
  lastError?: string;
  /** When it was queued, then of its last outcome (Vietnamese time). */
  at: string;
}

/**
 * What a history entry records: a status change (the default, told to the citizen), a reopening of a closed
 * ticket (told), a message to the citizen without a status change (told), an internal note (never sent), or
 * who handles the ticket now (never sent).
 */
export type ChangeType = 'status' | 'reopen' | 'message' | 'internal' | 'assign';
export const TOLD_TYPES: readonly ChangeType[] = ['status', 'reopen', 'message'];

export interface TicketChange {
  /** The ticket's status after the change. */
  status: TicketStatus;
  /** Absent on entries of earlier versions: a status change. */
  type?: ChangeType;
  /** assign: the staff member who handles the ticket from now on ('' for nobody). */
  owner?: string;
  /** Vietnamese time. */
  at: string;
  /** The staff member's user name, or "api" for the bearer token. */
  by: string;
  note: string;
  /** The message telling the citizen of this change (stored: its id; shown to staff: the message). */
  noticeId?: string;
  notice?: Notice;
}

/** The citizen's answer to the satisfaction question, asked once after a ticket is resolved or a live chat closed by staff. */
export interface Satisfaction {
  askedAt: string;
  /** The outbox message that asks it (stored). */
  questionId?: string;
  /** That message as staff see it (filled when read, not stored): on Zalo, outside the messaging window it fails. */
  delivery?: Notice;
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  score?: number;
  comment?: string;
  answeredAt?: string;
}

export interface Ticket extends TicketInput {
  ref: string;
  status: TicketStatus;
  /** Asia/Ho_Chi_Minh, e.g. 2026-11-26T15:07:12+07:00. */
  createdAt: string;
  history: TicketChange[];
  /** Every message about this ticket as staff see it (filled when read, not stored). */
  notices?: Notice[];
  /** Counts the changes, for If-Match / 409 (tickets of earlier versions: their history's length). */
  version?: number;
  /** The last change's time and author, shown with a 409 ("Phiếu đã được lan cập nhật lúc …"). */
  updatedAt?: string;
  updatedBy?: string;
  /** The staff member who handles it (Nhận xử lý); absent: nobody yet. */
  owner?: string;
  /** The satisfaction question, asked once when the ticket is first resolved, and its answer. */
  satisfaction?: Satisfaction;
}

export const ticketVersion = (ticket: Ticket): number => ticket.version ?? ticket.history.length;

/** A ticket as lists and exports show it: no history, conversation reference or transcript. */
export type TicketRow = Omit<Ticket, 'history' | 'reference' | 'transcript' | 'conversationId' | 'userId' | 'lang'>;

export function ticketRow(ticket: Ticket): TicketRow {
  const { history: _h, reference: _r, transcript: _t, conversationId: _c, userId: _u, lang: _l, ...row } = ticket;
  return row;
}

/** The reference written in a message ("gy 7k3q", "GY-7K3Q"), in its canonical form. */
export function findTicketRef(text: string): string | undefined {
  const m = REF_PATTERN.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : undefined;
}
