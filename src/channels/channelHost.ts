// What the running service lends a channel: the HTTP server to add its routes to, the bot's turn, and the
// policies every channel shares (rate limit, turn errors, shutdown tracking, proactive sends). createApp
// (src/app.ts) builds it; a channel hands back what must be stopped at shutdown. Only these, so no
// channel imports the service that mounts it.
import type { BotAdapter, Storage, TurnContext } from 'botbuilder';
import type { IncomingMessage } from 'node:http';
import type { Request, Server } from 'restify';
import type { ChannelActivities } from '../bot/channelActivities.js';
import type { HotlineAdapter } from '../bot/hotlineAdapter.js';
import type { TurnRunner } from '../bot/turnRunner.js';
import type { ChargeUser } from '../http/httpGuards.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface ChannelHost {
  server: Server;
  log: Logger;
  storage: Storage;
  /** The bot's account id on channels: its app id, or a local name when it runs without credentials. */
  botId: string;
  /** One turn of the bot. */
  runTurn(context: TurnContext): Promise<void>;
  /** Runs a conversation's turns one at a time, in order of arrival, on every channel; tracked for shutdown. */
  turns: TurnRunner;
  /** The service's handling of a failed turn (log, start the conversation afresh, apologise). */
  onTurnError(context: TurnContext, error: Error): Promise<void>;
  /** The Bot Framework adapter: where a proactive message for a conversation no local channel holds goes. */
  botFramework: BotAdapter;
  /** The key the per-address limits count a request's client under (TRUST_PROXY applied, IPv6 by its /64). */
  clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>): string;
  /** Charges a request to the authenticated user it is from ("<channel>/<id>"); false when over the limit (429 sent). */
  chargeUser: ChargeUser;
  /** Runs work that must finish before shutdown (a turn, a proactive send). */
  track<T>(work: Promise<T>): Promise<T>;
  /** Registers the adapter that sends proactive messages into this channel's conversations. */
  registerAdapter(channelId: string, adapter: BotAdapter): void;
}

/** What a mounted channel or service hands back: stopped at shutdown, before the HTTP server closes. */
export interface Mounted {
  stop(): void | Promise<void>;
}

/**
 * A channel as createApp mounts it, one of a list (src/app.ts): what it declares, and how it goes on the host.
 * A channel mounts its own routes and adapters (registered with `registerAdapter` for proactive sends) and
 * runs every turn through `turns`; it knows nothing of the app, and the app nothing of it but this.
 */
export interface Channel {
  /** For the log. */
  name: string;
  /** Channel ids to which a message may go only within a window after the citizen's last one, in ms (Zalo OA: 7 days). */
  messagingWindows?: Readonly<Record<string, number>>;
  /**
   * Its webhooks that a platform calls from a few shared addresses and that the route authenticates (a
   * signature, a Bot Framework token): exact paths, or prefixes ending in "/". They are limited per user once
   * authenticated (chargeUser), never per address, which would throttle every citizen at once.
   */
  signedWebhooks?: readonly string[];
  /** Path prefixes under which it takes WebSocket upgrades on the host's server; any other upgrade is refused. */
  upgrades?: readonly string[];
  /** Whether a request opens a conversation that holds memory until it expires: a tighter per-address limit. */
  opensConversation?: (req: Pick<Request, 'method' | 'headers' | 'getPath'>) => boolean;
  /**
   * What it does to its conversations' activities, on whichever adapter carries them: readies an incoming
   * message (or leaves it unanswered), who is greeted, how an outgoing message is rendered.
   */
  activities?: ChannelActivities;
  /** Adds its routes to the host; hands back what must stop at shutdown, if anything (none: it arrives on another channel's route). */
  mount?(host: ChannelHost): Promise<Mounted | void> | Mounted | void;
}

/** What a channel is made from: the service's configuration and its Bot Framework adapter. */
export interface ChannelSetup {
  config: Config;
  /** The Bot Framework adapter (/api/messages, and proactive sends no local channel holds). */
  adapter: HotlineAdapter;
  /** Whether the service runs with app credentials (Azure Bot Service), not only the Emulator. */
  authenticated: boolean;
}

/** How a channel is listed (src/channels/index.ts): made from the setup when the app starts. */
export type ChannelPlugin = (setup: ChannelSetup) => Channel;
