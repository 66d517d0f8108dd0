// The shape of the citizen-service flows (tracking, tickets, ticket status): a list of steps, each asking
// one thing and checking the answer. "hủy" cancels at any step, "quay lại" goes back one step (from the
// first step it leaves the flow). A step may end the flow, or hand the message back to the main dialog.
// One botbuilder Dialog that keeps its step and values in its own dialog state: a flow turn costs one
// dialog on the stack, not a component dialog with a waterfall inside (a flow turn cost four question turns).
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
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

/** What the flow keeps between turns, in its dialog instance's state. */
interface FlowState<V> {
  values: V;
  index: number;
}

export abstract class CitizenFlowDialog<V> extends Dialog<FlowOptions<V>> {
  protected constructor(id: string, private readonly intent: string, private readonly steps: FlowStep<V>[]) {
    super(id);
  }

  async beginDialog(dc: DialogContext, options?: FlowOptions<V>): Promise<DialogTurnResult> {
    return this.ask(dc, { values: options!.values, index: options!.index ?? 0 }, options!.retry);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    const text = dc.context.activity.text ?? '';
    const command = flowCommand(text);
    if (command === 'cancel' || (command === 'back' && index === 0)) {
      await send(dc.context, cancelledMessage(), { intent: 'cancel' });
      return dc.endDialog();
    }
    if (command === 'back') return this.ask(dc, { values, index: index - 1 });
    const outcome = await this.steps[index]!.accept(dc.context, text, values);
    if ('retry' in outcome) return this.ask(dc, { values, index }, outcome.retry);
    if ('end' in outcome || index + 1 >= this.steps.length) return dc.endDialog('end' in outcome ? outcome.end : undefined);
    return this.ask(dc, { values: outcome.next, index: index + 1 });
  }

  private async ask(dc: DialogContext, state: FlowState<V>, retry?: Message): Promise<DialogTurnResult> {
    dc.activeDialog!.state = state;
    await send(dc.context, retry ?? this.steps[state.index]!.ask(state.values), { intent: this.intent });
    return Dialog.EndOfTurn;
  }
}
