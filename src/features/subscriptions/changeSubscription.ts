// "Đăng ký nhận tin" / "hủy đăng ký": saves or removes this conversation for announcements of new articles.
import type { TurnContext } from 'botbuilder';
import { subscriptionMessage } from './texts.js';
import { replyLanguage } from '../../replies/replyLanguage.js';
import { send } from '../../replies/send.js';
import type { SubscriptionStore } from '../../services/subscriptionStore.js';

export async function changeSubscription(
  context: TurnContext,
  action: 'subscribe' | 'unsubscribe',
  subscriptions: SubscriptionStore,
): Promise<void> {
  const outcome =
    action === 'subscribe'
      ? (await subscriptions.subscribe(context))
        ? 'subscribed'
        : 'alreadySubscribed'
      : (await subscriptions.unsubscribe(context))
        ? 'unsubscribed'
        : 'notSubscribed';
  await send(context, subscriptionMessage(outcome, replyLanguage(context)), { intent: action });
}
