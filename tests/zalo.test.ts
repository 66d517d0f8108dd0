// The bot on Zalo, end to end: signed webhooks are posted to the real service, and what reaches the fake
// Zalo (tests/helpers/zaloFake.ts) is checked. Each test stops the service before counting, since
// stopping waits for every turn in flight.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyKnowledge, startBot, tempDir, type TestBot } from './helpers/botServer.js';
import { startZaloFake, zaloMac, type ZaloFake } from './helpers/zaloFake.js';

const OA_ID = '3662729599332560487';
const HOTLINE_ANSWER = 'Dạ, đường dây nóng hỗ trợ khách hàng của Bưu điện Việt Nam là 1900 54 54 81.';
const NOT_TEXT = 'Dạ, hiện bot chỉ đọc được tin nhắn chữ.';
const WELCOME = 'Dạ, xin chào Quý khách!';
const BOT_SECRET = 'webhook-secret-123';

const ZALO_VARIABLES = [
  'ZALO_OA_APP_ID',
  'ZALO_OA_SECRET_KEY',
  'ZALO_APP_SECRET',
  'ZALO_OA_ACCESS_TOKEN',
  'ZALO_OA_REFRESH_TOKEN',
  'ZALO_OA_API_URL',
  'ZALO_OAUTH_URL',
  'ZALO_BOT_TOKEN',
  'ZALO_BOT_SECRET_TOKEN',
  'ZALO_BOT_API_URL',
];

let fake: ZaloFake;
const bots: TestBot[] = [];

function zaloEnv(accessToken = 'access-live'): Record<string, string> {
  return {
    ZALO_OA_APP_ID: fake.oa.appId,
    ZALO_OA_SECRET_KEY: fake.oa.oaSecretKey,
    ZALO_APP_SECRET: fake.oa.appSecret,
    ZALO_OA_ACCESS_TOKEN: accessToken,
    ZALO_OA_REFRESH_TOKEN: 'refresh-from-env',
    ZALO_OA_API_URL: fake.url,
    ZALO_OAUTH_URL: fake.url,
    ZALO_BOT_TOKEN: fake.bot.token,
    ZALO_BOT_SECRET_TOKEN: BOT_SECRET,
    ZALO_BOT_API_URL: fake.url,
  };
}

/** Starts the service with the Zalo settings in the environment (where the service reads them). */
async function start(env: Record<string, string> = zaloEnv(), options: { dataDir?: string; knowledgeDir?: string } = {}): Promise<TestBot> {
  for (const name of ZALO_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
  const bot = await startBot(options);
  bots.push(bot);
  return bot;
}

beforeEach(async () => {
  fake = await startZaloFake({ accessToken: 'access-live', refreshToken: 'refresh-from-env' });
});

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.dispose();
  await fake.close();
  for (const name of ZALO_VARIABLES) delete process.env[name];
});

let sequence = 0;

function oaText(userId: string, text: string, msgId = `msg-${++sequence}`): Record<string, unknown> {
  return {
    app_id: fake.oa.appId,
    user_id_by_app: '979122185046046317',
    event_name: 'user_send_text',
    timestamp: String(Date.now()),
    sender: { id: userId },
    recipient: { id: OA_ID },
    message: { msg_id: msgId, text },
  };
}

/** Posts an event the way Zalo does: the raw body as sent (not re-serialised), signed over those bytes. */
async function postOa(bot: TestBot, event: Record<string, unknown>, signature?: string | null): Promise<number> {
  const raw = JSON.stringify(event, null, 1);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const mac = signature === undefined ? zaloMac(String(event.app_id), raw, String(event.timestamp), fake.oa.oaSecretKey) : signature;
  if (mac !== null) headers['x-zevent-signature'] = mac;
  const response = await fetch(`${bot.url}/api/zalo/oa`, { method: 'POST', headers, body: raw });
  await response.text();
  return response.status;
}

const textsTo = (userId: string): string[] => fake.oa.sent.filter((m) => m.userId === userId).map((m) => m.text);

const LONG_QUESTION = 'cau tra loi rat dai de thu zalo';

/** A knowledge folder with an answer of over 3,000 characters (Zalo takes 2,000 a message), asked by LONG_QUESTION. */
function longAnswerKnowledge(): { long: string; knowledgeDir: string } {
  const sentence = (n: number): string =>
    `Đây là câu thứ ${n} của một câu trả lời dài, dùng để kiểm tra việc chia tin nhắn theo ranh giới câu.`;
  let long = 'Dạ,';
  for (let n = 1; long.length < 3000; n++) long += ` ${sentence(n)}`;
  const knowledgeDir = copyKnowledge();
  const entry = {
    id: 'long-answer',
    title: 'Câu trả lời dài',
    questions: { vi: ['câu trả lời rất dài để thử zalo'] },
    answer: { vi: long },
    source: { title: 'Bài thử' },
    updated: '2026-11-26',
  };
  writeFileSync(
    path.join(knowledgeDir, 'entries', 'zalo-long.json'),
    JSON.stringify({ $schema: '../schema/entries.schema.json', entries: [entry] }),
  );
  return { long, knowledgeDir };
}

describe('Zalo Official Account', () => {
  it('answers a question typed without diacritics, acknowledging the webhook before the answer is sent', async () => {
    const bot = await start();
    const release = fake.oa.hold();
    // The 200 arrives while the fake still holds the send: the turn runs after the acknowledgement.
    expect(await postOa(bot, oaText('user-1', 'so dien thoai hotline buu dien la gi'))).toBe(200);
    await fake.until(() => fake.oa.attempts.length === 1, 'the answer being sent');
    release();
    await bot.stop();

    const [answer, ...rest] = textsTo('user-1');
    expect(rest).toEqual([]);
    expect(answer).toContain(HOTLINE_ANSWER);
    // Follow-up questions become numbered choices; the call action is already in the text.
    expect(answer).toMatch(/Quý khách gõ số tương ứng để chọn:\n1\. .+\n2\. .+/u);
    expect(fake.oa.sent[0]!.accessToken).toBe('access-live');
    expect(fake.problems).toEqual([]);
  });

  it('refuses a missing or wrong signature with 401 and sends nothing', async () => {
    const bot = await start();
    const event = oaText('user-2', 'so hotline');
    expect(await postOa(bot, event, null)).toBe(401);
    expect(await postOa(bot, event, `mac=${'0'.repeat(64)}`)).toBe(401);
    // Signed with the App Secret instead of the OA Secret Key.
    const raw = JSON.stringify(event, null, 1);
    expect(await postOa(bot, event, zaloMac(fake.oa.appId, raw, String(event.timestamp), fake.oa.appSecret))).toBe(401);
    // A body changed after signing.
    const tampered = { ...event, message: { msg_id: 'msg-x', text: 'khác' } };
    expect(await postOa(bot, tampered, zaloMac(fake.oa.appId, raw, String(event.timestamp), fake.oa.oaSecretKey))).toBe(401);
    await bot.stop();
    expect(fake.requests).toEqual([]);
  });

  it('answers a redelivered event once', async () => {
    const bot = await start();
    const event = oaText('user-3', 'so hotline buu dien');
    expect(await postOa(bot, event)).toBe(200);
    expect(await postOa(bot, { ...event, timestamp: String(Date.now() + 30_000) })).toBe(200);
    expect(await postOa(bot, event)).toBe(200);
    await bot.stop();
    expect(textsTo('user-3')).toHaveLength(1);
  });

  it('greets a follower, ignores echoes and receipts, and answers a picture politely', async () => {
    const bot = await start();
    const base = { app_id: fake.oa.appId, timestamp: String(Date.now()) };
    const events = [
      {
        ...base,
        event_name: 'oa_send_text',
        sender: { id: OA_ID, admin_id: 'a1' },
        recipient: { id: 'user-4' },
        message: { msg_id: 'oa-1', text: 'so hotline' },
      },
      { ...base, event_name: 'user_received_message', sender: { id: OA_ID }, recipient: { id: 'user-4' }, message: { msg_id: 'oa-1' } },
      { ...base, event_name: 'user_seen_message', sender: { id: OA_ID }, recipient: { id: 'user-4' }, message: { msg_ids: ['oa-1'] } },
      {
        ...base,
        event_name: 'user_send_image',
        sender: { id: 'user-4' },
        recipient: { id: OA_ID },
        message: {
          msg_id: 'img-1',
          text: 'so hotline',
          attachments: [{ type: 'image', payload: { url: 'https://example.invalid/a.jpg' } }],
        },
      },
      { ...base, event_name: 'follow', oa_id: OA_ID, follower: { id: 'user-5' }, source: 'oa_profile' },
    ];
    for (const event of events) expect(await postOa(bot, event)).toBe(200);
    await bot.stop();
    expect(textsTo('user-4')).toEqual([expect.stringContaining(NOT_TEXT)]);
    expect(textsTo('user-5')).toEqual([expect.stringContaining(WELCOME)]);
    expect(fake.oa.sent).toHaveLength(2);
  });

  it('reads a reply of "2" as the second suggestion', async () => {
    const bot = await start();
    expect(
      await postOa(bot, {
        app_id: fake.oa.appId,
        timestamp: String(Date.now()),
        event_name: 'follow',
        oa_id: OA_ID,
        follower: { id: 'user-6' },
      }),
    ).toBe(200);
    await fake.until(() => textsTo('user-6').length === 1, 'the welcome');
    expect(textsTo('user-6')[0]).toContain('1. Dịch vụ\n2. Tin tức – thông báo\n3. Hotline');
    expect(await postOa(bot, oaText('user-6', '2'))).toBe(200);
    await bot.stop();
    const reply = textsTo('user-6')[1];
    // "Tin tức – thông báo" lists the articles, newest first.
    expect(reply).toMatch(/^Dạ, đây là các bài viết mới nhất:\n\n1\. /u);
  });

  it('splits a 3,000-character answer into two messages at a sentence end', async () => {
    const { long, knowledgeDir } = longAnswerKnowledge();
    const bot = await start(zaloEnv(), { knowledgeDir });
    expect(await postOa(bot, oaText('user-7', LONG_QUESTION))).toBe(200);
    await bot.stop();

    const parts = textsTo('user-7');
    expect(long.length).toBeGreaterThanOrEqual(3000);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts[0]).toMatch(/ranh giới câu\.$/u);
    // Whatever choices follow the answer, the answer itself arrives whole, in order.
    expect(parts.join(' ').startsWith(`${long}\n\nNguồn: Bài thử`)).toBe(true);
  });

  it('answers two messages of one chat in the order they came: the second turn waits for the first', async () => {
    const { long, knowledgeDir } = longAnswerKnowledge();
    const bot = await start(zaloEnv(), { knowledgeDir });
    const release = fake.oa.hold();
    // Both acknowledged before any answer is out; the first answer (two messages) is held at Zalo.
    expect(await postOa(bot, oaText('user-12', LONG_QUESTION))).toBe(200);
    expect(await postOa(bot, oaText('user-12', 'so hotline buu dien'))).toBe(200);
    await fake.until(() => fake.oa.attempts.length === 1, 'the first part of the first answer being sent');
    // Time for a second turn that did not wait to send its answer in between.
    await sleep(300);
    release();
    await bot.stop();

    const texts = textsTo('user-12');
    expect(texts).toHaveLength(3);
    expect(texts.slice(0, 2).join(' ').startsWith(long)).toBe(true);
    expect(texts[2]).toContain(HOTLINE_ANSWER);
    expect(fake.problems).toEqual([]);
  });

  it('refreshes an expired token once, keeps the new refresh token on disk, and uses it after a restart', async () => {
    const dataDir = tempDir('zalo-data');
    const bot = await start(zaloEnv('access-expired'), { dataDir });
    expect(await postOa(bot, oaText('user-8', 'so hotline buu dien'))).toBe(200);
    await fake.until(() => textsTo('user-8').length === 1, 'the answer after the refresh');
    expect(await postOa(bot, oaText('user-8', 'cam on'))).toBe(200);
    await bot.stop();
    // The restart below takes over the folder; only the knowledge copy is this instance's own.
    bots.splice(bots.indexOf(bot), 1);
    rmSync(bot.knowledgeDir, { recursive: true, force: true });

    expect(fake.oa.refreshes).toBe(1);
    expect(fake.oa.attempts.map((a) => a.accessToken)).toEqual([
      'access-expired',
      fake.oa.sent[0]!.accessToken,
      fake.oa.sent[0]!.accessToken,
    ]);
    expect(textsTo('user-8')).toHaveLength(2);
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'zalo-oa-tokens.json'), 'utf8')) as {
      refreshToken: string;
      accessToken: string;
    };
    expect(stored.refreshToken).not.toBe('refresh-from-env');
    expect(fake.oa.refreshTokens.has(stored.refreshToken)).toBe(true);
    expect(fake.oa.refreshTokens.has('refresh-from-env')).toBe(false);

    // Restart with the same (now used) environment token; Zalo drops every access token.
    const again = await start(zaloEnv('access-expired'), { dataDir });
    fake.oa.accessTokens.clear();
    expect(await postOa(again, oaText('user-8', 'so hotline'))).toBe(200);
    await again.stop();
    expect(fake.oa.refreshes).toBe(2);
    expect(textsTo('user-8')).toHaveLength(3);
    expect(fake.problems).toEqual([]);
  });

  it('records a window error without retrying and keeps serving', async () => {
    const bot = await start();
    fake.oa.failFor('user-9', -230, 'User has not interacted with the OA in the past 7 days');
    expect(await postOa(bot, oaText('user-9', 'so hotline buu dien'))).toBe(200);
    await fake.until(() => fake.oa.attempts.length === 1, 'the refused send');
    expect(await postOa(bot, oaText('user-10', 'so hotline buu dien'))).toBe(200);
    await bot.stop();

    expect(
      fake.oa.attempts.filter((a) => a.userId === 'user-9'),
      JSON.stringify(fake.oa.attempts),
    ).toHaveLength(1);
    expect(fake.oa.refreshes).toBe(0);
    expect(textsTo('user-10')).toEqual([expect.stringContaining(HOTLINE_ANSWER)]);
    const key = 'zalo/deliveryFailures/user-9';
    const record = (await bot.app.storage.read([key]))[key];
    expect(record).toMatchObject({ endpoint: 'message/cs', code: -230 });
  });
});

async function postBot(bot: TestBot, body: object, secret: string | null = BOT_SECRET): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-bot-api-secret-token'] = secret;
  const response = await fetch(`${bot.url}/api/zalo/bot`, { method: 'POST', headers, body: JSON.stringify(body) });
  await response.text();
  return response.status;
}

function botUpdate(chatId: string, text: string, messageId = `bm-${++sequence}`): Record<string, unknown> {
  return {
    event_name: 'message.text.received',
    message: {
      message_id: messageId,
      date: Date.now(),
      chat: { id: chatId, chat_type: 'PRIVATE' },
      from: { id: chatId, display_name: 'Ted', is_bot: false },
      text,
    },
  };
}

const botTexts = (chatId: string): string[] =>
  fake.bot.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId).map((c) => String(c.body.text));

describe('Zalo Bot Platform', () => {
  it('refuses a webhook without the right secret token', async () => {
    const bot = await start();
    expect(await postBot(bot, botUpdate('chat-1', 'so hotline'), null)).toBe(401);
    expect(await postBot(bot, botUpdate('chat-1', 'so hotline'), 'webhook-secret-124')).toBe(401);
    await bot.stop();
    expect(fake.bot.calls).toEqual([]);
  });

  it("refuses an update dated outside the OA route's window, as old as 2017 or hours ahead, and answers none of them", async () => {
    const bot = await start();
    const dated = (date: number) => ({
      ...botUpdate('chat-old', 'so hotline'),
      message: { ...botUpdate('chat-old', 'so hotline').message!, date },
    });
    expect(await postBot(bot, dated(Date.parse('2017-03-01T08:00:00Z')))).toBe(403);
    expect(await postBot(bot, dated(Math.floor(Date.now() / 1000) - 4 * 3600))).toBe(403);
    expect(await postBot(bot, dated(Date.now() + 3600_000))).toBe(403);
    await bot.stop();
    expect(botTexts('chat-old')).toEqual([]);
  });

  it('answers updates with and without the {ok, result} envelope, showing "typing" first', async () => {
    const bot = await start();
    expect(await postBot(bot, { ok: true, result: botUpdate('chat-2', 'so dien thoai hotline') })).toBe(200);
    expect(await postBot(bot, botUpdate('chat-3', 'so dien thoai hotline'))).toBe(200);
    await bot.stop();
    for (const chat of ['chat-2', 'chat-3']) {
      const calls = fake.bot.calls.filter((c) => c.body.chat_id === chat).map((c) => c.method);
      expect(calls).toEqual(['sendChatAction', 'sendMessage']);
      expect(botTexts(chat)[0]).toContain(HOTLINE_ANSWER);
    }
    expect(fake.problems).toEqual([]);
  });

  it('npm run zalo:poll answers by long polling after deleting the webhook', async () => {
    const dataDir = tempDir('zalo-poll');
    const knowledgeDir = copyKnowledge();
    fake.bot.queueUpdate(botUpdate('chat-4', 'so hotline buu dien'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: knowledgeDir,
      LOG_LEVEL: 'silent',
      ZALO_BOT_TOKEN: fake.bot.token,
      ZALO_BOT_API_URL: fake.url,
    };
    for (const name of ZALO_VARIABLES.filter((n) => n.startsWith('ZALO_OA') || n === 'ZALO_BOT_SECRET_TOKEN')) delete env[name];
    const root = path.resolve(import.meta.dirname, '..');
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/zaloPoll.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await fake.until(() => botTexts('chat-4').length === 1, 'the polled update answered', 30_000);
      // Then it polls again, and stops cleanly on Ctrl+C.
      await fake.until(() => fake.bot.calls.filter((c) => c.method === 'getUpdates').length === 2, 'the next poll', 30_000);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited, stderr).toBe(0);
    const methods = fake.bot.calls.map((c) => c.method);
    expect(methods.slice(0, 2)).toEqual(['deleteWebhook', 'getUpdates']);
    expect(botTexts('chat-4')[0]).toContain(HOTLINE_ANSWER);
    expect(fake.problems).toEqual([]);
  }, 60_000);
});

describe('proactive messages', () => {
  it('go out through the Zalo adapter of the reference, and a refused one rejects and is recorded', async () => {
    const bot = await start();
    fake.oa.failFor('user-13', -230, 'User has not interacted with the OA in the past 7 days');
    const reference = (user: string) => ({
      channelId: 'zalo',
      serviceUrl: fake.url,
      conversation: { id: user, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: user, name: '' },
      bot: { id: OA_ID, name: '' },
    });
    await bot.app.continueConversation(
      reference('user-12'),
      async (context) => void (await context.sendActivity('Dạ, bưu gửi của Quý khách đã đến.')),
    );
    await expect(
      bot.app.continueConversation(reference('user-13'), async (context) => void (await context.sendActivity('Dạ, thông báo.'))),
    ).rejects.toThrow(/-230/u);
    await bot.stop();
    expect(textsTo('user-12')).toEqual(['Dạ, bưu gửi của Quý khách đã đến.']);
    expect(fake.oa.attempts.filter((a) => a.userId === 'user-13')).toHaveLength(1);
    const key = 'zalo/deliveryFailures/user-13';
    expect((await bot.app.storage.read([key]))[key]).toMatchObject({ code: -230 });
  });
});

describe('Zalo settings', () => {
  it('keeps both routes off (404) while their settings are missing', async () => {
    const bot = await start({});
    expect(await postOa(bot, oaText('user-11', 'so hotline'))).toBe(404);
    expect(await postBot(bot, botUpdate('chat-5', 'so hotline'))).toBe(404);
  });
});
