// Announcement subscriptions: "đăng ký nhận tin" and "hủy đăng ký", answered within the turn.
import type { Feature } from '../../../dialogs/feature.js';
import { changeSubscription } from './changeSubscription.js';

export const subscriptions = {
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
