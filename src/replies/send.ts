// Sends a composed message on the turn's channel, with what the turn did (and the reply's language) in channelData.hotline.
import type { TurnContext } from 'botbuilder';
import type { Message } from './messages.js';
import { turnLanguage } from './replyLanguage.js';
import { reply, type TurnMeta } from './activities.js';

export async function send(context: TurnContext, message: Message, meta: TurnMeta): Promise<void> {
  const lang = meta.lang ?? turnLanguage(context);
  await context.sendActivity(reply(context.activity.channelId, message.text, message.actions, lang ? { ...meta, lang } : meta));
}
