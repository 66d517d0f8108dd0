// Zalo OA accepts a message to a user only within 7 days of the user's last message (Bot Platform: none
// documented). A proactive message outside that window is skipped and recorded, not attempted, so the time
// of each conversation's last message is kept on windowed channels (rewritten at most hourly).
import type { Storage, TurnContext } from 'botbuilder';
import { OA_CHANNEL } from '../channels/zalo/oa/oaEvents.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';

export const ZALO_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The last-message time is rewritten at most this often, not on every message. */
export const TOUCH_EVERY_MS = 60 * 60 * 1000;

export function hasMessagingWindow(channelId: string | undefined): boolean {
  return channelId === OA_CHANNEL;
}

/** True when a message to this channel at `at` would fall outside the window opened by the last inbound message. */
export function outsideWindow(channelId: string | undefined, lastInboundAt: string | undefined, at: Date): boolean {
  return hasMessagingWindow(channelId) && (!lastInboundAt || at.getTime() - Date.parse(lastInboundAt) > ZALO_WINDOW_MS);
}

interface LastInbound {
  at: string;
}

const lastInboundKey = (channelId: string, conversationId: string): string => `${KEY_PREFIX}/last-inbound/${hashId(channelId, conversationId)}`;

export class InboundTimes {
  constructor(private readonly storage: Storage, private readonly now = () => new Date()) {}

  async touch(context: TurnContext): Promise<void> {
    const { channelId, conversation } = context.activity;
    if (!hasMessagingWindow(channelId)) return;
    const key = lastInboundKey(channelId, conversation.id);
    const current = await readItem<LastInbound>(this.storage, key);
    const now = this.now();
    if (current && now.getTime() - Date.parse(current.at) < TOUCH_EVERY_MS) return;
    await updateItem<LastInbound>(this.storage, key, () => ({ at: vnTimestamp(now) }));
  }

  /** The latest of the conversation's last recorded message and the times it is otherwise known to have written (`known`). */
  async last(channelId: string, conversationId: string, known: Array<string | undefined> = []): Promise<string | undefined> {
    const times = [(await readItem<LastInbound>(this.storage, lastInboundKey(channelId, conversationId)))?.at, ...known].filter((t): t is string => !!t);
    return times.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  }
}
