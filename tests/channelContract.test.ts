// A channel defined here, in the tests, mounts through the Channel contract alone (src/channels/channelHost.ts):
// its route runs the bot's turns through the turn runner, its adapter takes proactive sends, its messaging
// window reaches the citizen services, it decides which messages are for the bot and renders what the bot
// sends (replies and proactive sends alike), and it is stopped at shutdown. Nothing in src/ names it.
import { ActivityTypes, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversationKey } from '../src/bot/turnRunner.js';
import type { Channel } from '../src/channels/channelHost.js';
import { InProcessAdapter, type Logic } from '../src/channels/inProcessAdapter.js';
import { startBot, type TestBot } from './helpers/botServer.js';

const CHANNEL = 'test-channel';

/** Keeps what the bot sends, by conversation. */
class RecordingAdapter extends InProcessAdapter {
  readonly sent = new Map<string, Partial<Activity>[]>();

  receive(activity: Partial<Activity>, logic: Logic): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversation = context.activity.conversation.id;
    this.sent.set(conversation, [...(this.sent.get(conversation) ?? []), ...activities]);
    return activities.map(() => ({ id: '' }));
  }

  async updateActivity(): Promise<void> {}

  async deleteActivity(): Promise<void> {}
}

const adapter = new RecordingAdapter();
let stopped = false;

const ADDRESSED = /^bot:\s*/u;

const testChannel: Channel = {
  name: 'test channel',
  messagingWindows: { [CHANNEL]: 60_000 },
  activities: {
    channelId: CHANNEL,
    // Only messages addressed to the bot ("bot: …"), read without the address.
    acceptMessage(activity) {
      if (!ADDRESSED.test(activity.text)) return false;
      activity.text = activity.text.replace(ADDRESSED, '');
      return true;
    },
    // Buttons as lines of text.
    render(activity) {
      const choices = (activity.suggestedActions?.actions ?? []).map((a) => `\n[${a.title}]`).join('');
      activity.text = `${activity.text ?? ''}${choices}`;
      delete activity.suggestedActions;
      activity.channelData = { renderedBy: CHANNEL };
    },
  },
  mount(host) {
    host.registerAdapter(CHANNEL, adapter);
    host.server.post('/api/test-channel/:conversation', async (req, res) => {
      const conversation = String(req.params.conversation);
      const activity: Partial<Activity> = {
        type: ActivityTypes.Message,
        id: `m-${Date.now()}`,
        channelId: CHANNEL,
        conversation: { id: conversation } as Activity['conversation'],
        from: { id: `user-${conversation}`, name: '' },
        recipient: { id: host.botId, name: '' },
        text: String((req.body as { text?: unknown }).text ?? ''),
        timestamp: new Date(),
      };
      await host.turns.run(conversationKey(CHANNEL, conversation), () => adapter.receive(activity, (context) => host.runTurn(context)));
      res.json(200, { replies: adapter.sent.get(conversation)?.map((a) => a.text) ?? [] });
    });
    return { stop: () => void (stopped = true) };
  },
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ channels: [testChannel] });
});
afterAll(async () => bot?.dispose());

const say = async (conversation: string, text: string): Promise<string[]> => {
  const response = await fetch(`${bot.url}/api/test-channel/${conversation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { replies: string[] }).replies;
};

it('answers on a channel defined in the tests, takes proactive sends through its adapter, and stops it at shutdown', async () => {
  // Not addressed to the bot: no turn, no reply.
  expect(await say('c1', 'số tổng đài bưu điện là gì')).toEqual([]);
  const replies = await say('c1', 'bot: số tổng đài bưu điện là gì');
  expect(replies.join('\n')).toContain('1900 54 54 81');
  // Rendered its way: the answer's buttons (the rating) as text, no suggested actions left.
  const [answer] = adapter.sent.get('c1')!;
  expect(answer).toMatchObject({ channelData: { renderedBy: CHANNEL }, locale: 'vi-VN' });
  expect(answer!.suggestedActions).toBeUndefined();
  expect(answer!.text).toMatch(/\n\[.+\]$/u);

  const reference: Partial<ConversationReference> = {
    channelId: CHANNEL,
    conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
    user: { id: 'user-c1', name: '' },
    bot: { id: 'bot', name: '' },
  };
  await bot.app.continueConversation(reference, async (context) => void (await context.sendActivity('Dạ, phiếu đã được cập nhật.')));
  expect(adapter.sent.get('c1')?.at(-1)).toMatchObject({ text: 'Dạ, phiếu đã được cập nhật.', channelData: { renderedBy: CHANNEL } });

  // The window it declared reaches the citizen services: a conversation never heard from is outside it.
  expect(bot.app.services.inbound.outside(CHANNEL, undefined, new Date())).toBe(true);
  expect(bot.app.services.inbound.outside('webchat', undefined, new Date())).toBe(false);

  await bot.stop();
  expect(stopped).toBe(true);
});

it("limits a channel's own signed webhook per user only, as it declares, and its other routes per address", async () => {
  const hooks: Channel = {
    name: 'signed test channel',
    signedWebhooks: ['/api/test-hooks/signed/'],
    mount(host) {
      for (const path of ['/api/test-hooks/signed/:id', '/api/test-hooks/plain/:id'])
        host.server.post(path, async (_req, res) => void res.json(200, {}));
    },
  };
  const limited = await startBot({ channels: [hooks], env: { RATE_LIMIT_IP_PER_MINUTE: '3' } });
  try {
    const statuses = async (path: string): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push((await fetch(`${limited.url}${path}/${i}`, { method: 'POST' })).status);
      return out;
    };
    expect(await statuses('/api/test-hooks/signed')).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses('/api/test-hooks/plain')).toEqual([200, 200, 200, 429, 429]);
  } finally {
    await limited.dispose();
  }
});
