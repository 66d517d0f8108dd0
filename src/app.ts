// The running service as its callers see it (index.ts, the npm run commands, the tests): what createApp
// (src/server.ts) builds. Only types here.
import type { ConversationReference, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Answers } from './answer/answers.js';
import type { ChannelHost } from './channels/channelHost.js';
import type { Config } from './config.js';
import type { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import type { CitizenServices } from './services/citizenServices.js';
import type { TurnOutcomeListener } from './replies/turnOutcome.js';
import type { AppStorage } from './storage/createStorage.js';

export interface App {
  config: Config;
  log: Logger;
  server: restify.Server;
  /** botbuilder Storage (lowdb files or Azure Blob, per STORAGE); eTag read-modify-write for shared records. */
  storage: AppStorage;
  knowledge: KnowledgeStore;
  /** The answer engine of the knowledge version live now. */
  answers: Answers;
  /** Tickets, subscriptions, handoff, gaps, conversation memory. */
  services: CitizenServices;
  /** What the service lends a channel; `npm run zalo:poll` mounts one on it. */
  channels: ChannelHost;
  /** Sends a proactive message into a stored conversation, through the adapter of its channel. */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /**
   * Tells the listener what each turn did (its replies' intent, answer id, confidence, language) once the
   * turn has run, on every channel; returns what removes it. For the tests and the evaluation runner only.
   */
  onTurnOutcome(listener: TurnOutcomeListener): () => void;
  listen(port?: number): Promise<number>;
  /** Stops accepting, lets running turns finish (up to a grace period), stops the channels, flushes storage. */
  close(): Promise<void>;
}
