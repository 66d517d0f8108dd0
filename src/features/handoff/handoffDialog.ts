// Handoff to a person. When staff can take over (within chat hours: through the webhook, or the built-in
// inbox) the request goes to them with the transcript and the bot stays silent in this conversation, passing
// the citizen's messages on, until the citizen says "kết thúc" or staff end it (then the next message is
// understood as usual). Told that nobody has picked up yet, a citizen who asks for a ticket gets one.
// Otherwise the citizen gets the hotline and the offer of a ticket. Leaving the flow in any way ends the
// handoff the citizen still holds.
import type { TurnContext } from 'botbuilder';
import { DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { handoffConnected, handoffUnavailable } from './texts.js';
import { replyLanguage } from '../../replies/replyLanguage.js';
import { send } from '../../replies/send.js';
import type { CitizenServices } from '../../services/citizenServices.js';
import { describeChatHours } from '../../services/chatHours.js';
import { CitizenFlowDialog, type FlowOptions } from '../../../dialogs/citizenFlowDialog.js';
import type { Recognize } from '../../../dialogs/feature.js';

export const HANDOFF_DIALOG = 'handoffDialog';

export interface HandoffRequest {
  /** Why: the citizen asked, or accepted an offer after failed answers or in anger. */
  reason: string;
}

export type HandoffOptions = FlowOptions<HandoffRequest>;

export class HandoffDialog extends CitizenFlowDialog<HandoffRequest> {
  /** `recognize`: the meaning of a text, with every feature's intents (the root's). */
  constructor(
    private readonly services: Pick<CitizenServices, 'handoff' | 'memory' | 'settings'>,
    recognize: Recognize,
  ) {
    const { handoff } = services;
    super(HANDOFF_DIALOG, 'handoff', { endedBy: 'endHandoff', form: false, otherwise: 'leave' }, [
      {
        // Each message while staff hold the conversation: passed on, no reply.
        ask: () => undefined,
        async takes(context, text) {
          const active = await handoff.active(context);
          // Told that nobody has picked up yet, a request for a ticket is the bot's again.
          return active !== undefined && !(active.waitNoticeAt && recognize(text).name === 'feedback');
        },
        async accept(context, _text, values) {
          await handoff.forward(context);
          return { again: values };
        },
      },
    ]);
  }

  /** Hands the conversation to staff; when nobody can take it, says so and ends at once. */
  async beginDialog(dc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const { context } = dc;
    const { handoff, memory, settings } = this.services;
    const availability = handoff.availability();
    const lang = replyLanguage(context);
    if (availability === 'live') {
      const { transcript } = await memory.get(context);
      if (await handoff.start(context, options!.values.reason, transcript, lang)) {
        await send(context, handoffConnected(lang), { intent: 'handoff' });
        return super.beginDialog(dc, options);
      }
    }
    const hours = availability === 'closed' ? describeChatHours(settings.chatHours, lang) : undefined;
    await send(context, handoffUnavailable(hours, lang), { intent: 'handoffUnavailable' });
    return dc.endDialog();
  }

  async endDialog(context: TurnContext, _instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) await this.services.handoff.end(context, 'citizen');
  }
}
