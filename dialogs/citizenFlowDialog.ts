// The shape of the citizen-service flows (tracking, tickets, ticket status): a list of steps, each asking
// one thing and checking the answer. "hủy" cancels at any step, "quay lại" goes back one step (from the
// first step it leaves the flow). A step may end the flow, or hand the message back to the main dialog.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { cancelledMessage, type Message } from '../src/bot/messages.js';
import { send } from '../src/bot/send.js';
import { flowCommand } from '../src/understanding/intents.js';
import type { Reroute } from './newsDialog.js';

export type StepOutcome<V> = { next: V } | { retry: Message } | { end: Reroute | undefined };

export interface FlowStep<V> {
  ask(values: V): Message;
  accept(context: TurnContext, text: string, values: V): Promise<StepOutcome<V>>;
}

export interface FlowOptions<V> {
  values: V;
  /** The step to ask (default 0). */
  index?: number;
  /** Said instead of the step's question (why the last answer was not accepted). */
  retry?: Message;
}

const STEP = 'flowStep';

export abstract class CitizenFlowDialog<V> extends ComponentDialog {
  protected constructor(id: string, private readonly intent: string, private readonly steps: FlowStep<V>[]) {
    super(id);
    this.addDialog(new WaterfallDialog(STEP, [this.askStep.bind(this), this.receiveStep.bind(this)]));
    this.initialDialogId = STEP;
  }

  private async askStep(step: WaterfallStepContext<FlowOptions<V>>): Promise<DialogTurnResult> {
    const { values, index = 0, retry } = step.options;
    await send(step.context, retry ?? this.steps[index]!.ask(values), { intent: this.intent });
    return Dialog.EndOfTurn;
  }

  private async receiveStep(step: WaterfallStepContext<FlowOptions<V>>): Promise<DialogTurnResult> {
    const { values, index = 0 } = step.options;
    const text = typeof step.result === 'string' ? step.result : '';
    const command = flowCommand(text);
    if (command === 'cancel' || (command === 'back' && index === 0)) {
      await send(step.context, cancelledMessage(), { intent: 'cancel' });
      return step.endDialog();
    }
    if (command === 'back') return step.replaceDialog(STEP, { values, index: index - 1 } satisfies FlowOptions<V>);
    const outcome = await this.steps[index]!.accept(step.context, text, values);
    if ('retry' in outcome) return step.replaceDialog(STEP, { values, index, retry: outcome.retry } satisfies FlowOptions<V>);
    if ('end' in outcome || index + 1 >= this.steps.length) return step.endDialog('end' in outcome ? outcome.end : undefined);
    return step.replaceDialog(STEP, { values: outcome.next, index: index + 1 } satisfies FlowOptions<V>);
  }
}
