// One proactive message into a stored conversation, tried once: what became of it (sent, or failed and
// why) is returned for the caller to record, never retried here. Used for announcements, ticket status
// changes and staff replies in the live-chat inbox.
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { vnTimestamp } from '../text/vnTime.js';

export type SendProactive = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export interface Delivery {
  status: 'sent' | 'failed' | 'skipped';
  at: string;
  reason?: string;
}

export async function sendOnce(send: SendProactive, reference: Partial<ConversationReference>, activity: Partial<Activity>, at: Date): Promise<Delivery> {
  let failure: unknown;
  try {
    // A send error is caught inside the turn: the adapter's onTurnError would otherwise swallow it
    // (and answer the citizen with an error message).
    await send(reference, async (context) => {
      await context.sendActivity(activity).catch((error: unknown) => void (failure = error));
    });
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) return { status: 'sent', at: vnTimestamp(at) };
  return { status: 'failed', at: vnTimestamp(at), reason: (failure as Error).message?.slice(0, 200) || 'send failed' };
}
