// The one place where a message typed in the middle of a form is looked at before the form gets it, as
// BotBuilder-Samples' CancelAndHelpDialog (13.core-bot) does before its dialogs continue:
// - a cancel phrase ("hủy", "thôi", "thôi không cần nữa", "dừng lại", "cancel") ends the form and says so;
// - a question, small talk or another request that the step cannot take ("cho hỏi số tổng đài là gì" at
//   the name step) is answered, and the form then asks its step again; a request that needs a flow of its
//   own replaces the form.
// Each form says what its current step takes (`takes`), so a real answer is never mistaken for an aside
// ("Nguyễn Văn An" is a name, "ok" confirms). Dialogs that are not forms (the news pages, a conversation
// held by staff) get every message as it is.
import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import { cancelledMessage } from '../src/replies/messages.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import { flowCommand, isAside } from '../src/understanding/intents.js';

/** A dialog that asks the citizen for something, one step at a time. */
export interface Form {
  /** Whether the active step would take this text as its answer. */
  takes(dc: DialogContext, text: string): boolean;
}

/** A flow to start in place of the form, with its options. */
export interface FlowStart {
  dialogId: string;
  options: object;
}

function isForm(dialog: Dialog | undefined): dialog is Dialog & Form {
  return typeof (dialog as Partial<Form> | undefined)?.takes === 'function';
}

/**
 * Handles the message when it interrupts the active form; false when the form should get it.
 * `answer` answers an aside within the turn, or returns the flow it asks for.
 */
export async function interrupt(dc: DialogContext, text: string, answer: (context: TurnContext) => Promise<FlowStart | undefined>): Promise<boolean> {
  const active = dc.activeDialog ? dc.findDialog(dc.activeDialog.id) : undefined;
  if (!isForm(active)) return false;
  if (flowCommand(text) === 'cancel') {
    await dc.cancelAllDialogs();
    await send(dc.context, cancelledMessage(replyLanguage(dc.context)), { intent: 'cancel' });
    return true;
  }
  if (active.takes(dc, text) || !isAside(text)) return false;
  const flow = await answer(dc.context);
  if (flow) {
    await dc.cancelAllDialogs();
    await dc.beginDialog(flow.dialogId, flow.options);
  } else {
    await dc.repromptDialog();
  }
  return true;
}
