// Wires the service: restify + CloudAdapter, lowdb state in DATA_DIR, the knowledge store with hot reload,
// the bot and its dialogs. createApp() is what index.ts, the tests and the benchmarks start.
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  UserState,
  type Activity,
  type BotAdapter,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { MainDialog } from '../dialogs/mainDialog.js';
import { TextCheckedConversationState } from './bot/conversationState.js';
import { HotlineAdapter } from './bot/hotlineAdapter.js';
import { HotlineBot } from './bot/hotlineBot.js';
import { isLoopbackUrl } from './bot/serviceUrls.js';
import { ReusedClientsAuthentication } from './bot/reusedClients.js';
import { say } from './replies/messages.js';
import { send } from './replies/send.js';
import { sendError } from './http/httpError.js';
import { ConfigError, type Config } from './config.js';
import { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import { registerWebChat } from './channels/directline/registerWebChat.js';
import { LOCAL_PATH as DIRECT_LINE_PATH } from './channels/directline/localDirectLine.js';
import { mountZalo } from './channels/zalo/zaloChannels.js';
import { installHttpGuards } from './http/httpGuards.js';
import { refuseUpgrade, trackSockets } from './http/sockets.js';
import type { App } from './app.js';
import { createCitizenServices } from './services/citizenServices.js';
import { loadCitizenSettings } from './services/citizenSettings.js';
import { wireCitizenServices } from './services/citizenWiring.js';
import { registerStaffConsole } from './staff/staffRoutes.js';
import { HotlineMetrics } from './http/metrics.js';
import { turnTelemetry } from './bot/turnTelemetry.js';
import { TurnRunner } from './bot/turnRunner.js';
import { createStorage } from './storage/createStorage.js';

export const MAX_BODY_BYTES = 256 * 1024;
/** The knowledge problems /healthz lists (all are counted): one bad file can hold many. */
const HEALTH_PROBLEMS = 50;
/** Channels /api/messages serves without app credentials: the Emulator's, and botbuilder's test channel. */
export const UNAUTHENTICATED_CHANNELS = new Set(['emulator', 'test']);
/** How long shutdown waits for running turns before it closes every connection. */
export const SHUTDOWN_GRACE_MS = 10_000;


async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.access(dir, fsConstants.W_OK);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `"${dir}" cannot be created or written (${(error as NodeJS.ErrnoException).code}); point DATA_DIR at a writable folder`);
  }
}

export async function createApp(config: Config, log: Logger): Promise<App> {
  await ensureWritableDir(config.dataDir);
  const storage = await createStorage(config, log);
  const knowledge = await KnowledgeStore.open({ dir: config.knowledgeDir, savedDir: config.dataDir, log });
  knowledge.watch(config.reloadIntervalMs);

  const auth = new ReusedClientsAuthentication(config.credentials);
  const adapter = new HotlineAdapter(auth, { publicUrl: config.publicUrl, development: !config.credentials.MicrosoftAppId });
  const conversationState = new TextCheckedConversationState(storage);
  const userState = new UserState(storage);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    // Start the conversation afresh rather than replaying the step that failed.
    await conversationState.delete(context).catch(() => undefined);
    await send(context, say('error', 'vi'), { intent: 'error' }).catch(() => undefined);
  };
  const citizen = createCitizenServices({
    config,
    storage,
    log,
    conversationState,
    settings: loadCitizenSettings(),
    // Proactive sends go through the app's adapters, which exist once the app does (below).
    continueConversation: (reference, logic) => app.continueConversation(reference, logic),
  });
  const bot = new HotlineBot(conversationState, userState, new MainDialog(knowledge, citizen));

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  const adapters = new Map<string, BotAdapter>();
  const server = restify.createServer({ name: 'hotline-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  const metrics = new HotlineMetrics();
  metrics.knowledgeProblems(() => knowledge.problems.length);
  const chargeUser = installHttpGuards(server, config, log, metrics);
  const sockets = trackSockets(server.server);
  // Only the local Direct Line takes WebSockets (its own listener); any other upgrade is refused at once,
  // not left open where it would hold shutdown.
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const takenBy = server.server.listenerCount('upgrade') - 1;
    if (!(takenBy > 0 && (req.url ?? '').startsWith(`${DIRECT_LINE_PATH}/`))) refuseUpgrade(socket, 404);
  });
  const telemetry = turnTelemetry(log, metrics, config.logText);
  adapter.use(telemetry);
  const observed = new WeakSet<BotAdapter>([adapter]);
  const startedAt = Date.now();

  // Every channel's turns: a conversation's one at a time, in order of arrival, tracked for shutdown.
  const turns = new TurnRunner(track);
  server.post('/api/messages', async (req, res) => {
    const activity = req.body as Partial<Activity>;
    // Without app credentials nothing is authenticated: only the Emulator's own channel is served, so no one
    // can post into a Zalo, Teams or Web Chat citizen's conversation here (they have routes of their own).
    // Its replies go to the Emulator on this machine (or back in the answer, with expectReplies), not to any URL.
    if (!config.credentials.MicrosoftAppId) {
      const repliesInAnswer = activity.deliveryMode === 'expectReplies';
      if (!UNAUTHENTICATED_CHANNELS.has(activity.channelId ?? '') || !(repliesInAnswer || isLoopbackUrl(activity.serviceUrl ?? ''))) return sendError(res, 403);
    }
    const conversation = `${activity.channelId ?? ''}/${activity.conversation?.id ?? ''}`;
    await turns.run(conversation, () => adapter.processRequest(req, res, (context) => bot.run(context), log, chargeUser), req.socket);
  });

  server.get('/healthz', async (_req, res) => {
    const { kb } = knowledge.engine;
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

  const app: App = {
    config,
    log,
    server,
    adapter,
    bot,
    storage,
    knowledge,
    chargeUser,
    track,
    turns,
    registerAdapter: (channelId, channelAdapter) => {
      // One log line and metric per turn on every channel, however many channels share an adapter.
      if (!observed.has(channelAdapter)) observed.add(channelAdapter.use(telemetry));
      adapters.set(channelId, channelAdapter);
    },
    continueConversation: (reference, logic) =>
      track((adapters.get(reference.channelId ?? '') ?? adapter).continueConversationAsync(config.credentials.MicrosoftAppId, reference, logic)),
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve((server.address() as AddressInfo).port));
      }),
    async close() {
      knowledge.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(grace);
      // Every turn has answered (or the grace period is over): idle keep-alive sockets, and sockets taken
      // over by an upgrade, would otherwise hold close() open.
      server.server.closeAllConnections();
      sockets.destroyAll();
      await closed;
      await storage.flush?.();
    },
  };
  await mountZalo(app);
  await registerWebChat(app);
  registerStaffConsole(app, wireCitizenServices(app, citizen));
  return app;
}
