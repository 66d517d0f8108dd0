// Announcements: lists articles newest first (all, or those of a period) a page at a time; "xem thêm"
// shows the next page. Any other message leaves the list, for the root to understand.
import { newsMessage } from './texts.js';
import type { Answers } from '../../answer/answers.js';
import type { Period } from '../../text/periods.js';
import { recognizeIntent } from '../../understanding/intents.js';
import { CitizenFlowDialog, type FlowOptions } from '../../../dialogs/citizenFlowDialog.js';

export const NEWS_DIALOG = 'newsDialog';
const PAGE_SIZE = 3;

export interface NewsPage {
  period?: Period;
  offset: number;
}

export type NewsOptions = FlowOptions<NewsPage>;

export class NewsDialog extends CitizenFlowDialog<NewsPage> {
  constructor(knowledge: Answers) {
    super(NEWS_DIALOG, 'news', { form: false, otherwise: 'leave' }, [
      {
        // "Xem thêm" / "Show more" pages in the conversation's language, which the first page set.
        ask: ({ period, offset }, lang) =>
          newsMessage(knowledge.engine.articles(period), { offset, size: PAGE_SIZE, label: period?.label }, lang),
        takes: (_context, text) => recognizeIntent(text).name === 'more',
        accept: async (_context, _text, page) => ({ again: { ...page, offset: page.offset + PAGE_SIZE } }),
        last: ({ period, offset }) => knowledge.engine.articles(period).length <= offset + PAGE_SIZE,
      },
    ]);
  }
}
