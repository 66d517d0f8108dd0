// Announcement subscriptions end to end: "đăng ký nhận tin" through /api/messages saves the conversation;
// publishing an article (a new file in the knowledge folder, then a reload) sends each subscriber one
// proactive message through a fake Bot Framework connector, once, also across a restart; failed sends
// are retried by the outbox and their state kept; a Zalo subscriber outside the messaging window is not sent to. An article is
// announced when its version goes live (published by the knowledge store), not before.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageKey, type AnnouncementPage } from '../src/services/announcementNotifier.js';
import { hashId } from '../src/services/records.js';
import { SubscriptionStore } from '../src/services/subscriptionStore.js';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { activity, carriesOutcome, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';

const ARTICLE = '2021-06-03-test-ban-tin-so-3';
const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/articles', `${ARTICLE}.txt`);

function say(bot: TestBot, conversation: string, text: string, fields: Record<string, string> = {}) {
  return exchange(bot.url, activity(conversation, { text, ...fields }));
}

describe('announcement subscriptions', () => {
  let connector: RecordingServer;
  let refusing: RecordingServer;
  let bot: TestBot;

  beforeAll(async () => {
    connector = await startRecordingServer({ connector: true });
    refusing = await startRecordingServer({ connector: true, status: 403 });
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
    await refusing.close();
  });

  it('subscribes and unsubscribes a conversation', async () => {
    const serviceUrl = `${connector.url}/`;
    const [first] = await say(bot, 'sub-a', 'đăng ký nhận tin', { serviceUrl });
    expect(meta(first)?.intent).toBe('subscribe');
    expect(first!.text).toContain('đã đăng ký nhận tin');
    const [again] = await say(bot, 'sub-a', 'dang ky nhan thong bao', { serviceUrl });
    expect(again!.text).toContain('từ trước');
    await say(bot, 'sub-b', 'Đăng ký nhận tin mới', { serviceUrl });
    await say(bot, 'sub-gone', 'đăng ký nhận tin', { serviceUrl });
    const [gone] = await say(bot, 'sub-gone', 'hủy đăng ký', { serviceUrl });
    expect(meta(gone)?.intent).toBe('unsubscribe');
    expect(gone!.text).toContain('đã hủy đăng ký');
    const [never] = await say(bot, 'sub-never', 'hủy đăng ký nhận tin', { serviceUrl });
    expect(never!.text).toContain('chưa đăng ký');
    // A send that fails, and a Zalo subscriber whose messaging window has closed.
    await say(bot, 'sub-refused', 'đăng ký nhận tin', { serviceUrl: `${refusing.url}/` });
    // A Zalo citizen subscribes through the Zalo route (only the Emulator's channel is served here): stored as that route would.
    await new SubscriptionStore(bot.app.storage).subscribe(
      new TurnContext(new TestAdapter(), activity('sub-zalo', { channelId: 'zalo', serviceUrl: 'https://openapi.zalo.me' }) as Activity),
    );
    const key = `citizen/subscriptions/${hashId('zalo', 'sub-zalo')}`;
    const stored = (await bot.app.storage.read([key]))[key]!;
    await bot.app.storage.write({ [key]: { ...stored, subscribedAt: new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString() } });
  });

  it('sends a newly published article to each subscriber once, and not again after a restart', async () => {
    copyFileSync(FIXTURE, path.join(bot.knowledgeDir, 'articles', `${ARTICLE}.txt`));
    await bot.app.knowledge.reloadIfChanged();
    const sent = await connector.waitFor(2);
    await bot.stop(); // waits for every tracked send
    expect(connector.received).toHaveLength(2);
    expect(sent.map((r) => r.body.conversation?.id).sort()).toEqual(['sub-a', 'sub-b']);
    for (const { path: url, body } of sent) {
      expect(url).toMatch(new RegExp(`^/v3/conversations/${body.conversation!.id}/activities(?:/[^/]+)?$`, 'u'));
      expect(body.text).toContain('Bản tin kiểm thử số 3 (03/06/2021)');
      expect(body.text).toContain('Ngày 03/06/2021, đơn vị mẫu phát hành bản tin kiểm thử số 3.');
      expect(body.suggestedActions?.actions[0]?.value).toBe('Bản tin kiểm thử số 3');
      expect(meta(body)?.intent).toBe('announcement');
    }
    // What the message was stays on the server.
    expect(carriesOutcome([...sent, ...refusing.received].map((r) => r.body))).toBe(false);
    // Tried, and no error message sent to that conversation by the adapter's error handler.
    expect(new Set(refusing.received.map((r) => meta(r.body)?.intent))).toEqual(new Set(['announcement']));

    const key = pageKey(ARTICLE, 0);
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    await bot.app.knowledge.reloadIfChanged();
    await bot.stop();
    // Delivered once: never again after a restart.
    expect(connector.received).toHaveLength(2);

    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    const page = (await bot.app.storage.read([key]))[key] as unknown as AnnouncementPage;
    const message = (conversation: string) => page.outbox!.find((m) => m.reference.conversation?.id === conversation);
    expect(message('sub-a')).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(message('sub-b')).toMatchObject({ state: 'delivered', attempts: 1 });
    // The refused one is retried with back-off (OUTBOX_RETRY_MS), its error kept for staff.
    expect(message('sub-refused')).toMatchObject({
      state: expect.stringMatching(/^(retrying|sending|failed)$/u),
      lastError: expect.any(String),
    });
    expect(message('sub-zalo')).toMatchObject({ state: 'failed', lastError: 'outside the channel messaging window' });
    expect(message('sub-gone')).toBeUndefined();
  });

  it('announces at start an article published while the bot was stopped', async () => {
    await bot.stop();
    const second = '2021-05-02-test-ban-tin-so-2.txt';
    copyFileSync(path.join(path.dirname(FIXTURE), second), path.join(bot.knowledgeDir, 'articles', second));
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    await bot.stop();
    expect(connector.received).toHaveLength(4);
    expect(connector.received.slice(2).map((r) => r.body.text?.split('\n')[1])).toEqual([
      'Bản tin kiểm thử số 2 (02/05/2021)',
      'Bản tin kiểm thử số 2 (02/05/2021)',
    ]);
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
  });
});

describe('announcements follow the versions that go live', () => {
  it('publishes every live version once, the first included; a new article is announced once its version is live, not while it cannot be saved', async () => {
    const connector = await startRecordingServer({ connector: true });
    const bot = await startBot();
    try {
      const versions: string[] = [];
      bot.app.knowledge.onVersion((v) => versions.push(v.version));
      const first = bot.app.knowledge.kb.version;
      expect(versions).toEqual([first]);
      await say(bot, 'follow-a', 'đăng ký nhận tin', { serviceUrl: `${connector.url}/` });

      // The data folder's kb.json is a folder: the watch (every 100 ms here) builds the version and cannot save it.
      const saved = path.join(bot.dataDir, 'kb.json');
      rmSync(saved);
      mkdirSync(saved);
      copyFileSync(FIXTURE, path.join(bot.knowledgeDir, 'articles', `${ARTICLE}.txt`));
      await vi.waitFor(() => expect(bot.app.knowledge.problems.map((p) => p.file)).toEqual(['DATA_DIR/kb.json']), {
        timeout: 10_000,
        interval: 100,
      });
      expect(await bot.app.knowledge.reloadIfChanged()).toBe(false);
      expect(versions).toEqual([first]);
      expect(bot.app.knowledge.kb.version).toBe(first);

      rmSync(saved, { recursive: true });
      const [sent] = await connector.waitFor(1);
      expect(sent!.body.conversation?.id).toBe('follow-a');
      expect(sent!.body.text).toContain('Bản tin kiểm thử số 3 (03/06/2021)');
      const live = bot.app.knowledge.kb.version;
      expect(live).not.toBe(first);
      expect(versions).toEqual([first, live]);
      await bot.stop(); // waits for every tracked send
      expect(connector.received).toHaveLength(1);
      expect(versions).toEqual([first, live]);
    } finally {
      await bot.dispose();
      await connector.close();
    }
  });
});
