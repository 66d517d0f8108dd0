// The local Direct Line per client address (issue 23, item 5): one address cannot hold more than its share of
// conversations and WebSockets, a store full of live conversations makes room at the expense of the address
// holding the most (its own requests are refused, never another citizen's), and a socket whose conversation
// has had no activity for the idle period is closed: keep-alives keep nothing alive.
import { afterEach, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { ConversationStore, type Conversation } from '../src/channels/directline/conversations.js';
import { startBot, type TestBot } from './helpers/botServer.js';
import { call } from './helpers/directLineClient.js';

const DL = '/v3/directline';
let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.dispose();
  bot = undefined;
  vi.useRealTimers();
});

const generate = (from: string) =>
  call(`${bot!.url}${DL}/tokens/generate`, { method: 'POST', body: {}, headers: { 'x-forwarded-for': from } });

async function started(from: string): Promise<{ conversationId: string; streamUrl: string }> {
  const { body } = await generate(from);
  const start = await call(`${bot!.url}${DL}/conversations`, {
    method: 'POST',
    token: body.token,
    body: {},
    headers: { 'x-forwarded-for': from },
  });
  return start.body;
}

/** Opens the stream as a client at `from`: resolves with the socket, or with the status of a refused upgrade. */
function openStream(streamUrl: string, from: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(streamUrl, { headers: { 'x-forwarded-for': from } });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

it('caps the conversations and the WebSockets of one address; another address is served', async () => {
  bot = await startBot({
    env: {
      TRUST_PROXY: '1',
      RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '0',
      DIRECT_LINE_CONVERSATIONS_PER_ADDRESS: '3',
      DIRECT_LINE_SOCKETS_PER_ADDRESS: '2',
    },
  });
  const streams: Array<{ streamUrl: string }> = [];
  for (let i = 0; i < 3; i++) streams.push(await started('2001:db8:5::1'));
  // The fourth from the same /64: all three are live, so no room for it.
  expect((await generate('2001:db8:5::2')).status).toBe(429);
  expect((await generate('198.51.100.90')).status).toBe(200);
  const sockets = [await openStream(streams[0]!.streamUrl, '2001:db8:5::1'), await openStream(streams[1]!.streamUrl, '2001:db8:5::1')];
  expect(sockets.every((s) => s instanceof WebSocket)).toBe(true);
  expect(await openStream(streams[2]!.streamUrl, '2001:db8:5::1')).toBe(429);
  // Closing one gives the address its room back.
  (sockets[0] as WebSocket).close();
  await new Promise((resolve) => (sockets[0] as WebSocket).once('close', resolve));
  await vi.waitFor(async () => {
    const again = await openStream(streams[2]!.streamUrl, '2001:db8:5::1');
    expect(again).toBeInstanceOf(WebSocket);
    (again as WebSocket).close();
  });
  (sockets[1] as WebSocket).close();
});

it('a store full of live conversations makes room from the address holding the most, not from other citizens', async () => {
  bot = await startBot({
    env: {
      TRUST_PROXY: '1',
      RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '0',
      DIRECT_LINE_MAX_CONVERSATIONS: '5',
      DIRECT_LINE_CONVERSATIONS_PER_ADDRESS: '0',
    },
  });
  for (let i = 0; i < 5; i++) expect((await generate('203.0.113.50')).status).toBe(200);
  expect((await generate('203.0.113.50')).status).toBe(503);
  expect((await generate('198.51.100.51')).status).toBe(200);
  expect((await generate('198.51.100.52')).status).toBe(200);
});

it('closes a stream whose conversation had no activity for the idle period, keep-alives or not', () => {
  const store = new ConversationStore({ maxActivities: 5, maxConversations: 10, idleMs: 60_000 });
  const quiet = store.create('web_quiet01', 'a') as Conversation;
  const talking = store.create('web_talk001', 'b') as Conversation;
  let ended = 0;
  quiet.listeners.add({ push: () => undefined, end: () => (ended += 1) });
  talking.listeners.add({ push: () => undefined, end: () => (ended += 10) });
  vi.useFakeTimers({ toFake: ['Date'] });
  for (let minute = 0; minute < 3; minute++) {
    vi.setSystemTime(Date.now() + 30_000);
    // A keep-alive (the client polls or pings): the conversation is read, not talked in.
    store.get(quiet.id);
    store.append(store.get(talking.id)!, { type: 'message', text: 'vẫn đây' });
  }
  store.sweep();
  expect(ended).toBe(1);
  expect(store.has(quiet.id)).toBe(true);
});
