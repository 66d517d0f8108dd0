// What one address can take on the Emulator's channel without app credentials (issue 23, item 6): its
// messages are counted per address like every other unauthenticated route, it holds at most
// SUBSCRIPTIONS_PER_ADDRESS subscriptions (its oldest go, so the announcement list is not filled by one
// sender) and at most HANDOFFS_PER_ADDRESS open chats in the staff inbox (further ones get the hotline).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';

const say = (bot: TestBot, conversation: string, text: string, from: string) =>
  fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ ...activity(conversation, { text, serviceUrl: 'http://127.0.0.1:9/' }), deliveryMode: 'expectReplies' }),
  });

describe('the Emulator channel without credentials, per address', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    bot = await startBot({
      env: {
        TRUST_PROXY: '1',
        MicrosoftAppId: '',
        SUBSCRIPTIONS_PER_ADDRESS: '3',
        HANDOFFS_PER_ADDRESS: '2',
        RATE_LIMIT_IP_PER_MINUTE: '12',
      },
    });
  });
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('counts messages per address, whatever user ids they claim', async () => {
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await say(bot, `flood-${i}`, 'ok', '198.51.100.61')).status);
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    expect(statuses[12]).toBe(429);
    expect((await say(bot, 'bystander', 'ok', '198.51.100.62')).status).toBe(200);
  });

  it('keeps at most SUBSCRIPTIONS_PER_ADDRESS subscriptions of one address: its newest', async () => {
    for (let i = 0; i < 5; i++) expect((await say(bot, `sub-${i}`, 'đăng ký nhận tin', '203.0.113.71')).status).toBe(200);
    expect((await say(bot, 'sub-other', 'đăng ký nhận tin', '203.0.113.72')).status).toBe(200);
    const subscribed = (await bot.app.services.subscriptions.all()).map((s) => s.reference.conversation?.id).sort();
    expect(subscribed).toEqual(['sub-2', 'sub-3', 'sub-4', 'sub-other']);
  });

  it('lets one address hold at most HANDOFFS_PER_ADDRESS open chats in the inbox; others still reach staff', async () => {
    const intents = [];
    for (let i = 0; i < 3; i++) {
      const replies = (await (await say(bot, `chat-${i}`, 'cho tôi gặp nhân viên', '203.0.113.81')).json()) as { activities: object[] };
      intents.push(meta(replies.activities[0])?.intent);
    }
    expect(intents).toEqual(['handoff', 'handoff', 'handoffUnavailable']);
    const [other] = await exchange(
      bot.url,
      activity('chat-elsewhere', { text: 'cho tôi gặp nhân viên', serviceUrl: 'http://127.0.0.1:9/' }),
    );
    expect(meta(other)?.intent).toBe('handoff');
    expect((await bot.app.services.handoff.open()).map((r) => r.conversationId).sort()).toEqual(['chat-0', 'chat-1', 'chat-elsewhere']);
  });
});
