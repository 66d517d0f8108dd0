// Announces each newly published article to every subscriber through the outbox. The subscribers are written
// into pages (`citizen/announcements/<article>/<n>`, PAGE_SIZE each) with one message per subscriber in the
// same write, before the article is marked seen: a restart neither skips anyone nor queues anyone twice (pages
// already written are kept, and their subscribers left out of new ones), and the outbox sends, retries and
// records each message. The cost is linear in subscribers: each page is written once when queued and a few
// times as its messages are sent, whatever the number of pages (the record of every delivery, rewritten
// per subscriber, made it quadratic: 1,000 subscribers 8 s, 2,000 26 s). Runs are queued: one at a time, in order.
import type { Storage } from 'botbuilder';
import type { Article } from '../knowledge/articleParser.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Message } from '../replies/commonTexts.js';
import type { Logger } from '../logger.js';
import type { Outbox } from './outbox.js';
import type { WithOutbox } from './outboxMessage.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import type { SubscriptionStore } from './subscriptionStore.js';

/** Subscribers per page. */
const PAGE_SIZE = 50;

/** One page of an article's announcement: its subscribers, and the messages to them. */
export interface AnnouncementPage extends WithOutbox {
  articleId: string;
  title: string;
  subscriberIds: string[];
}

interface Seen {
  articleIds: string[];
}

const SEEN_KEY = `${KEY_PREFIX}/announcements/seen`;
export const pageKey = (articleId: string, page: number): string => `${KEY_PREFIX}/announcements/${hashId(articleId)}/${page}`;

export class AnnouncementNotifier {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly subscriptions: SubscriptionStore,
    private readonly outbox: Outbox,
    private readonly compose: (article: Article) => Message,
    private readonly log: Logger,
  ) {}

  /**
   * Announces the new articles of every version the knowledge store publishes, beginning with the one live
   * now (articles published while the bot was down). track keeps each run for shutdown to wait on.
   */
  follow(knowledge: Pick<KnowledgeStore, 'onVersion'>, track: <T>(work: Promise<T>) => Promise<T>): void {
    knowledge.onVersion(({ kb }) => void track(this.announceNew(kb.articles)));
  }

  /**
   * Announces the articles not seen before. The first run ever only remembers what is published, so
   * installing the bot does not announce its whole archive. Pass the articles of one version.
   */
  private announceNew(articles: Article[]): Promise<void> {
    const run = this.queue.then(() => this.run(articles));
    this.queue = run.catch((error: unknown) => this.log.error({ err: error }, 'announcements failed'));
    return this.queue;
  }

  private async run(articles: Article[]): Promise<void> {
    const seen = await readItem<Seen>(this.storage, SEEN_KEY);
    if (!seen) {
      await updateItem<Seen>(this.storage, SEEN_KEY, (s) => s ?? { articleIds: articles.map((a) => a.id) });
      return;
    }
    const fresh = articles.filter((a) => !seen.articleIds.includes(a.id)).sort((a, b) => a.date.localeCompare(b.date));
    for (const article of fresh) {
      await this.enqueue(article);
      await updateItem<Seen>(this.storage, SEEN_KEY, (s) => ({ articleIds: [...new Set([...(s?.articleIds ?? []), article.id])] }));
    }
  }

  /** Writes the pages of subscribers not yet in one, each with its messages. */
  private async enqueue(article: Article): Promise<void> {
    const queued = new Set<string>();
    let page = 0;
    for (let found; (found = await readItem<AnnouncementPage>(this.storage, pageKey(article.id, page))); page++) {
      for (const id of found.subscriberIds) queued.add(id);
    }
    const fresh = (await this.subscriptions.all()).filter((s) => !queued.has(s.id));
    const message = this.compose(article);
    for (let start = 0; start < fresh.length; start += PAGE_SIZE, page++) {
      const subscribers = fresh.slice(start, start + PAGE_SIZE);
      await this.outbox.change<AnnouncementPage>(pageKey(article.id, page), (current, enqueue) => {
        if (current) return current;
        for (const s of subscribers) {
          enqueue({
            ...message,
            reference: s.reference,
            meta: { intent: 'announcement', answerId: article.id },
            // Subscribing was itself a message; a record of an earlier version kept its own last-message time.
            knownInbound: [s.subscribedAt, ...(s.lastInboundAt ? [s.lastInboundAt] : [])],
          });
        }
        return { articleId: article.id, title: article.title, subscriberIds: subscribers.map((s) => s.id) };
      });
    }
    this.log.info({ article: article.id, subscribers: fresh.length, pages: page }, 'announcement queued');
  }
}
