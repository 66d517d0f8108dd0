// Some channels accept a message to a user only within a window after the user's last message (Zalo OA:
// 7 days; the channel says so when it is mounted). A proactive message outside that window is skipped and
// recorded, not attempted, so the time of each conversation's last message is kept on windowed channels
// (rewritten at most hourly).
import type { Storage, TurnContext } from 'botbuilder';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import { vnTimestamp } from '../text/vnTime.js';

/** The last-message time is rewritten at most this often, not on every message. */
export const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** Each windowed channel's id and its window in milliseconds. */
export type MessagingWindows = Readonly<Record<string, number>>;

interface LastInbound {
  at: string;
}

const lastInboundKey = (channelId: string, conversationId: string): string =>
  `${KEY_PREFIX}/last-inbound/${hashId(channelId, conversationId)}`;

export class InboundTimes {
  constructor(
    private readonly storage: Storage,
    private readonly windows: MessagingWindows,
    private readonly now = () => new Date(),
  ) {}

  /** True when a message to this channel at `at` would fall outside the window opened by the last inbound message. */
  outside(channelId: string | undefined, lastInboundAt: string | undefined, at: Date): boolean {
    const window = this.windows[channelId ?? ''];
    return window !== undefined && (!lastInboundAt || at.getTime() - Date.parse(lastInboundAt) > window);
  }

  async touch(context: TurnContext): Promise<void> {
    const { channelId, conversation } = context.activity;
    if (this.windows[channelId] === undefined) return;
    const key = lastInboundKey(channelId, conversation.id);
    const current = await readItem<LastInbound>(this.storage, key);
    const now = this.now();
    if (current && now.getTime() - Date.parse(current.at) < TOUCH_EVERY_MS) return;
    await updateItem<LastInbound>(this.storage, key, () => ({ at: vnTimestamp(now) }));
  }

  /** The latest of the conversation's last recorded message and the times it is otherwise known to have written (`known`). */
  async last(channelId: string, conversationId: string, known: Array<string | undefined> = []): Promise<string | undefined> {
    const times = [(await readItem<LastInbound>(this.storage, lastInboundKey(channelId, conversationId)))?.at, ...known].filter(
      (t): t is string => !!t,
    );
    return times.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  }
}
