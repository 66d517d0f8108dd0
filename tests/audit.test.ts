// The holes an outside audit found (issue 14), each shown closed through the real server: channel
// impersonation on /api/messages, stored SSRF through the Host header, one long word's CPU, rate limits
// charged before authentication or keyed on what the client writes, upgrade sockets holding shutdown,
// leaking 5xx bodies and deep JSON, Zalo replay, state file permissions, and Direct Line exhaustion.
import { chmodSync, copyFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientIp } from '../src/http/httpGuards.js';
import { activity, exchange, startBot, type TestBot } from './helpers/botServer.js';
import { startBotFrameworkIssuer } from './helpers/botFrameworkIssuer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { call, startConversation } from './helpers/directLineClient.js';
import { startZaloFake, zaloMac, type ZaloFake } from './helpers/zaloFake.js';

const DL = '/v3/directline';
const bots: TestBot[] = [];

async function bot(env: Record<string, string> = {}, options: { dataDir?: string; knowledgeDir?: string } = {}): Promise<TestBot> {
  const started = await startBot({ env, ...options });
  bots.push(started);
  return started;
}

/** The same service started again on the same folders (the stopped one is no longer disposed of on its own). */
async function restart(stopped: TestBot, env: Record<string, string> = {}): Promise<TestBot> {
  bots.splice(bots.indexOf(stopped), 1);
  return bot(env, { dataDir: stopped.dataDir, knowledgeDir: stopped.knowledgeDir });
}

afterEach(async () => {
  for (const b of bots.splice(0)) await b.dispose();
  vi.unstubAllEnvs();
});

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('1. /api/messages without app credentials', () => {
  it('serves only the Emulator: another channel is refused (403) and its conversation never runs', async () => {
    const b = await bot();
    for (const channelId of ['zalo', 'webchat', 'msteams', 'zalobot', 'directline']) {
      const forged = activity('8000000000000000001', {
        channelId,
        text: 'tình trạng phiếu',
        from: { id: '8000000000000000001', name: '' },
      });
      const response = await postJson(`${b.url}/api/messages`, { deliveryMode: 'expectReplies', ...forged });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: 'Forbidden', message: 'Not allowed.' });
    }
    expect(await b.app.storage.read(['zalo/conversations/8000000000000000001/'])).toEqual({});
    expect((await exchange(b.url, activity('emu', { text: 'xin chào' }))).length).toBeGreaterThan(0);
  });

  it('sends replies only to the Emulator on this machine (or in the answer): no POST to an address the caller names', async () => {
    const b = await bot();
    const elsewhere = await postJson(
      `${b.url}/api/messages`,
      activity('ssrf', { text: 'xin chào', serviceUrl: 'http://169.254.169.254/latest/' }),
    );
    expect(elsewhere.status).toBe(403);
  });
});

/** POST with a Host header of the caller's choosing (fetch would not send one). */
function postWithHost(url: string, host: string, body: unknown, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          host,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('2. the local Direct Line service URL and proactive sends', () => {
  let trap: RecordingServer;
  beforeAll(async () => {
    trap = await startRecordingServer({ connector: true });
  });
  afterAll(async () => trap.close());

  it('a widget subscriber gets announcements after a restart, and a forged Host header reaches nobody', async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    const first = await bot();
    const { conversationId, token } = await startConversation(first.url);
    const host = new URL(trap.url).host;
    expect(
      await postWithHost(
        `${first.url}${DL}/conversations/${conversationId}/activities`,
        host,
        { type: 'message', text: 'đăng ký nhận tin', from: { id: 'x' } },
        token,
      ),
    ).toBe(200);
    await first.stop();

    const again = await restart(first);
    copyFileSync(
      path.resolve(import.meta.dirname, 'fixtures/articles/2021-06-03-test-ban-tin-so-3.txt'),
      path.join(again.knowledgeDir, 'articles', '2021-06-03-test-ban-tin-so-3.txt'),
    );
    await again.app.knowledge.reloadIfChanged();
    // The widget, still holding its token, reconnects after the restart and finds the announcement.
    let activities: Array<{ text?: string; from?: { role?: string } }> = [];
    for (let i = 0; i < 100 && !activities.some((a) => a.text?.includes('Bản tin kiểm thử số 3')); i++) {
      const listed = await call(`${again.url}${DL}/conversations/${conversationId}/activities?watermark=5`, { token });
      expect(listed.status).toBe(200);
      activities = listed.body.activities;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(activities.find((a) => a.text?.includes('Bản tin kiểm thử số 3'))?.from?.role).toBe('bot');
    await again.stop();
    expect(trap.received).toEqual([]);
  });

  it("refuses proactive sends to a service URL that is not a known channel's", async () => {
    const b = await bot();
    const send = (serviceUrl: string) =>
      b.app.continueConversation(
        {
          channelId: 'emulator',
          serviceUrl,
          conversation: { id: 'c' } as never,
          bot: { id: 'bot', name: '' },
          user: { id: 'u', name: '' },
        },
        async (context) => {
          await context.sendActivity('x');
        },
      );
    await expect(send('http://169.254.169.254/')).rejects.toThrow(/not a known channel/u);
    await expect(send('https://evil.trafficmanager.net/')).rejects.toThrow(/not a known channel/u);
    await send(`${trap.url}/`); // the Emulator on this machine, in development
    expect(trap.received).toHaveLength(1);
  });
});

describe('3. one long word', () => {
  it('answers 20 messages of a 15,000-letter word for a bounded CPU cost, /healthz answering meanwhile', async () => {
    const b = await bot({ RATE_LIMIT_USER_PER_MINUTE: '0' });
    // A different word each time (answers are memoised per text), letters the knowledge base has.
    const word = (i: number) => Array.from({ length: 15_000 }, (_, j) => 'abcdeghiklmnopqrstuvxy'[(i * 7 + j * 13) % 22]).join('');
    // CPU time, not elapsed time: other processes on the machine do not change it. Before the bound, one
    // such word cost about 2 s of CPU (20 of them: 40 s); now the whole run, client included, a fraction of one.
    const cpu = process.cpuUsage();
    const turns = Array.from({ length: 20 }, (_, i) => exchange(b.url, activity(`long-${i}`, { text: word(i) })));
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    const replies = await Promise.all(turns);
    const used = process.cpuUsage(cpu);
    for (const [reply] of replies) expect(reply?.text).toMatch(/^Dạ, /u);
    expect((used.user + used.system) / 1e6).toBeLessThan(3);
  }, 60_000);
});

/** The Zalo OA settings of a bot that talks to the fake Zalo servers. */
function zaloEnv(fake: ZaloFake): void {
  const env = {
    ZALO_OA_APP_ID: fake.oa.appId,
    ZALO_OA_SECRET_KEY: fake.oa.oaSecretKey,
    ZALO_APP_SECRET: fake.oa.appSecret,
    ZALO_OA_ACCESS_TOKEN: 'access-live',
    ZALO_OA_REFRESH_TOKEN: 'refresh',
    ZALO_OA_API_URL: fake.url,
    ZALO_OAUTH_URL: fake.url,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

describe('4. rate limits charged after authentication', () => {
  let fake: ZaloFake;
  beforeAll(async () => {
    fake = await startZaloFake({ accessToken: 'access-live', refreshToken: 'refresh' });
  });
  afterAll(async () => fake.close());

  const event = (userId: string, text: string, timestamp = Date.now()) => ({
    app_id: fake.oa.appId,
    event_name: 'user_send_text',
    timestamp: String(timestamp),
    sender: { id: userId },
    recipient: { id: 'oa' },
    message: { msg_id: `m-${Math.random()}`, text },
  });
  const postOa = (b: TestBot, body: object, sign = true) => {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = sign
      ? { 'x-zevent-signature': zaloMac(fake.oa.appId, raw, (body as { timestamp: string }).timestamp, fake.oa.oaSecretKey) }
      : {};
    return postJson(`${b.url}/api/zalo/oa`, raw, headers);
  };

  it('forged Zalo events naming a citizen cost that citizen nothing', async () => {
    zaloEnv(fake);
    const b = await bot({ RATE_LIMIT_USER_PER_MINUTE: '3' });
    for (let i = 0; i < 30; i++) expect((await postOa(b, event('victim', 'xin chào'), false)).status).toBe(401);
    expect((await postOa(b, event('victim', 'xin chào'))).status).toBe(200);
  });

  it('forged Bot Framework requests naming a user cost that user nothing', async () => {
    const issuer = await startBotFrameworkIssuer();
    try {
      const b = await startBot({ env: { ...issuer.env, RATE_LIMIT_USER_PER_MINUTE: '3' }, auth: issuer.auth });
      bots.push(b);
      const body = {
        deliveryMode: 'expectReplies',
        ...activity('bf-victim', {
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/amer/',
          from: { id: '29:victim', name: '' },
        }),
      };
      for (let i = 0; i < 10; i++)
        expect((await postJson(`${b.url}/api/messages`, body, { authorization: 'Bearer forged.token.here' })).status).toBe(401);
      const real = await postJson(`${b.url}/api/messages`, body, { authorization: issuer.authorization('msteams', body.serviceUrl!) });
      expect(real.status).toBe(200);
    } finally {
      await issuer.close();
    }
  });

  it("keys Direct Line limits on the token's user, not on the from.id the client writes or rotates", async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    const b = await bot({ RATE_LIMIT_USER_PER_MINUTE: '3' });
    const victim = await startConversation(b.url, 'web_victim01');
    const attacker = await startConversation(b.url, 'web_attacker1');
    const post = (c: { conversationId: string; token: string }, fromId = 'web_victim01') =>
      call(`${b.url}${DL}/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        token: c.token,
        body: { type: 'message', text: 'hi', from: { id: fromId } },
      });
    const statuses: number[] = [];
    // Naming the victim, then a new id each time: all of it counts against the attacker's token.
    for (let i = 0; i < 5; i++) statuses.push((await post(attacker, i < 2 ? 'web_victim01' : `web_rotated${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await post(victim)).status).toBe(200);
  });

  it('takes the client address from the rightmost untrusted X-Forwarded-For hop', async () => {
    const b = await bot({ TRUST_PROXY: '1', RATE_LIMIT_IP_PER_MINUTE: '3', RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '0' });
    // The client writes any leftmost entry it likes; the proxy appends the address it saw.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await postJson(`${b.url}/api/directline/token`, {}, { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.7` })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await postJson(`${b.url}/api/directline/token`, {}, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    const req = (xff: string) => ({ headers: { 'x-forwarded-for': xff }, socket: { remoteAddress: '10.1.1.1' } }) as never;
    expect(clientIp(req('1.1.1.1, 2.2.2.2, 3.3.3.3'), 2)).toBe('2.2.2.2');
    expect(clientIp(req('1.1.1.1'), 3)).toBe('1.1.1.1');
    expect(clientIp(req('[2001:db8::1]:443, 203.0.113.9:5000'), 1)).toBe('203.0.113.9');
    expect(clientIp(req('1.1.1.1'), 0)).toBe('10.1.1.1');
  });
});

/** Opens a raw connection and sends an upgrade request; resolves with what came back once the server closed it. */
function rawUpgrade(url: string, path: string): { answer: Promise<string>; closed: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined); // a reset by the server is what is expected
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
  );
  return { answer: closed.then(() => text), closed };
}

describe('5. upgrade requests and shutdown', () => {
  it('refuses an upgrade outside /v3/directline at once and closes the connection', async () => {
    const b = await bot();
    const { answer } = rawUpgrade(b.url, '/api/messages');
    expect(await answer).toMatch(/^HTTP\/1\.1 404 /u);
  });

  it('shuts down while a client holds an upgrade connection open', async () => {
    const b = await bot();
    const { hostname, port } = new URL(b.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // A whole upgrade request to a path no WebSocket serves; the client then never hangs up.
    socket.resume();
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    // Let the server take the request in before it is told to stop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.app.close();
    await closed;
  }, 15_000);
});

describe('6. errors and nesting', () => {
  it('answers every 5xx with the one generic body, whatever the handler threw', async () => {
    const b = await bot();
    b.app.server.get('/test/throws', async () => {
      throw new RangeError('Maximum call stack size exceeded in secret-handler');
    });
    b.app.server.get('/test/rejects-503', async () => {
      throw Object.assign(new Error('upstream db-password=hunter2'), { statusCode: 503 });
    });
    for (const route of ['/test/throws', '/test/rejects-503']) {
      const response = await fetch(`${b.url}${route}`);
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.json()).toEqual({ code: 'Internal', message: 'Internal error.' });
    }
  });

  it('answers JSON nested 10,000 deep with 400 on every JSON route', async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    const b = await bot();
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const { conversationId, token } = await startConversation(b.url);
    const dlBody = `{"type":"message","text":"hi","channelData":${deep}}`;
    const dl = await postJson(`${b.url}${DL}/conversations/${conversationId}/activities`, dlBody, { authorization: `Bearer ${token}` });
    expect(dl.status).toBe(400);
    expect(await dl.text()).not.toMatch(/RangeError|stack/u);
    const bf = await postJson(
      `${b.url}/api/messages`,
      JSON.stringify({ ...activity('deep', { text: 'hi' }), channelData: 0 }).replace('"channelData":0', `"channelData":${deep}`),
    );
    expect(bf.status).toBe(400);
  });
});

describe('7. Zalo replay', () => {
  let fake: ZaloFake;
  beforeAll(async () => {
    fake = await startZaloFake({ accessToken: 'access-live', refreshToken: 'refresh' });
  });
  afterAll(async () => fake.close());

  const signed = (b: TestBot, body: Record<string, unknown>) => {
    const raw = JSON.stringify(body);
    return postJson(`${b.url}/api/zalo/oa`, raw, {
      'x-zevent-signature': zaloMac(fake.oa.appId, raw, String(body.timestamp), fake.oa.oaSecretKey),
    });
  };
  const text = (user: string, timestamp: number, msgId: string) => ({
    app_id: fake.oa.appId,
    event_name: 'user_send_text',
    timestamp: String(timestamp),
    sender: { id: user },
    recipient: { id: 'oa' },
    message: { msg_id: msgId, text: 'so hotline' },
  });
  const answersTo = (user: string) => fake.oa.sent.filter((m) => m.userId === user).length;

  it('refuses a correctly signed event from 2017, or from the future', async () => {
    zaloEnv(fake);
    const b = await bot();
    expect((await signed(b, text('replayer', Date.UTC(2017, 5, 1), 'old-1'))).status).toBe(403);
    expect((await signed(b, text('replayer', Date.now() + 60 * 60 * 1000, 'future-1'))).status).toBe(403);
    await b.stop();
    expect(answersTo('replayer')).toBe(0);
  });

  it('answers a redelivered event once, also across a restart', async () => {
    zaloEnv(fake);
    const first = await bot();
    const event = text('redelivered', Date.now() - 60_000, 'msg-once');
    expect((await signed(first, event)).status).toBe(200);
    await first.stop();
    expect(answersTo('redelivered')).toBe(1);
    const again = await restart(first);
    expect((await signed(again, event)).status).toBe(200);
    await again.stop();
    expect(answersTo('redelivered')).toBe(1);
  });
});

describe('8. state at rest', () => {
  it('keeps state files readable by the service only (0600, folder 0700), also those an older version left 0644', async () => {
    // The lowdb files themselves, also when the suite runs on Blob (npm run test:blob).
    const lowdb = { STORAGE: 'lowdb' };
    const b = await bot(lowdb);
    await exchange(b.url, activity('perm', { text: 'xin chào' }));
    await b.stop();
    const mode = (file: string) => statSync(file).mode & 0o777;
    const files = ['state.json', 'state.json.journal'].map((file) => path.join(b.dataDir, file));
    expect(mode(b.dataDir)).toBe(0o700);
    for (const file of files) expect(mode(file)).toBe(0o600);
    // As an older version left them: tightened at the next start.
    chmodSync(b.dataDir, 0o755);
    for (const file of files) chmodSync(file, 0o644);
    await (await restart(b, lowdb)).stop();
    expect(mode(b.dataDir)).toBe(0o700);
    for (const file of files) expect(mode(file)).toBe(0o600);
  });
});

describe('10. local Direct Line token generation', () => {
  it('limits new conversations per client address', async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    const b = await bot({ TRUST_PROXY: '1', RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE: '5' });
    const generate = (ip: string) => postJson(`${b.url}${DL}/tokens/generate`, {}, { 'x-forwarded-for': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await generate('198.51.100.1')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await postJson(`${b.url}/api/directline/token`, {}, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    expect((await generate('198.51.100.2')).status).toBe(200);
  });

  it('gives generated users an id Web Chat does not reserve (not "dl_")', async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    const b = await bot();
    const { conversationId, token } = await startConversation(b.url);
    const { body } = await call(`${b.url}${DL}/conversations/${conversationId}/activities`, { token });
    expect(body.activities[0].recipient.id).toMatch(/^web_/u);
  });
});

describe('markup in replies that quote the citizen', () => {
  it("quotes a complaint's text in the confirmation with every markup character escaped", async () => {
    const b = await bot();
    const attack = '<script>alert(1)</script> <img src=x onerror=alert(1)> [bấm](javascript:alert(1)) bưu gửi đến chậm quá';
    await exchange(b.url, activity('xss-quote', { text: 'khiếu nại' }));
    await exchange(b.url, activity('xss-quote', { text: attack }));
    await exchange(b.url, activity('xss-quote', { text: 'Lê Văn C' }));
    const [summary] = await exchange(b.url, activity('xss-quote', { text: '0987654321' }));
    // The reply does echo the input (so the check means something), and none of it as markup.
    expect(summary?.text).toContain('script');
    expect(summary?.text).toContain('onerror=alert');
    expect(summary?.text).toContain('bưu gửi đến chậm quá');
    expect(summary?.text).not.toMatch(/(?<!\\)<(?:script|img)|(?<!\\)\]\(javascript:/u);
  });
});
