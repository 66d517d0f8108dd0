// Handing a conversation to a person. Live only within OFFICE_HOURS and with HANDOFF_WEBHOOK_URL set:
// the request is recorded, staff get botbuilder's handoff.initiate event (with the transcript) at the
// webhook, and the bot stays quiet in that conversation until the citizen or staff (handoff.status
// event, state "completed") end it. Otherwise the citizen gets the hotline and the offer of a ticket.
import { ActivityTypes, EventFactory, type Activity, type ConversationAccount, type Storage, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { CitizenSettings } from './citizenSettings.js';
import { isOpen } from './officeHours.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';

export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  at: string;
}

export interface HandoffRecord {
  status: 'active' | 'ended' | 'failed';
  channelId: string;
  conversationId: string;
  reason: string;
  requestedAt: string;
  endedAt?: string;
  endedBy?: 'citizen' | 'staff';
  /** Why staff could not be reached (failed). */
  error?: string;
}

export type Availability = 'live' | 'closed' | 'unavailable';

const handoffKey = (channelId: string, conversationId: string): string => `${KEY_PREFIX}/handoffs/${hashId(channelId, conversationId)}`;

export class HandoffService {
  constructor(
    private readonly storage: Storage,
    private readonly settings: CitizenSettings,
    private readonly log: Logger,
    private readonly now = () => new Date(),
  ) {}

  /** live: staff can take over now; closed: outside office hours; unavailable: no hours or no webhook configured. */
  availability(): Availability {
    if (!this.settings.handoffWebhookUrl || this.settings.officeHours.length === 0) return 'unavailable';
    return isOpen(this.settings.officeHours, this.now()) ? 'live' : 'closed';
  }

  /**
   * Whether the bot may offer a person now ("Gặp nhân viên" after failed answers, anger or a 👎): only when
   * one can actually take the conversation — office hours open and a handoff route (today the webhook).
   * The single place that decides it; a new route to staff extends `availability()`.
   */
  personReachable(): boolean {
    return this.availability() === 'live';
  }

  /** Records the request and notifies staff; true when staff have it (the bot then stays quiet). */
  async start(context: TurnContext, reason: string, transcript: TranscriptLine[]): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    const requestedAt = vnTimestamp(this.now());
    const base = { channelId, conversationId: conversation.id, reason, requestedAt };
    const event = EventFactory.createHandoffInitiation(context, { reason, requestedAt }, { activities: transcript.map((line) => transcriptActivity(context, line)) });
    const error = await this.notify(event);
    await updateItem<HandoffRecord>(this.storage, handoffKey(channelId, conversation.id), () => (error ? { ...base, status: 'failed', error } : { ...base, status: 'active' }));
    this.log.info({ channel: channelId, reason, notified: !error, error }, 'handoff requested');
    return !error;
  }

  /** Whether staff hold this conversation now. */
  async isActive(context: TurnContext): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    return (await readItem<HandoffRecord>(this.storage, handoffKey(channelId, conversation.id)))?.status === 'active';
  }

  /** Passes a citizen's message to staff while they hold the conversation. */
  async forward(context: TurnContext): Promise<void> {
    const { text, from, conversation, channelId, timestamp } = context.activity;
    const error = await this.notify({ type: ActivityTypes.Message, channelId, conversation, from, text, timestamp } as Partial<Activity>);
    if (error) this.log.warn({ channel: channelId, error }, 'handoff message not forwarded');
  }

  /** Ends the handoff; false when there was none active. Staff are told when the citizen ends it. */
  async end(context: TurnContext, by: 'citizen' | 'staff'): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    const key = handoffKey(channelId, conversation.id);
    const record = await readItem<HandoffRecord>(this.storage, key);
    if (record?.status !== 'active') return false;
    await updateItem<HandoffRecord>(this.storage, key, (latest) => ({ ...(latest ?? record), status: 'ended', endedAt: vnTimestamp(this.now()), endedBy: by }));
    if (by === 'citizen') {
      await this.notify(EventFactory.createHandoffStatus(conversation as ConversationAccount, 'completed', 'ended by the citizen'));
    }
    this.log.info({ channel: channelId, by }, 'handoff ended');
    return true;
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
