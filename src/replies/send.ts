// Sends a composed message on the turn's channel, and records what it was (with the reply's language) in
// the turn's outcome (turnOutcome.ts), which stays on the server.
import type { TurnContext } from 'botbuilder';
import type { Message } from './commonTexts.js';
import { turnLanguage } from './replyLanguage.js';
import { reply } from './activities.js';
import { recordReply, type TurnMeta } from './turnOutcome.js';

export async function send(context: TurnContext, message: Message, meta: TurnMeta): Promise<void> {
  const lang = meta.lang ?? turnLanguage(context);
  recordReply(context, { ...meta, ...(lang ? { lang } : {}), text: message.text });
  await context.sendActivity(reply(message.text, message.actions, lang));
}
