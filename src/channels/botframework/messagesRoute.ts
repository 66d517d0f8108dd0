// The Bot Framework channels' endpoint, POST /api/messages: Azure Bot Service (Teams, Azure Web Chat) with
// app credentials, the Bot Framework Emulator without. A conversation's turns run one at a time, in order.
import type { Activity } from 'botbuilder';
import { isLoopbackUrl } from '../../bot/serviceUrls.js';
import { conversationKey } from '../../bot/turnRunner.js';
import type { HotlineAdapter } from '../../bot/hotlineAdapter.js';
import { sendError } from '../../http/httpError.js';
import type { Channel, ChannelHost } from '../channelHost.js';

/** Channels /api/messages serves without app credentials: the Emulator's, and botbuilder's test channel. */
export const UNAUTHENTICATED_CHANNELS = new Set(['emulator', 'test']);

/** /api/messages as a channel of the app. */
export function botFrameworkChannel(adapter: HotlineAdapter, authenticated: boolean): Channel {
  return { name: 'Bot Framework', mount: (host) => registerMessagesRoute(host, adapter, authenticated) };
}

export function registerMessagesRoute(
  host: Pick<ChannelHost, 'server' | 'log' | 'runTurn' | 'chargeUser' | 'turns'>,
  adapter: HotlineAdapter,
  authenticated: boolean,
): void {
  host.server.post('/api/messages', async (req, res) => {
    const activity = req.body as Partial<Activity>;
    // Without app credentials nothing is authenticated: only the Emulator's own channel is served, so no one
    // can post into a Zalo, Teams or Web Chat citizen's conversation here (they have routes of their own).
    // Its replies go to the Emulator on this machine (or back in the answer, with expectReplies), not to any URL.
    if (!authenticated) {
      const repliesInAnswer = activity.deliveryMode === 'expectReplies';
      if (!UNAUTHENTICATED_CHANNELS.has(activity.channelId ?? '') || !(repliesInAnswer || isLoopbackUrl(activity.serviceUrl ?? '')))
        return sendError(res, 403);
    }
    const conversation = conversationKey(activity.channelId, activity.conversation?.id);
    await host.turns.run(conversation, () => adapter.processRequest(req, res, host.runTurn, host.log, host.chargeUser), req.socket);
  });
}
