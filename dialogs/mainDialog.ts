// The root of the conversation: understands each message and answers it, or starts the dialog of a longer
// flow on the dialog stack and hands it the next messages. A flow that receives a message it does not
// own ends with it (Reroute), to be understood here.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import {
  articleLeadMessage,
  clarifyMessage,
  handoffOffer,
  humanMessage,
  itemProblemMessage,
  nothingToCancel,
  ratingActions,
  ratingThanks,
  say,
  trackingAnswer,
  type Message,
} from '../src/replies/messages.js';
import { replyLanguage, settleLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import { answerMessage, relatedMessage } from '../src/replies/answerText.js';
import type { Language } from '../src/text/language.js';
import type { Answers } from '../src/answer/answers.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import { recognizeIntent, soundsAngry } from '../src/understanding/intents.js';
import { boundedText } from '../src/understanding/bounds.js';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from './handoffDialog.js';
import { interrupt, type FlowStart } from './interruptions.js';
import { NEWS_DIALOG, NewsDialog, type NewsOptions, type Reroute } from './newsDialog.js';
import { SUBSCRIPTION_DIALOG, SubscriptionDialog, type SubscriptionOptions } from './subscriptionDialog.js';
import { DETAILS_STEP, TICKET_DIALOG, TicketDialog, type TicketOptions } from './ticketDialog.js';
import { answerTicketStatus, TICKET_STATUS_DIALOG, TicketStatusDialog, type TicketStatusOptions } from './ticketStatusDialog.js';
import { TRACKING_DIALOG, TrackingDialog, type TrackingOptions } from './trackingDialog.js';

export class MainDialog {
  private readonly flows: Dialog[];

  constructor(
    private readonly knowledge: Answers,
    private readonly services: CitizenServices,
  ) {
    this.flows = [new NewsDialog(knowledge), new TrackingDialog(), new TicketDialog(services), new TicketStatusDialog(services.tickets), new HandoffDialog(services), new SubscriptionDialog(services.subscriptions)];
  }

  /**
   * Continues the flow under way, or understands a new message. Most messages are answered within the
   * turn and never touch botbuilder's dialog stack (its set-up was a fifth of such a turn's CPU time);
   * a flow runs as the only dialog on the stack, so a flow turn pays for one dialog context, not three.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context, { dialogStack: [] });
    // Understanding reads a bounded text (its cost is bounded too); a flow's step still takes the whole message.
    let text = boundedText(context.activity.text ?? '');
    // An article's title (a tapped news button) is a name, in no language: the conversation's stands.
    const title = this.knowledge.engine.articleByTitle(text) !== undefined;
    settleLanguage(context, await this.services.memory.get(context), title ? undefined : text);
    // A stack left by another version of the bot (a dialog renamed or gone) starts afresh.
    if (state.dialogStack.some((instance) => !this.flows.some((flow) => flow.id === instance.id))) state.dialogStack = [];
    if (state.dialogStack.length > 0) {
      const dc = await this.dialogs(accessor).createContext(context);
      if (await interrupt(dc, text, () => this.route(context, text))) return;
      const result = await dc.continueDialog();
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
    const lang = replyLanguage(context);
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
      case 'ack':
      case 'identity':
      case 'capabilities':
        await send(context, say(intent.name, lang), { intent: intent.name });
        return undefined;
      case 'human':
        await send(context, humanMessage(lang, this.services.handoff.personReachable()), { intent: 'human' });
        return undefined;
      case 'itemProblem':
        await send(context, itemProblemMessage(intent.angry, lang, this.services.handoff.personReachable()), { intent: 'itemProblem' });
        return undefined;
      case 'cancel':
        // Nothing under way (a form's cancel is handled in interruptions.ts): acknowledged.
        await send(context, nothingToCancel(lang), { intent: 'cancel' });
        return undefined;
      case 'tracking':
        if (intent.codes.length > 0 && intent.codes.every((c) => c.valid)) {
          await send(context, trackingAnswer(intent.codes, lang), { intent: 'tracking' });
          return undefined;
        }
        // Invalid codes are explained and a corrected one awaited; no code at all: asked for.
        return flowStart<TrackingOptions>(TRACKING_DIALOG, { values: {}, retry: intent.codes.length ? trackingAnswer(intent.codes, lang) : undefined });
      case 'feedback':
        return flowStart<TicketOptions>(TICKET_DIALOG, { values: { kind: intent.kind }, index: intent.kind ? DETAILS_STEP : 0 });
      case 'ticketStatus':
        if (!intent.ref) return flowStart<TicketStatusOptions>(TICKET_STATUS_DIALOG, { values: {} });
        await answerTicketStatus(context, this.services.tickets, intent.ref);
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
        return flowStart<NewsOptions>(NEWS_DIALOG, { period: intent.period });
      case 'question':
        await this.answer(context, text, lang);
        return undefined;
    }
  }

  /**
   * Answers from the knowledge base (with 👍/👎 to rate it). After a second failure in a row, or to an
   * angry citizen, offers more help: a person when one can be reached now, otherwise the hotline and a ticket.
   */
  private async answer(context: TurnContext, text: string, lang: Language): Promise<void> {
    const engine = this.knowledge.engine;
    let offerHandoff = soundsAngry(text);
    const article = engine.articleByTitle(text);
    if (article) {
      await send(context, rateable(articleLeadMessage(article, lang), lang), { intent: 'article', answerId: article.id, confidence: 1 });
    } else {
      const lookup = engine.lookup(text);
      const { best } = lookup;
      if (lookup.band === 'answer' && best) {
        const answerId = best.kind === 'entry' ? best.entry.id : best.article.id;
        await send(context, rateable(answerMessage(best, lang, (id) => engine.entry(id)), lang), { intent: 'answer', answerId, confidence: best.confidence });
      } else if (lookup.band === 'clarify' && lookup.suggestions.length > 0) {
        await send(context, clarifyMessage(lookup, lang), { intent: 'clarify', confidence: best?.confidence });
      } else {
        offerHandoff ||= (await this.services.memory.get(context)).fallbacks > 0;
        // An honest fallback: it names the neighbouring fact the sources hold, if any, as not the one asked.
        await send(context, lookup.related ? relatedMessage(lookup.related, lang) : say('fallback', lang), { intent: 'fallback', confidence: best?.confidence ?? 0 });
      }
    }
    if (offerHandoff) {
      const reachable = this.services.handoff.personReachable();
      await send(context, handoffOffer(lang, reachable), { intent: reachable ? 'handoffOffer' : 'helpOffer' });
    }
  }

  /** 👍/👎 on the last answer of this conversation, kept for the gaps report. */
  private async rate(context: TurnContext, rating: 'up' | 'down'): Promise<void> {
    const { memory, gaps } = this.services;
    const state = await memory.get(context);
    if (state.lastAnswer) {
      await gaps.rate(state.lastAnswer.answerId, rating, state.lastAnswer.question);
      // One rating per answer: a second tap is thanked but not counted.
      delete state.lastAnswer;
    }
    await send(context, ratingThanks(rating, replyLanguage(context), this.services.handoff.personReachable()), { intent: 'rating' });
  }
}

function flowStart<O extends object>(dialogId: string, options: O): FlowStart {
  return { dialogId, options };
}

function rateable(message: Message, lang: Language): Message {
  return { ...message, actions: [...message.actions, ...ratingActions(lang)] };
}

