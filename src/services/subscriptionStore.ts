// Who asked for announcements ("đăng ký nhận tin"): the conversation reference, to message them later.
// The time of a citizen's last message, for channels with a messaging window, is kept by InboundTimes.
// On channels where one address can open any number of conversations (turnAddress.ts), an address holds at
// most SUBSCRIPTIONS_PER_ADDRESS subscriptions: its newest goes in and its oldest goes, so one sender cannot
// fill the list that every announcement is sent down (real subscribers waited hours behind 300 fakes).
import { TurnContext, type ConversationReference, type Storage } from 'botbuilder';
import { addToIndex, hashId, indexIds, KEY_PREFIX, readItem, readItems, removeFromIndex, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';
import { turnAddress } from './turnAddress.js';

export interface Subscription {
  id: string;
  reference: Partial<ConversationReference>;
  subscribedAt: string;
  /** Time of the subscriber's last message, as versions before InboundTimes kept it (read, no longer written). */
  lastInboundAt?: string;
  /** The hashed address it was made from, on channels that have one (turnAddress.ts). */
  address?: string;
}

const INDEX_KEY = `${KEY_PREFIX}/subscriptions/index`;
const subscriptionKey = (id: string): string => `${KEY_PREFIX}/subscriptions/${id}`;
/** The subscriptions of one address, oldest first. */
const addressKey = (address: string): string => `${KEY_PREFIX}/subscriptions/byAddress/${address}`;

export function subscriberId(context: TurnContext): string {
  return hashId(context.activity.channelId, context.activity.conversation.id);
}

export class SubscriptionStore {
  constructor(
    private readonly storage: Storage,
    /** Subscriptions one address may hold (0: no cap). */
    private readonly perAddress = 0,
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
      const address = turnAddress(context);
      return {
        id,
        reference: TurnContext.getConversationReference(context.activity),
        subscribedAt: current?.subscribedAt ?? at,
        ...(address ? { address } : {}),
      };
    });
    await this.capAddress(context, id);
    return added;
  }

  /** Keeps the turn's address within its cap: its oldest subscriptions beyond it are removed. */
  private async capAddress(context: TurnContext, id: string): Promise<void> {
    const address = turnAddress(context);
    if (!address || !this.perAddress) return;
    let dropped: string[] = [];
    await updateItem<{ ids: string[] }>(this.storage, addressKey(address), (current) => {
      const ids = [...(current?.ids ?? []).filter((other) => other !== id), id];
      dropped = ids.slice(0, Math.max(0, ids.length - this.perAddress));
      return { ids: ids.slice(dropped.length) };
    });
    for (const other of dropped) await this.remove(other);
  }

  private async remove(id: string): Promise<void> {
    await removeFromIndex(this.storage, INDEX_KEY, id);
    await this.storage.delete([subscriptionKey(id)]);
  }

  /** Removes the conversation; false when it was not subscribed. */
  async unsubscribe(context: TurnContext): Promise<boolean> {
    const id = subscriberId(context);
    const existing = await readItem<Subscription>(this.storage, subscriptionKey(id));
    await this.remove(id);
    if (existing?.address) {
      await updateItem<{ ids: string[] }>(this.storage, addressKey(existing.address), (current) => ({
        ids: (current?.ids ?? []).filter((other) => other !== id),
      }));
    }
    return existing !== undefined;
  }

  async all(): Promise<Subscription[]> {
    return readItems<Subscription>(this.storage, (await indexIds(this.storage, INDEX_KEY)).map(subscriptionKey));
  }
}
