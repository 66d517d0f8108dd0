// The Emulator's channel without app credentials (issue 23, item 7): replies go only to the Emulator's own
// address as it writes it (http://localhost:<port> or http://127.0.0.1:<port>), ids that would move the
// connector's request to another path are refused, and a reply to a connector that never answers is given up
// after CONNECTOR_TIMEOUT_MS instead of holding the turn.
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { activity, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';

let bot: TestBot;
let hanging: RecordingServer;

beforeAll(async () => {
  hanging = await startRecordingServer({ connector: true, hang: true });
  bot = await startBot({ env: { CONNECTOR_TIMEOUT_MS: '1000', MicrosoftAppId: '' } });
});
afterAll(async () => {
  await bot.dispose();
  await hanging.close();
});

const post = (body: object) =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it.each([
  'http://127.0.0.2:9/',
  'http://127.1:9/',
  'http://2130706433:9/',
  'http://0x7f000001:9/',
  'http://user:pw@127.0.0.1:9/',
  'http://localhost.:9/',
  'http://[::1]:9/',
  'http://127.0.0.1:9/v3/../x',
  'https://localhost:9/',
  'http://localhost/',
])('refuses replies to %s (403)', async (serviceUrl) => {
  expect((await post(activity('loopback', { text: 'xin chào', serviceUrl }))).status).toBe(403);
});

it('refuses "." and ".." as ids that go into the connector path (400), and serves the Emulator address as it writes it', async () => {
  const cases: Array<Partial<Activity>> = [{ conversation: { id: '..' } as Activity['conversation'] }, { replyToId: '..' }, { id: '.' }];
  for (const fields of cases) {
    const response = await post(activity('dots', { text: 'xin chào', serviceUrl: 'http://127.0.0.1:9/', ...fields }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^activity\.(?:conversation\.id|replyToId|id) must be an id other than/u,
    );
  }
  const expect200 = await post({
    ...activity('dots', { text: 'xin chào', serviceUrl: 'http://localhost:9' }),
    deliveryMode: 'expectReplies',
  });
  expect(expect200.status).toBe(200);
});

it('gives up a reply to a connector that never answers, and the conversation goes on', async () => {
  const serviceUrl = `${hanging.url}/`;
  const first = await post(activity('hung', { text: 'số tổng đài hỗ trợ là gì', serviceUrl }));
  expect(first.status).toBeGreaterThanOrEqual(200);
  expect(hanging.received.length).toBeGreaterThan(0);
  // The next message of the same conversation is not stuck behind the first.
  const second = await post({ ...activity('hung', { text: 'tin mới nhất', serviceUrl }), deliveryMode: 'expectReplies' });
  expect(second.status).toBe(200);
}, 60_000);
