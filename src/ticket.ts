// What a ticket is: the record the services keep and the replies show, and its reference as a citizen types it.
import type { ConversationReference } from 'botbuilder';
import type { Language } from './text/language.js';

export type TicketKind = 'complaint' | 'suggestion' | 'question';

export const KIND_PREFIX: Record<TicketKind, string> = { complaint: 'KN', suggestion: 'GY', question: 'HD' };
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
}

export type TicketStatus = 'new' | 'in_progress' | 'resolved' | 'rejected';
export const STAFF_STATUSES: readonly TicketStatus[] = ['in_progress', 'resolved', 'rejected'];

/** What became of the message telling the citizen of a change. */
export interface Notice {
  status: 'sent' | 'failed' | 'skipped';
  at: string;
  reason?: string;
}

export interface TicketChange {
  status: TicketStatus;
  /** Vietnamese time. */
  at: string;
  /** The staff member's user name, or "api" for the bearer token. */
  by: string;
  note: string;
  notice?: Notice;
}

/** The citizen's answer to the satisfaction question, asked once after a ticket is resolved or a live chat closed by staff. */
export interface Satisfaction {
  askedAt: string;
  /** What became of the question (on Zalo, outside the messaging window it is not sent). */
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
  satisfaction?: Satisfaction;
}

/** The reference written in a message ("gy 7k3q", "GY-7K3Q"), in its canonical form. */
export function findTicketRef(text: string): string | undefined {
  const m = REF_PATTERN.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : undefined;
}
