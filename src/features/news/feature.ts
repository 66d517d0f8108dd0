// The post office's news: a page of articles (all, or a period's), and "xem thêm" for the next page.
import { start, type Feature } from '../../../dialogs/feature.js';
import { send } from '../../replies/send.js';
import { NEWS_DIALOG, NewsDialog, type NewsOptions } from './newsDialog.js';
import { noMoreMessage } from './texts.js';

export const news = {
  handlers: {
    news: async (_turn, intent) => start<NewsOptions>(NEWS_DIALOG, { values: { period: intent.period, offset: 0 } }),
    // "Xem thêm" with no list under way: the list has ended (the news flow takes it while it shows one).
    async more({ context, lang }) {
      await send(context, noMoreMessage(lang), { intent: 'more' });
      return undefined;
    },
  },
  flows: ({ knowledge }) => [new NewsDialog(knowledge)],
} satisfies Feature<'news' | 'more'>;
