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
import { answerMessage, articleSource, clarifyMessage, say, vietnameseDate } from '../src/bot/messages.js';
import { send } from '../src/bot/send.js';
import type { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import { detectLanguage, recognizeIntent } from '../src/understanding/intents.js';
import { NEWS_DIALOG, NewsDialog, type NewsOptions, type Reroute } from './newsDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE = 'route';

interface RouteOptions {
  /** A message given back by a child dialog; otherwise the turn's own text. */
  text?: string;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly knowledge: KnowledgeStore) {
    super(MAIN_DIALOG);
    this.addDialog(new NewsDialog(knowledge)).addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterChildStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Continues the active flow, or starts the root dialog for a new message. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const text = step.options?.text ?? context.activity.text ?? '';
    const lang = detectLanguage(text);
    const intent = recognizeIntent(text);
    switch (intent.name) {
      case 'empty':
        await send(context, say('notText', lang), { intent: 'notText' });
        return step.endDialog();
      case 'menu':
        await send(context, say('welcome', lang), { intent: 'menu' });
        return step.endDialog();
      case 'greeting':
      case 'thanks':
      case 'goodbye':
      case 'feedback':
        await send(context, say(intent.name, lang), { intent: intent.name });
        return step.endDialog();
      case 'more':
        await send(context, say('noMore', lang), { intent: 'more' });
        return step.endDialog();
      case 'news':
        return step.beginDialog(NEWS_DIALOG, { lang, period: intent.period } satisfies NewsOptions);
      case 'question':
        await this.answer(context, text);
        return step.endDialog();
    }
  }

  private async afterChildStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const reroute = (step.result as Reroute | undefined)?.reroute;
    return reroute === undefined ? step.endDialog() : step.replaceDialog(ROUTE, { text: reroute } satisfies RouteOptions);
  }

  private async answer(context: TurnContext, text: string): Promise<void> {
    const lang = detectLanguage(text);
    const engine = this.knowledge.engine;
    const article = engine.articleByTitle(text);
    if (article) {
      const lead = article.paragraphs[0]?.map((s) => s.text).join(' ') ?? '';
      const message = { text: `${article.title} (${vietnameseDate(article.date)})\n\n${lead}\n\n${articleSource(article, lang)}`, actions: [] };
      await send(context, message, { intent: 'article', answerId: article.id, confidence: 1 });
      return;
    }
    const lookup = engine.lookup(text);
    const { best } = lookup;
    if (lookup.band === 'answer' && best) {
      const answerId = best.kind === 'entry' ? best.entry.id : best.article.id;
      await send(context, answerMessage(best, lang, (id) => engine.entry(id)), { intent: 'answer', answerId, confidence: best.confidence });
    } else if (lookup.band === 'clarify' && lookup.suggestions.length > 0) {
      await send(context, clarifyMessage(lookup, lang), { intent: 'clarify', confidence: best?.confidence });
    } else {
      await send(context, say('fallback', lang), { intent: 'fallback', confidence: best?.confidence ?? 0 });
    }
  }
}
