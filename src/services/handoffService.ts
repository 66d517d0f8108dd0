// Handing a conversation to a person, live only within OFFICE_HOURS. With HANDOFF_WEBHOOK_URL set, staff
// get botbuilder's handoff.initiate event (with the transcript) at the webhook, as an external agent hub
// expects; without it, the conversation goes into the built-in inbox that staff work from the console
// (/staff) or the API. Either way the bot stays quiet in that conversation until the citizen or staff end
// it. Everything is kept in Storage (eTag updates), so with STORAGE=blob any instance can serve any side.
// What the citizen is sent later (staff lines, the waiting and closing notices) goes through the outbox,
// stored in the same write as the line or the status change that causes it.
import {
  ActivityTypes,
  EventFactory,
  TurnContext,
  type Activity,
  type ConversationAccount,
  type ConversationReference,
  type Storage,
} from 'botbuilder';
import type { Logger } from '../logger.js';
import type { Message } from '../replies/commonTexts.js';
import type { Language } from '../text/language.js';
import type { Satisfaction } from '../ticket.js';
import { clipCharacters } from '../text/characters.js';
import type { CitizenSettings } from '../config/citizen.js';
import { isOpen } from './chatHours.js';
import type { Outbox } from './outbox.js';
import type { OutboxMessage, WithOutbox } from './outboxMessage.js';
import { askSatisfaction, awaitAnswer, type SurveyQuestion } from './satisfactionQuestion.js';
import type { StatsRecorder } from './statsRecorder.js';
import { addToIndex, hashId, indexIds, KEY_PREFIX, PagedIndex, readItem, readItems, removeFromIndex, updateItem } from './records.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';
import { turnAddress } from './turnAddress.js';

export interface TranscriptLine {
  from: 'user' | 'bot' | 'staff';
  text: string;
  at: string;
  /** The staff member who wrote a staff line. */
  by?: string;
  /** A staff line: the outbox message carrying it to the citizen. */
  messageId?: string;
}

export interface HandoffRecord extends WithOutbox {
  /** hashId(channel, conversation): one handoff at a time per conversation. */
  id: string;
  status: 'active' | 'ended' | 'failed';
  /** webhook: an external hub has it; inbox: the built-in inbox. */
  mode: 'webhook' | 'inbox';
  channelId: string;
  conversationId: string;
  reason: string;
  requestedAt: string;
  /** The citizen's user id in the conversation: tells their own handoff.status event from staff's. */
  userId?: string;
  /** The hashed address it was asked from, on channels that have one (turnAddress.ts). */
  address?: string;
  endedAt?: string;
  /** Who ended it: the staff member's name, "citizen", "staff" (an agent hub) or "office hours ended". */
  endedBy?: string;
  /** Which side ended it. */
  endedByKind?: EndedBy;
  /** Why staff could not be reached (failed). */
  error?: string;
  /** Inbox: where staff replies go, and the conversation so far (the bot's last lines, then the live chat). */
  reference?: Partial<ConversationReference>;
  transcript?: TranscriptLine[];
  /** Inbox: when staff first answered; until then the citizen is waiting. */
  answeredAt?: string;
  /** Inbox: the citizen was told once that nobody has picked up yet. */
  waitNoticeAt?: string;
  /** The conversation's language, for what the bot tells the citizen later (nobody yet, closed). */
  lang?: Language;
  /** Inbox: the staff member handling the chat (Nhận xử lý, or the first to answer). */
  owner?: string;
  /** Inbox: every change of owner, oldest first. */
  assignments?: Array<{ at: string; by: string; owner: string }>;
  /** Asked when staff close the chat. */
  satisfaction?: Satisfaction;
}

/** What became of a staff reply: sent (or not) to the citizen, or refused because a colleague holds the chat. */
export type ReplyResult = { message: OutboxMessage } | { ownedBy: string };

/** Told of every change to a chat (a citizen's message, a reply, a claim, its end), with who made it. */
export type HandoffListener = (id: string, by: string) => void;

/** What the service tells a citizen later, in the conversation's language (the handoff and satisfaction features' words). */
export interface HandoffTexts {
  endedByStaff: (lang?: Language) => Message;
  closedAfterHours: (lang?: Language) => Message;
  nobodyYet: (lang?: Language) => Message;
  surveyQuestion: SurveyQuestion;
}

export type Availability = 'live' | 'closed' | 'unavailable';
/** Who ends a handoff: the citizen, staff (console, API or agent hub), or the end of office hours. */
export type EndedBy = 'citizen' | 'staff' | 'hours';

/** Lines an inbox transcript keeps (the oldest go first). */
const TRANSCRIPT_LINES = 200;
export const MAX_STAFF_TEXT = 2000;
/** How long a staff reply's request waits for the first try of its message. */
const REPLY_WAIT_MS = 10_000;
const OPEN_INDEX = `${KEY_PREFIX}/handoffs/open`;
/** Ended inbox chats, by the local day they ended (Lịch sử trò chuyện). */
const CLOSED_INDEX = `${KEY_PREFIX}/handoffs/closed`;
/** Every handoff, by the local day it was requested (for the retention sweep). */
const ALL_INDEX = `${KEY_PREFIX}/handoffs/by-day`;
export const handoffKey = (id: string): string => `${KEY_PREFIX}/handoffs/${id}`;
export const handoffId = (channelId: string, conversationId: string): string => hashId(channelId, conversationId);

/**
 * Whether a person can take a conversation over now: within OFFICE_HOURS, whether through the webhook or
 * the built-in inbox (which needs nothing more). The one place that decides when a person is offered.
 */
export function personReachableNow(settings: CitizenSettings, now: Date): boolean {
  return settings.chatHours.length > 0 && isOpen(settings.chatHours, now);
}

export class HandoffService {
  private readonly listeners: HandoffListener[] = [];
  private readonly closedIndex: PagedIndex;
  /** Every handoff's id, by the day it was requested. */
  readonly all: PagedIndex;

  constructor(
    private readonly storage: Storage,
    private readonly settings: CitizenSettings,
    private readonly log: Logger,
    private readonly outbox: Outbox,
    private readonly texts: HandoffTexts,
    private readonly stats?: StatsRecorder,
    private readonly now = () => new Date(),
  ) {
    this.closedIndex = new PagedIndex(storage, CLOSED_INDEX);
    this.all = new PagedIndex(storage, ALL_INDEX);
    // A staff reply or notice delivered or failed: the consoles showing the chat hear of it.
    outbox.onRecorded((key) => {
      if (key.startsWith(handoffKey(''))) this.changed(key.slice(handoffKey('').length), 'notice');
    });
  }

  onChange(listener: HandoffListener): void {
    this.listeners.push(listener);
  }

  private changed(id: string, by: string): void {
    for (const listener of this.listeners) listener(id, by);
  }

  /** live: staff can take over now; closed: outside chat hours; unavailable: no hours configured. */
  availability(): Availability {
    if (this.settings.chatHours.length === 0) return 'unavailable';
    return personReachableNow(this.settings, this.now()) ? 'live' : 'closed';
  }

  /**
   * Whether the bot may offer a person now ("Gặp nhân viên" after failed answers, anger or a 👎): only when
   * one can actually take the conversation — inside chat hours, through the webhook or the built-in inbox.
   */
  personReachable(): boolean {
    return this.availability() === 'live';
  }

  private get mode(): HandoffRecord['mode'] {
    return this.settings.handoffWebhookUrl ? 'webhook' : 'inbox';
  }

  /** Records the request and makes it reach staff; true when they have it (the bot then stays quiet). */
  async start(context: TurnContext, reason: string, transcript: TranscriptLine[], lang: Language = 'vi'): Promise<boolean> {
    const { channelId, conversation, from } = context.activity;
    const id = handoffId(channelId, conversation.id);
    const requestedAt = vnTimestamp(this.now());
    const address = turnAddress(context);
    const base = { id, mode: this.mode, channelId, conversationId: conversation.id, userId: from?.id, address, reason, requestedAt, lang };
    this.stats?.handoffRequested(channelId);
    await this.all.add(localTime(this.now()).date, id);
    if (this.mode === 'inbox') {
      if (await this.addressFull(id, address)) {
        this.log.warn({ channel: channelId, reason: 'handoffs per address' }, 'handoff refused');
        this.stats?.handoffNotServed(channelId);
        return false;
      }
      const reference = TurnContext.getConversationReference(context.activity);
      // Indexed first: an index entry without an open handoff is skipped, an open one missing from it would be lost.
      await addToIndex(this.storage, OPEN_INDEX, id);
      await updateItem<HandoffRecord>(this.storage, handoffKey(id), () => ({
        ...base,
        status: 'active',
        reference,
        transcript: [...transcript],
      }));
      this.log.info({ channel: channelId, reason, mode: 'inbox' }, 'handoff requested');
      this.changed(id, 'citizen');
      return true;
    }
    const event = EventFactory.createHandoffInitiation(
      context,
      { reason, requestedAt },
      { activities: transcript.map((line) => transcriptActivity(context, line)) },
    );
    const error = await this.notify(event);
    await updateItem<HandoffRecord>(this.storage, handoffKey(id), () =>
      error ? { ...base, status: 'failed', error } : { ...base, status: 'active' },
    );
    if (error) this.stats?.handoffNotServed(channelId);
    this.log.info({ channel: channelId, reason, mode: 'webhook', notified: !error, error }, 'handoff requested');
    return !error;
  }

  /**
   * Whether the address already holds HANDOFFS_PER_ADDRESS open chats in the inbox (others than this one): one
   * sender cannot fill the staff's inbox with fake chats (the citizen is given the hotline and a ticket).
   */
  private async addressFull(id: string, address: string | undefined): Promise<boolean> {
    const cap = this.settings.handoffsPerAddress;
    if (!address || !cap) return false;
    return (await this.open()).filter((r) => r.address === address && r.id !== id).length >= cap;
  }

  /** The handoff staff hold in this conversation now, if any. */
  async active(context: TurnContext): Promise<HandoffRecord | undefined> {
    const { channelId, conversation } = context.activity;
    const record = await readItem<HandoffRecord>(this.storage, handoffKey(handoffId(channelId, conversation.id)));
    return record?.status === 'active' ? record : undefined;
  }

  async isActive(context: TurnContext): Promise<boolean> {
    return (await this.active(context)) !== undefined;
  }

  /** Passes a citizen's message to staff while they hold the conversation. */
  async forward(context: TurnContext): Promise<void> {
    const { text, from, conversation, channelId, timestamp } = context.activity;
    const id = handoffId(channelId, conversation.id);
    const record = await readItem<HandoffRecord>(this.storage, handoffKey(id));
    if (record?.mode === 'inbox') {
      await this.append(id, { from: 'user', text: clipCharacters(text ?? '', MAX_STAFF_TEXT), at: vnTimestamp(this.now()) });
      this.changed(id, 'citizen');
      return;
    }
    const error = await this.notify({ type: ActivityTypes.Message, channelId, conversation, from, text, timestamp } as Partial<Activity>);
    if (error) this.log.warn({ channel: channelId, error }, 'handoff message not forwarded');
  }

  /** Ends the handoff from inside the conversation; false when there was none active. */
  async end(context: TurnContext, by: 'citizen' | 'staff'): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    const record = await this.finish(handoffId(channelId, conversation.id), by, by);
    if (!record) return false;
    if (by === 'citizen' && record.mode === 'webhook') {
      await this.notify(EventFactory.createHandoffStatus(conversation as ConversationAccount, 'completed', 'ended by the citizen'));
    }
    return true;
  }

  /**
   * Who sent a handoff.status event into the conversation: staff's agent hub (webhook mode) ends a handoff that
   * way, but any citizen can send the same event in their own chat. The built-in inbox's staff never do (they
   * use the console), and an event from the citizen's own user id is the citizen's.
   */
  async eventSender(context: TurnContext): Promise<'citizen' | 'staff'> {
    const { channelId, conversation, from } = context.activity;
    const record = await readItem<HandoffRecord>(this.storage, handoffKey(handoffId(channelId, conversation.id)));
    return record?.mode === 'webhook' && !(record.userId && from?.id === record.userId) ? 'staff' : 'citizen';
  }

  // --- The built-in inbox, for staff ---

  /** Open inbox handoffs, longest waiting first. */
  async open(): Promise<HandoffRecord[]> {
    const records = await readItems<HandoffRecord>(this.storage, (await indexIds(this.storage, OPEN_INDEX)).map(handoffKey));
    return records.filter((r) => r.status === 'active' && r.mode === 'inbox').sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  get(id: string): Promise<HandoffRecord | undefined> {
    return /^[A-Za-z0-9_-]{22}$/u.test(id) ? readItem<HandoffRecord>(this.storage, handoffKey(id)) : Promise.resolve(undefined);
  }

  /**
   * Adds a staff member's text to the transcript and, in the same write, queues it for the citizen (the
   * outbox sends it at once and retries a failure); undefined when the handoff is not open. A chat a
   * colleague holds is refused (ownedBy) unless `takeOver`; a chat nobody holds becomes the sender's. The
   * owner is decided before anything is queued, so two staff never both answer unaware.
   */
  async reply(id: string, text: string, by: string, takeOver = false): Promise<ReplyResult | undefined> {
    const record = await this.get(id);
    if (record?.status !== 'active' || record.mode !== 'inbox' || !record.reference) return undefined;
    const claimed = await this.assign(id, by, by, takeOver);
    if (!claimed) return undefined;
    if ('ownedBy' in claimed) return claimed;
    let message: OutboxMessage | undefined;
    let first = false;
    const written = await this.outbox.change<HandoffRecord>(handoffKey(id), (latest, enqueue) => {
      message = undefined;
      if (latest?.status !== 'active' || !latest.reference) return latest!;
      const at = vnTimestamp(this.now());
      message = enqueue({ text, reference: latest.reference, meta: { intent: 'staffReply' } });
      first = !latest.answeredAt;
      return withLine(latest, { from: 'staff', by, text, at, messageId: message.id }, true);
    });
    if (!message) return undefined;
    // The first staff answer: how long the citizen waited for a person, for Thống kê.
    if (first) this.stats?.handoffServed(written.channelId, (Date.parse(written.answeredAt!) - Date.parse(written.requestedAt)) / 1000);
    this.changed(id, by);
    // Staff see at once whether it went (the outbox tries it straight away); a slow channel answers "sending".
    return { message: (await this.outbox.attempted(message.id, REPLY_WAIT_MS)) ?? { ...message, state: 'sending' } };
  }

  /**
   * Nhận xử lý: makes `owner` the chat's owner ('' for nobody), recorded in its assignments. Without
   * `takeOver`, a chat held by someone else than `by` is refused (ownedBy). Undefined when the chat is not open.
   */
  async assign(id: string, by: string, owner: string, takeOver = true): Promise<HandoffRecord | { ownedBy: string } | undefined> {
    let result: HandoffRecord | { ownedBy: string } | undefined;
    let moved = false;
    const record = await updateItem<HandoffRecord>(this.storage, handoffKey(id), (latest) => {
      moved = false;
      if (latest?.status !== 'active' || latest.mode !== 'inbox') return ((result = undefined), latest!);
      if (latest.owner && latest.owner !== by && !takeOver) return ((result = { ownedBy: latest.owner }), latest);
      if ((latest.owner ?? '') === owner) return ((result = latest), latest);
      moved = true;
      const assignments = [...(latest.assignments ?? []), { at: vnTimestamp(this.now()), by, owner }].slice(-TRANSCRIPT_LINES);
      const { owner: _previous, ...rest } = latest;
      return (result = { ...rest, ...(owner ? { owner } : {}), assignments });
    });
    if (moved) this.changed(record.id, by);
    return result;
  }

  /** Ended inbox chats whose end was on or after a local date (YYYY-MM-DD), most recent first. */
  async closed(since?: string): Promise<HandoffRecord[]> {
    const records = await readItems<HandoffRecord>(this.storage, (await this.closedIndex.ids(since)).map(handoffKey));
    return records.filter((r) => r.status === 'ended').sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''));
  }

  /**
   * Ends an inbox handoff from the staff side and tells the citizen, then asks once how satisfied they are
   * (both queued in the write that ends it); false when it was not open.
   */
  async close(id: string, by: string): Promise<boolean> {
    return (await this.finish(id, by, 'staff', this.texts.endedByStaff, true)) !== undefined;
  }

  /**
   * Runs now and then on every instance: a citizen waiting longer than HANDOFF_WAIT_MINUTES with no answer is
   * told once (hotline, ticket); once chat hours end, every open handoff is closed and its citizen told.
   * The eTag update decides which instance does each, so nobody is told twice.
   */
  async sweep(now = this.now()): Promise<void> {
    const closing = !personReachableNow(this.settings, now);
    for (const record of await this.open()) {
      if (closing) {
        await this.finish(record.id, 'office hours ended', 'hours', this.texts.closedAfterHours);
        continue;
      }
      if (
        record.answeredAt ||
        record.waitNoticeAt ||
        now.getTime() - Date.parse(record.requestedAt) < this.settings.handoffWaitMinutes * 60_000
      )
        continue;
      // The eTag update decides which instance tells the citizen; the notice is stored with the mark.
      let marked = false;
      await this.outbox.change<HandoffRecord>(handoffKey(record.id), (latest, enqueue) => {
        marked = false;
        if (latest?.status !== 'active' || latest.answeredAt || latest.waitNoticeAt) return latest!;
        marked = true;
        if (latest.reference)
          enqueue({
            ...this.texts.nobodyYet(latest.lang),
            reference: latest.reference,
            meta: { intent: 'handoffNotice', lang: latest.lang ?? 'vi' },
          });
        return { ...latest, waitNoticeAt: vnTimestamp(now) };
      });
      if (marked) this.changed(record.id, 'bot');
    }
  }

  /**
   * Marks an active handoff ended, with the notice to the citizen (if any) and, with `survey`, the satisfaction
   * question in the same write; the record as it was, or undefined when it was not active (someone else ended it).
   */
  private async finish(
    id: string,
    by: string,
    kind: EndedBy,
    notice?: (lang?: Language) => Message,
    survey = false,
  ): Promise<HandoffRecord | undefined> {
    const key = handoffKey(id);
    const before = await readItem<HandoffRecord>(this.storage, key);
    if (before?.status !== 'active') return undefined;
    const asks = (record: HandoffRecord): boolean => survey && record.mode === 'inbox' && !!record.reference && !record.satisfaction;
    if (asks(before)) await awaitAnswer(this.storage, before.channelId, before.conversationId, 'chat', id, vnTimestamp(this.now()));
    let ended: HandoffRecord | undefined;
    await this.outbox.change<HandoffRecord>(key, (latest, enqueue) => {
      ended = latest?.status === 'active' ? latest : undefined;
      if (!ended) return latest!;
      const at = vnTimestamp(this.now());
      if (notice && ended.reference)
        enqueue({ ...notice(ended.lang), reference: ended.reference, meta: { intent: 'handoffNotice', lang: ended.lang ?? 'vi' } });
      const lastCitizenLine = ended.transcript?.filter((line) => line.from === 'user').at(-1)?.at;
      const satisfaction = asks(ended)
        ? askSatisfaction('chat', id, ended, [lastCitizenLine ?? ended.requestedAt], enqueue, at, this.texts.surveyQuestion)
        : undefined;
      return { ...ended, status: 'ended', endedAt: at, endedBy: by, endedByKind: kind, ...(satisfaction ? { satisfaction } : {}) };
    });
    if (ended?.mode === 'inbox') {
      await this.closedIndex.add(localTime(this.now()).date, id);
      await removeFromIndex(this.storage, OPEN_INDEX, id);
      this.changed(id, by);
    }
    if (ended?.mode === 'inbox' && !ended.answeredAt) this.stats?.handoffNotServed(ended.channelId);
    if (ended) this.log.info({ channel: ended.channelId, by: kind }, 'handoff ended');
    return ended;
  }

  private async append(id: string, line: TranscriptLine): Promise<void> {
    await updateItem<HandoffRecord>(this.storage, handoffKey(id), (latest) => withLine(latest!, line));
  }

  /** POSTs to the webhook; the error text, or undefined when staff received it. */
  private async notify(body: Partial<Activity>): Promise<string | undefined> {
    try {
      const response = await fetch(this.settings.handoffWebhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.handoffWebhookTimeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? undefined : `webhook answered ${response.status}`;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'webhook timed out' : `webhook unreachable: ${(error as Error).message}`;
    }
  }
}

/** The record with a line added to its transcript (the oldest beyond TRANSCRIPT_LINES dropped); a staff line marks it answered. */
function withLine(record: HandoffRecord, line: TranscriptLine, answered = false): HandoffRecord {
  const transcript = [...(record.transcript ?? []), line].slice(-TRANSCRIPT_LINES);
  return { ...record, transcript, ...(answered && !record.answeredAt ? { answeredAt: line.at } : {}) };
}

function transcriptActivity(context: TurnContext, line: TranscriptLine): Activity {
  const { from, recipient, conversation, channelId } = context.activity;
  return {
    type: ActivityTypes.Message,
    channelId,
    conversation,
    from: line.from === 'user' ? from : recipient,
    recipient: line.from === 'user' ? recipient : from,
    text: line.text,
    timestamp: new Date(line.at),
  } as Activity;
}
