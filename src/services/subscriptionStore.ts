// Who asked for announcements ("đăng ký nhận tin"): the conversation reference, to message them later.
// The time of a citizen's last message, for channels with a messaging window, is kept by InboundTimes.
import { TurnContext, type ConversationReference, type Storage } from 'botbuilder';
import { addToIndex, hashId, indexIds, KEY_PREFIX, readItem, readItems, removeFromIndex, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';

export interface Subscription {
  id: string;
  reference: Partial<ConversationReference>;
  subscribedAt: string;
  /** Time of the subscriber's last message, as versions before InboundTimes kept it (read, no longer written). */
  lastInboundAt?: string;
}

const INDEX_KEY = `${KEY_PREFIX}/subscriptions/index`;
const subscriptionKey = (id: string): string => `${KEY_PREFIX}/subscriptions/${id}`;

export function subscriberId(context: TurnContext): string {
  return hashId(context.activity.channelId, context.activity.conversation.id);
}

export class SubscriptionStore {
  constructor(
    private readonly storage: Storage,
    private readonly now = () => new Date(),
  ) {}

  /** Saves the conversation; false when it was already subscribed. */
  async subscribe(context: TurnContext): Promise<boolean> {
    const id = subscriberId(context);
    const at = vnTimestamp(this.now());
    let added = false;
    // Indexed first: an index entry without its item is skipped, an item missing from the index would be lost.
    await addToIndex(this.storage, INDEX_KEY, id);
    await updateItem<Subscription>(this.storage, subscriptionKey(id), (current) => {
      added = current === undefined;
      return { id, reference: TurnContext.getConversationReference(context.activity), subscribedAt: current?.subscribedAt ?? at };
    });
    return added;
  }

  /** Removes the conversation; false when it was not subscribed. */
  async unsubscribe(context: TurnContext): Promise<boolean> {
    const id = subscriberId(context);
    const existed = (await readItem<Subscription>(this.storage, subscriptionKey(id))) !== undefined;
    await removeFromIndex(this.storage, INDEX_KEY, id);
    await this.storage.delete([subscriptionKey(id)]);
    return existed;
  }

  async all(): Promise<Subscription[]> {
    return readItems<Subscription>(this.storage, (await indexIds(this.storage, INDEX_KEY)).map(subscriptionKey));
  }
}
