// The one place where a message typed in the middle of a flow is looked at before the flow gets it, as
// BotBuilder-Samples' CancelAndHelpDialog (13.core-bot) does before its inner dialogs continue. In order:
// - the words that end the flow: a cancel phrase ("hủy", "thôi", "thôi không cần nữa", "dừng lại", "cancel")
//   ends a form and says so; "kết thúc" (or a cancel phrase) ends a conversation held by staff;
// - "quay lại" in a form asks the step before (from the first step it leaves the form, saying so);
// - the step's answer goes to the flow: each flow says what its step takes, so a real answer is never
//   mistaken for an aside ("Nguyễn Văn An" is a name, "ok" confirms);
// - in a form, a question, small talk, the menu or another request ("cho hỏi số tổng đài là gì" at the name
//   step) is answered and the step asked again; a request that needs a flow of its own replaces the form;
// - anything else: the form's step says why it is not an answer, or the flow is left and the message
//   understood as a new one (the news list, a handoff staff have ended, a tracking form given no code).
// A flow that is any other Dialog (a stock WaterfallDialog with prompts) is ended by a cancel phrase and
// takes every other message itself.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { cancelledMessage, handoffEnded } from '../src/replies/commonTexts.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import { boundedText, unstretched } from '../src/understanding/bounds.js';
import type { IntentRecognizer } from '../src/understanding/featureIntents.js';
import { endsHandoff, flowCommand, hintsGivingUp, isAside } from '../src/understanding/intents.js';
import { CitizenFlowDialog, type FlowRules } from './citizenFlowDialog.js';

/** A flow to begin, with its options. */
export interface FlowStart {
  dialogId: string;
  options: object;
}

const COMPLETE: DialogTurnResult = { status: DialogTurnStatus.complete };

export abstract class InterruptibleDialog extends ComponentDialog {
  /** `featureIntents`: the intents the features add, so that an aside is read with every meaning. */
  constructor(
    dialogId: string,
    private readonly featureIntents: readonly IntentRecognizer[],
  ) {
    super(dialogId);
  }

  /** Answers a message that needs one turn; returns the flow to begin for one that needs more. */
  protected abstract understand(context: TurnContext, text: string): Promise<FlowStart | undefined>;

  /**
   * A message with no flow under way: understood, then answered within the turn, or the flow it needs begun.
   * The root's own stack (a second dialog context) is opened only for a flow.
   */
  async beginDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    const flow = await this.understand(outerDc.context, understood(outerDc.context));
    return flow ? super.beginDialog(outerDc, flow) : outerDc.endDialog();
  }

  protected onBeginDialog(innerDc: DialogContext, flow: FlowStart): Promise<DialogTurnResult> {
    return innerDc.beginDialog(flow.dialogId, flow.options);
  }

  /** A message in the middle of a flow. */
  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { context, activeDialog } = innerDc;
    if (!activeDialog) return this.begin(innerDc, await this.understand(context, understood(context)));
    const flow = this.findDialog(activeDialog.id);
    const text = understood(context);
    // Any other Dialog (a stock WaterfallDialog with its prompts): a cancel phrase ends it, and every other
    // message is its own to take, as in 13.core-bot's CancelAndHelpDialog.
    if (!(flow instanceof CitizenFlowDialog)) return ends('cancel', text) ? this.end(innerDc, 'cancel') : innerDc.continueDialog();
    const { endedBy, form, otherwise } = flow.rules;
    if (ends(endedBy, text)) return this.end(innerDc, endedBy!);
    if (form && flowCommand(text) === 'back') return (await flow.back(innerDc)) ?? this.end(innerDc, 'cancel');
    if (await flow.takes(innerDc, text)) return innerDc.continueDialog();
    // Where a name, a number or a yes is asked, giving up in words no cancel phrase lists still ends the form: asked again,
    // the citizen who gave up would be held in it.
    if (form && endedBy === 'cancel' && flow.asksFixedShape(innerDc) && hintsGivingUp(text)) return this.end(innerDc, 'cancel');
    if (form && isAside(text, this.featureIntents)) {
      const next = await this.understand(context, text);
      if (!next) {
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      await innerDc.cancelAllDialogs();
      return this.begin(innerDc, next);
    }
    if (otherwise === 'retry') return innerDc.continueDialog();
    await innerDc.cancelAllDialogs();
    return this.begin(innerDc, await this.understand(context, text));
  }

  private begin(innerDc: DialogContext, flow: FlowStart | undefined): Promise<DialogTurnResult> {
    return flow ? innerDc.beginDialog(flow.dialogId, flow.options) : Promise.resolve(COMPLETE);
  }

  /** Ends the flow at the citizen's word, and says so. */
  private async end(innerDc: DialogContext, by: NonNullable<FlowRules['endedBy']>): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    const lang = replyLanguage(innerDc.context);
    if (by === 'cancel') await send(innerDc.context, cancelledMessage(lang), { intent: 'cancel' });
    else await send(innerDc.context, handoffEnded(lang), { intent: 'handoffEnded' });
    return COMPLETE;
  }
}

/**
 * What understanding reads of the message: a bounded text (its cost is bounded too), its stretched letters typed once
 * ("alooooo", "nhaaa"); a flow's step still takes the whole message as written.
 */
export function understood(context: TurnContext): string {
  return unstretched(boundedText(context.activity.text ?? ''));
}

function ends(endedBy: FlowRules['endedBy'], text: string): boolean {
  return endedBy === 'cancel' ? flowCommand(text) === 'cancel' : endedBy === 'endHandoff' && endsHandoff(text);
}
