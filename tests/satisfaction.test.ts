// The satisfaction question end to end: asked once after staff resolve a ticket (web widget through the
// local Direct Line, Emulator through a fake connector, Zalo OA with numbered choices through the Zalo fake)
// and after staff close a live chat; the choice and the optional comment are kept on the ticket or chat and
// counted in Thống kê; never asked twice, and not on Zalo outside its messaging window. The question goes
// through the outbox, stored with the change that prompts it: a restart between the change and the send
// loses nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandoffRecord } from '../src/services/handoffService.js';
import type { StatsFigures } from '../src/services/statsReport.js';
import type { Ticket } from '../src/ticket.js';
import { activity, actionTitles, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer } from './helpers/citizenFakes.js';
import { call, startConversation } from './helpers/directLineClient.js';
import { startZaloFake, zaloMac } from './helpers/zaloFake.js';

const ADMIN_TOKEN = 'satisfaction-admin-token-3f9d-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const QUESTION = 'Quý khách đánh giá cuộc hỗ trợ này thế nào?';

function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
const getJson = async <T>(url: string, path: string): Promise<T> => (await (await fetch(`${url}${path}`, { headers: auth })).json()) as T;
const setStatus = (url: string, ref: string, status: string) => post(url, `/api/admin/tickets/${ref}/status`, { status, note: 'Đã xử lý' });

/** Waits until the outbox has recorded what became of the ticket's satisfaction question (delivered or failed). */
async function asked(url: string, ref: string): Promise<Ticket> {
  for (;;) {
    const ticket = await getJson<Ticket>(url, `/api/admin/tickets/${ref}`);
    if (['delivered', 'failed'].includes(ticket.satisfaction?.delivery?.state ?? '')) return ticket;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.dispose();
  bot = undefined;
  vi.unstubAllEnvs();
});

async function start(): Promise<TestBot> {
  vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
  vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
  vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
  return (bot = await startBot());
}

describe('the satisfaction question', () => {
  it('reaches a citizen on the web widget once their ticket is resolved, and the answer and comment appear on the ticket', async () => {
    const { url } = await start();
    const { conversationId, token } = await startConversation(url, 'dl-citizen');
    const activities = `${url}/v3/directline/conversations/${conversationId}/activities`;
    const postText = (text: string) =>
      call(activities, { method: 'POST', token, body: { type: 'message', from: { id: 'dl-citizen' }, text } });
    const botSaid = async () =>
      (
        (await call(activities, { token })).body.activities as Array<{
          from: { id: string };
          text?: string;
          suggestedActions?: { actions: Array<{ title: string; value: string }> };
        }>
      ).filter((a) => a.from.id !== 'dl-citizen');
    for (const text of ['Góp ý – khiếu nại', 'Khiếu nại', 'Bưu gửi chưa tới sau 5 ngày', 'Nguyễn Văn An', '0912 345 678', 'Xác nhận'])
      expect((await postText(text)).status).toBe(200);
    const ref = /mã phiếu ([A-Z]{2}-[2-9A-Z]{4})/u.exec((await botSaid()).at(-1)?.text ?? '')?.[1];
    expect(ref).toBeDefined();

    expect((await setStatus(url, ref!, 'resolved')).status).toBe(200);
    expect((await asked(url, ref!)).satisfaction?.delivery?.state).toBe('delivered');
    const question = (await botSaid()).at(-1)!;
    expect(question.text).toBe(`Dạ, về phiếu ${ref}, ${QUESTION}`);
    expect(question.suggestedActions?.actions.map((a) => [a.title, a.value])).toEqual([
      ['1 – Rất không hài lòng', '1'],
      ['2 – Không hài lòng', '2'],
      ['3 – Bình thường', '3'],
      ['4 – Hài lòng', '4'],
      ['5 – Rất hài lòng', '5'],
    ]);

    await postText('4');
    expect((await botSaid()).at(-1)?.text).toContain('cảm ơn Quý khách đã đánh giá');
    await postText('Nhân viên gọi lại rất nhanh');
    expect((await botSaid()).at(-1)?.text).toContain('đã chuyển góp ý');
    const ticket = await getJson<Ticket>(url, `/api/admin/tickets/${ref}`);
    expect(ticket.satisfaction).toMatchObject({ score: 4, comment: 'Nhân viên gọi lại rất nhanh', answeredAt: expect.any(String) });

    // Asked once: resolved again after a reopening, nothing more is asked; a "5" now is an ordinary message.
    const count = (await botSaid()).length;
    expect((await post(url, `/api/admin/tickets/${ref}/reopen`, { note: 'Khách phản hồi thêm' })).status).toBe(200);
    expect((await setStatus(url, ref!, 'resolved')).status).toBe(200);
    await postText('5');
    const after = (await botSaid()).slice(count).map((a) => a.text ?? '');
    expect(after.some((text) => text.includes(QUESTION))).toBe(false);
    expect((await getJson<Ticket>(url, `/api/admin/tickets/${ref}`)).satisfaction?.score).toBe(4);

    const stats = await getJson<StatsFigures>(url, '/api/admin/stats');
    expect(stats.satisfaction).toMatchObject({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
    expect(stats.satisfaction.comments).toEqual([
      expect.objectContaining({ score: 4, text: 'Nhân viên gọi lại rất nhanh', about: `phiếu ${ref}` }),
    ]);
  });

  it('asks after staff close a live chat, with the choice and an inline comment kept on the chat', async () => {
    const { url } = await start();
    const connector = await startRecordingServer({ connector: true });
    try {
      const serviceUrl = `${connector.url}/`;
      await exchange(url, activity('chat-1', { text: 'gặp nhân viên', serviceUrl }));
      const { handoffs } = await getJson<{ handoffs: Array<{ id: string }> }>(url, '/api/admin/handoffs');
      const id = handoffs[0]!.id;
      await post(url, `/api/admin/handoffs/${id}/messages`, { text: 'Dạ, em nghe ạ' });
      const before = connector.received.length;
      expect((await post(url, `/api/admin/handoffs/${id}/close`, {})).status).toBe(200);
      const [ended, question] = (await connector.waitFor(before + 2)).slice(before);
      expect(ended!.body.text).toContain('nhân viên đã kết thúc');
      expect(question!.body.text).toBe(`Dạ, ${QUESTION}`);

      const [thanks] = await exchange(url, activity('chat-1', { text: '2 chờ hơi lâu', serviceUrl }));
      expect(meta(thanks)?.intent).toBe('satisfaction');
      expect(actionTitles(thanks)).toEqual([]);
      const record = await getJson<HandoffRecord>(url, `/api/admin/handoffs/${id}`);
      expect(record.satisfaction).toMatchObject({ score: 2, comment: 'chờ hơi lâu', delivery: { state: 'delivered' } });
      // The next message is answered as usual.
      expect(meta((await exchange(url, activity('chat-1', { text: 'số tổng đài hỗ trợ là gì', serviceUrl })))[0])?.intent).toBe('answer');
    } finally {
      await connector.close();
    }
  });

  it('asks after a restart between closing the chat and sending: the question was stored with the close', async () => {
    const { url, dataDir, knowledgeDir } = await start();
    const connector = await startRecordingServer({ connector: true });
    try {
      const serviceUrl = `${connector.url}/`;
      await exchange(url, activity('chat-2', { text: 'gặp nhân viên', serviceUrl }));
      const { handoffs } = await getJson<{ handoffs: Array<{ id: string }> }>(url, '/api/admin/handoffs');
      const id = handoffs[0]!.id;
      // The sender stops (as in a crash right after the write): the close is stored, nothing is sent.
      await bot!.app.services.outbox.stop();
      expect((await post(url, `/api/admin/handoffs/${id}/close`, {})).status).toBe(200);
      await bot!.stop();
      bot = undefined;
      expect(connector.received).toEqual([]);

      // Started again on the same files: the closing notice and the question go out, once each.
      bot = await startBot({ dataDir, knowledgeDir });
      const [ended, question] = await connector.waitFor(2);
      expect(ended!.body.text).toContain('nhân viên đã kết thúc');
      expect(question!.body.text).toBe(`Dạ, ${QUESTION}`);
      await exchange(bot.url, activity('chat-2', { text: '5', serviceUrl }));
      const record = await getJson<HandoffRecord>(bot.url, `/api/admin/handoffs/${id}`);
      expect(record.satisfaction).toMatchObject({ score: 5, delivery: { state: 'delivered', attempts: 1 } });
      expect(connector.received.filter((r) => r.body.text?.includes(QUESTION))).toHaveLength(1);
    } finally {
      await connector.close();
    }
  });

  it('asks on Zalo with numbered choices inside the messaging window, and not outside it', async () => {
    const fake = await startZaloFake({ accessToken: 'access-live', refreshToken: 'refresh-live' });
    vi.stubEnv('ZALO_OA_APP_ID', fake.oa.appId);
    vi.stubEnv('ZALO_OA_SECRET_KEY', fake.oa.oaSecretKey);
    vi.stubEnv('ZALO_APP_SECRET', fake.oa.appSecret);
    vi.stubEnv('ZALO_OA_ACCESS_TOKEN', 'access-live');
    vi.stubEnv('ZALO_OA_REFRESH_TOKEN', 'refresh-live');
    vi.stubEnv('ZALO_OA_API_URL', fake.url);
    vi.stubEnv('ZALO_OAUTH_URL', fake.url);
    try {
      const { url } = await start();
      let sequence = 0;
      const textsTo = (userId: string): string[] => fake.oa.sent.filter((m) => m.userId === userId).map((m) => m.text);
      const say = async (userId: string, text: string): Promise<string> => {
        const before = textsTo(userId).length;
        const event = {
          app_id: fake.oa.appId,
          timestamp: String(Date.now()),
          event_name: 'user_send_text',
          sender: { id: userId },
          recipient: { id: '3662729599332560487' },
          message: { msg_id: `s${++sequence}`, text },
        };
        const raw = JSON.stringify(event);
        await fetch(`${url}/api/zalo/oa`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-zevent-signature': zaloMac(fake.oa.appId, raw, event.timestamp, fake.oa.oaSecretKey),
          },
          body: raw,
        });
        await fake.until(() => textsTo(userId).length > before, `the reply to "${text}"`);
        return textsTo(userId).slice(before).join('\n');
      };
      const file = async (userId: string): Promise<string> => {
        for (const text of ['góp ý khiếu nại', '1', 'Bưu tá giao hàng muộn 3 ngày', 'Hoàng Thị Dung', '0386 123 456'])
          await say(userId, text);
        return /mã phiếu (KN-[2-9A-Z]{4})/u.exec(await say(userId, '1'))![1]!;
      };

      const ref = await file('zalo-citizen');
      expect((await setStatus(url, ref, 'resolved')).status).toBe(200);
      await fake.until(() => textsTo('zalo-citizen').some((t) => t.includes(QUESTION)), 'the satisfaction question');
      expect(textsTo('zalo-citizen').at(-1)).toMatch(
        /1\. 1 – Rất không hài lòng\n2\. 2 – Không hài lòng\n3\. 3 – Bình thường\n4\. 4 – Hài lòng\n5\. 5 – Rất hài lòng/u,
      );
      expect(await say('zalo-citizen', '5')).toContain('cảm ơn Quý khách đã đánh giá');
      // "1" is the one choice of the thanks: Bỏ qua.
      expect(await say('zalo-citizen', '1')).toBe('Dạ, cảm ơn Quý khách. Quý khách cần hỗ trợ gì cứ nhắn cho bot ạ.');
      expect((await getJson<Ticket>(url, `/api/admin/tickets/${ref}`)).satisfaction).toMatchObject({ score: 5 });

      // Eight days after the citizen's last message, Zalo allows no message: the question is not sent.
      const late = await file('zalo-late');
      const eightDays = new Date(Date.now() + 8 * 86_400_000);
      vi.useFakeTimers({ now: eightDays, toFake: ['Date'] });
      const sent = fake.oa.sent.length;
      expect((await setStatus(url, late, 'resolved')).status).toBe(200);
      const ticket = await asked(url, late);
      vi.useRealTimers();
      expect(ticket.satisfaction?.delivery).toMatchObject({ state: 'failed', lastError: 'outside the channel messaging window' });
      expect(fake.oa.sent.slice(sent).some((m) => m.text.includes(QUESTION))).toBe(false);
    } finally {
      await bot?.dispose();
      bot = undefined;
      await fake.close();
    }
  });
});
