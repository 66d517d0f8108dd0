// Complaints, suggestions and questions a citizen files through the bot. A ticket is written (and indexed)
// before the bot confirms it; its short reference (GY-7K3Q) lets the same channel user ask its status later.
// Staff move it new → in_progress → resolved | rejected; every change is kept in its history, stored in
// the same write as the message that tells the citizen (the outbox sends it), and shown with that message's state.
import type { Storage, StoreItem } from 'botbuilder';
import type { Logger } from '../logger.js';
import { maskPhone } from './phone.js';
import {
  FINAL_STATUSES,
  TOLD_TYPES,
  newTicketRef,
  ticketRow,
  ticketVersion,
  type ChangeType,
  type TicketRow,
  type Ticket,
  type TicketChange,
  type TicketInput,
  type TicketStatus,
} from '../ticket.js';
import type { Message } from '../replies/commonTexts.js';
import type { Outbox } from './outbox.js';
import { noticeView, type WithOutbox } from './outboxMessage.js';
import { askSatisfaction, awaitAnswer, type SurveyQuestion } from './satisfactionQuestion.js';
import type { StatsRecorder } from './statsRecorder.js';
import { indexIds, itemValue, KEY_PREFIX, PagedIndex, readItem, readItems, updateItem } from './records.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';

/** Longest staff note kept. */
export const MAX_NOTE = 1000;

/** The references, by the local day they were filed. */
const INDEX_KEY = `${KEY_PREFIX}/tickets/by-day`;
/** The single index item of earlier versions: still read, never written. */
const FORMER_INDEX_KEY = `${KEY_PREFIX}/tickets/index`;
export const ticketKey = (ref: string): string => `${KEY_PREFIX}/tickets/${ref}`;

/** A ticket as stored: with the messages about it that the outbox sends. */
type StoredTicket = Ticket & WithOutbox;

/** What the store tells a citizen about their ticket (the tickets and satisfaction features' words). */
export interface TicketTexts {
  /** A change staff made (status, note, message), in the ticket's language. */
  update: (ticket: Ticket, change: TicketChange) => Message;
  surveyQuestion: SurveyQuestion;
}

/** How a store that changes tickets tells their citizens: through the outbox, in these words. */
export interface TicketSends {
  outbox: Outbox;
  texts: TicketTexts;
}

/** A store that keeps a summary of each ticket with it (lowdb: `storedTicketRow`) and gives them all at once. */
interface KeepsSummaries {
  summaries(): Promise<Map<string, unknown> | undefined>;
}

/** What lowdb keeps with each stored ticket for the staff list (createStorage's `summary`): its row. */
export function storedTicketRow(item: StoreItem): TicketRow | undefined {
  const ticket = itemValue<StoredTicket>(item);
  return ticket && ticketRow(shown(ticket));
}

/** Told of every ticket written (filed, changed, or one of its messages' state recorded), e.g. to update a search index or push it to consoles. */
export type TicketListener = (ticket: Ticket, by: string) => void;

export class TicketStore {
  private readonly index: PagedIndex;
  private readonly listeners: TicketListener[] = [];
  private readonly removedListeners: Array<(ref: string, by: string) => void> = [];

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    /** Absent for a reader of the tickets only (`npm run tickets`): it changes none. */
    private readonly sends?: TicketSends,
    private readonly stats?: StatsRecorder,
    private readonly now = () => new Date(),
  ) {
    this.index = new PagedIndex(storage, INDEX_KEY);
    // A message about a ticket delivered or failed: whoever shows the ticket hears of it.
    sends?.outbox.onRecorded((key) => {
      if (!key.startsWith(ticketKey(''))) return;
      this.get(key.slice(ticketKey('').length))
        .then((ticket) => ticket && this.written(ticket, 'notice'))
        .catch((error: unknown) => this.log.warn({ err: error, key }, 'ticket not reread after its message'));
    });
  }

  onWrite(listener: TicketListener): void {
    this.listeners.push(listener);
  }

  /** Told of every ticket deleted (RETENTION_DAYS, a person's request): lists drop it. */
  onRemove(listener: (ref: string, by: string) => void): void {
    this.removedListeners.push(listener);
  }

  /** Deletes tickets for good (personal data past its time, or on request). */
  async remove(refs: string[], by: string): Promise<void> {
    if (!refs.length) return;
    await this.storage.delete(refs.map(ticketKey));
    for (const ref of refs) for (const listener of this.removedListeners) listener(ref, by);
  }

  private written(ticket: Ticket, by: string): void {
    for (const listener of this.listeners) listener(ticket, by);
  }

  /**
   * Files a ticket. `proposedRef` is the reference the citizen's form chose before it asked for confirmation,
   * kept in its state: confirming again after a turn whose state could not be saved (the citizen was told
   * "chưa lưu được… gửi lại", and the form is still at its confirmation) finds the ticket that turn filed and
   * gives it back, instead of filing the same complaint twice.
   */
  async create(input: TicketInput, by = 'citizen', proposedRef?: string): Promise<Ticket> {
    try {
      const filed = proposedRef ? await this.get(proposedRef) : undefined;
      if (filed && sameFiler(filed, input)) return filed;
      const ticket = await this.write(input, filed ? undefined : proposedRef);
      this.written(ticket, by);
      return ticket;
    } catch (error) {
      this.log.error({ err: error, kind: input.kind, channel: input.channelId, phone: maskPhone(input.phone) }, 'ticket not saved');
      throw error;
    }
  }

  /** Indexes the reference first: a failure after that leaves an index entry without a ticket, which lists skip. */
  private async write(input: TicketInput, proposedRef?: string): Promise<Ticket> {
    for (let first = true; ; first = false) {
      const ref = first && proposedRef ? proposedRef : newTicketRef(input.kind);
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
    const ticket = await readItem<StoredTicket>(this.storage, ticketKey(ref));
    return ticket && shown(ticket);
  }

  /**
   * Records a staff change, and in the same write the message that tells the citizen when the change is told
   * (sent by the outbox, retried if it fails); undefined for an unknown ref. `expected` is the version the
   * staff member saw (If-Match): a ticket changed since, a status change on a closed ticket or to the status
   * it already has, or a reopening of an open one is refused with the current ticket, never half applied.
   */
  async change(ref: string, edit: StaffEdit, expected?: number): Promise<ChangeResult | undefined> {
    if (!this.sends) throw new Error('TicketStore: read-only (no outbox)');
    const { outbox, texts } = this.sends;
    const before = await this.get(ref);
    if (!before) return undefined;
    const at = vnTimestamp(this.now());
    // Resolved for the first time: the citizen is asked once how satisfied they are, after the update.
    const asks = (ticket: Ticket): boolean =>
      edit.type === 'status' && edit.status === 'resolved' && !!ticket.reference && !ticket.satisfaction;
    if (asks(before) && !refuse(before, edit, expected))
      await awaitAnswer(this.storage, before.channelId, before.conversationId, 'ticket', ref, at);
    let refused: Refusal | undefined;
    let previous: TicketStatus = before.status;
    const stored = await outbox.change<StoredTicket>(ticketKey(ref), (current, enqueue) => {
      const latest = withHistory(current!);
      refused = refuse(latest, edit, expected);
      if (refused) return latest;
      previous = latest.status;
      const status = edit.type === 'reopen' ? 'in_progress' : (edit.status ?? latest.status);
      const entry: TicketChange = { status, at, by: edit.by, note: edit.note };
      if (edit.type !== 'status') entry.type = edit.type;
      if (edit.type === 'assign') entry.owner = edit.owner ?? '';
      // Tickets of earlier versions kept no conversation to write to.
      if (TOLD_TYPES.includes(edit.type) && latest.reference) {
        const message = texts.update(latest, entry);
        entry.noticeId = enqueue({
          ...message,
          reference: latest.reference,
          meta: { intent: 'ticketUpdate', lang: latest.lang ?? 'vi' },
          // Filing the ticket was itself a message from the citizen (messaging windows count from it).
          knownInbound: [latest.createdAt],
        }).id;
      }
      const satisfaction = asks(latest)
        ? askSatisfaction('ticket', ref, latest, [latest.createdAt], enqueue, at, texts.surveyQuestion)
        : latest.satisfaction;
      const owner = edit.type === 'assign' ? edit.owner || undefined : latest.owner;
      const { owner: _previous, ...rest } = latest;
      return {
        ...rest,
        ...(owner ? { owner } : {}),
        ...(satisfaction ? { satisfaction } : {}),
        status,
        history: [...latest.history, entry],
        version: ticketVersion(latest) + 1,
        updatedAt: at,
        updatedBy: edit.by,
      };
    });
    const ticket = shown(stored);
    if (refused) return { refused, ticket };
    if (ticket.status !== previous)
      this.stats?.ticketStatus(ticket.channelId, previous, ticket.status, (Date.parse(at) - Date.parse(ticket.createdAt)) / 1000);
    this.written(ticket, edit.by);
    this.log.info({ ref, type: edit.type, status: ticket.status, by: edit.by }, 'ticket changed');
    return { ticket };
  }

  /**
   * Every ticket's list row, in no order: the rows the store kept with the tickets when it keeps them (lowdb,
   * read at start with no ticket read; given once), otherwise every ticket read.
   */
  async rows(): Promise<TicketRow[]> {
    const kept = await (this.storage as Partial<KeepsSummaries>).summaries?.();
    if (kept) return [...kept.values()] as TicketRow[];
    return (await this.list()).map(ticketRow);
  }

  /** Tickets filed on or after a local date (YYYY-MM-DD), oldest first. */
  async list(since?: string): Promise<Ticket[]> {
    const refs = [...(await indexIds(this.storage, FORMER_INDEX_KEY)), ...(await this.index.ids(since))];
    const tickets = (await readItems<StoredTicket>(this.storage, refs.map(ticketKey))).map(shown);
    return tickets.filter((t) => !since || t.createdAt.slice(0, 10) >= since).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

export interface StaffEdit {
  type: ChangeType;
  /** type status: the new status. */
  status?: TicketStatus;
  note: string;
  by: string;
  /** type assign: the new owner, '' for nobody. */
  owner?: string;
}

/** Why a change was refused: someone changed the ticket since, it is closed, nothing would change, it is open. */
export type Refusal = 'stale' | 'final' | 'unchanged' | 'notFinal';
export type ChangeResult = { ticket: Ticket; refused?: Refusal };

function refuse(ticket: Ticket, edit: StaffEdit, expected: number | undefined): Refusal | undefined {
  if (expected !== undefined && expected !== ticketVersion(ticket)) return 'stale';
  const closed = FINAL_STATUSES.includes(ticket.status);
  if (edit.type === 'reopen') return closed ? undefined : 'notFinal';
  if (edit.type === 'status') return closed ? 'final' : edit.status === ticket.status ? 'unchanged' : undefined;
  if (edit.type === 'assign') return (edit.owner ?? '') === (ticket.owner ?? '') ? 'unchanged' : undefined;
  return undefined;
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
  const question = ticket.satisfaction?.questionId ? byId.get(ticket.satisfaction.questionId) : undefined;
  return {
    ...ticket,
    ...(question ? { satisfaction: { ...ticket.satisfaction!, delivery: question } } : {}),
    history: ticket.history.map((change) => {
      const notice = change.noticeId ? byId.get(change.noticeId) : undefined;
      return notice ? { ...change, notice } : change;
    }),
    notices,
  };
}

/** The same ticket of the same citizen in the same conversation (a reference proposed by another form is never theirs). */
function sameFiler(ticket: Ticket, input: TicketInput): boolean {
  return (['channelId', 'conversationId', 'userId', 'kind', 'details'] as const).every((field) => ticket[field] === input[field]);
}
