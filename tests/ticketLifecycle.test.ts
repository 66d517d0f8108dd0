// Tickets worked by staff, end to end: the admin API (bearer token) moves a ticket through its statuses with
// notes; each change is kept in the history and the citizen is told in their conversation, channel and
// language through a fake Bot Framework connector; a failed send or a closed Zalo window is recorded on the
// ticket, tried once, and the change stands; "tình trạng phiếu <ref>" shows the status and the latest note.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashId } from '../src/services/records.js';
import type { Ticket } from '../src/ticket.js';
import { activity, carriesOutcome, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { DETAILS_VI, fileTicket } from './helpers/tickets.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';

const ADMIN_TOKEN = 'lifecycle-admin-token-3b9a';

function admin(url: string, path: string, init: { method?: string; body?: string; token?: string | null } = {}): Promise<Response> {
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  return fetch(`${url}/api/admin/tickets${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body,
  });
}

const setStatus = (url: string, ref: string, status: string, note?: string): Promise<Response> =>
  admin(url, `/${ref}/status`, { method: 'POST', body: JSON.stringify({ status, note }) });

async function ticket(url: string, ref: string): Promise<Ticket> {
  return (await (await admin(url, `/${ref}`)).json()) as Ticket;
}

/** Waits until change `index` of the ticket has its notice recorded. */
async function noticed(url: string, ref: string, index: number): Promise<Ticket> {
  for (;;) {
    const t = await ticket(url, ref);
    if (t.history[index]?.notice) return t;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ticket lifecycle', () => {
  let connector: RecordingServer;
  let refusing: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    connector = await startRecordingServer({ connector: true });
    refusing = await startRecordingServer({ connector: true, status: 403 });
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
    await refusing.close();
    vi.unstubAllEnvs();
  });

  it('moves a ticket through its statuses, keeps the history, and tells the citizen each time', async () => {
    const serviceUrl = `${connector.url}/`;
    const ref = await fileTicket(bot.url, 'worked', { serviceUrl });
    const fresh = await ticket(bot.url, ref);
    expect(fresh).toMatchObject({ ref, status: 'new', history: [], kind: 'complaint', details: DETAILS_VI, phone: '0912345678' });

    const response = await setStatus(bot.url, ref.toLowerCase(), 'in_progress', 'Đã liên hệ bưu cục phát');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ref, status: 'in_progress' });
    const [told] = await connector.waitFor(1);
    expect(told!.path).toMatch(/^\/v3\/conversations\/worked\/activities/u);
    expect(told!.body.text).toBe(
      `Dạ, phiếu ${ref} của Quý khách đã được cập nhật: đang xử lý. Ghi chú của nhân viên: Đã liên hệ bưu cục phát`,
    );
    const worked = await noticed(bot.url, ref, 0);
    // Told once the notice is recorded, after the proactive turn ended.
    expect(meta(told!.body)?.intent).toBe('ticketUpdate');
    expect(carriesOutcome([told!.body])).toBe(false);
    expect(worked.history).toEqual([
      {
        status: 'in_progress',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/u),
        by: 'api',
        note: 'Đã liên hệ bưu cục phát',
        notice: expect.objectContaining({ status: 'sent' }),
      },
    ]);

    const [status] = await exchange(bot.url, activity('worked', { text: `tình trạng phiếu ${ref}`, serviceUrl }));
    expect(meta(status)?.intent).toBe('ticketStatus');
    expect(status!.text).toContain('đang xử lý');
    expect(status!.text).toContain('Ghi chú của nhân viên: Đã liên hệ bưu cục phát');

    expect((await setStatus(bot.url, ref, 'resolved', 'Bưu gửi đã phát thành công ngày 20/11')).status).toBe(200);
    const [, resolved] = await connector.waitFor(2);
    expect(resolved!.body.text).toContain('đã giải quyết. Ghi chú của nhân viên: Bưu gửi đã phát thành công ngày 20/11');
    const done = await noticed(bot.url, ref, 1);
    expect(done.status).toBe('resolved');
    expect(done.history.map((h) => h.status)).toEqual(['in_progress', 'resolved']);

    const csv = await (await admin(bot.url, '?format=csv')).text();
    expect(csv).toContain(`${ref},Khiếu nại,Đã giải quyết,`);
  });

  it('tells a citizen who wrote in English in English, and a rejection gives its reason', async () => {
    const ref = await fileTicket(bot.url, 'english', { serviceUrl: `${connector.url}/` }, 'My parcel is late, please help me', 'en');
    const before = connector.received.length;
    expect((await setStatus(bot.url, ref, 'rejected')).status).toBe(400);
    expect((await setStatus(bot.url, ref, 'rejected', 'The parcel was sent by another carrier')).status).toBe(200);
    const told = (await connector.waitFor(before + 1))[before]!;
    expect(told.body.text).toBe(
      `Update on your ticket ${ref}: could not be resolved. Note from our staff: The parcel was sent by another carrier`,
    );
  });

  it('records a failed send once, without retrying, and keeps the change', async () => {
    const ref = await fileTicket(bot.url, 'refused', { serviceUrl: `${refusing.url}/` });
    const sent = refusing.received.length;
    expect((await setStatus(bot.url, ref, 'in_progress', 'Đang kiểm tra')).status).toBe(200);
    const t = await noticed(bot.url, ref, 0);
    expect(t.status).toBe('in_progress');
    expect(t.history[0]!.notice).toMatchObject({ status: 'failed', reason: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refusing.received.length).toBe(sent + 1);
  });

  it('skips a Zalo citizen whose 7-day window has closed, and records why', async () => {
    // /api/messages serves no Zalo conversation without credentials: the ticket is filed on the test channel
    // and stored as a Zalo citizen's whose last message was eight days ago.
    const ref = await fileTicket(bot.url, 'zalo-old', { serviceUrl: `${connector.url}/`, channelId: 'test' });
    const key = `citizen/tickets/${ref}`;
    const inboundKey = `citizen/last-inbound/${hashId('zalo', 'zalo-old')}`;
    const stored = await bot.app.storage.read([key]);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    await bot.app.storage.write({
      [key]: { ...stored[key], channelId: 'zalo', createdAt: eightDaysAgo },
      [inboundKey]: { at: eightDaysAgo },
    });
    const before = connector.received.length;
    expect((await setStatus(bot.url, ref, 'resolved', 'Đã xử lý')).status).toBe(200);
    const t = await noticed(bot.url, ref, 0);
    expect(t.history[0]!.notice).toMatchObject({ status: 'skipped', reason: 'outside the channel messaging window' });
    expect(connector.received.length).toBe(before);
  });

  it('answers 401 without credentials, 404 for an unknown ref, 400 for a bad status or body', async () => {
    const ref = await fileTicket(bot.url, 'checks', { serviceUrl: `${connector.url}/` });
    expect((await admin(bot.url, `/${ref}`, { token: null })).status).toBe(401);
    expect((await admin(bot.url, `/${ref}`, { token: 'wrong' })).status).toBe(401);
    expect((await admin(bot.url, `/${ref}/status`, { method: 'POST', body: '{"status":"resolved"}', token: null })).status).toBe(401);
    expect((await admin(bot.url, '/KN-2222')).status).toBe(404);
    expect((await admin(bot.url, '/..%2Fstaff')).status).toBe(404);
    expect((await setStatus(bot.url, 'KN-2222', 'resolved', 'x')).status).toBe(404);
    expect((await setStatus(bot.url, ref, 'done', 'x')).status).toBe(400);
    expect((await setStatus(bot.url, ref, 'new', 'x')).status).toBe(400);
    expect((await admin(bot.url, `/${ref}/status`, { method: 'POST', body: '{"status": "resolved",' })).status).toBe(400);
    expect((await admin(bot.url, `/${ref}/status`, { method: 'POST', body: '["resolved"]' })).status).toBe(400);
    expect(
      (await admin(bot.url, `/${ref}/status`, { method: 'POST', body: JSON.stringify({ status: 'resolved', note: 'x'.repeat(1001) }) }))
        .status,
    ).toBe(400);
    expect((await ticket(bot.url, ref)).status).toBe('new');
  });
});
