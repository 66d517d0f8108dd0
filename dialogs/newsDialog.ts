// Announcements: lists articles newest first (all, or those of a period) a page at a time; "xem thêm"
// shows the next page. Any other message ends the dialog and goes back to the main dialog to be understood.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { newsMessage } from '../src/replies/messages.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { Answers } from '../src/answer/answers.js';
import type { Period } from '../src/text/periods.js';
import { recognizeIntent } from '../src/understanding/intents.js';

export const NEWS_DIALOG = 'newsDialog';
const PAGE_SIZE = 3;

export interface NewsOptions {
  period?: Period;
  offset?: number;
}

/** Returned when the citizen said something other than "xem thêm", for the main dialog to handle. */
export interface Reroute {
  reroute: string;
}

/** One botbuilder Dialog that keeps the page it showed in its own dialog state. */
export class NewsDialog extends Dialog<NewsOptions> {
  constructor(private readonly knowledge: Answers) {
    super(NEWS_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: NewsOptions): Promise<DialogTurnResult> {
    return this.showPage(dc, options!);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    const page = dc.activeDialog!.state as NewsOptions;
    if (recognizeIntent(text).name === 'more') return this.showPage(dc, { ...page, offset: (page.offset ?? 0) + PAGE_SIZE });
    return dc.endDialog({ reroute: text } satisfies Reroute);
  }

  private async showPage(dc: DialogContext, page: NewsOptions): Promise<DialogTurnResult> {
    // "Xem thêm" / "Show more" pages in the conversation's language, which the first page set.
    const { period, offset = 0 } = page;
    const lang = replyLanguage(dc.context);
    const articles = this.knowledge.engine.articles(period);
    await send(dc.context, newsMessage(articles, { offset, size: PAGE_SIZE, label: period?.label }, lang), { intent: 'news' });
    if (articles.length <= offset + PAGE_SIZE) return dc.endDialog();
    dc.activeDialog!.state = page;
    return Dialog.EndOfTurn;
  }
}
