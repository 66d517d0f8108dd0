// What the adapters that run the bot in this process share (local Direct Line, Zalo): they need no Bot
// Framework identity, and a proactive message is a turn that starts with a continueConversation event.
import { ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

export type Logic = (context: TurnContext) => Promise<void>;

/** The name of the event activity a proactive turn starts with (as in botbuilder's own adapters). */
export const PROACTIVE = 'continueConversation';

/** continueConversationAsync(identity, reference, logic) or (identity, reference, audience, logic): the logic. */
export function logicOf(logicOrAudience: Logic | string, maybeLogic?: Logic): Logic {
  const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
  if (!logic) throw new TypeError('continueConversationAsync: logic is required');
  return logic;
}

export abstract class InProcessAdapter extends BotAdapter {
  async continueConversation(reference: Partial<ConversationReference>, logic: Logic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: PROACTIVE }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Whichever form the caller uses, the reference and the logic are what count here. */
  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    await this.continueConversation(reference, logicOf(logicOrAudience, maybeLogic));
  }
}
