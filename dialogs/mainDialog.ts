// The root of the conversation: understands each message and answers it, or starts the dialog of a longer
// flow on the dialog stack and hands it the next messages. A flow that receives a message it does not
// own ends with it (Reroute), to be understood here.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import {
  answerMessage,
  articleLeadMessage,
  cancelledMessage,
  clarifyMessage,
  handoffOffer,
  RATING_ACTIONS,
  ratingThanks,
  relatedMessage,
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

/** A flow of several turns to start, with its options. */
interface FlowStart {
  dialogId: string;
  options: object;
}

export class MainDialog {
  private readonly flows: Dialog[];

  constructor(private readonly knowledge: KnowledgeStore) {
    this.flows = [new NewsDialog(knowledge), new TrackingDialog(), new TicketDialog(), new TicketStatusDialog(), new HandoffDialog(), new SubscriptionDialog()];
  }

  /**
   * Continues the flow under way, or understands a new message. Most messages are answered within the
   * turn and never touch botbuilder's dialog stack (its set-up was a fifth of such a turn's CPU time);
   * a flow runs as the only dialog on the stack, so a flow turn pays for one dialog context, not three.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    let text = context.activity.text ?? '';
    // A stack left by another version of the bot (a dialog renamed or gone) starts afresh.
    if (state.dialogStack.some((instance) => !this.flows.some((flow) => flow.id === instance.id))) state.dialogStack = [];
    if (state.dialogStack.length > 0) {
      const result = await (await this.dialogs(accessor).createContext(context)).continueDialog();
      if (result.status !== DialogTurnStatus.complete) return;
      const reroute = (result.result as Reroute | undefined)?.reroute;
      if (reroute === undefined) return;
      text = reroute;
    }
    const flow = await this.route(context, text);
    if (flow) await (await this.dialogs(accessor).createContext(context)).beginDialog(flow.dialogId, flow.options);
  }

  /** The flows as a dialog set over the turn's dialog state: built only for a turn that runs one. */
  private dialogs(accessor: StatePropertyAccessor<DialogState>): DialogSet {
    const dialogs = new DialogSet(accessor);
    for (const flow of this.flows) dialogs.add(flow);
    return dialogs;
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
        // An honest fallback: it names the neighbouring fact the sources hold, if any, as not the one asked.
        await send(context, lookup.related ? relatedMessage(lookup.related, lang) : say('fallback', lang), { intent: 'fallback', confidence: best?.confidence ?? 0 });
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
