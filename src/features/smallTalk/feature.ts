// Small talk and the conversation itself: the menu, a message the bot cannot read, greetings, thanks,
// goodbyes, acknowledgements, who the bot is and what it can do, and a cancel with nothing under way.
import type { Feature, Turn } from '../../../dialogs/feature.js';
import { nothingToCancel } from '../../replies/commonTexts.js';
import { send } from '../../replies/send.js';
import type { ReplyIntent } from '../../replies/turnOutcome.js';
import { smallTalkMessage, type SmallTalk } from './texts.js';

/** Says one small-talk text, recorded as `intent`. */
function reply(key: SmallTalk, intent: ReplyIntent): (turn: Turn) => Promise<undefined> {
  return async ({ context, lang }) => {
    await send(context, smallTalkMessage(key, lang), { intent });
    return undefined;
  };
}

export const smallTalk = {
  handlers: {
    empty: reply('notText', 'notText'),
    menu: reply('welcome', 'menu'),
    greeting: reply('greeting', 'greeting'),
    thanks: reply('thanks', 'thanks'),
    goodbye: reply('goodbye', 'goodbye'),
    ack: reply('ack', 'ack'),
    identity: reply('identity', 'identity'),
    capabilities: reply('capabilities', 'capabilities'),
    insult: reply('insult', 'insult'),
    // Nothing under way (a flow's cancel is handled by the root before the flow continues): acknowledged.
    async cancel({ context, lang }) {
      await send(context, nothingToCancel(lang), { intent: 'cancel' });
      return undefined;
    },
  },
} satisfies Feature<'empty' | 'menu' | 'greeting' | 'thanks' | 'goodbye' | 'ack' | 'identity' | 'capabilities' | 'insult' | 'cancel'>;
