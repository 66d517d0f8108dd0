// A person: the handoff flow when the citizen asks for one, and "are you a person" (a bot, and a person
// offered only when one can be reached now).
import { start, type Feature } from '../../../dialogs/feature.js';
import { send } from '../../replies/send.js';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from './handoffDialog.js';
import { humanMessage } from './texts.js';

export const handoff = {
  handlers: {
    handoff: async () => start<HandoffOptions>(HANDOFF_DIALOG, { values: { reason: 'asked' } }),
    async human({ context, lang, services }) {
      await send(context, humanMessage(lang, services.handoff.personReachable()), { intent: 'human' });
      return undefined;
    },
  },
  flows: ({ services, recognize }) => [new HandoffDialog(services, recognize)],
} satisfies Feature<'handoff' | 'human'>;
