// Handing a conversation to a person, live only within OFFICE_HOURS. With HANDOFF_WEBHOOK_URL set, staff
// get botbuilder's handoff.initiate event (with the transcript) at the webhook, as an external agent hub
// expects; without it, the conversation goes into the built-in inbox that staff work from the console
// (/staff) or the API. Either way the bot stays quiet in that conversation until the citizen or staff end
// it. Everything is kept in Storage (eTag updates), so with STORAGE=blob any instance can serve any side.
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
import { handoffClosedAfterHours, handoffEndedByStaff, handoffNobodyYet } from '../features/handoff/texts.js';
import type { Message } from '../replies/commonTexts.js';
import type { Language } from '../text/language.js';
import type { Satisfaction } from '../ticket.js';
import type { CitizenSettings } from '../config/citizen.js';
import { isOpen } from './chatHours.js';
import { sendOnce, type Delivery, type SendProactive } from './proactiveSend.js';
import type { StatsRecorder } from './statsRecorder.js';
import { addToIndex, hashId, indexIds, KEY_PREFIX, PagedIndex, readItem, readItems, removeFromIndex, updateItem } from './records.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';

export interface TranscriptLine {
  from: 'user' | 'bot' | 'staff';
  text: string;
  at: string;
  /** The staff member who wrote a staff line. */
  by?: string;
}

export interface HandoffRecord {
  /** hashId(channel, conversation): one handoff at a time per conversation. */
  id: string;
  status: 'active' | 'ended' | 'failed';
  /** webhook: an external hub has it; inbox: the built-in inbox. */
  mode: 'webhook' | 'inbox';
  channelId: string;
  conversationId: string;
  reason: string;
  requestedAt: string;
  endedAt?: string;
  endedBy?: string;
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
  /** Asked when staff close the chat. */
  satisfaction?: Satisfaction;
}

export type Availability = 'live' | 'closed' | 'unavailable';

/** Lines an inbox transcript keeps (the oldest go first). */
const TRANSCRIPT_LINES = 200;
export const MAX_STAFF_TEXT = 2000;
const OPEN_INDEX = `${KEY_PREFIX}/handoffs/open`;
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
  /** Every handoff's id, by the day it was requested. */
  readonly all: PagedIndex;

  constructor(
    private readonly storage: Storage,
    private readonly settings: CitizenSettings,
    private readonly log: Logger,
    private readonly send: SendProactive,
    private readonly stats?: StatsRecorder,
    private readonly now = () => new Date(),
  ) {
    this.all = new PagedIndex(storage, ALL_INDEX);
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
    const { channelId, conversation } = context.activity;
    const id = handoffId(channelId, conversation.id);
    const requestedAt = vnTimestamp(this.now());
    const base = { id, mode: this.mode, channelId, conversationId: conversation.id, reason, requestedAt, lang };
    this.stats?.handoffRequested(channelId);
    await this.all.add(localTime(this.now()).date, id);
    if (this.mode === 'inbox') {
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
      await this.append(id, { from: 'user', text: (text ?? '').slice(0, MAX_STAFF_TEXT), at: vnTimestamp(this.now()) });
      return;
    }
    const error = await this.notify({ type: ActivityTypes.Message, channelId, conversation, from, text, timestamp } as Partial<Activity>);
    if (error) this.log.warn({ channel: channelId, error }, 'handoff message not forwarded');
  }

  /** Ends the handoff from inside the conversation; false when there was none active. */
  async end(context: TurnContext, by: 'citizen' | 'staff'): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    const record = await this.finish(handoffId(channelId, conversation.id), by);
    if (!record) return false;
    if (by === 'citizen' && record.mode === 'webhook') {
      await this.notify(EventFactory.createHandoffStatus(conversation as ConversationAccount, 'completed', 'ended by the citizen'));
    }
    return true;
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

  /** Sends a staff member's text to the citizen and adds it to the transcript; undefined when the handoff is not open. */
  async reply(id: string, text: string, by: string): Promise<Delivery | undefined> {
    const record = await this.get(id);
    if (record?.status !== 'active' || record.mode !== 'inbox' || !record.reference) return undefined;
    const now = this.now();
    const delivery = await sendOnce(this.send, record.reference, { text, actions: [] }, { intent: 'staffReply' }, now);
    await this.append(id, { from: 'staff', by, text, at: vnTimestamp(now) }, delivery.status === 'sent');
    if (delivery.status !== 'sent') this.log.warn({ channel: record.channelId, reason: delivery.reason }, 'staff reply not delivered');
    return delivery;
  }

  /** Ends an inbox handoff from the staff side and tells the citizen; false when it was not open. */
  async close(id: string, by: string): Promise<boolean> {
    return (await this.closeWith(id, by, handoffEndedByStaff)) !== undefined;
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
        await this.closeWith(record.id, 'office hours ended', handoffClosedAfterHours);
        continue;
      }
      if (
        record.answeredAt ||
        record.waitNoticeAt ||
        now.getTime() - Date.parse(record.requestedAt) < this.settings.handoffWaitMinutes * 60_000
      )
        continue;
      let mine = false;
      const updated = await updateItem<HandoffRecord>(this.storage, handoffKey(record.id), (latest) => {
        mine = latest?.status === 'active' && !latest.answeredAt && !latest.waitNoticeAt;
        return mine ? { ...latest!, waitNoticeAt: vnTimestamp(now) } : latest!;
      });
      if (mine) await this.tell(updated, handoffNobodyYet(updated.lang));
    }
  }

  private async closeWith(id: string, by: string, message: (lang?: Language) => Message): Promise<HandoffRecord | undefined> {
    const record = await this.finish(id, by);
    if (record) await this.tell(record, message(record.lang));
    return record;
  }

  /** Marks an active handoff ended; the record as it was, or undefined when it was not active (someone else ended it). */
  private async finish(id: string, by: string): Promise<HandoffRecord | undefined> {
    const key = handoffKey(id);
    if ((await readItem<HandoffRecord>(this.storage, key))?.status !== 'active') return undefined;
    let ended: HandoffRecord | undefined;
    await updateItem<HandoffRecord>(this.storage, key, (latest) => {
      ended = latest?.status === 'active' ? latest : undefined;
      return ended ? { ...ended, status: 'ended', endedAt: vnTimestamp(this.now()), endedBy: by } : latest!;
    });
    if (ended?.mode === 'inbox') await removeFromIndex(this.storage, OPEN_INDEX, id);
    if (ended?.mode === 'inbox' && !ended.answeredAt) this.stats?.handoffNotServed(ended.channelId);
    if (ended) this.log.info({ channel: ended.channelId, by }, 'handoff ended');
    return ended;
  }

  private async tell(record: HandoffRecord, message: Message): Promise<void> {
    if (!record.reference) return;
    const delivery = await sendOnce(this.send, record.reference, message, { intent: 'handoffNotice' }, this.now());
    if (delivery.status !== 'sent') this.log.warn({ channel: record.channelId, reason: delivery.reason }, 'handoff notice not delivered');
  }

  private async append(id: string, line: TranscriptLine, answered = false): Promise<void> {
    let first = false;
    const record = await updateItem<HandoffRecord>(this.storage, handoffKey(id), (latest) => {
      const transcript = [...(latest?.transcript ?? []), line].slice(-TRANSCRIPT_LINES);
      first = answered && !latest?.answeredAt;
      return { ...latest!, transcript, ...(first ? { answeredAt: line.at } : {}) };
    });
    if (first) this.stats?.handoffServed(record.channelId, (Date.parse(line.at) - Date.parse(record.requestedAt)) / 1000);
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
