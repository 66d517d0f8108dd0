// Personal data kept only as long as allowed (Decree 13/2023/NĐ-CP; the Law on Personal Data Protection from
// 1 January 2026): once a day every instance deletes closed tickets whose last change, and ended chats (their
// transcripts) whose end, is older than RETENTION_DAYS, and the days of the unanswered-questions log older
// than that. Conversation memory expires in storage itself (src/storage/createStorage.ts). Thống kê's daily
// totals stay: they hold no one's data. Staff can also find, export and delete everything held about one phone
// number or ticket reference; each deletion, and each sweep that deleted something, leaves a history line.
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';
import type { Ticket } from '../ticket.js';
import type { GapsLog } from './gapsLog.js';
import { handoffId, handoffKey, type HandoffRecord, type HandoffService } from './handoffService.js';
import { normalizePhone } from './phone.js';
import { KEY_PREFIX, readItem, readItems, updateItem } from './records.js';
import type { TicketStore } from './ticketStore.js';

export interface PrivacyLine {
  at: string;
  by: string;
  action: 'export' | 'delete' | 'sweep';
  /** The phone number (masked) or ticket reference asked about; the sweep's cut-off day. */
  subject: string;
  tickets: number;
  chats: number;
}

/** Everything held about one person. */
export interface PersonalData {
  tickets: Ticket[];
  chats: HandoffRecord[];
}

const HISTORY_KEY = `${KEY_PREFIX}/privacy/history`;
const MAX_HISTORY = 1000;
const FINAL = new Set(['resolved', 'rejected']);

/** A phone number shown in the history: 0912345678 → 0912***678. */
const maskedPhone = (phone: string): string => `${phone.slice(0, 4)}***${phone.slice(-3)}`;

export class PersonalDataKeeper {
  constructor(
    private readonly storage: Storage,
    private readonly tickets: TicketStore,
    private readonly handoff: HandoffService,
    private readonly gaps: GapsLog,
    private readonly retentionDays: number,
    private readonly log: Logger,
    private readonly now = () => new Date(),
  ) {}

  /** The local day before which records go. */
  cutoff(): string {
    return localTime(new Date(this.now().getTime() - this.retentionDays * 86_400_000)).date;
  }

  /** Deletes what is older than RETENTION_DAYS; returns how many tickets and chats went. */
  async sweep(): Promise<{ tickets: number; chats: number; gapDays: number }> {
    const cutoff = this.cutoff();
    const old = (stamp: string | undefined): boolean => !!stamp && stamp.slice(0, 10) < cutoff;
    const tickets = (await this.tickets.list()).filter((t) => FINAL.has(t.status) && old(t.history.at(-1)?.at ?? t.createdAt));
    await this.tickets.remove(
      tickets.map((t) => t.ref),
      'retention',
    );
    const chats = (await readItems<HandoffRecord>(this.storage, (await this.handoff.all.ids()).map(handoffKey))).filter(
      (h) => h.status !== 'active' && old(h.endedAt ?? h.requestedAt),
    );
    if (chats.length) await this.storage.delete(chats.map((h) => handoffKey(h.id)));
    const gapDays = await this.gaps.forgetBefore(cutoff);
    if (tickets.length || chats.length || gapDays) {
      await this.remember({
        by: 'RETENTION_DAYS',
        action: 'sweep',
        subject: `trước ${cutoff}`,
        tickets: tickets.length,
        chats: chats.length,
      });
      this.log.info({ cutoff, tickets: tickets.length, chats: chats.length, gapDays }, 'retention sweep deleted old records');
    }
    return { tickets: tickets.length, chats: chats.length, gapDays };
  }

  /** Everything held about a phone number or a ticket reference (the ticket's conversation's chat with it). */
  async find(query: { phone?: string; ref?: string }): Promise<PersonalData> {
    const phone = query.phone ? normalizePhone(query.phone) : undefined;
    let tickets: Ticket[] = [];
    if (query.ref) {
      const ticket = await this.tickets.get(query.ref);
      tickets = ticket ? [ticket] : [];
    } else if (phone) tickets = (await this.tickets.list()).filter((t) => normalizePhone(t.phone) === phone);
    const chatIds = [...new Set(tickets.map((t) => handoffId(t.channelId, t.conversationId)))];
    const chats = (await readItems<HandoffRecord>(this.storage, chatIds.map(handoffKey))).map(({ reference: _reference, ...chat }) => chat);
    return { tickets, chats };
  }

  async export(query: { phone?: string; ref?: string }, by: string): Promise<PersonalData> {
    const found = await this.find(query);
    await this.remember({ by, action: 'export', subject: subjectOf(query), tickets: found.tickets.length, chats: found.chats.length });
    return found;
  }

  async delete(query: { phone?: string; ref?: string }, by: string): Promise<{ tickets: number; chats: number }> {
    const { tickets, chats } = await this.find(query);
    await this.tickets.remove(
      tickets.map((t) => t.ref),
      by,
    );
    if (chats.length) await this.storage.delete(chats.map((c) => handoffKey(c.id)));
    const line = { by, action: 'delete' as const, subject: subjectOf(query), tickets: tickets.length, chats: chats.length };
    await this.remember(line);
    this.log.info(line, 'personal data deleted on request');
    return { tickets: tickets.length, chats: chats.length };
  }

  /** The history, newest first. */
  async history(): Promise<PrivacyLine[]> {
    return [...((await readItem<{ lines: PrivacyLine[] }>(this.storage, HISTORY_KEY))?.lines ?? [])].reverse();
  }

  private async remember(line: Omit<PrivacyLine, 'at'>): Promise<void> {
    const entry = { at: vnTimestamp(this.now()), ...line };
    await updateItem<{ lines: PrivacyLine[] }>(this.storage, HISTORY_KEY, (current) => ({
      lines: [...(current?.lines ?? []), entry].slice(-MAX_HISTORY),
    }));
  }
}

function subjectOf(query: { phone?: string; ref?: string }): string {
  const phone = query.phone ? normalizePhone(query.phone) : undefined;
  return query.ref ?? (phone ? maskedPhone(phone) : '');
}
