// The root of the conversation, as BotBuilder-Samples' MainDialog (13.core-bot): every message goes
// through it on the dialog stack. A new message is understood and answered within the turn (plain
// functions: an answer, a tracking link, a ticket's status, a subscription), or begins a flow that takes
// the next messages; what the citizen says in the middle of a flow is looked at first by the base
// (interruptibleDialog.ts), which ends the flow and hands the message back here when the flow does not take it.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { humanMessage } from '../src/features/handoff/texts.js';
import { itemProblemMessage, trackingAnswer } from '../src/features/tracking/texts.js';
import { nothingToCancel } from '../src/replies/commonTexts.js';
import { smallTalkMessage } from '../src/features/smallTalk/texts.js';
import { noMoreMessage } from '../src/features/news/texts.js';
import { replyLanguage, settleLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { Answers } from '../src/answer/answers.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import { recognizeIntent } from '../src/understanding/intents.js';
import { answerQuestion, rateAnswer } from './answerQuestion.js';
import { changeSubscription } from './changeSubscription.js';
import type { FlowOptions } from './citizenFlowDialog.js';
import type { HandoffDialog, HandoffOptions } from './handoffDialog.js';
import { InterruptibleDialog, understood, type FlowStart } from './interruptibleDialog.js';
import type { NewsDialog, NewsOptions } from './newsDialog.js';
import { DETAILS_STEP, type TicketDialog, type TicketOptions } from './ticketDialog.js';
import { answerTicketStatus, type TicketStatusDialog, type TicketStatusOptions } from './ticketStatusDialog.js';
import type { TrackingDialog, TrackingOptions } from './trackingDialog.js';

const MAIN_DIALOG = 'main';

/** The flows the root begins, each built with what it uses. */
export interface Flows {
  tracking: TrackingDialog;
  ticket: TicketDialog;
  ticketStatus: TicketStatusDialog;
  handoff: HandoffDialog;
  news: NewsDialog;
}

/**
 * Where a dialog context's state manager looks for its memory scopes and path resolvers in the turn state.
 * Without one there, botbuilder-dialogs builds them in every turn (a zod check of the settings and fourteen
 * objects: half the cost of a dialog context); they keep no state, so one set serves every turn, as
 * DialogManager's `stateConfiguration` does. Were the key renamed, they would only be built per turn again.
 */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

export class MainDialog extends InterruptibleDialog {
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly knowledge: Answers,
    private readonly services: CitizenServices,
    private readonly flows: Flows,
  ) {
    super(MAIN_DIALOG);
    for (const flow of Object.values(flows)) this.addDialog(flow);
  }

  /** Runs the turn's message through the dialog stack kept in `accessor` (the sample's MainDialog.run). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    // A stack left by another version of the bot (a dialog renamed, added or gone) starts afresh.
    if (state.dialogStack.some((instance) => instance.id !== this.id || instance.version !== this.getInternalVersion()))
      state.dialogStack = [];
    if (this.stateConfiguration) context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await new DialogSet(accessor).add(this).createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
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
    const title = this.knowledge.engine.articleByTitle(text) !== undefined;
    settleLanguage(context, await this.services.memory.get(context), title ? undefined : text);
  }

  protected async understand(context: TurnContext, text: string): Promise<FlowStart | undefined> {
    const lang = replyLanguage(context);
    const { flows, services } = this;
    // The answer to the satisfaction question (or its comment), when one is awaited.
    if (await services.satisfaction.answer(context, text, await services.memory.get(context), lang)) return undefined;
    const intent = recognizeIntent(text);
    switch (intent.name) {
      case 'empty':
        await send(context, smallTalkMessage('notText', lang), { intent: 'notText' });
        return undefined;
      case 'menu':
        await send(context, smallTalkMessage('welcome', lang), { intent: 'menu' });
        return undefined;
      case 'greeting':
      case 'thanks':
      case 'goodbye':
      case 'ack':
      case 'identity':
      case 'capabilities':
        await send(context, smallTalkMessage(intent.name, lang), { intent: intent.name });
        return undefined;
      case 'human':
        await send(context, humanMessage(lang, services.handoff.personReachable()), { intent: 'human' });
        return undefined;
      case 'itemProblem':
        await send(context, itemProblemMessage(intent.angry, lang, services.handoff.personReachable()), { intent: 'itemProblem' });
        return undefined;
      case 'cancel':
        // Nothing under way (a flow's cancel is handled by the base before the flow continues): acknowledged.
        await send(context, nothingToCancel(lang), { intent: 'cancel' });
        return undefined;
      case 'tracking':
        if (intent.codes.length > 0 && intent.codes.every((c) => c.valid)) {
          await send(context, trackingAnswer(intent.codes, lang), { intent: 'tracking' });
          return undefined;
        }
        // Invalid codes are explained and a corrected one awaited; no code at all: asked for.
        return start<TrackingOptions>(flows.tracking.id, {
          values: {},
          retry: intent.codes.length ? trackingAnswer(intent.codes, lang) : undefined,
        });
      case 'feedback':
        return start<TicketOptions>(flows.ticket.id, { values: { kind: intent.kind }, index: intent.kind ? DETAILS_STEP : 0 });
      case 'ticketStatus':
        if (!intent.ref) return start<TicketStatusOptions>(flows.ticketStatus.id, { values: {} });
        await answerTicketStatus(context, services.tickets, intent.ref);
        return undefined;
      case 'handoff':
        return start<HandoffOptions>(flows.handoff.id, { values: { reason: 'asked' } });
      case 'subscribe':
      case 'unsubscribe':
        await changeSubscription(context, intent.name, services.subscriptions);
        return undefined;
      case 'rating':
        await rateAnswer(context, intent.rating, services);
        return undefined;
      case 'more':
        await send(context, noMoreMessage(lang), { intent: 'more' });
        return undefined;
      case 'news':
        return start<NewsOptions>(flows.news.id, { values: { period: intent.period, offset: 0 } });
      case 'question':
        await answerQuestion(context, text, this.knowledge, services);
        return undefined;
    }
  }
}

function start<O extends FlowOptions<unknown>>(dialogId: string, options: O): FlowStart {
  return { dialogId, options };
}
