// Everything the website's chat widget needs, on the bot's own server: the widget files, the token route, and
// (without DIRECT_LINE_SECRET) the local Direct Line API with its adapter registered for proactive messages.
import type { Request } from 'restify';
import type { DirectLineSettings } from '../../config/directLine.js';
import type { Channel, ChannelHost, ChannelSetup, Mounted } from '../channelHost.js';
import { answerPreflights } from './http.js';
import { LOCAL_PATH, LocalDirectLine } from './localDirectLine.js';
import { registerTokenRoute, TOKEN_PATH } from './tokenRoute.js';
import { registerWidgetFiles } from './widgetFiles.js';

/** The website's widget as a channel of the app. */
export function webChatChannel({ config }: ChannelSetup): Channel {
  // The local Direct Line's streaming takes WebSockets on its own listener.
  return { name: 'web chat', opensConversation, upgrades: [`${LOCAL_PATH}/`], mount: (host) => registerWebChat(host, config.directLine) };
}

/** A request that creates a conversation (a token, or a local Direct Line conversation): each holds memory until it expires. */
function opensConversation(req: Pick<Request, 'method' | 'headers' | 'getPath'>): boolean {
  if (req.method !== 'POST') return false;
  const path = req.getPath();
  return (
    path === TOKEN_PATH ||
    path === `${LOCAL_PATH}/tokens/generate` ||
    (path === `${LOCAL_PATH}/conversations` && !req.headers.authorization)
  );
}

/** Mounts the widget; at shutdown the local Direct Line's WebSockets are closed (they would hold the server's close open). */
export async function registerWebChat(host: ChannelHost, settings: DirectLineSettings): Promise<Mounted> {
  const local = settings.secret ? undefined : await LocalDirectLine.create(host, settings);
  registerWidgetFiles(host.server);
  answerPreflights(host.server, local ? [TOKEN_PATH, LOCAL_PATH] : [TOKEN_PATH], settings.allowedOrigins);
  registerTokenRoute(host, settings, local);
  local?.register();
  return { stop: () => local?.stop() };
}
