// The intents that start the subscriptions feature: "đăng ký nhận tin" and "hủy đăng ký" (tried where
// recognizeIntent tries the features' intents; the cancellation first, as it contains the request).
import { featureIntent } from '../../understanding/featureIntents.js';

declare module '../../understanding/featureIntents.js' {
  interface FeatureIntents {
    subscribe: { name: 'subscribe' };
    unsubscribe: { name: 'unsubscribe' };
  }
}

const SUBSCRIBE = /\b(?:dang ky|dang ki)\s+(?:nhan\s+)?(?:tin|thong bao|ban tin|tin tuc|tin moi)\b|\bsubscribe\b/u;
const UNSUBSCRIBE = /\b(?:huy|ngung|dung|bo|thoi)\s+(?:dang ky|dang ki|nhan tin|nhan thong bao)\b|\bunsubscribe\b/u;

export const SUBSCRIPTION_INTENTS = [
  featureIntent('unsubscribe', ({ folded }) => (UNSUBSCRIBE.test(folded) ? { name: 'unsubscribe' } : undefined)),
  featureIntent('subscribe', ({ folded }) => (SUBSCRIBE.test(folded) ? { name: 'subscribe' } : undefined)),
] as const;
