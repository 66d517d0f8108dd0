// The shape of the citizen-service forms (tracking, tickets, ticket status): a list of steps, each asking
// one thing, saying what it takes and checking the answer. "quay lại" goes back one step (from the first
// step it leaves the flow); cancel phrases and asides are handled before the form, in interruptions.ts.
// A step may end the flow, or hand the message back to the main dialog.
// One botbuilder Dialog that keeps its step and values in its own dialog state: a flow turn costs one
// dialog on the stack, not a component dialog with a waterfall inside (a flow turn cost four question turns).
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../src/text/language.js';
import { cancelledMessage, type Message } from '../src/replies/messages.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import { flowCommand } from '../src/understanding/intents.js';
import type { Form } from './interruptions.js';
import type { Reroute } from './newsDialog.js';

/** next: the next step; again: this step again, with changed values; retry: this step, saying why; end: the flow ends. */
export type StepOutcome<V> = { next: V } | { again: V } | { retry: Message } | { end: Reroute | undefined };

export interface FlowStep<V> {
  ask(values: V, lang: Language): Message;
  /** Whether the text is an answer to this step (rather than a question or another request). */
  takes(text: string, values: V): boolean;
  accept(context: TurnContext, text: string, values: V, lang: Language): Promise<StepOutcome<V>>;
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

export abstract class CitizenFlowDialog<V> extends Dialog<FlowOptions<V>> implements Form {
  protected constructor(id: string, private readonly intent: string, private readonly steps: FlowStep<V>[]) {
    super(id);
  }

  async beginDialog(dc: DialogContext, options?: FlowOptions<V>): Promise<DialogTurnResult> {
    return this.ask(dc, { values: options!.values, index: options!.index ?? 0 }, options!.retry);
  }

  takes(dc: DialogContext, text: string): boolean {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    return flowCommand(text) === 'back' || this.steps[index]!.takes(text, values);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    const text = dc.context.activity.text ?? '';
    const lang = replyLanguage(dc.context);
    if (flowCommand(text) === 'back') {
      if (index > 0) return this.ask(dc, { values, index: index - 1 });
      await send(dc.context, cancelledMessage(lang), { intent: 'cancel' });
      return dc.endDialog();
    }
    const outcome = await this.steps[index]!.accept(dc.context, text, values, lang);
    if ('retry' in outcome) return this.ask(dc, { values, index }, outcome.retry);
    if ('again' in outcome) return this.ask(dc, { values: outcome.again, index });
    if ('end' in outcome || index + 1 >= this.steps.length) return dc.endDialog('end' in outcome ? outcome.end : undefined);
    return this.ask(dc, { values: outcome.next, index: index + 1 });
  }

  /** Asks the current step again (after an aside was answered). */
  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { values, index } = instance.state as FlowState<V>;
    await send(context, this.steps[index]!.ask(values, replyLanguage(context)), { intent: this.intent });
  }

  private async ask(dc: DialogContext, state: FlowState<V>, retry?: Message): Promise<DialogTurnResult> {
    dc.activeDialog!.state = state;
    await send(dc.context, retry ?? this.steps[state.index]!.ask(state.values, replyLanguage(dc.context)), { intent: this.intent });
    return Dialog.EndOfTurn;
  }
}
