// The citizen's answer to the satisfaction question (asked through the outbox when staff resolve a ticket or
// close a live chat): a choice "1" … "5", then the optional comment. It answers no intent of its own: it takes
// the message before the intent table when the conversation awaits that answer.
import type { Feature } from '../../../dialogs/feature.js';

export const satisfaction = {
  handlers: {},
  async takes({ context, text, lang, services }) {
    return services.satisfaction.answer(context, text, await services.memory.get(context), lang);
  },
} satisfies Feature<never>;
