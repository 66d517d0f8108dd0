// The Bot Framework channels' endpoint, POST /api/messages: Azure Bot Service (Teams, Azure Web Chat) with
// app credentials, the Bot Framework Emulator without. A conversation's turns run one at a time, in order.
import type { Activity, TurnContext } from 'botbuilder';
import { setTurnAddress } from '../../services/turnAddress.js';
import { isEmulatorUrl } from '../../bot/serviceUrls.js';
import { conversationKey } from '../../bot/turnRunner.js';
import type { HotlineAdapter } from '../../bot/hotlineAdapter.js';
import { activityProblem } from '../../http/activitySchema.js';
import { sendError } from '../../http/httpError.js';
import type { Channel, ChannelHost, ChannelSetup } from '../channelHost.js';

/** Channels /api/messages serves without app credentials: the Emulator's, and botbuilder's test channel. */
export const UNAUTHENTICATED_CHANNELS = new Set(['emulator', 'test']);

const MESSAGES_PATH = '/api/messages';

/** /api/messages as a channel of the app. */
export function botFrameworkChannel({ adapter, authenticated }: ChannelSetup): Channel {
  return {
    name: 'Bot Framework',
    // With app credentials Azure Bot Service calls it from its own addresses, each request carrying its token.
    signedWebhooks: authenticated ? [MESSAGES_PATH] : [],
    mount: (host) => registerMessagesRoute(host, adapter, authenticated),
  };
}

export function registerMessagesRoute(
  host: Pick<ChannelHost, 'server' | 'log' | 'runTurn' | 'chargeUser' | 'turns' | 'clientAddress'>,
  adapter: HotlineAdapter,
  authenticated: boolean,
): void {
  host.server.post(MESSAGES_PATH, async (req, res) => {
    // A body that is no activity gets 400 before anything is authenticated or charged.
    const problem = activityProblem(req.body);
    if (problem) return sendError(res, 400, problem);
    const activity = req.body as Partial<Activity>;
    // Without app credentials nothing is authenticated: only the Emulator's own channel is served, so no one
    // can post into a Zalo, Teams or Web Chat citizen's conversation here (they have routes of their own).
    // Its replies go to the Emulator on this machine (http://localhost:<port> or http://127.0.0.1:<port>,
    // exactly), or back in the answer with expectReplies, never to any other URL.
    if (!authenticated) {
      const repliesInAnswer = activity.deliveryMode === 'expectReplies';
      if (!UNAUTHENTICATED_CHANNELS.has(activity.channelId ?? '') || !(repliesInAnswer || isEmulatorUrl(activity.serviceUrl)))
        return sendError(res, 403);
    }
    // Without credentials anyone can open any number of conversations: what a conversation may keep
    // (subscriptions, handoffs) is capped per address, so the turn knows its client's address.
    const address = authenticated ? undefined : host.clientAddress(req);
    const logic = (context: TurnContext): Promise<void> => {
      if (address !== undefined) setTurnAddress(context, address);
      return host.runTurn(context);
    };
    const conversation = conversationKey(activity.channelId, activity.conversation?.id);
    await host.turns.run(conversation, () => adapter.processRequest(req, res, logic, host.log, host.chargeUser), req.socket);
  });
}
