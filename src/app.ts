// The composition root: createApp builds the service from its parts and wires them explicitly, as index.ts
// does in microsoft/BotBuilder-Samples — state, knowledge, the Bot Framework adapter, the citizen services,
// the dialogs and the bot — then mounts the channels and the staff side on one restify server, and keeps
// what must be stopped at shutdown. The App it returns is what its callers see (index.ts, the npm run
// commands, the tests and the benchmarks).
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConversationState, UserState, type BotAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { FEATURES } from './features/index.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { HotlineAdapter } from './bot/hotlineAdapter.js';
import { HotlineBot } from './bot/hotlineBot.js';
import { ReusedClientsAuthentication } from './bot/reusedClients.js';
import { ChannelActivityRules } from './bot/channelActivities.js';
import { TurnOutcomeObservers } from './bot/turnOutcomeObservers.js';
import { conversationKey, TurnRunner } from './bot/turnRunner.js';
import { turnTelemetry } from './bot/turnTelemetry.js';
import type { Channel, ChannelHost, Mounted } from './channels/channelHost.js';
import { CHANNELS } from './channels/index.js';
import { CITIZEN_TEXTS, wireCitizenServices } from './citizenWiring.js';
import { ConfigError, type Config } from './config.js';
import { registerHealthRoutes } from './http/healthRoutes.js';
import { clientKey } from './http/clientAddress.js';
import { answerHeadAsGet } from './http/headAsGet.js';
import { installHttpGuards } from './http/httpGuards.js';
import { answerUnknownPages } from './http/notFoundPage.js';
import { HotlineMetrics } from './http/metrics.js';
import { refuseUpgrade, trackSockets } from './http/sockets.js';
import { Answers } from './answer/answers.js';
import { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import { errorMessage, notSavedMessage } from './replies/commonTexts.js';
import { replyLanguage } from './replies/replyLanguage.js';
import { send } from './replies/send.js';
import type { TurnOutcomeListener } from './replies/turnOutcome.js';
import { createCitizenServices, type CitizenServices } from './services/citizenServices.js';
import { createStaffServices } from './staff/staffServices.js';
import { registerStaffConsole } from './staff/staffRoutes.js';
import { registerStaffSide } from './staff/staffSide.js';
import { registerStatsRoutes } from './staff/statsRoutes.js';
import { registerGapsRoutes } from './staff/gapsRoutes.js';
import { registerPrivacyRoutes } from './staff/privacyRoutes.js';
import { StatsReport } from './services/statsReport.js';
import { createStorage, type AppStorage } from './storage/createStorage.js';
import { storedTicketRow } from './services/ticketStore.js';
import { isStorageFailure } from './storage/storageFailure.js';

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

/** The knowledge problems /healthz lists (all are counted): one bad file can hold many. */
const HEALTH_PROBLEMS = 50;
/** How long shutdown waits for running turns before it closes every connection. */
export const SHUTDOWN_GRACE_MS = 10_000;

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.access(dir, fsConstants.W_OK);
  } catch (error) {
    throw new ConfigError(
      'DATA_DIR',
      `"${dir}" cannot be created or written (${(error as NodeJS.ErrnoException).code}); point DATA_DIR at a writable folder`,
    );
  }
}

/** Work that must finish before shutdown: turns and proactive sends. */
function inFlightWork(): { track<T>(work: Promise<T>): Promise<T>; settled(): Promise<unknown> } {
  const inFlight = new Set<Promise<unknown>>();
  return {
    track(work) {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work)).catch(() => undefined);
      return work;
    },
    settled: () => Promise.allSettled([...inFlight]),
  };
}

/** `channels`: more channels to mount beside the service's own (the tests mount one through the contract alone). */
export async function createApp(config: Config, log: Logger, extra: { channels?: Channel[] } = {}): Promise<App> {
  // State and knowledge.
  await ensureWritableDir(config.dataDir);
  const storage = await createStorage(config, log, { summary: storedTicketRow });
  const knowledge = new KnowledgeStore({ dir: config.knowledgeDir, savedDir: config.dataDir, log });
  const answers = new Answers(knowledge);
  await knowledge.load();
  knowledge.watch(config.reloadIntervalMs);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const work = inFlightWork();

  // The Bot Framework adapter, and every channel adapter registered for proactive sends.
  const authenticated = !!config.credentials.MicrosoftAppId;
  const adapter = new HotlineAdapter(new ReusedClientsAuthentication(config.credentials, config.connectorTimeoutMs), {
    publicUrl: config.publicUrl,
    development: !authenticated,
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    // The store kept nothing of the turn: the conversation stays where it was (a form at its step, a handoff
    // with staff) and the citizen is told to send again.
    if (isStorageFailure(error)) {
      await send(context, notSavedMessage(replyLanguage(context)), { intent: 'error' }).catch(() => undefined);
      return;
    }
    // Start the conversation afresh rather than replaying the step that failed.
    await conversationState.delete(context).catch(() => undefined);
    await send(context, errorMessage('vi'), { intent: 'error' }).catch(() => undefined);
  };
  // The channels (src/channels/index.ts), mounted through the contract (src/channels/channelHost.ts).
  const channelList: Channel[] = [...CHANNELS.map((make) => make({ config, adapter, authenticated })), ...(extra.channels ?? [])];
  const metrics = new HotlineMetrics();
  const telemetry = turnTelemetry(log, metrics, config.logText);
  const outcomes = new TurnOutcomeObservers();
  // What each channel does to its own activities (Teams: @mentions, cards), on every adapter.
  const channelRules = new ChannelActivityRules(channelList.flatMap((channel) => channel.activities ?? []));
  adapter.use(telemetry).use(outcomes).use(channelRules);
  const adapters = new Map<string, BotAdapter>();
  // Every channel's turns: a conversation's one at a time, in order of arrival, tracked for shutdown.
  const turns = new TurnRunner(work.track);
  // A proactive send (ticket update, staff reply, announcement) takes its place in the conversation's line
  // like a turn: it never interleaves with a citizen's turn in the same conversation. The one entry point
  // of every proactive send.
  const continueConversation: App['continueConversation'] = (reference, logic) =>
    turns.run(conversationKey(reference.channelId, reference.conversation?.id), () =>
      (adapters.get(reference.channelId ?? '') ?? adapter).continueConversationAsync(config.credentials.MicrosoftAppId, reference, logic),
    );

  // The citizen services, the dialogs and the bot.
  const settings = config.citizen;
  const services = createCitizenServices({
    storage,
    log,
    conversationState,
    settings,
    messagingWindows: Object.assign({}, ...channelList.map((channel) => channel.messagingWindows)),
    sharedStorage: config.storage.kind === 'blob',
    texts: CITIZEN_TEXTS,
    continueConversation,
  });
  // The dialog tree: the root, with every feature's handlers and flows.
  const dialog = new MainDialog(FEATURES, { knowledge: answers, services });
  const bot = new HotlineBot(conversationState, userState, dialog, channelRules);

  // One HTTP server: guards first, then every route.
  const server = restify.createServer({ name: 'hotline-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  metrics.knowledgeProblems(() => knowledge.problems.length);
  const chargeUser = installHttpGuards(server, config, log, metrics, {
    signedWebhooks: channelList.flatMap((channel) => channel.signedWebhooks ?? []),
    opensConversation: (req) => channelList.some((channel) => channel.opensConversation?.(req)),
  });
  answerHeadAsGet(server);
  answerUnknownPages(server);
  const sockets = trackSockets(server.server);
  // Only a channel that declares a path takes WebSockets there (on its own listener); any other upgrade is
  // refused at once, not left open where it would hold shutdown.
  const upgrades = channelList.flatMap((channel) => channel.upgrades ?? []);
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const takenBy = server.server.listenerCount('upgrade') - 1;
    if (!(takenBy > 0 && upgrades.some((path) => (req.url ?? '').startsWith(path)))) refuseUpgrade(socket, 404);
  });
  const observed = new WeakSet<BotAdapter>([adapter]);
  const channels: ChannelHost = {
    server,
    log,
    storage,
    botId: config.credentials.MicrosoftAppId || 'hotline-bot',
    runTurn: (context) => bot.run(context),
    turns,
    onTurnError: (context, error) => adapter.onTurnError(context, error),
    botFramework: adapter,
    clientAddress: (req) => clientKey(req, config.rateLimit.trustProxy),
    chargeUser,
    track: work.track,
    registerAdapter(channelId, channelAdapter) {
      // One log line and metric per turn on every channel, however many channels share an adapter.
      if (!observed.has(channelAdapter)) observed.add(channelAdapter.use(telemetry).use(outcomes).use(channelRules));
      adapters.set(channelId, channelAdapter);
    },
  };
  let draining = false;
  registerHealthRoutes(server, {
    checks: [
      { name: 'storage', slow: true, problems: () => storage.problems() },
      { name: 'knowledge', problems: () => (knowledge.kb.entries.length ? [] : ['no knowledge entries loaded']) },
      // Degraded, not down: the bot still answers from the last good content of the files in question.
      { name: 'knowledgeFiles', degradesOnly: true, problems: () => knowledge.problems.map((p) => `${p.file}:${p.line}: ${p.message}`) },
    ],
    draining: () => draining,
    details: () => {
      const { kb, problems } = knowledge;
      return {
        knowledge: {
          version: kb.version,
          articles: kb.articles.length,
          entries: kb.entries.length,
          problemCount: problems.length,
          problems: problems.slice(0, HEALTH_PROBLEMS).map(({ file, line, message }) => ({ file, line, message })),
        },
      };
    },
  });

  // The channels, the citizen services' background work, and the staff side.
  const mounted: Mounted[] = [];
  for (const channel of channelList) {
    const part = await channel.mount?.(channels);
    if (part) mounted.push(part);
  }
  mounted.push(wireCitizenServices({ bot, knowledge, storage, log, track: work.track }, services));
  const staff = createStaffServices(config, storage, settings.adminToken, log);
  mounted.push(registerStaffSide({ server, config, storage, log, services, staff }));
  registerStatsRoutes(server, new StatsReport(storage, services.stats), answers, staff.auth);
  registerGapsRoutes({ server, storage, knowledge, answers, gaps: services.gaps, auth: staff.auth, log });
  registerPrivacyRoutes(server, services.privacy, staff.auth);
  registerStaffConsole(
    {
      server,
      log,
      knowledge,
      trustProxy: config.rateLimit.trustProxy,
      sessionHours: config.staff.sessionHours,
    },
    staff,
  );

  return {
    config,
    log,
    server,
    storage,
    knowledge,
    answers,
    services,
    channels,
    continueConversation,
    onTurnOutcome: (listener) => outcomes.add(listener),
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve((server.address() as AddressInfo).port));
      }),
    async close() {
      draining = true;
      knowledge.stop();
      for (const part of mounted) await part.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([work.settled(), new Promise((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(grace);
      // The counts of the last turns, once they have run.
      await services.stats.stop().catch((error: unknown) => log.error({ err: error }, 'statistics not written'));
      // Every turn has answered (or the grace period is over): idle keep-alive sockets, and sockets taken
      // over by an upgrade, would otherwise hold close() open.
      server.server.closeAllConnections();
      sockets.destroyAll();
      await closed;
      // Messages queued by the last turns go out now if they can; the rest after the next start.
      await services.outbox.stop();
      await storage.flush?.();
      // The knowledge version a reload put live, for a start that builds nothing (made at once: nothing is served now).
      await knowledge.saveSnapshotAtStop();
    },
  };
}
