// Teams-shaped activities (channelId msteams, mention entities, channelData.tenant) posted to /api/messages
// with a channel token from the local Bot Framework token issuer (as Azure Bot Service posts them: only the
// Emulator is served without credentials), with the replies delivered to a fake Bot Framework connector at
// serviceUrl, as Teams' own would receive them. The bot's own token for the connector would come from
// Entra ID through MSAL, which needs an https authority: that one call is stubbed.
import type { Activity } from 'botbuilder';
import { MicrosoftAppCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { carriesOutcome, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startBotFrameworkIssuer, type BotFrameworkIssuer } from './helpers/botFrameworkIssuer.js';
import { startFakeConnector, type FakeConnector } from './helpers/fakeConnector.js';

const BOT = { id: '28:hotline-bot-app-id', name: 'Bưu điện Bắc Kạn' };
const TENANT = { id: '72f988bf-0000-0000-0000-000000000001' };
const MENTION = `<at>${BOT.name}</at>`;

let bot: TestBot;
let connector: FakeConnector;
let issuer: BotFrameworkIssuer;
let sequence = 0;

beforeAll(async () => {
  issuer = await startBotFrameworkIssuer();
  vi.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockResolvedValue('bot-token-from-entra');
  bot = await startBot({ env: issuer.env, auth: issuer.auth });
  connector = await startFakeConnector();
});
afterAll(async () => {
  await bot.dispose();
  await connector.close();
  await issuer.close();
  vi.restoreAllMocks();
});

type Kind = 'channel' | 'groupChat' | 'personal';

function teamsActivity(conversationId: string, kind: Kind, fields: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    id: `1700000000${++sequence}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date(),
    locale: 'vi-VN',
    textFormat: 'plain',
    from: { id: '29:1citizen-aad', name: 'Nguyễn Văn A', aadObjectId: '00000000-0000-0000-0000-0000000000aa' } as Activity['from'],
    recipient: BOT,
    conversation: {
      id: conversationId,
      conversationType: kind,
      tenantId: TENANT.id,
      isGroup: kind !== 'personal',
    } as Activity['conversation'],
    channelData: {
      tenant: TENANT,
      ...(kind === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversationId } } : {}),
    },
    ...fields,
  };
}

function mentioned(text: string): Partial<Activity> {
  return { text: `${MENTION} ${text}`, entities: [{ type: 'mention', mentioned: BOT, text: MENTION }] };
}

async function post(activity: Partial<Activity>): Promise<void> {
  const headers = { 'content-type': 'application/json', authorization: issuer.authorization('msteams', activity.serviceUrl!) };
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
  expect([200, 201, 202]).toContain(response.status);
}

describe('Teams', () => {
  it('in a channel answers an @mention with the mention stripped, and renders buttons as an Adaptive Card 1.5', async () => {
    const conversation = '19:channel-one@thread.tacv2;messageid=1';
    const question = teamsActivity(conversation, 'channel', mentioned('so dien thoai hotline buu dien'));
    await post(question);
    const [{ activity: answer, path }] = await connector.waitFor(conversation, 1);
    expect(path).toBe(`/v3/conversations/${encodeURIComponent(conversation)}/activities/${question.id}`);
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    expect(carriesOutcome([answer])).toBe(false);
    expect(answer.text).toContain('1900 54 54 81');
    expect(answer.suggestedActions).toBeUndefined();
    const [card] = answer.attachments ?? [];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    expect(card.content.fallbackText).toMatch(/^1\. /u);
    const submits = card.content.actions.filter((a: { type: string }) => a.type === 'Action.Submit');
    expect(submits.length).toBeGreaterThan(0);
    for (const action of submits) {
      expect(action.data.msteams).toMatchObject({ type: 'messageBack', displayText: action.title });
      expect(action.data.hotline).toBe(action.data.msteams.text);
    }
    // No tel: button (Teams cards have none); the number is in the text instead.
    expect(JSON.stringify(card.content)).not.toContain('tel:');
  });

  it('stays silent in a channel or group chat when not mentioned, and answers the next message that mentions it', async () => {
    for (const kind of ['channel', 'groupChat'] as const) {
      const conversation = `19:${kind}-two@thread.v2`;
      await post(teamsActivity(conversation, kind, { text: 'cam on' }));
      await post(teamsActivity(conversation, kind, { text: 'xin chao' }));
      const asked = teamsActivity(conversation, kind, mentioned('so dien thoai hotline buu dien'));
      await post(asked);
      const received = await connector.waitFor(conversation, 1);
      // Replies go out in order, so had the unmentioned messages been answered, theirs would be here first.
      expect(received.map((r) => r.activity.replyToId)).toEqual([asked.id]);
      expect(meta(received[0].activity)?.intent).toBe('answer');
    }
  });

  it('answers a click on its card (messageBack/Action.Submit value, no text) in a channel without a mention', async () => {
    const conversation = '19:channel-three@thread.tacv2';
    const submit = teamsActivity(conversation, 'channel', { text: undefined, value: { hotline: 'bưu điện có những dịch vụ gì' } });
    await post(submit);
    const [{ activity }] = await connector.waitFor(conversation, 1);
    expect(activity.replyToId).toBe(submit.id);
    expect(meta(activity)).toMatchObject({ intent: 'answer', answerId: 'services-overview' });
  });

  it('shows the menu for a bare @mention, and answers personal chats without one', async () => {
    const channel = '19:channel-four@thread.tacv2';
    await post(teamsActivity(channel, 'channel', { text: `${MENTION}`, entities: [{ type: 'mention', mentioned: BOT, text: MENTION }] }));
    const [{ activity: menu }] = await connector.waitFor(channel, 1);
    expect(meta(menu)?.intent).toBe('menu');

    const personal = 'a:1personal-chat-id';
    await post(teamsActivity(personal, 'personal', { text: 'so dien thoai hotline buu dien' }));
    const [{ activity: answer }] = await connector.waitFor(personal, 1);
    expect(meta(answer)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
  });

  it('ignores a mention of someone else, and a card submit with an unknown value, in a channel', async () => {
    const conversation = '19:channel-five@thread.tacv2';
    const other = { id: '29:someone-else', name: 'Trần Thị B' };
    await post(
      teamsActivity(conversation, 'channel', {
        text: '<at>Trần Thị B</at> hotline',
        entities: [{ type: 'mention', mentioned: other, text: '<at>Trần Thị B</at>' }],
      }),
    );
    await post(teamsActivity(conversation, 'channel', { text: undefined, value: { action: 'other-app' } }));
    const asked = teamsActivity(conversation, 'channel', mentioned('cam on'));
    await post(asked);
    const received = await connector.waitFor(conversation, 1);
    expect(received.map((r) => r.activity.replyToId)).toEqual([asked.id]);
    expect(meta(received[0].activity)?.intent).toBe('thanks');
  });

  it('greets once, when the bot is installed, not each member joining a team', async () => {
    const conversation = '19:greetings@thread.tacv2';
    const joined = (member: { id: string; name: string }) =>
      teamsActivity(conversation, 'channel', { type: 'conversationUpdate', membersAdded: [member], text: undefined, entities: undefined });
    await post(joined({ id: '29:new-colleague', name: 'Nhân viên mới' }));
    await post(joined(BOT));
    const [{ activity: welcome }] = await connector.waitFor(conversation, 1);
    expect(welcome.text).toMatch(/^Dạ, xin chào Quý khách/u);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.received.filter((r) => r.conversationId === conversation)).toHaveLength(1);
  });

  it('offers the ticket choices as card buttons, and takes the tapped value', async () => {
    const conversation = 'a:personal-ticket';
    await post(teamsActivity(conversation, 'personal', { text: 'Góp ý – khiếu nại' }));
    const [{ activity: kinds }] = await connector.waitFor(conversation, 1);
    expect(kinds.suggestedActions).toBeUndefined();
    const card = kinds.attachments?.[0]?.content as { actions: Array<{ title: string }> };
    expect(card.actions.map((a) => a.title)).toEqual(['Khiếu nại', 'Góp ý', 'Hỏi đáp', 'Hủy']);
    await post(teamsActivity(conversation, 'personal', { text: 'Hỏi đáp' }));
    const replies = await connector.waitFor(conversation, 2);
    expect(replies[1]!.activity.text).toContain('mô tả câu hỏi');
  });

  it("carries the bot's own token to the connector", () => {
    expect(new Set(connector.received.map((r) => r.authorization))).toEqual(new Set(['Bearer bot-token-from-entra']));
  });
});
