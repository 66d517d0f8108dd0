// Announcement subscriptions: "đăng ký nhận tin" and "hủy đăng ký" (its own intents, intents.ts), answered
// within the turn.
import type { Feature } from '../../../dialogs/feature.js';
import { changeSubscription } from './changeSubscription.js';
import { SUBSCRIPTION_INTENTS } from './intents.js';

export const subscriptions = {
  intents: SUBSCRIPTION_INTENTS,
  handlers: {
    async subscribe({ context, services }) {
      await changeSubscription(context, 'subscribe', services.subscriptions);
      return undefined;
    },
    async unsubscribe({ context, services }) {
      await changeSubscription(context, 'unsubscribe', services.subscriptions);
      return undefined;
    },
  },
} satisfies Feature<'subscribe' | 'unsubscribe'>;
