// The root dialog: understands each message and answers it, or hands it to the dialog of a longer flow.
// A child dialog that receives a message it does not own returns it (Reroute) to be understood here.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import {
  answerMessage,
  articleLeadMessage,
  cancelledMessage,
  clarifyMessage,
  handoffOffer,
  RATING_ACTIONS,
  ratingThanks,
  say,
  trackingAnswer,
  type Message,
} from '../src/bot/messages.js';
import { send } from '../src/bot/send.js';
import type { Language } from '../src/answer/answerEngine.js';
import type { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import { citizenServices } from '../src/services/citizenServices.js';
import { detectLanguage, recognizeIntent, soundsAngry } from '../src/understanding/intents.js';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from './handoffDialog.js';
import { NEWS_DIALOG, NewsDialog, type NewsOptions, type Reroute } from './newsDialog.js';
import { SUBSCRIPTION_DIALOG, SubscriptionDialog, type SubscriptionOptions } from './subscriptionDialog.js';
import { DETAILS_STEP, TICKET_DIALOG, TicketDialog, type TicketOptions } from './ticketDialog.js';
import { answerTicketStatus, TICKET_STATUS_DIALOG, TicketStatusDialog, type TicketStatusOptions } from './ticketStatusDialog.js';
import { TRACKING_DIALOG, TrackingDialog, type TrackingOptions } from './trackingDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE = 'route';

/** A flow of several turns to start, with its options. */
interface FlowStart {
  dialogId: string;
  options: object;
}

interface RouteOptions {
  /** A message given back by a child dialog, to be understood here. */
  text?: string;
  /** The flow a new message asked for, already understood by run(). */
  flow?: FlowStart;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly knowledge: KnowledgeStore) {
    super(MAIN_DIALOG);
    this.addDialog(new NewsDialog(knowledge)).addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterChildStep.bind(this)]));
    this.addDialog(new TrackingDialog())
      .addDialog(new TicketDialog())
      .addDialog(new TicketStatusDialog())
      .addDialog(new HandoffDialog())
      .addDialog(new SubscriptionDialog());
    this.initialDialogId = ROUTE;
  }

  /**
   * Continues the active flow, or understands a new message. Most messages are answered within the turn:
   * those skip botbuilder's dialog stack (about a fifth of such a turn's CPU time), which only a flow needs.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    const dialogs = new DialogSet(accessor).add(this);
    if (state.dialogStack.length > 0) {
      const result = await (await dialogs.createContext(context)).continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }
    const flow = await this.route(context, context.activity.text ?? '');
    if (flow) await (await dialogs.createContext(context)).beginDialog(this.id, { flow } satisfies RouteOptions);
  }

  private async routeStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const flow = step.options.flow ?? (await this.route(step.context, step.options.text ?? ''));
    return flow ? step.beginDialog(flow.dialogId, flow.options) : step.endDialog();
  }

  private async afterChildStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const reroute = (step.result as Reroute | undefined)?.reroute;
    return reroute === undefined ? step.endDialog() : step.replaceDialog(ROUTE, { text: reroute } satisfies RouteOptions);
  }

  /** Answers a message that needs one turn; returns the flow to start for one that needs more. */
  private async route(context: TurnContext, text: string): Promise<FlowStart | undefined> {
    const lang = detectLanguage(text);
    const intent = recognizeIntent(text);
    switch (intent.name) {
      case 'empty':
        await send(context, say('notText', lang), { intent: 'notText' });
        return undefined;
      case 'menu':
        await send(context, say('welcome', lang), { intent: 'menu' });
        return undefined;
      case 'greeting':
      case 'thanks':
      case 'goodbye':
        await send(context, say(intent.name, lang), { intent: intent.name });
        return undefined;
      case 'cancel':
        await send(context, cancelledMessage(), { intent: 'cancel' });
        return undefined;
      case 'tracking':
        if (intent.codes.length > 0 && intent.codes.every((c) => c.valid)) {
          await send(context, trackingAnswer(intent.codes), { intent: 'tracking' });
          return undefined;
        }
        // Invalid codes are explained and a corrected one awaited; no code at all: asked for.
        return flowStart<TrackingOptions>(TRACKING_DIALOG, { values: {}, retry: intent.codes.length ? trackingAnswer(intent.codes) : undefined });
      case 'feedback':
        return flowStart<TicketOptions>(TICKET_DIALOG, { values: { kind: intent.kind }, index: intent.kind ? DETAILS_STEP : 0 });
      case 'ticketStatus':
        if (!intent.ref) return flowStart<TicketStatusOptions>(TICKET_STATUS_DIALOG, { values: {} });
        await answerTicketStatus(context, intent.ref);
        return undefined;
      case 'handoff':
        return flowStart<HandoffOptions>(HANDOFF_DIALOG, { reason: 'asked' });
      case 'subscribe':
      case 'unsubscribe':
        return flowStart<SubscriptionOptions>(SUBSCRIPTION_DIALOG, { action: intent.name });
      case 'rating':
        await this.rate(context, intent.rating);
        return undefined;
      case 'more':
        await send(context, say('noMore', lang), { intent: 'more' });
        return undefined;
      case 'news':
        return flowStart<NewsOptions>(NEWS_DIALOG, { lang, period: intent.period });
      case 'question':
        await this.answer(context, text, lang);
        return undefined;
    }
  }

  /** Answers from the knowledge base (with 👍/👎 to rate it); offers a person after a second failure in a row or to an angry citizen. */
  private async answer(context: TurnContext, text: string, lang: Language): Promise<void> {
    const engine = this.knowledge.engine;
    let offerHandoff = soundsAngry(text);
    const article = engine.articleByTitle(text);
    if (article) {
      await send(context, rateable(articleLeadMessage(article, lang)), { intent: 'article', answerId: article.id, confidence: 1 });
    } else {
      const lookup = engine.lookup(text);
      const { best } = lookup;
      if (lookup.band === 'answer' && best) {
        const answerId = best.kind === 'entry' ? best.entry.id : best.article.id;
        await send(context, rateable(answerMessage(best, lang, (id) => engine.entry(id))), { intent: 'answer', answerId, confidence: best.confidence });
      } else if (lookup.band === 'clarify' && lookup.suggestions.length > 0) {
        await send(context, clarifyMessage(lookup, lang), { intent: 'clarify', confidence: best?.confidence });
      } else {
        offerHandoff ||= (await citizenServices(context).memory.get(context)).fallbacks > 0;
        await send(context, say('fallback', lang), { intent: 'fallback', confidence: best?.confidence ?? 0 });
      }
    }
    if (offerHandoff) await send(context, handoffOffer(), { intent: 'handoffOffer' });
  }

  /** 👍/👎 on the last answer of this conversation, kept for the gaps report. */
  private async rate(context: TurnContext, rating: 'up' | 'down'): Promise<void> {
    const { memory, gaps } = citizenServices(context);
    const state = await memory.get(context);
    if (state.lastAnswer) {
      await gaps.rate(state.lastAnswer.answerId, rating, state.lastAnswer.question);
      // One rating per answer: a second tap is thanked but not counted.
      delete state.lastAnswer;
    }
    await send(context, ratingThanks(rating), { intent: 'rating' });
  }
}

function flowStart<O extends object>(dialogId: string, options: O): FlowStart {
  return { dialogId, options };
}

function rateable(message: Message): Message {
  return { ...message, actions: [...message.actions, ...RATING_ACTIONS] };
}
