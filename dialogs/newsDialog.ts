// Announcements: lists articles newest first (all, or those of a period) a page at a time; "xem thêm"
// shows the next page. Any other message ends the dialog and goes back to the main dialog to be understood.
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../src/answer/answerEngine.js';
import { newsMessage } from '../src/bot/messages.js';
import { send } from '../src/bot/send.js';
import type { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import type { Period } from '../src/text/periods.js';
import { recognizeIntent } from '../src/understanding/intents.js';

export const NEWS_DIALOG = 'newsDialog';
const WAIT_FOR_MORE = 'waitForMore';
const PAGE = 'newsPage';
const PAGE_SIZE = 3;

export interface NewsOptions {
  lang: Language;
  period?: Period;
  offset?: number;
}

/** Returned when the citizen said something other than "xem thêm", for the main dialog to handle. */
export interface Reroute {
  reroute: string;
}

export class NewsDialog extends ComponentDialog {
  constructor(private readonly knowledge: KnowledgeStore) {
    super(NEWS_DIALOG);
    this.addDialog(new TextPrompt(WAIT_FOR_MORE)).addDialog(new WaterfallDialog(PAGE, [this.showPage.bind(this), this.afterPage.bind(this)]));
    this.initialDialogId = PAGE;
  }

  private async showPage(step: WaterfallStepContext<NewsOptions>): Promise<DialogTurnResult> {
    const { lang, period, offset = 0 } = step.options;
    const articles = this.knowledge.engine.articles(period);
    await send(step.context, newsMessage(articles, { offset, size: PAGE_SIZE, label: period?.label }, lang), { intent: 'news' });
    if (articles.length <= offset + PAGE_SIZE) return step.endDialog();
    return step.prompt(WAIT_FOR_MORE, {});
  }

  private async afterPage(step: WaterfallStepContext<NewsOptions>): Promise<DialogTurnResult> {
    const text = String(step.result ?? '');
    if (recognizeIntent(text).name === 'more') {
      return step.replaceDialog(PAGE, { ...step.options, offset: (step.options.offset ?? 0) + PAGE_SIZE });
    }
    return step.endDialog({ reroute: text } satisfies Reroute);
  }
}
