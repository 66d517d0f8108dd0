// Tickets worked by staff, end to end: the admin API (bearer token) moves a ticket through its statuses with
// notes; each change is kept in the history and the citizen is told in their conversation, channel and
// language through a fake Bot Framework connector, by the outbox: a failed send is retried with back-off and
// each try recorded on the message, a closed Zalo window is recorded, and the change stands either way;
// "tình trạng phiếu <ref>" shows the status and the latest note.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from '../src/services/outbox.js';
import { hashId } from '../src/services/records.js';
import type { Ticket } from '../src/ticket.js';
import { activity, carriesOutcome, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { DETAILS_VI, fileTicket } from './helpers/tickets.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';

const ADMIN_TOKEN = 'lifecycle-admin-token-3b9a-0123456789abc';

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

/** Waits until the message of change `index` of the ticket is delivered or given up. */
async function noticed(url: string, ref: string, index: number): Promise<Ticket> {
  for (;;) {
    const t = await ticket(url, ref);
    if (['delivered', 'failed'].includes(t.history[index]?.notice?.state ?? '')) return t;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ticket lifecycle', () => {
  let connector: RecordingServer;
  let refusing: RecordingServer;
  let flaky: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OUTBOX_RETRY_MS', '20');
    connector = await startRecordingServer({ connector: true });
    refusing = await startRecordingServer({ connector: true, status: 403 });
    flaky = await startRecordingServer({ connector: true, failFirst: 1 });
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
    await refusing.close();
    await flaky.close();
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
        noticeId: expect.any(String),
        notice: expect.objectContaining({ state: 'delivered', attempts: 1, repeats: 0, text: told!.body.text }),
      },
    ]);
    expect(worked.notices).toEqual([worked.history[0]!.notice]);
    expect(worked).not.toHaveProperty('outbox');

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
    expect(parse(csv, { bom: true })).toContainEqual(expect.arrayContaining([ref, 'Khiếu nại', 'Đã giải quyết']));
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

  it('retries a refused send with back-off, records each try and why, gives up after the last, and keeps the change', async () => {
    const ref = await fileTicket(bot.url, 'refused', { serviceUrl: `${refusing.url}/` });
    const sent = refusing.received.length;
    expect((await setStatus(bot.url, ref, 'in_progress', 'Đang kiểm tra')).status).toBe(200);
    const t = await noticed(bot.url, ref, 0);
    expect(t.status).toBe('in_progress');
    expect(t.history[0]!.notice).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, lastError: expect.any(String) });
    expect(refusing.received.length).toBe(sent + MAX_ATTEMPTS);
  });

  it('delivers on the next try when the first one fails', async () => {
    const ref = await fileTicket(bot.url, 'flaky', { serviceUrl: `${flaky.url}/` });
    expect((await setStatus(bot.url, ref, 'in_progress', 'Đang kiểm tra lại')).status).toBe(200);
    const t = await noticed(bot.url, ref, 0);
    expect(t.history[0]!.notice).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(flaky.received.filter((r) => r.body.text?.includes('Đang kiểm tra lại'))).toHaveLength(2);
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
      [key]: {
        ...stored[key],
        channelId: 'zalo',
        createdAt: eightDaysAgo,
        reference: { ...(stored[key] as Ticket).reference, channelId: 'zalo' },
      },
      [inboundKey]: { at: eightDaysAgo },
    });
    const before = connector.received.length;
    expect((await setStatus(bot.url, ref, 'resolved', 'Đã xử lý')).status).toBe(200);
    const t = await noticed(bot.url, ref, 0);
    expect(t.history[0]!.notice).toMatchObject({ state: 'failed', attempts: 1, lastError: 'outside the channel messaging window' });
    expect(connector.received.length).toBe(before);
  });

  it('applies a change retried with the same Idempotency-Key once, and answers the retry with the first answer', async () => {
    const ref = await fileTicket(bot.url, 'retried', { serviceUrl: `${connector.url}/` });
    const before = connector.received.length;
    const post = (key: string, path = `/${ref}/status`, status = 'in_progress') =>
      fetch(`${bot.url}/api/admin/tickets${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ status, note: 'Một lần thôi' }),
      });
    // The console lost the first answer and sends again; a second retry comes at the same moment.
    const first = await post('change-1');
    const [again, concurrent] = await Promise.all([post('change-1'), post('change-1')]);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const body = await first.json();
    expect(await again.json()).toEqual(body);
    expect(await concurrent.json()).toEqual(body);
    const t = await noticed(bot.url, ref, 0);
    expect(t.history).toHaveLength(1);
    expect(connector.received.filter((r) => r.body.text?.includes('Một lần thôi'))).toHaveLength(1);
    expect(connector.received.length).toBe(before + 1);
    // Another change needs another key; a key reused for another request is refused.
    expect((await post('change-2', `/${ref}/status`, 'resolved')).status).toBe(200);
    expect((await ticket(bot.url, ref)).history).toHaveLength(2);
    const reused = await post('change-1', `/${await fileTicket(bot.url, 'retried-2', { serviceUrl: `${connector.url}/` })}/status`);
    expect(reused.status).toBe(422);
    expect((await post('x'.repeat(101))).status).toBe(400);
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
