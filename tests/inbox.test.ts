// The built-in live-chat inbox (OFFICE_HOURS set, no HANDOFF_WEBHOOK_URL), end to end: a citizen asking
// for a person is put in the inbox and the bot goes quiet; staff list, read, answer and close it through
// the API, and the citizen receives each message through a fake Bot Framework connector; a citizen left
// waiting is told once; office hours ending close it; two instances on Blob storage (Azurite) share it all.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandoffRecord } from '../src/services/handoffService.js';
import type { Notice } from '../src/ticket.js';
import { startAzurite, type Azurite } from './helpers/azurite.js';
import { localTime } from '../src/text/vnTime.js';
import { activity, exchange, meta, startBot, tempDir, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { call, startConversation } from './helpers/directLineClient.js';

const ADMIN_TOKEN = 'inbox-admin-token-8c1d-0123456789abcdef';
const ALWAYS = 'Mon-Sun 00:00-24:00';

interface Summary {
  id: string;
  channelId: string;
  waitingSeconds: number;
  lastCitizenMark?: string;
  lastLines: Array<{ from: string; text: string }>;
}

function api(url: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN): Promise<Response> {
  return fetch(`${url}/api/admin/handoffs${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function open(url: string): Promise<Summary[]> {
  return ((await (await api(url, '')).json()) as { handoffs: Summary[] }).handoffs;
}

const say = (url: string, conversation: string, text: string, serviceUrl: string) =>
  exchange(url, activity(conversation, { text, serviceUrl }));

describe('the built-in inbox', () => {
  let connector: RecordingServer;
  let bot: TestBot | undefined;
  beforeAll(async () => {
    connector = await startRecordingServer({ connector: true });
  });
  afterEach(async () => {
    await bot?.dispose();
    vi.unstubAllEnvs();
  });
  afterAll(() => connector.close());

  async function start(hours = ALWAYS): Promise<TestBot> {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', hours);
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    return (bot = await startBot());
  }

  it('takes a citizen in, lets staff read, answer and close, and the bot answers again', async () => {
    const { url } = await start();
    const serviceUrl = `${connector.url}/`;
    await say(url, 'inbox-1', 'số tổng đài hỗ trợ là gì', serviceUrl);
    const [connected] = await say(url, 'inbox-1', 'cho tôi gặp nhân viên', serviceUrl);
    expect(meta(connected)?.intent).toBe('handoff');
    expect(await say(url, 'inbox-1', 'Tôi cần hỏi về bưu gửi CQ724476204VN', serviceUrl)).toEqual([]);

    const [waiting] = await open(url);
    // The console's unread mark changes with every citizen message, also within the second of the last one.
    const firstMark = waiting!.lastCitizenMark;
    expect(await say(url, 'inbox-1', 'Mã đó gửi từ hôm qua', serviceUrl)).toEqual([]);
    const [again] = await open(url);
    expect(firstMark).toEqual(expect.stringContaining('Tôi cần hỏi về bưu gửi CQ724476204VN'));
    expect(again!.lastCitizenMark).toEqual(expect.stringContaining('Mã đó gửi từ hôm qua'));
    expect(again!.lastCitizenMark).not.toBe(firstMark);
    expect(waiting).toMatchObject({ channelId: 'emulator', waitingSeconds: expect.any(Number), id: expect.stringMatching(/^[\w-]{22}$/u) });
    expect(waiting!.lastLines.at(-1)).toMatchObject({ from: 'user', text: 'Tôi cần hỏi về bưu gửi CQ724476204VN' });
    const detail = (await (await api(url, `/${waiting!.id}`)).json()) as HandoffRecord;
    expect(detail.transcript!.map((l) => l.text)).toEqual(
      expect.arrayContaining(['số tổng đài hỗ trợ là gì', 'cho tôi gặp nhân viên', 'Tôi cần hỏi về bưu gửi CQ724476204VN']),
    );
    expect(detail).not.toHaveProperty('reference');

    const before = connector.received.length;
    const sent = await api(url, `/${waiting!.id}/messages`, { text: 'Chào anh, em là Lan ở bưu điện tỉnh, em kiểm tra ngay ạ.' });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ message: { state: 'delivered', attempts: 1 } });
    const reply = connector.received[before]!;
    expect(reply.path).toMatch(/^\/v3\/conversations\/inbox-1\/activities/u);
    expect(reply.body).toMatchObject({ text: 'Chào anh, em là Lan ở bưu điện tỉnh, em kiểm tra ngay ạ.', from: { id: 'bot' } });
    const answered = (await (await api(url, `/${waiting!.id}`)).json()) as HandoffRecord & { notices: Notice[] };
    expect(answered.transcript!.at(-1)).toMatchObject({ from: 'staff', by: 'api', messageId: answered.notices[0]!.id });
    expect(answered.notices).toEqual([expect.objectContaining({ state: 'delivered', text: expect.stringContaining('em là Lan') })]);
    expect(answered).not.toHaveProperty('outbox');
    expect(answered.answeredAt).toBeDefined();

    expect((await api(url, `/${waiting!.id}/close`, {})).status).toBe(200);
    expect((await connector.waitFor(before + 2))[before + 1]!.body.text).toContain('nhân viên đã kết thúc');
    expect(await open(url)).toEqual([]);
    const closed = await api(url, `/${waiting!.id}/messages`, { text: 'còn đó không' });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toEqual({ code: 'Conflict', reason: 'ended', message: 'Cuộc trò chuyện đã kết thúc.' });
    const [news] = await say(url, 'inbox-1', 'tin mới nhất', serviceUrl);
    expect(meta(news)?.intent).toBe('news');
  });

  it('never records a staff reply the channel refused as delivered: staff see it retried, then failed, with the reason', async () => {
    const refusing = await startRecordingServer({ connector: true, status: 403 });
    try {
      vi.stubEnv('OUTBOX_RETRY_MS', '10');
      const { url } = await start();
      await say(url, 'inbox-refused', 'cho tôi gặp nhân viên', `${refusing.url}/`);
      const [waiting] = await open(url);
      const sent = await api(url, `/${waiting!.id}/messages`, { text: 'Dạ em nghe ạ' });
      expect(sent.status).toBe(200);
      const { message } = (await sent.json()) as { message: Notice };
      expect(message).toMatchObject({
        state: expect.stringMatching(/^(retrying|failed)$/u),
        attempts: expect.any(Number),
        lastError: expect.any(String),
      });
      await vi.waitFor(
        async () => {
          const detail = (await (await api(url, `/${waiting!.id}`)).json()) as { notices: Notice[] };
          expect(detail.notices).toEqual([expect.objectContaining({ state: 'failed', lastError: expect.any(String) })]);
        },
        { timeout: 10_000 },
      );
    } finally {
      await refusing.close();
    }
  });

  it('records a citizen who ends their own chat with a handoff.status event as the citizen, not staff', async () => {
    const { url } = await start();
    const serviceUrl = `${connector.url}/`;
    await say(url, 'inbox-self', 'cho tôi gặp nhân viên', serviceUrl);
    const [waiting] = await open(url);
    const status = { type: 'event', name: 'handoff.status', value: { state: 'completed' }, serviceUrl } as const;
    const [ended] = await exchange(url, activity('inbox-self', status));
    expect(meta(ended)?.intent).toBe('handoffEnded');
    expect(ended!.text).not.toContain('nhân viên đã kết thúc hỗ trợ');
    const record = (await (await api(url, `/${waiting!.id}`)).json()) as HandoffRecord;
    expect(record).toMatchObject({ status: 'ended', endedBy: 'citizen', endedByKind: 'citizen' });
  });

  it('tells a citizen who asked in English, in English, when staff close the chat', async () => {
    const { url } = await start();
    const serviceUrl = `${connector.url}/`;
    const [connected] = await say(url, 'inbox-en', 'I want to talk to a human', serviceUrl);
    expect(meta(connected)).toMatchObject({ intent: 'handoff', lang: 'en' });
    const [waiting] = await open(url);
    const before = connector.received.length;
    expect((await api(url, `/${waiting!.id}/close`, {})).status).toBe(200);
    expect((await connector.waitFor(before + 1))[before]!.body.text).toBe('Our staff have finished. I am here again whenever you need me.');
  });

  it('reaches a citizen on the web widget (the local Direct Line) with a staff reply', async () => {
    const { url } = await start();
    const { conversationId, token } = await startConversation(url, 'dl-citizen');
    const post = (text: string) =>
      call(`${url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        token,
        body: { type: 'message', from: { id: 'dl-citizen' }, text },
      });
    const texts = async (): Promise<string[]> =>
      (
        (await call(`${url}/v3/directline/conversations/${conversationId}/activities`, { token })).body.activities as Array<{
          from: { id: string };
          text?: string;
        }>
      )
        .filter((a) => a.from.id !== 'dl-citizen')
        .map((a) => a.text ?? '');
    expect((await post('gặp nhân viên')).status).toBe(200);
    const [waiting] = await open(url);
    expect(waiting?.channelId).toBe('webchat');
    expect((await api(url, `/${waiting!.id}/messages`, { text: 'Chào chị, em nghe ạ' })).status).toBe(200);
    expect((await texts()).at(-1)).toBe('Chào chị, em nghe ạ');
  });

  it('refuses without credentials (401), an unknown id (404) and an empty message (400)', async () => {
    const { url } = await start();
    await say(url, 'inbox-2', 'gặp nhân viên', `${connector.url}/`);
    const [waiting] = await open(url);
    expect((await api(url, '', undefined, null)).status).toBe(401);
    expect((await api(url, `/${waiting!.id}/messages`, { text: 'x' }, null)).status).toBe(401);
    expect((await api(url, `/${waiting!.id}/close`, {}, 'wrong')).status).toBe(401);
    expect((await api(url, '/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await api(url, '/AAAAAAAAAAAAAAAAAAAAAA/messages', { text: 'x' })).status).toBe(404);
    expect((await api(url, `/${waiting!.id}/messages`, { text: '  ' })).status).toBe(400);
    // Limits count characters as people do: 2,000 emoji (4,000 UTF-16 units) fit, 2,001 do not; so does a
    // decomposed (NFD) text of 2,000 letters, kept composed (NFC).
    expect((await api(url, `/${waiting!.id}/messages`, { text: '🙂'.repeat(2000) })).status).toBe(200);
    expect((await api(url, `/${waiting!.id}/messages`, { text: '🙂'.repeat(2001) })).status).toBe(400);
    expect((await api(url, `/${waiting!.id}/messages`, { text: 'ệ'.repeat(2000).normalize('NFD') })).status).toBe(200);
    const kept = (await (await api(url, `/${waiting!.id}`)).json()) as HandoffRecord;
    expect(kept.transcript!.at(-1)!.text).toBe('ệ'.repeat(2000).normalize('NFC'));
    // The citizen's side is cut at 2,000 characters too, never in the middle of an emoji.
    expect(await say(url, 'inbox-2', '🙂'.repeat(2001), `${connector.url}/`)).toEqual([]);
    const cut = (await (await api(url, `/${waiting!.id}`)).json()) as HandoffRecord;
    expect(cut.transcript!.at(-1)).toMatchObject({ from: 'user', text: '🙂'.repeat(2000) });
    expect((await api(url, `/${waiting!.id}/messages`, ['x'])).status).toBe(400);
    const bad = await fetch(`${url}/api/admin/handoffs/${waiting!.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(bad.status).toBe(400);
  });

  it('tells a citizen nobody has answered within HANDOFF_WAIT_MINUTES once, and then files their ticket', async () => {
    const { url, app } = await start();
    const serviceUrl = `${connector.url}/`;
    await say(url, 'inbox-wait', 'gặp nhân viên', serviceUrl);
    const before = connector.received.length;
    const handoff = app.services.handoff;
    await handoff.sweep(new Date(Date.now() + 4 * 60_000));
    expect(connector.received.length).toBe(before);
    await handoff.sweep(new Date(Date.now() + 6 * 60_000));
    await handoff.sweep(new Date(Date.now() + 9 * 60_000));
    // The notice is stored with the mark and sent by the outbox: once, whatever the number of sweeps.
    await connector.waitFor(before + 1);
    await app.services.outbox.stop();
    expect(connector.received.length).toBe(before + 1);
    const notice = connector.received[before]!.body;
    expect(notice.text).toContain('1900 54 54 81');
    expect(notice.suggestedActions?.actions.map((a) => a.title)).toContain('Gửi góp ý – khiếu nại');
    const [ticket] = await say(url, 'inbox-wait', 'Góp ý – khiếu nại', serviceUrl);
    expect(meta(ticket)?.intent).toBe('ticket');
    expect(await open(url)).toEqual([]);
  });

  it('closes every open handoff when office hours end, telling each citizen', async () => {
    const today = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][localTime(new Date()).weekday - 1]!;
    const { url, app } = await start(`${today} 00:00-24:00`);
    const serviceUrl = `${connector.url}/`;
    await say(url, 'late-1', 'gặp nhân viên', serviceUrl);
    await say(url, 'late-2', 'gặp tư vấn viên', serviceUrl);
    expect(await open(url)).toHaveLength(2);
    const before = connector.received.length;
    await app.services.handoff.sweep(new Date(Date.now() + 24 * 3600_000));
    expect(await open(url)).toEqual([]);
    const told = (await connector.waitFor(before + 2)).slice(before);
    expect(told.map((r) => r.body.conversation?.id).sort()).toEqual(['late-1', 'late-2']);
    for (const r of told) expect(r.body.text).toContain('hết giờ hỗ trợ trực tuyến');
    const [news] = await say(url, 'late-1', 'tin mới nhất', serviceUrl);
    expect(meta(news)?.intent).toBe('news');
  });
});

describe('the inbox on several instances (STORAGE=blob on Azurite)', () => {
  let azurite: Azurite;
  let connector: RecordingServer;
  const bots: TestBot[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
    connector = await startRecordingServer({ connector: true });
  }, 30_000);
  afterAll(async () => {
    for (const b of bots) await b.dispose();
    await connector.close();
    await azurite.stop();
    vi.unstubAllEnvs();
  });

  it('lets the citizen talk to one instance while staff work from another', async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', ALWAYS);
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    const env = {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: `inbox-${process.pid}`,
    };
    const citizenSide = await startBot({ dataDir: tempDir('inbox-a'), env });
    bots.push(citizenSide);
    const staffSide = await startBot({ dataDir: tempDir('inbox-b'), env });
    bots.push(staffSide);
    const serviceUrl = `${connector.url}/`;

    await say(citizenSide.url, 'blob-1', 'gặp nhân viên', serviceUrl);
    const [waiting] = await open(staffSide.url);
    expect(waiting).toBeDefined();
    expect(await say(citizenSide.url, 'blob-1', 'Alo, tôi ở Chợ Đồn', serviceUrl)).toEqual([]);
    const detail = (await (await api(staffSide.url, `/${waiting!.id}`)).json()) as HandoffRecord;
    expect(detail.transcript!.at(-1)?.text).toBe('Alo, tôi ở Chợ Đồn');

    const before = connector.received.length;
    expect((await api(staffSide.url, `/${waiting!.id}/messages`, { text: 'Dạ em nghe ạ' })).status).toBe(200);
    expect(connector.received[before]!.body.text).toBe('Dạ em nghe ạ');
    expect((await api(staffSide.url, `/${waiting!.id}/close`, {})).status).toBe(200);
    expect(await open(citizenSide.url)).toEqual([]);
    const [news] = await say(citizenSide.url, 'blob-1', 'tin mới nhất', serviceUrl);
    expect(meta(news)?.intent).toBe('news');
  }, 60_000);
});
