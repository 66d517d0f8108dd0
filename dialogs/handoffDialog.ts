// Handoff to a person. When staff can take over (within office hours: through the webhook, or the built-in
// inbox) the request goes to them with the transcript and the bot stays silent in this conversation, passing
// the citizen's messages on, until the citizen says "kết thúc" or staff end it (then the next message is
// understood as usual). Told that nobody has picked up yet, a citizen who asks for a ticket gets one.
// Otherwise the citizen gets the hotline and the offer of a ticket.
import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { handoffConnected, handoffEnded, handoffUnavailable } from '../src/replies/messages.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import { describeOfficeHours } from '../src/services/officeHours.js';
import { endsHandoff, recognizeIntent } from '../src/understanding/intents.js';
import type { Reroute } from './newsDialog.js';

export const HANDOFF_DIALOG = 'handoffDialog';
const START = 'handoffStart';
const SILENT = 'handoffSilent';

export interface HandoffOptions {
  /** Why: the citizen asked, or accepted an offer after failed answers or in anger. */
  reason: string;
}

export class HandoffDialog extends ComponentDialog {
  constructor(private readonly services: CitizenServices) {
    super(HANDOFF_DIALOG);
    this.addDialog(new WaterfallDialog(START, [this.startStep.bind(this)]))
      .addDialog(new WaterfallDialog(SILENT, [async () => Dialog.EndOfTurn, this.silentStep.bind(this)]));
    this.initialDialogId = START;
  }

  private async startStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { handoff, memory, settings } = this.services;
    const availability = handoff.availability();
    const lang = replyLanguage(context);
    if (availability === 'live') {
      const { transcript } = await memory.get(context);
      if (await handoff.start(context, step.options.reason, transcript, lang)) {
        await send(context, handoffConnected(lang), { intent: 'handoff' });
        return step.replaceDialog(SILENT);
      }
    }
    const hours = availability === 'closed' ? describeOfficeHours(settings.officeHours, lang) : undefined;
    await send(context, handoffUnavailable(hours, lang), { intent: 'handoffUnavailable' });
    return step.endDialog();
  }

  /** Each message while staff hold the conversation: passed on, no reply. */
  private async silentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { handoff } = this.services;
    const text = typeof step.result === 'string' ? step.result : '';
    const active = await handoff.active(context);
    if (!active) return step.endDialog({ reroute: text } satisfies Reroute);
    if (active.waitNoticeAt && recognizeIntent(text).name === 'feedback') {
      await handoff.end(context, 'citizen');
      return step.endDialog({ reroute: text } satisfies Reroute);
    }
    if (endsHandoff(text)) {
      await handoff.end(context, 'citizen');
      await send(context, handoffEnded(replyLanguage(context)), { intent: 'handoffEnded' });
      return step.endDialog();
    }
    await handoff.forward(context);
    return step.replaceDialog(SILENT);
  }
}
