// Sends each subscriber one proactive message per newly published article. What was sent to whom is
// recorded per article before the article is marked seen, so a restart neither resends nor skips;
// a failed send is recorded and not retried. Runs are queued: one at a time, in order.
import type { Storage } from 'botbuilder';
import type { Article } from '../knowledge/articleParser.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Message } from '../replies/commonTexts.js';
import type { Logger } from '../logger.js';
import type { InboundTimes } from './messagingWindow.js';
import { sendOnce, type Delivery, type SendProactive } from './proactiveSend.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';
import type { Subscription, SubscriptionStore } from './subscriptionStore.js';

export type { Delivery, SendProactive } from './proactiveSend.js';

export interface AnnouncementRecord {
  articleId: string;
  title: string;
  deliveries: Record<string, Delivery>;
}

interface Seen {
  articleIds: string[];
}

const SEEN_KEY = `${KEY_PREFIX}/announcements/seen`;
export const announcementKey = (articleId: string): string => `${KEY_PREFIX}/announcements/${hashId(articleId)}`;

export class AnnouncementNotifier {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly subscriptions: SubscriptionStore,
    private readonly inbound: InboundTimes,
    private readonly send: SendProactive,
    private readonly compose: (article: Article) => Message,
    private readonly log: Logger,
    private readonly now = () => new Date(),
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
      await this.deliver(article);
      await updateItem<Seen>(this.storage, SEEN_KEY, (s) => ({ articleIds: [...new Set([...(s?.articleIds ?? []), article.id])] }));
    }
  }

  private async deliver(article: Article): Promise<void> {
    const key = announcementKey(article.id);
    const done = (await readItem<AnnouncementRecord>(this.storage, key))?.deliveries ?? {};
    const counts = { sent: 0, failed: 0, skipped: 0 };
    for (const subscriber of await this.subscriptions.all()) {
      if (done[subscriber.id]) continue;
      const delivery = await this.deliverOne(article, subscriber);
      counts[delivery.status]++;
      await updateItem<AnnouncementRecord>(this.storage, key, (record) => ({
        articleId: article.id,
        title: article.title,
        deliveries: { ...record?.deliveries, [subscriber.id]: delivery },
      }));
    }
    this.log.info({ article: article.id, ...counts }, 'announcement delivered');
  }

  private async deliverOne(article: Article, subscriber: Subscription): Promise<Delivery> {
    const at = this.now();
    const channelId = subscriber.reference.channelId ?? '';
    // Subscribing was itself a message; a record of an earlier version kept its own last-message time.
    const last = await this.inbound.last(channelId, subscriber.reference.conversation?.id ?? '', [
      subscriber.subscribedAt,
      subscriber.lastInboundAt,
    ]);
    if (this.inbound.outside(channelId, last, at)) {
      return { status: 'skipped', at: vnTimestamp(at), reason: 'outside the channel messaging window' };
    }
    const delivery = await sendOnce(
      this.send,
      subscriber.reference,
      this.compose(article),
      { intent: 'announcement', answerId: article.id },
      at,
    );
    if (delivery.status === 'failed')
      this.log.warn({ article: article.id, channel: channelId, reason: delivery.reason }, 'announcement not delivered');
    return delivery;
  }
}
