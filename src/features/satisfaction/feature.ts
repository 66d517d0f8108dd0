// The citizen's answer to the satisfaction question (asked through the outbox when staff resolve a ticket or
// close a live chat): a choice "1" … "5", then the optional comment. It answers no intent of its own: it takes
// the message before the intent table when the conversation awaits that answer.
import type { Feature } from '../../../dialogs/feature.js';
import { send } from '../../replies/send.js';
import { isSkip, readScore, satisfactionCommentThanks, satisfactionThanks } from './texts.js';

export const satisfaction = {
  handlers: {},
  /** The choice, or the comment that may follow it: recorded and thanked; false when the message is neither. */
  async takes({ context, text, lang, services }) {
    const memory = await services.memory.get(context);
    const { channelId, conversation } = context.activity;
    const awaiting = memory.surveyComment;
    if (awaiting) {
      delete memory.surveyComment;
      const skipped = isSkip(text) || !text.trim();
      if (!skipped) await services.satisfaction.comment(channelId, awaiting, text);
      await send(context, satisfactionCommentThanks(lang, skipped), { intent: 'satisfaction' });
      return true;
    }
    const choice = readScore(text);
    const answered = choice && (await services.satisfaction.choose(channelId, conversation.id, choice.score));
    if (!choice || !answered) return false;
    if (choice.comment) {
      await services.satisfaction.comment(channelId, answered, choice.comment);
      await send(context, satisfactionCommentThanks(lang, false), { intent: 'satisfaction' });
    } else {
      memory.surveyComment = answered;
      await send(context, satisfactionThanks(lang), { intent: 'satisfaction' });
    }
    return true;
  },
} satisfies Feature<never>;
