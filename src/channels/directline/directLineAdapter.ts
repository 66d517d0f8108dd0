// Runs the bot in-process for the local Direct Line: a user's activity becomes a turn, and what the bot sends is
// stored in the conversation (served by watermark and pushed over WebSocket). Needs no Bot Framework
// credentials, and proactive messages work through continueConversationAsync.
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { ConversationStore } from './conversations.js';
import { InProcessAdapter, logicOf, type Logic } from '../inProcessAdapter.js';

export const DIRECT_LINE_CHANNEL = 'webchat';
/**
 * The service URL of every local Direct Line activity: a name, never an address (delivery is in-process),
 * and never taken from the request's Host header. References stored by older versions end in /v3/directline.
 */
export const LOCAL_SERVICE_URL = 'urn:hotline:local-directline';
const isLocal = (serviceUrl: string | undefined): boolean =>
  serviceUrl === LOCAL_SERVICE_URL || /\/v3\/directline\/?$/u.test(serviceUrl ?? '');

/** Activities a Direct Line client never receives. */
const NOT_DELIVERED = new Set<string>([ActivityTypes.Trace, 'delay', ActivityTypes.InvokeResponse]);

export class DirectLineAdapter extends InProcessAdapter {
  constructor(
    private readonly conversations: ConversationStore,
    readonly botAccount: ChannelAccount,
    /** Where a proactive message for a conversation this server does not hold goes (Azure's webchat channel). */
    private readonly fallback: BotAdapter,
  ) {
    super();
  }

  /** Runs one turn for an activity already stored as the user's. */
  async receive(activity: Partial<Activity>, logic: Logic): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((activity) => {
      if (NOT_DELIVERED.has(activity.type ?? '')) return { id: '' };
      const conversationId = activity.conversation?.id ?? context.activity.conversation?.id ?? '';
      const conversation = this.conversations.get(conversationId);
      if (!conversation) throw new Error(`Direct Line: conversation ${conversationId} has expired`);
      // Whatever the reference said, clients tell the bot's messages by from.role.
      return { id: this.conversations.append(conversation, { ...activity, from: this.botAccount }).id };
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('Direct Line does not support editing a sent activity');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('Direct Line does not support deleting a sent activity');
  }

  override async continueConversationAsync(
    identity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    const logic = logicOf(logicOrAudience, maybeLogic);
    const id = reference.conversation?.id ?? '';
    if (!this.conversations.has(id) && isLocal(reference.serviceUrl)) {
      // One of ours from before a restart: taken up again, so the citizen's widget finds the message when it reconnects.
      if (!this.conversations.restore(id, reference.user?.id ?? ''))
        throw new Error('Direct Line: no room to take the conversation up again');
    }
    if (!this.conversations.has(id)) {
      // Not one of ours: a conversation of Azure's Web Chat channel, reached through the Bot Framework connector.
      if (typeof identity === 'string') await this.fallback.continueConversationAsync(identity, reference, logic);
      else if (typeof logicOrAudience === 'string')
        await this.fallback.continueConversationAsync(identity, reference, logicOrAudience, logic);
      else await this.fallback.continueConversationAsync(identity, reference, logic);
      return;
    }
    await this.continueConversation(reference, logic);
  }
}
