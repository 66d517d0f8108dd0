// The local Direct Line 3.0 API over real HTTP and WebSocket: tokens scoped to one conversation and expiring,
// activities by watermark with the user's echo, the WebSocket stream, bounded memory, malformed requests,
// proactive messages, and the Azure token exchange against a fake Direct Line service.
import type { ConversationAccount } from 'botbuilder';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { ConversationStore, type Conversation } from '../src/channels/directline/conversations.js';
import { carriesOutcome, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer } from './helpers/citizenFakes.js';
import { call, startConversation, type DirectLineBody } from './helpers/directLineClient.js';

const DL = '/v3/directline';
let bot: TestBot;

beforeAll(async () => {
  vi.stubEnv('DIRECT_LINE_SECRET', '');
  vi.stubEnv('DIRECT_LINE_MAX_ACTIVITIES', '10');
  vi.stubEnv('DIRECT_LINE_MAX_CONVERSATIONS', '50');
  // The per-address limit on new conversations is tested on its own (tests/audit.test.ts).
  bot = await startBot({ env: { RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '0' } });
  vi.unstubAllEnvs();
});
afterAll(async () => bot.dispose());
afterEach(() => vi.useRealTimers());

async function say(conversationId: string, token: string, text: string, clientActivityID = `c-${Math.random()}`) {
  return say2(bot.url, conversationId, token, text, clientActivityID);
}

async function say2(base: string, conversationId: string, token: string, text: string, clientActivityID = `c-${Math.random()}`) {
  return call(`${base}${DL}/conversations/${conversationId}/activities`, {
    method: 'POST',
    token,
    body: { type: 'message', text, locale: 'vi-VN', from: { id: 'someone-else', name: 'Công dân' }, channelData: { clientActivityID } },
  });
}

describe('local Direct Line: tokens and conversations', () => {
  it('starts a conversation with a generated token and welcomes the user (201, streamUrl, welcome with menu)', async () => {
    const generated = await call(`${bot.url}${DL}/tokens/generate`, { method: 'POST', body: { user: { id: 'dl_citizen01' } } });
    expect(generated.status).toBe(200);
    expect(generated.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/u);
    expect(generated.body.expires_in).toBe(1800);
    const started = await call(`${bot.url}${DL}/conversations`, { method: 'POST', token: generated.body.token, body: {} });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(generated.body.conversationId);
    expect(started.body.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+${DL}/conversations/${started.body.conversationId}/stream\\?t=`, 'u'),
    );

    const { body } = await call(`${bot.url}${DL}/conversations/${started.body.conversationId}/activities`, { token: generated.body.token });
    expect(body.activities).toHaveLength(1);
    const [welcome] = body.activities;
    expect(meta(welcome)?.intent).toBe('welcome');
    expect(welcome.from.role).toBe('bot');
    expect(welcome.id).toBe(`${started.body.conversationId}|0000000`);
    expect(welcome.suggestedActions?.actions.map((a) => a.title)).toContain('Dịch vụ');
    expect(body.watermark).toBe('1');

    // Starting again is not a new conversation: 200 and no second welcome.
    const again = await call(`${bot.url}${DL}/conversations`, { method: 'POST', token: generated.body.token, body: {} });
    expect(again.status).toBe(200);
    const after = await call(`${bot.url}${DL}/conversations/${started.body.conversationId}/activities`, { token: generated.body.token });
    expect(after.body.activities).toHaveLength(1);
  });

  it("answers a question without diacritics; echoes the user with clientActivityID, the token's user id, ids and watermark", async () => {
    const { conversationId, token } = await startConversation(bot.url, 'dl_citizen02');
    const posted = await say(conversationId, token, 'so hotline buu dien', 'client-42');
    expect(posted.status).toBe(200);
    expect(posted.body.id).toBe(`${conversationId}|0000001`);

    const { body } = await call(`${bot.url}${DL}/conversations/${conversationId}/activities?watermark=1`, { token });
    const [echo, answer] = body.activities;
    expect(echo).toMatchObject({
      type: 'message',
      text: 'so hotline buu dien',
      id: posted.body.id,
      channelData: { clientActivityID: 'client-42' },
    });
    expect(echo.from).toEqual({ id: 'dl_citizen02', name: 'Công dân', role: 'user' });
    // JSON carries the timestamp as a string (botbuilder's type says Date).
    expect(Date.parse(String(echo.timestamp))).not.toBeNaN();
    expect(meta(answer)?.intent).toBe('answer');
    expect(answer.text).toContain('1900 54 54 81');
    expect(answer.replyToId).toBe(posted.body.id);
    expect(body.watermark).toBe('3');
    // What the turn did stays on the server.
    expect(carriesOutcome(body.activities)).toBe(false);

    const none = await call(`${bot.url}${DL}/conversations/${conversationId}/activities?watermark=3`, { token });
    expect(none.body).toEqual({ activities: [], watermark: '3' });
  });

  it('answers two messages in the order they came: the second waits while the first turn waits for I/O', async () => {
    // The first message asks for a person: its turn waits for the staff webhook, which never answers (300 ms timeout).
    const webhook = await startRecordingServer({ hang: true });
    for (const [name, value] of Object.entries({
      DIRECT_LINE_SECRET: '',
      OFFICE_HOURS: 'Mon-Sun 00:00-24:00',
      HANDOFF_WEBHOOK_URL: webhook.url,
      HANDOFF_WEBHOOK_TIMEOUT_MS: '300',
    }))
      vi.stubEnv(name, value);
    const waiting = await startBot();
    vi.unstubAllEnvs();
    try {
      const { conversationId, token } = await startConversation(waiting.url);
      const first = say2(waiting.url, conversationId, token, 'gặp nhân viên');
      await webhook.waitFor(1);
      const second = say2(waiting.url, conversationId, token, 'so hotline buu dien');
      expect((await Promise.all([first, second])).map((posted) => posted.status)).toEqual([200, 200]);
      const { body } = await call(`${waiting.url}${DL}/conversations/${conversationId}/activities`, { token });
      const asked = body.activities.filter((a) => a.from.role === 'user').map((a) => a.id);
      const answered = body.activities.filter((a) => a.from.role === 'bot' && asked.includes(a.replyToId)).map((a) => a.replyToId);
      expect(asked).toHaveLength(2);
      // Every answer to the first message before any to the second.
      expect([...new Set(answered)]).toEqual(asked);
      expect(answered).toEqual([...answered].sort((a, b) => asked.indexOf(a) - asked.indexOf(b)));
    } finally {
      await waiting.dispose();
      await webhook.close();
    }
  });

  it("refuses another conversation's token (403) and missing or unknown tokens", async () => {
    const a = await startConversation(bot.url);
    const b = await startConversation(bot.url);
    const read = await call(`${bot.url}${DL}/conversations/${a.conversationId}/activities`, { token: b.token });
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('TokenExpired');
    expect((await say(a.conversationId, b.token, 'xin chao')).status).toBe(403);
    expect((await call(`${bot.url}${DL}/conversations/${a.conversationId}`, { token: b.token })).status).toBe(403);
    expect((await call(`${bot.url}${DL}/conversations/${a.conversationId}/activities`)).status).toBe(401);
    expect((await call(`${bot.url}${DL}/conversations/${a.conversationId}/activities`, { token: 'not-a-token' })).status).toBe(403);
    // Nothing b sent reached a's conversation.
    const own = await call(`${bot.url}${DL}/conversations/${a.conversationId}/activities`, { token: a.token });
    expect(own.body.activities).toHaveLength(1);
  });

  it('expires tokens; a refreshed token works and is a new one', async () => {
    const { conversationId, token } = await startConversation(bot.url);
    const refreshed = await call(`${bot.url}${DL}/tokens/refresh`, { method: 'POST', token, headers: { 'content-length': '0' } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conversationId);
    expect(refreshed.body.token).not.toBe(token);
    expect((await call(`${bot.url}${DL}/conversations/${conversationId}/activities`, { token: refreshed.body.token })).status).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1801 * 1000);
    expect((await call(`${bot.url}${DL}/conversations/${conversationId}/activities`, { token })).status).toBe(403);
    expect((await call(`${bot.url}${DL}/tokens/refresh`, { method: 'POST', token, headers: { 'content-length': '0' } })).status).toBe(403);
  });

  it('reconnects (GET /conversations/{id}) with a new streamUrl carrying the watermark', async () => {
    const { conversationId, token } = await startConversation(bot.url);
    const { status, body } = await call(`${bot.url}${DL}/conversations/${conversationId}?watermark=1`, { token });
    expect(status).toBe(200);
    expect(body).toMatchObject({ conversationId, token });
    expect(new URL(body.streamUrl).searchParams.get('watermark')).toBe('1');
  });

  it('answers malformed requests with 4xx JSON and keeps serving', async () => {
    const { conversationId, token } = await startConversation(bot.url);
    const url = `${bot.url}${DL}/conversations/${conversationId}/activities`;
    const cases = [
      await call(url, { method: 'POST', token, body: '{"type": "message", "text": ' }),
      await call(url, { method: 'POST', token, body: [] }),
      await call(url, { method: 'POST', token, body: { text: 'no type' } }),
      await call(url, { method: 'POST', token, body: { type: 'message', text: 42 } }),
      await call(url, { method: 'POST', token, body: 'plain', headers: { 'content-type': 'text/plain' } }),
      await call(`${url}?watermark=abc`, { token }),
      await call(`${url}?watermark=-1`, { token }),
      await call(`${bot.url}${DL}/conversations/${conversationId}/upload?userId=x`, { method: 'POST', token, body: {} }),
    ];
    for (const response of cases) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(typeof response.body).toBe('object');
    }
    expect((await say(conversationId, token, 'xin chao')).status).toBe(200);
  });

  it('keeps only the latest activities of a conversation; watermarks still count from the start', async () => {
    const { conversationId, token } = await startConversation(bot.url);
    for (let i = 0; i < 6; i += 1) expect((await say(conversationId, token, `cảm ơn`)).status).toBe(200);
    const { body } = await call(`${bot.url}${DL}/conversations/${conversationId}/activities`, { token });
    expect(body.activities).toHaveLength(10); // DIRECT_LINE_MAX_ACTIVITIES
    expect(body.watermark).toBe('13');
    expect(body.activities[0].id).toBe(`${conversationId}|0000003`);
  });

  it('beyond the cap drops an idle conversation to make room, never a live one (503 when all are live)', async () => {
    vi.stubEnv('DIRECT_LINE_MAX_CONVERSATIONS', '5');
    const small = await startBot({ env: { RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '0' } });
    vi.unstubAllEnvs();
    try {
      const idle = await startConversation(small.url);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 3 * 60_000);
      const live = await startConversation(small.url);
      const generated: number[] = [];
      for (let i = 0; i < 50; i += 1)
        generated.push((await call(`${small.url}${DL}/tokens/generate`, { method: 'POST', body: {} })).status);
      // Room for 4 more (the idle one dropped); then every conversation was used within two minutes: no room.
      expect(generated.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(new Set(generated.slice(4))).toEqual(new Set([503]));
      expect((await say2(small.url, live.conversationId, live.token, 'cam on')).status).toBe(200);
      vi.setSystemTime(Date.now() + 3 * 60_000);
      // Later the generated ones are idle (no stream, not used): room again, and the live one is still there.
      expect((await call(`${small.url}${DL}/tokens/generate`, { method: 'POST', body: {} })).status).toBe(200);
      expect((await call(`${small.url}${DL}/conversations/${live.conversationId}/activities`, { token: live.token })).status).toBe(200);
      expect(idle.conversationId).not.toBe(live.conversationId);
    } finally {
      await small.dispose();
    }
  });

  it('lets CORS preflights from another site through', async () => {
    const response = await fetch(`${bot.url}${DL}/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://buudien.example.vn',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://buudien.example.vn');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/iu);
  });
});

describe('local Direct Line: WebSocket stream', () => {
  function open(streamUrl: string): Promise<{ socket: WebSocket; sets: DirectLineBody[]; next(count: number): Promise<DirectLineBody[]> }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl);
      const sets: DirectLineBody[] = [];
      const waiters: Array<() => void> = [];
      socket.on('message', (data) => {
        if (data.toString()) sets.push(JSON.parse(data.toString()));
        waiters.splice(0).forEach((wake) => wake());
      });
      socket.once('open', () =>
        resolve({
          socket,
          sets,
          next: (count) =>
            new Promise((done) => {
              const check = (): void => (sets.length >= count ? done(sets) : void waiters.push(check));
              check();
            }),
        }),
      );
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  it('sends the backlog, then each new activity as {activities, watermark}', async () => {
    const { conversationId, token, streamUrl } = await startConversation(bot.url);
    const stream = await open(streamUrl);
    const [backlog] = await stream.next(1);
    expect(meta(backlog.activities[0])?.intent).toBe('welcome');
    expect(backlog.watermark).toBe('1');
    await say(conversationId, token, 'cam on', 'ws-1');
    const sets = await stream.next(3);
    expect(sets[1].activities[0].channelData.clientActivityID).toBe('ws-1');
    expect(meta(sets[2].activities[0])?.intent).toBe('thanks');
    expect(sets[2].watermark).toBe('3');
    stream.socket.close();
  });

  it("refuses a stream with another conversation's token (403)", async () => {
    const a = await startConversation(bot.url);
    const b = await startConversation(bot.url);
    const url = new URL(a.streamUrl);
    url.searchParams.set('t', b.token);
    await expect(open(url.toString())).rejects.toThrow('403');
  });

  it('delivers proactive messages into a local conversation through app.continueConversation', async () => {
    const { conversationId, token, streamUrl } = await startConversation(bot.url);
    const stream = await open(streamUrl);
    await stream.next(1);
    await bot.app.continueConversation(
      {
        channelId: 'webchat',
        conversation: { id: conversationId } as ConversationAccount,
        bot: { id: 'hotline-bot', name: 'bot' },
        user: { id: 'u', name: '' },
      },
      async (context) => {
        await context.sendActivity('Dạ, bưu gửi của Quý khách đã đến.');
      },
    );
    const sets = await stream.next(2);
    expect(sets[1].activities[0]).toMatchObject({ text: 'Dạ, bưu gửi của Quý khách đã đến.', from: { role: 'bot' } });
    const polled = await call(`${bot.url}${DL}/conversations/${conversationId}/activities?watermark=1`, { token });
    expect(polled.body.activities[0].text).toBe('Dạ, bưu gửi của Quý khách đã đến.');
    stream.socket.close();
  });
});

describe('local Direct Line: memory bounds and shutdown', () => {
  it('forgets conversations idle longer than the limit and closes their streams', () => {
    const store = new ConversationStore({ maxActivities: 5, maxConversations: 10, idleMs: 60_000 });
    const idle = store.create('web_idle01') as Conversation;
    const active = store.create('web_active1') as Conversation;
    let ended = 0;
    idle.listeners.add({ push: () => undefined, end: () => (ended += 1) });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 40_000);
    store.get(active.id);
    vi.setSystemTime(Date.now() + 30_000);
    store.sweep();
    expect(store.has(idle.id)).toBe(false);
    expect(ended).toBe(1);
    expect(store.has(active.id)).toBe(true);
    expect(store.size).toBe(1);
  });

  it('closes open WebSockets on shutdown instead of waiting for them', async () => {
    const own = await startBot();
    const { streamUrl } = await startConversation(own.url);
    const socket = new WebSocket(streamUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await own.dispose();
    await closed;
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });
});

describe('with DIRECT_LINE_SECRET: the Azure token exchange', () => {
  let azure: Server;
  let azureUrl: string;
  const seen: Array<{ path?: string; authorization?: string; body: unknown }> = [];
  let azureBot: TestBot;
  let refuse = false;

  beforeAll(async () => {
    // Azure's tokens/generate: a bearer secret and an optional {user:{id}}; answers a conversation-scoped token.
    azure = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = raw ? JSON.parse(raw) : {};
        seen.push({ path: req.url, authorization: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        if (
          refuse ||
          req.method !== 'POST' ||
          req.url !== '/v3/directline/tokens/generate' ||
          req.headers.authorization !== 'Bearer azure-secret-123'
        ) {
          res.statusCode = 403;
          res.end('{"error":{"code":"BadArgument","message":"Invalid secret"}}');
          return;
        }
        res.end(JSON.stringify({ conversationId: 'AzureConv-1', token: 'azure-token-xyz', expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    azureUrl = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    vi.stubEnv('DIRECT_LINE_SECRET', 'azure-secret-123');
    vi.stubEnv('DIRECT_LINE_ENDPOINT', azureUrl);
    azureBot = await startBot();
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await azureBot.dispose();
    azure.closeAllConnections();
    await new Promise((resolve) => azure.close(resolve));
  });

  it('exchanges the secret server-side and gives the browser only the token and Azure endpoint', async () => {
    const { status, body } = await call(`${azureBot.url}/api/directline/token`, { method: 'POST', body: { userId: 'dl_visitor77' } });
    expect(status).toBe(200);
    expect(body).toEqual({ conversationId: 'AzureConv-1', token: 'azure-token-xyz', expires_in: 3600, domain: azureUrl });
    expect(JSON.stringify(body)).not.toContain('azure-secret-123');
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer azure-secret-123', body: { user: { id: 'dl_visitor77' } } });
  });

  it('turns the local Direct Line off', async () => {
    expect((await call(`${azureBot.url}${DL}/tokens/generate`, { method: 'POST', body: {} })).status).toBe(404);
  });

  it('answers 502 JSON when Azure refuses', async () => {
    refuse = true;
    const { status, body } = await call(`${azureBot.url}/api/directline/token`, { method: 'POST', body: {} });
    expect(status).toBe(502);
    expect(body.error.code).toBe('ServiceError');
    expect(seen.at(-1)?.authorization).toBe('Bearer azure-secret-123');
  });
});

describe('local mode token route', () => {
  it('POST /api/directline/token gives a local token and this server as the domain', async () => {
    const { status, body } = await call(`${bot.url}/api/directline/token`, { method: 'POST', body: { userId: 'dl_visitor88' } });
    expect(status).toBe(200);
    expect(body.domain).toBe(`${bot.url}${DL}`);
    const started = await call(`${bot.url}${DL}/conversations`, { method: 'POST', token: body.token, body: {} });
    expect(started.status).toBe(201);
    const { body: list } = await call(`${bot.url}${DL}/conversations/${body.conversationId}/activities`, { token: body.token });
    expect(list.activities[0].recipient.id).toBe('dl_visitor88');
  });
});
