// The running service as its parts see it: what createApp (server.ts) builds and hands to the channel and
// service plugins it mounts. Only types here, so no plugin imports the server that mounts it.
import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { HotlineAdapter } from './bot/hotlineAdapter.js';
import type { HotlineBot } from './bot/hotlineBot.js';
import type { TurnRunner } from './bot/turnRunner.js';
import type { Config } from './config.js';
import type { ChargeUser } from './http/httpGuards.js';
import type { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import type { AppStorage } from './storage/createStorage.js';

export interface App {
  config: Config;
  log: Logger;
  server: restify.Server;
  adapter: HotlineAdapter;
  bot: HotlineBot;
  /** botbuilder Storage (lowdb files or Azure Blob, per STORAGE); eTag read-modify-write for shared records. */
  storage: AppStorage;
  knowledge: KnowledgeStore;
  /** Charges a request to the authenticated user it is from ("<channel>/<id>"); false when over the limit (429 sent). */
  chargeUser: ChargeUser;
  /** Runs work that must finish before shutdown (a turn, a proactive send). */
  track<T>(work: Promise<T>): Promise<T>;
  /** Runs a conversation's turns one at a time, in order of arrival, on every channel; tracked for shutdown. */
  turns: TurnRunner;
  /** Channels served by an adapter of their own (Direct Line, Zalo) register it for proactive messages. */
  registerAdapter(channelId: string, adapter: BotAdapter): void;
  /** Sends a proactive message into a stored conversation, through the adapter of its channel. */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
}
