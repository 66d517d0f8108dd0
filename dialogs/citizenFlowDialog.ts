// The one shape of every flow that takes more than one message (tracking, tickets, ticket status, the news
// pages, a conversation held by staff): a list of steps, each asking one thing (or nothing), saying what it
// takes and checking the answer. What the citizen says in the middle of a flow that is not the step's answer
// (cancel, "quay lại", a question, another request) is handled by the root before the flow continues
// (interruptibleDialog.ts), by the flow's rules below.
// One botbuilder Dialog that keeps its step and values in its own dialog state: a flow turn costs one
// dialog on the root's stack, not a component dialog with a waterfall inside.
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../src/text/language.js';
import type { Message } from '../src/replies/commonTexts.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { ReplyIntent } from '../src/replies/turnOutcome.js';

/** next: the next step; again: this step again, with changed values; retry: this step, saying why; end: the flow ends. */
export type StepOutcome<V> = { next: V } | { again: V } | { retry: Message } | { end: true };

export interface FlowStep<V> {
  /** What the step says when it starts; undefined: nothing (while staff hold the conversation). */
  ask(values: V, lang: Language): Message | undefined;
  /** Whether the text is this step's answer (rather than a question or another request). */
  takes(context: TurnContext, text: string, values: V): boolean | Promise<boolean>;
  accept(context: TurnContext, text: string, values: V, lang: Language): Promise<StepOutcome<V>>;
  /** The intent of what ask() says when it is not the flow's: a clarifying question ("ghi vào phiếu hay hỏi bot?"). */
  askIntent?(values: V): ReplyIntent | undefined;
  /** Whether, once asked, the flow has nothing more to wait for (the last page of the news). */
  last?(values: V): boolean;
  /** It takes a value of a fixed shape (a name, a number, a yes): a message it does not take that leans to giving up ends the form. */
  fixedShape?: true;
  /** Whether its value was already given at an earlier step (details told before the kind was chosen): not asked, as
   * 13.core-bot's booking dialog skips the prompt for a value it has. "quay lại" still asks it. */
  given?(values: V): boolean;
}

/** How the citizen leaves the flow; applied by the root before the flow gets a message. */
export interface FlowRules {
  /** What ends the flow when the citizen says it: a cancel phrase, or (staff holding the conversation) "kết thúc" too. */
  endedBy?: 'cancel' | 'endHandoff';
  /** A form asks for something: "quay lại" goes back a step, and a question asked in the middle is answered before the step is asked again. */
  form: boolean;
  /** A message that is neither the step's answer nor an aside: the step says why it is not one (retry), or the flow is left for the root to understand it. */
  otherwise: 'retry' | 'leave';
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

export abstract class CitizenFlowDialog<V = unknown> extends Dialog<FlowOptions<V>> {
  protected constructor(
    id: string,
    private readonly intent: ReplyIntent,
    readonly rules: FlowRules,
    private readonly steps: FlowStep<V>[],
  ) {
    super(id);
  }

  async beginDialog(dc: DialogContext, options?: FlowOptions<V>): Promise<DialogTurnResult> {
    return this.ask(dc, { values: options!.values, index: options!.index ?? 0 }, options!.retry);
  }

  /** Whether the active step would take this text as its answer. */
  takes(dc: DialogContext, text: string): boolean | Promise<boolean> {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    return this.steps[index]!.takes(dc.context, text, values);
  }

  /** Whether the active step takes a value of a fixed shape (see FlowStep.fixedShape). */
  asksFixedShape(dc: DialogContext): boolean {
    const { index } = dc.activeDialog!.state as FlowState<V>;
    return this.steps[index]!.fixedShape === true;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    const outcome = await this.steps[index]!.accept(dc.context, dc.context.activity.text ?? '', values, replyLanguage(dc.context));
    if ('retry' in outcome) return this.ask(dc, { values, index }, outcome.retry);
    if ('again' in outcome) return this.ask(dc, { values: outcome.again, index });
    if ('end' in outcome) return dc.endDialog();
    let next = index + 1;
    while (next < this.steps.length && this.steps[next]!.given?.(outcome.next)) next += 1;
    if (next >= this.steps.length) return dc.endDialog();
    return this.ask(dc, { values: outcome.next, index: next });
  }

  /** Asks the step before ("quay lại"); undefined at the first step, which has none. */
  async back(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { values, index } = dc.activeDialog!.state as FlowState<V>;
    return index > 0 ? this.ask(dc, { values, index: index - 1 }) : undefined;
  }

  /** Asks the current step again (after an aside was answered). */
  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { values, index } = instance.state as FlowState<V>;
    const step = this.steps[index]!;
    const message = step.ask(values, replyLanguage(context));
    if (message) await send(context, message, { intent: step.askIntent?.(values) ?? this.intent });
  }

  private async ask(dc: DialogContext, state: FlowState<V>, retry?: Message): Promise<DialogTurnResult> {
    dc.activeDialog!.state = state;
    const step = this.steps[state.index]!;
    const message = retry ?? step.ask(state.values, replyLanguage(dc.context));
    const intent = retry ? undefined : step.askIntent?.(state.values);
    if (message) await send(dc.context, message, { intent: intent ?? this.intent });
    return step.last?.(state.values) ? dc.endDialog() : Dialog.EndOfTurn;
  }
}
