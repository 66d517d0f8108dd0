// The composition root: createApp builds the service from its parts and wires them explicitly, as index.ts
// does in microsoft/BotBuilder-Samples — state, knowledge, the Bot Framework adapter, the citizen services,
// the dialogs and the bot — then mounts the channels and the staff side on one restify server, and keeps
// what must be stopped at shutdown. The App it returns is what its callers see (index.ts, the npm run
// commands, the tests and the benchmarks).
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { UserState, type BotAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { HandoffDialog } from '../dialogs/handoffDialog.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { NewsDialog } from '../dialogs/newsDialog.js';
import { TicketDialog } from '../dialogs/ticketDialog.js';
import { TicketStatusDialog } from '../dialogs/ticketStatusDialog.js';
import { TrackingDialog } from '../dialogs/trackingDialog.js';
import { TextCheckedConversationState } from './bot/conversationState.js';
import { HotlineAdapter } from './bot/hotlineAdapter.js';
import { HotlineBot } from './bot/hotlineBot.js';
import { ReusedClientsAuthentication } from './bot/reusedClients.js';
import { TurnOutcomeObservers } from './bot/turnOutcomeObservers.js';
import { TurnRunner } from './bot/turnRunner.js';
import { turnTelemetry } from './bot/turnTelemetry.js';
import { registerMessagesRoute } from './channels/botframework/messagesRoute.js';
import type { ChannelHost, Mounted } from './channels/channelHost.js';
import { LOCAL_PATH as DIRECT_LINE_PATH } from './channels/directline/localDirectLine.js';
import { registerWebChat } from './channels/directline/registerWebChat.js';
import { OA_CHANNEL, OA_MESSAGING_WINDOW_MS } from './channels/zalo/oa/oaEvents.js';
import { mountZalo } from './channels/zalo/zaloChannels.js';
import { wireCitizenServices } from './citizenWiring.js';
import { ConfigError, type Config } from './config.js';
import { installHttpGuards } from './http/httpGuards.js';
import { HotlineMetrics } from './http/metrics.js';
import { refuseUpgrade, trackSockets } from './http/sockets.js';
import { Answers } from './answer/answers.js';
import { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import { errorMessage } from './replies/commonTexts.js';
import { send } from './replies/send.js';
import type { TurnOutcomeListener } from './replies/turnOutcome.js';
import { createCitizenServices, type CitizenServices } from './services/citizenServices.js';
import { registerAdminRoutes } from './staff/adminRoutes.js';
import { registerHandoffRoutes } from './staff/handoffRoutes.js';
import { createStaffServices } from './staff/staffServices.js';
import { registerStaffConsole } from './staff/staffRoutes.js';
import { registerStatsRoutes } from './staff/statsRoutes.js';
import { registerGapsRoutes } from './staff/gapsRoutes.js';
import { registerPrivacyRoutes } from './staff/privacyRoutes.js';
import { StatsReport } from './services/statsReport.js';
import { createStorage, type AppStorage } from './storage/createStorage.js';

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

export const MAX_BODY_BYTES = 256 * 1024;
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

export async function createApp(config: Config, log: Logger): Promise<App> {
  // State and knowledge.
  await ensureWritableDir(config.dataDir);
  const storage = await createStorage(config, log);
  const knowledge = new KnowledgeStore({ dir: config.knowledgeDir, savedDir: config.dataDir, log });
  const answers = new Answers(knowledge);
  await knowledge.load();
  knowledge.watch(config.reloadIntervalMs);
  const conversationState = new TextCheckedConversationState(storage);
  const userState = new UserState(storage);
  const work = inFlightWork();

  // The Bot Framework adapter, and every channel adapter registered for proactive sends.
  const authenticated = !!config.credentials.MicrosoftAppId;
  const adapter = new HotlineAdapter(new ReusedClientsAuthentication(config.credentials), {
    publicUrl: config.publicUrl,
    development: !authenticated,
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    // Start the conversation afresh rather than replaying the step that failed.
    await conversationState.delete(context).catch(() => undefined);
    await send(context, errorMessage('vi'), { intent: 'error' }).catch(() => undefined);
  };
  const metrics = new HotlineMetrics();
  const telemetry = turnTelemetry(log, metrics, config.logText);
  const outcomes = new TurnOutcomeObservers();
  adapter.use(telemetry).use(outcomes);
  const adapters = new Map<string, BotAdapter>();
  const continueConversation: App['continueConversation'] = (reference, logic) =>
    work.track(
      (adapters.get(reference.channelId ?? '') ?? adapter).continueConversationAsync(config.credentials.MicrosoftAppId, reference, logic),
    );

  // The citizen services, the dialogs and the bot.
  const settings = config.citizen;
  const services = createCitizenServices({
    storage,
    log,
    conversationState,
    settings,
    messagingWindows: { [OA_CHANNEL]: OA_MESSAGING_WINDOW_MS },
    continueConversation,
  });
  // The dialog tree: the root and the flows it begins, each given what it uses.
  const dialog = new MainDialog(answers, services, {
    tracking: new TrackingDialog(),
    ticket: new TicketDialog(services),
    ticketStatus: new TicketStatusDialog(services.tickets),
    handoff: new HandoffDialog(services),
    news: new NewsDialog(answers),
  });
  const bot = new HotlineBot(conversationState, userState, dialog);

  // One HTTP server: guards first, then every route.
  const server = restify.createServer({ name: 'hotline-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  metrics.knowledgeProblems(() => knowledge.problems.length);
  const chargeUser = installHttpGuards(server, config, log, metrics);
  const sockets = trackSockets(server.server);
  // Only the local Direct Line takes WebSockets (its own listener); any other upgrade is refused at once,
  // not left open where it would hold shutdown.
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const takenBy = server.server.listenerCount('upgrade') - 1;
    if (!(takenBy > 0 && (req.url ?? '').startsWith(`${DIRECT_LINE_PATH}/`))) refuseUpgrade(socket, 404);
  });
  const observed = new WeakSet<BotAdapter>([adapter]);
  const channels: ChannelHost = {
    server,
    log,
    storage,
    botId: config.credentials.MicrosoftAppId || 'hotline-bot',
    runTurn: (context) => bot.run(context),
    // Every channel's turns: a conversation's one at a time, in order of arrival, tracked for shutdown.
    turns: new TurnRunner(work.track),
    onTurnError: (context, error) => adapter.onTurnError(context, error),
    botFramework: adapter,
    chargeUser,
    track: work.track,
    registerAdapter(channelId, channelAdapter) {
      // One log line and metric per turn on every channel, however many channels share an adapter.
      if (!observed.has(channelAdapter)) observed.add(channelAdapter.use(telemetry).use(outcomes));
      adapters.set(channelId, channelAdapter);
    },
  };
  registerMessagesRoute(channels, adapter, authenticated);
  const startedAt = Date.now();
  server.get('/healthz', async (_req, res) => {
    const { kb } = knowledge;
    const { problems } = knowledge;
    // Degraded, not down: the bot still answers from the last good content of the files in question.
    res.json(200, {
      status: problems.length ? 'degraded' : 'ok',
      knowledge: {
        version: kb.version,
        articles: kb.articles.length,
        entries: kb.entries.length,
        problemCount: problems.length,
        problems: problems.slice(0, HEALTH_PROBLEMS).map(({ file, line, message }) => ({ file, line, message })),
      },
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  // The channels, the citizen services' background work, and the staff side.
  const mounted: Mounted[] = [];
  await mountZalo(channels, config.zalo);
  mounted.push(await registerWebChat(channels, config.directLine));
  mounted.push(wireCitizenServices({ bot, knowledge, storage, log, track: work.track, continueConversation }, services));
  const staff = createStaffServices(config, storage, settings.adminToken);
  registerAdminRoutes(server, services.tickets, services.ticketNotifier, staff.auth, work.track);
  registerHandoffRoutes(server, services.handoff, staff.auth, services.satisfaction, work.track);
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
      await storage.flush?.();
    },
  };
}
