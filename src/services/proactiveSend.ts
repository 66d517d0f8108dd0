// One proactive message into a stored conversation, tried once: what became of it (sent, or failed and
// why) is returned for the caller to record, never retried here. Used for announcements, ticket status
// changes and staff replies in the live-chat inbox. What it was is recorded in the proactive turn's outcome,
// as a reply's is (the per-turn log line reads it).
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Message } from '../replies/commonTexts.js';
import { send as sendReply } from '../replies/send.js';
import type { TurnMeta } from '../replies/turnOutcome.js';
import { vnTimestamp } from '../text/vnTime.js';

export type SendProactive = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export interface Delivery {
  status: 'sent' | 'failed' | 'skipped';
  at: string;
  reason?: string;
}

export async function sendOnce(
  send: SendProactive,
  reference: Partial<ConversationReference>,
  message: Message,
  meta: TurnMeta,
  at: Date,
): Promise<Delivery> {
  let failure: unknown;
  try {
    // A send error is caught inside the turn: the adapter's onTurnError would otherwise swallow it
    // (and answer the citizen with an error message).
    await send(reference, async (context) => {
      await sendReply(context, message, meta).catch((error: unknown) => void (failure = error));
    });
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) return { status: 'sent', at: vnTimestamp(at) };
  return { status: 'failed', at: vnTimestamp(at), reason: (failure as Error).message?.slice(0, 200) || 'send failed' };
}
