// Sends a composed message on the turn's channel, with what the turn did in channelData.hotline.
import type { TurnContext } from 'botbuilder';
import type { Message } from './messages.js';
import { reply, type TurnMeta } from './replies.js';

export async function send(context: TurnContext, message: Message, meta: TurnMeta): Promise<void> {
  await context.sendActivity(reply(context.activity.channelId, message.text, message.actions, meta));
}
