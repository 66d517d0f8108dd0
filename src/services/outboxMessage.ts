// What the bot will send later, as it is kept: each message lives in the record whose change caused it (a
// ticket's status change, a live chat's staff line or closing notice, a page of an announcement's
// subscribers), written in the same storage write as that change, with its state as the sender last
// recorded it. The sender is src/services/outbox.ts; staff see `noticeView` of each.
import { randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Action } from '../replies/action.js';
import type { TurnMeta } from '../replies/turnOutcome.js';
import type { Notice } from '../ticket.js';

/**
 * queued: not tried yet; sending: a try under way (or cut short by a crash: then tried again, counted as a
 * possible repeat); retrying: a try failed, the next one is due at `nextAt`; delivered: the channel took it;
 * failed: given up (tries exhausted, or outside the channel's messaging window).
 */
export type OutboxState = NoticeView['state'];

export interface OutboxMessage {
  /** Stable across tries and restarts: a repeat of the same message carries the same id. */
  id: string;
  text: string;
  actions: Action[];
  reference: Partial<ConversationReference>;
  meta: TurnMeta;
  state: OutboxState;
  attempts: number;
  /** Tries made again after one that may have reached the citizen unrecorded (a crash mid-send). */
  repeats: number;
  lastError?: string;
  /** Vietnamese time it was queued, then of its last outcome. */
  at: string;
  /** When the next try is due (ms since the epoch): a retry's back-off, or a claim's end. */
  nextAt: number;
  /** The instance trying it now (state "sending"). */
  claimedBy?: string;
  /** Times the citizen is known to have written besides their last recorded message (filing a ticket, subscribing). */
  knownInbound?: string[];
}

/** A record that carries messages to send. */
export interface WithOutbox {
  outbox?: OutboxMessage[];
}

/** What a feature asks to send: the message and where; the outbox adds the id and the state. */
export interface OutboxRequest {
  text: string;
  actions?: Action[];
  reference: Partial<ConversationReference>;
  meta: TurnMeta;
  knownInbound?: string[];
}

/** What staff see of a message: the console shows its state. */
export type NoticeView = Notice;

export const FINAL: ReadonlySet<OutboxState> = new Set<OutboxState>(['delivered', 'failed']);

/** An id for the messages of one change: `<batch>.<n>`. */
export function newBatchId(): string {
  return randomBytes(9).toString('base64url');
}

export function newMessage(id: string, request: OutboxRequest, at: string, now: number): OutboxMessage {
  return {
    id,
    text: request.text,
    actions: request.actions ?? [],
    reference: request.reference,
    meta: request.meta,
    state: 'queued',
    attempts: 0,
    repeats: 0,
    at,
    nextAt: now,
    ...(request.knownInbound ? { knownInbound: request.knownInbound } : {}),
  };
}

export function noticeView({ id, text, state, attempts, repeats, lastError, at }: OutboxMessage): NoticeView {
  return { id, text, state, attempts, repeats, ...(lastError ? { lastError } : {}), at };
}

/** Messages kept once final, per record: the newest; a record's pending ones are always kept. */
const KEEP_FINAL = 50;

/** The record's messages with the oldest final ones beyond KEEP_FINAL dropped. */
export function pruned(messages: OutboxMessage[]): OutboxMessage[] {
  const finals = messages.filter((m) => FINAL.has(m.state)).length;
  let drop = Math.max(0, finals - KEEP_FINAL);
  return messages.filter((m) => !(drop > 0 && FINAL.has(m.state) && drop-- > 0));
}
