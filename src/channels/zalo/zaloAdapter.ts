// What the two Zalo adapters share: turning the bot's activities into plain Zalo text (numbered choices,
// 2,000-character chunks), reading "1", "2"… back as choices, proactive turns, and recording failed sends.
// Each transport supplies only how to send a text (and a typing sign) to a conversation.
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse, type Storage } from 'botbuilder';
import type { Response } from 'restify';
import type { ChargeUser } from '../../http/httpGuards.js';
import type { Logger } from '../../logger.js';
import { ChoiceMemory, renderNumbered } from './numberedChoices.js';
import { RecentEvents } from '../recentEvents.js';
import { splitText } from '../textChunks.js';
import { ZaloApiError } from './zaloHttp.js';
import { InProcessAdapter, type Logic } from '../inProcessAdapter.js';
import { conversationKey, type TurnRunner } from '../../bot/turnRunner.js';

/** Zalo takes at most this many characters per text message (OA /message/cs and Bot Platform sendMessage alike). */
export const ZALO_TEXT_LIMIT = 2000;

export interface DeliveryFailure {
  endpoint: string;
  code: number | null;
  message: string;
  at: string;
}

export abstract class ZaloAdapter extends InProcessAdapter {
  private readonly choices: ChoiceMemory;
  private readonly recent: RecentEvents;
  /** Charges a turn to its citizen once the route has authenticated the request (set by zaloChannels). */
  chargeUser?: ChargeUser;

  constructor(
    readonly channelId: string,
    protected readonly storage: Storage,
    protected readonly log: Logger,
    /** The app's turn runner: a chat's events are taken one at a time, in the order they arrived. */
    private readonly turns: TurnRunner,
  ) {
    super();
    this.choices = new ChoiceMemory(storage, channelId);
    this.recent = new RecentEvents(storage, channelId);
  }

  /** Charges an authenticated event's turn to its citizen; false when over the limit (429 sent). Events without a turn cost nothing. */
  protected admit(res: Response, activity: Partial<Activity> | undefined): boolean {
    const user = activity?.from?.id;
    return !user || !this.chargeUser || this.chargeUser(res, `${this.channelId}/${user}`);
  }

  /** Sends one text (≤ 2,000 characters) and returns Zalo's message id. */
  protected abstract sendText(conversationId: string, text: string): Promise<string>;

  /** Shows "typing…" where the transport has it. */
  protected async sendTyping(_conversationId: string): Promise<void> {}

  /** Storage key of the last failed send to a conversation: what proactive code checks before sending again. */
  failureKey(conversationId: string): string {
    return `${this.channelId}/deliveryFailures/${conversationId}`;
  }

  /**
   * Runs the turn of an event Zalo delivered, once however often it is delivered (also across restarts);
   * nothing for an event to ignore. In the chat's line from the start, so that neither the redelivery check
   * nor "typing…" of a later message goes before an earlier one.
   */
  protected takeEvent(key: string, activity: Partial<Activity> | undefined, logic: Logic): Promise<void> {
    const conversation = activity?.conversation?.id;
    return this.turns.run(conversationKey(this.channelId, conversation ?? `event/${key}`), () => this.take(key, activity, logic));
  }

  private async take(key: string, activity: Partial<Activity> | undefined, logic: Logic): Promise<void> {
    if (!(await this.recent.firstTime(key))) {
      this.log.info({ channel: this.channelId, event: key }, 'Zalo delivered an event again: already taken');
      return;
    }
    if (!activity) return;
    if (activity.type === ActivityTypes.Message && activity.conversation) {
      // "typing…" is a courtesy: failing to show it must not cost the answer.
      await this.sendTyping(activity.conversation.id).catch((error: unknown) =>
        this.log.warn({ err: error, channel: this.channelId }, 'Zalo typing sign failed'),
      );
    }
    await this.receive(activity, logic);
  }

  /** Runs a turn for an incoming activity; a bare number picks from the choices last offered. */
  private async receive(activity: Partial<Activity>, logic: Logic): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (activity.type === ActivityTypes.Message && conversationId) {
      const chosen = await this.choices.resolve(conversationId, activity.text);
      if (chosen !== undefined) activity = { ...activity, text: chosen };
    }
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
      if (!conversationId) throw new Error('Zalo: an activity without a conversation cannot be sent');
      try {
        if (activity.type === ActivityTypes.Typing) {
          await this.sendTyping(conversationId);
          responses.push({ id: '' });
        } else if (activity.type === ActivityTypes.Message) {
          const { text, choices } = renderNumbered(activity);
          await this.choices.remember(conversationId, choices);
          let id = '';
          for (const chunk of splitText(text, ZALO_TEXT_LIMIT)) id = await this.sendText(conversationId, chunk);
          responses.push({ id });
        } else {
          responses.push({ id: '' });
        }
      } catch (error) {
        if (error instanceof ZaloApiError) await this.recordFailure(conversationId, error);
        throw error;
      }
    }
    return responses;
  }

  private async recordFailure(conversationId: string, error: ZaloApiError): Promise<void> {
    const failure: DeliveryFailure = { endpoint: error.endpoint, code: error.code, message: error.message, at: new Date().toISOString() };
    this.log.warn({ channel: this.channelId, conversation: conversationId, endpoint: error.endpoint, code: error.code }, error.message);
    await this.storage.write({ [this.failureKey(conversationId)]: { ...failure, eTag: '*' } }).catch((writeError: unknown) => {
      this.log.error({ err: writeError }, 'could not record a Zalo delivery failure');
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('Zalo cannot edit a message that was sent');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('Zalo cannot delete a message that was sent');
  }
}
