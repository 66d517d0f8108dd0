// The root of the conversation, as BotBuilder-Samples' MainDialog (13.core-bot): every message goes
// through it on the dialog stack. A new message is understood (its intent) and handed to that intent's
// handler in the table of every feature's handlers (src/features/index.ts), which answers it within the turn
// (an answer, a tracking link, a ticket's status, a subscription) or begins a flow that takes the next
// messages; what the citizen says in the middle of a flow is looked at first by the base
// (interruptibleDialog.ts), which ends the flow and hands the message back here when the flow does not take it.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import { replyLanguage, settleLanguage } from '../src/replies/replyLanguage.js';
import { conversationAct } from '../src/understanding/conversationActs.js';
import { askedBesideProblem, BUILT_IN_INTENTS, looksLikeQuestion, recognizeIntent, type Intent } from '../src/understanding/intents.js';
import type { AnyFeature, FeatureDeps, FlowDeps, Handler, IntentHandlers } from './feature.js';
import { InterruptibleDialog, understood, type FlowStart } from './interruptibleDialog.js';

const MAIN_DIALOG = 'main';

export class MainDialog extends InterruptibleDialog {
  private readonly handlers: IntentHandlers;
  private readonly takers: Array<NonNullable<AnyFeature['takes']>>;
  private readonly deps: FlowDeps;

  /**
   * Built with its features (src/features/index.ts); throws when an intent (built in, or one a feature adds)
   * has no handler in any of them, or a handler answers an intent nothing recognises.
   */
  constructor(features: readonly AnyFeature[], deps: FeatureDeps) {
    const featureIntents = features.flatMap((f) => f.intents ?? []);
    super(MAIN_DIALOG, featureIntents);
    const handlers: Partial<IntentHandlers> = Object.assign({}, ...features.map((f) => f.handlers));
    const meant = new Set<string>([...BUILT_IN_INTENTS, ...featureIntents.map((i) => i.name)]);
    const missing = [...meant].filter((name) => !(name in handlers));
    if (missing.length) throw new Error(`No handler for the intent(s) ${missing.join(', ')}`);
    const unmeant = Object.keys(handlers).filter((name) => !meant.has(name));
    if (unmeant.length) throw new Error(`No intent recognised for the handler(s) ${unmeant.join(', ')}`);
    this.handlers = handlers as IntentHandlers;
    this.takers = features.flatMap((f) => (f.takes ? [f.takes] : []));
    this.deps = { ...deps, recognize: (text) => recognizeIntent(text, featureIntents) };
    for (const feature of features) for (const flow of feature.flows?.(this.deps) ?? []) this.addDialog(flow);
  }

  /** Runs the turn's message through the dialog stack kept in `accessor` (the sample's MainDialog.run). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    // A stack left by another version of the bot (a dialog renamed, added or gone) starts afresh.
    if (state.dialogStack.some((instance) => instance.id !== this.id || instance.version !== this.getInternalVersion()))
      state.dialogStack = [];
    const dc = await new DialogSet(accessor).add(this).createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  async beginDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    await this.settleLanguage(outerDc.context);
    return super.beginDialog(outerDc);
  }

  async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    await this.settleLanguage(outerDc.context);
    return super.continueDialog(outerDc);
  }

  /** The language of the turn's replies, before anything is said. */
  private async settleLanguage(context: TurnContext): Promise<void> {
    const text = understood(context);
    // An article's title (a tapped news button) is a name, in no language: the conversation's stands.
    const title = this.deps.knowledge.engine.articleByTitle(text) !== undefined;
    settleLanguage(context, await this.deps.services.memory.get(context), title ? undefined : text);
  }

  /**
   * A message that is a conversation act in other words than the patterns' ("cảm ơn bạn đã giải đáp", "nối máy cho tôi
   * gặp cán bộ"): that act, rather than "no information"; and, when it asks nothing, rather than an answer one word of
   * it happens to find ("à ra thế, chị biết rồi" is no question about "ra mắt").
   */
  private actInstead(text: string): Intent | undefined {
    const act = conversationAct(text);
    return act && (!looksLikeQuestion(text) || this.deps.knowledge.engine.lookup(text).band !== 'answer') ? { name: act } : undefined;
  }

  /**
   * An item's problem told while asking what the knowledge answers ("gửi từ tuần trước chưa tới, mã trên phiếu phải có mấy
   * ký tự?"): that question, answered; the problem's reply (track it, or file a complaint) would leave it unanswered.
   */
  private questionInstead(text: string): Intent | undefined {
    const asked = askedBesideProblem(text);
    if (asked === undefined) return undefined;
    const lookup = this.deps.knowledge.engine.lookup(asked);
    return lookup.band === 'answer' && !lookup.namesNoTopic ? { name: 'question' } : undefined;
  }

  protected async understand(context: TurnContext, text: string): Promise<FlowStart | undefined> {
    const turn = { context, text, lang: replyLanguage(context), ...this.deps };
    // A message that answers what a feature asked (the satisfaction question) is that feature's.
    for (const takes of this.takers) if (await takes(turn)) return undefined;
    const recognised = this.deps.recognize(text);
    const instead =
      recognised.name === 'question' ? this.actInstead(text) : recognised.name === 'itemProblem' ? this.questionInstead(text) : undefined;
    const intent = instead ?? recognised;
    const handler = this.handlers[intent.name] as Handler<Intent['name']>;
    return handler(turn, intent);
  }
}
