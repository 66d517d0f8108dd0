// Starts the real service for end-to-end tests: createApp on an ephemeral port, a temp DATA_DIR and a
// temp copy of the fixture knowledge folder, and talks to /api/messages over HTTP the way the Emulator does.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TurnContext, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { ReplyOutcome, TurnMeta, TurnOutcome } from '../../src/replies/turnOutcome.js';
import type { Channel } from '../../src/channels/channelHost.js';
import { createApp, type App } from '../../src/app.js';

/** The live folder staff edit: only the test that it passes kb:check reads it. */
export const PROJECT_KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
/** A frozen copy of the knowledge folder for tests, so that staff adding an article never breaks them. */
export const FIXTURE_KNOWLEDGE = path.resolve(import.meta.dirname, '../fixtures/knowledge');

export interface TestBot {
  app: App;
  url: string;
  dataDir: string;
  knowledgeDir: string;
  /** Stops the server (state kept on disk, so a new TestBot on the same dirs is a restart). */
  stop(): Promise<void>;
  /** Stops the server and removes the temp folders. */
  dispose(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `hotline-${prefix}-`));
}

/** A fresh copy of the fixture knowledge folder that a test may edit. */
export function copyKnowledge(): string {
  const dir = tempDir('kb');
  cpSync(FIXTURE_KNOWLEDGE, dir, { recursive: true });
  return dir;
}

/**
 * Under `npm run test:blob` every test's service keeps its state in Blob storage, in a container of its
 * own (named after its DATA_DIR, so a restart on the same DATA_DIR finds its state again).
 */
export function storageEnv(dataDir: string): Record<string, string> {
  const { STORAGE, AZURE_STORAGE_CONNECTION_STRING } = process.env;
  if (STORAGE !== 'blob' || !AZURE_STORAGE_CONNECTION_STRING) return {};
  const container = path
    .basename(dataDir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .slice(0, 63);
  return { STORAGE, AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_CONTAINER: container };
}

/**
 * `auth` adds botbuilder authentication options to the credentials (the local token issuer of
 * tests/helpers/botFrameworkIssuer.ts); they are not environment variables of the service. `log` replaces the
 * silent logger, for a test that reads what the service logs.
 */
export async function startBot(
  options: {
    dataDir?: string;
    knowledgeDir?: string;
    env?: Record<string, string>;
    auth?: Record<string, string>;
    log?: Logger;
    channels?: Channel[];
  } = {},
): Promise<TestBot> {
  const dataDir = options.dataDir ?? tempDir('data');
  const knowledgeDir = options.knowledgeDir ?? copyKnowledge();
  // The environment as the service reads it (tests set channel and service settings with vi.stubEnv), the test's folders on top.
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: knowledgeDir,
    KNOWLEDGE_RELOAD_MS: '100',
    ...storageEnv(dataDir),
    ...options.env,
  });
  Object.assign(config.credentials, options.auth);
  const app = await createApp(config, options.log ?? createLogger('silent'), { channels: options.channels });
  observeOutcomes(app);
  const port = await app.listen(0);
  const stop = (): Promise<void> => app.close();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    knowledgeDir,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(knowledgeDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** An Emulator-shaped activity for a conversation. */
export function activity(conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    id: `a${++sequence}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversationId } as Activity['conversation'],
    from: { id: `user-${conversationId}`, name: 'Citizen', role: 'user' },
    recipient: { id: 'bot', name: 'Hotline bot', role: 'bot' },
    locale: 'vi-VN',
    timestamp: new Date(),
    ...fields,
  };
}

/** Posts an activity with deliveryMode expectReplies and returns the bot's replies. */
export async function exchange(url: string, body: Partial<Activity>): Promise<Partial<Activity>[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deliveryMode: 'expectReplies', ...body }),
  });
  if (response.status !== 200) throw new Error(`POST /api/messages → ${response.status}: ${await response.text()}`);
  const replies = ((await response.json()) as { activities?: Partial<Activity>[] }).activities ?? [];
  // The turn was over before its replies were answered: reply i is the turn's reply i.
  const outcome = turns.get(turnOf(body));
  replies.forEach((reply, i) => outcome?.[i] && byReply.set(reply, outcome[i]));
  return replies;
}

/** Sends a text in a conversation and returns the replies. */
export function ask(url: string, conversationId: string, text: string): Promise<Partial<Activity>[]> {
  return exchange(url, activity(conversationId, { text }));
}

// What each turn did, as the apps the tests started told it (App.onTurnOutcome), by what its replies carry:
// their conversation, and the activity they reply to (none for a Direct Line welcome, as botbuilder does).
const turns = new Map<string, TurnOutcome>();
const byReply = new WeakMap<Partial<Activity>, ReplyOutcome>();
const turnKey = (conversationId: string | undefined, replyToId: string | undefined): string =>
  `${conversationId ?? ''}\n${replyToId ?? ''}`;
const turnOf = (incoming: Partial<Activity>): string =>
  turnKey(incoming.conversation?.id, TurnContext.getConversationReference(incoming).activityId);

/** Keeps what each turn of the app does, for meta() (startBot does it for its app). */
export function observeOutcomes(app: App): void {
  app.onTurnOutcome((incoming, outcome) => void turns.set(turnOf(incoming), outcome));
}

/**
 * What the bot said the reply was (its turn's outcome, which never goes to the client). A reply from
 * exchange() is known by its place in the turn; one that reached a connector or a Direct Line client is
 * found in its turn by its text.
 */
export function meta(reply: Partial<Activity> | undefined): TurnMeta | undefined {
  if (!reply) return undefined;
  const known = byReply.get(reply) ?? turns.get(turnKey(reply.conversation?.id, reply.replyToId))?.find((r) => r.text === reply.text);
  if (!known) return undefined;
  const { text: _text, ...what } = known;
  return what;
}

/** Whether any of the activities carries what the turn did to the client (channelData.hotline: it must not). */
export function carriesOutcome(activities: Array<Partial<Activity> | undefined>): boolean {
  return activities.some((a) => (a?.channelData as { hotline?: unknown } | undefined)?.hotline !== undefined);
}

export function actionTitles(reply: Partial<Activity> | undefined): string[] {
  return (reply?.suggestedActions?.actions ?? []).map((a) => a.title);
}
