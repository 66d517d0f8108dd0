// Thống kê end to end: citizens' turns, ratings, handoffs and tickets through the real service are counted
// per day and channel and given back by GET /api/admin/stats (401 without credentials) with the figures
// of the issue and a CSV of the daily table; the counts survive a restart; two instances writing to one
// store (each its own record of the day) add up, however their writes interleave.
import { MemoryStorage } from 'botbuilder';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StatsFigures } from '../src/services/statsReport.js';
import { StatsRecorder } from '../src/services/statsRecorder.js';
import { StatsReport } from '../src/services/statsReport.js';
import { localTime } from '../src/text/vnTime.js';
import { activity, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { fileTicket } from './helpers/tickets.js';

const ADMIN_TOKEN = 'stats-admin-token-5e7a1c-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function stats(url: string, query = ''): Promise<StatsFigures> {
  const response = await fetch(`${url}/api/admin/stats${query}`, { headers: auth });
  expect(response.status).toBe(200);
  return (await response.json()) as StatsFigures;
}

describe('Thống kê', () => {
  let connector: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    connector = await startRecordingServer({ connector: true });
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    bot = await startBot();
  });
  afterEach(() => undefined);
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
    vi.unstubAllEnvs();
  });

  const say = async (conversation: string, text: string) =>
    (await exchange(bot.url, activity(conversation, { text, serviceUrl: `${connector.url}/` })))[0];

  it('refuses without credentials and a wrong period', async () => {
    expect((await fetch(`${bot.url}/api/admin/stats`)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/admin/stats`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    for (const query of [
      '?from=2026-13-01',
      '?from=2026-02-02&to=2026-02-01',
      '?channel=fax',
      '?from=2020-01-01&to=2026-01-01',
      '?format=xml',
    ])
      expect((await fetch(`${bot.url}/api/admin/stats${query}`, { headers: auth })).status, query).toBe(400);
  });

  it('counts conversations, answers, fallbacks, ratings, handoffs and tickets of the day, and gives the daily CSV', async () => {
    const today = localTime(new Date()).date;
    const answered = await say('s-1', 'số tổng đài hỗ trợ là gì');
    expect(meta(answered)?.intent).toBe('answer');
    expect(meta(await say('s-1', '👎'))?.intent).toBe('rating');
    expect(meta(await say('s-2', 'số tổng đài hỗ trợ là gì'))?.intent).toBe('answer');
    expect(meta(await say('s-2', '👍'))?.intent).toBe('rating');
    expect(meta(await say('s-3', 'giá vàng hôm nay bao nhiêu'))?.intent).toBe('fallback');

    // Two handoffs: one answered by staff, one closed without an answer.
    await say('s-4', 'gặp nhân viên');
    await say('s-5', 'gặp nhân viên');
    const { handoffs } = (await (await fetch(`${bot.url}/api/admin/handoffs`, { headers: auth })).json()) as {
      handoffs: Array<{ id: string }>;
    };
    expect(handoffs).toHaveLength(2);
    expect((await post(bot.url, `/api/admin/handoffs/${handoffs[0]!.id}/messages`, { text: 'Dạ, em nghe ạ' })).status).toBe(200);
    for (const { id } of handoffs) expect((await post(bot.url, `/api/admin/handoffs/${id}/close`, {})).status).toBe(200);

    // Three tickets: one resolved, one rejected, one left open.
    const refs = [];
    for (const conversation of ['s-6', 's-7', 's-8'])
      refs.push(await fileTicket(bot.url, conversation, { serviceUrl: `${connector.url}/` }));
    expect((await post(bot.url, `/api/admin/tickets/${refs[0]}/status`, { status: 'resolved', note: 'Đã phát' })).status).toBe(200);
    expect((await post(bot.url, `/api/admin/tickets/${refs[1]}/status`, { status: 'rejected', note: 'Sai mã' })).status).toBe(200);
    expect((await post(bot.url, `/api/admin/tickets/${refs[2]}/status`, { status: 'in_progress', note: '' })).status).toBe(200);

    const figures = await stats(bot.url);
    expect(figures).toMatchObject({
      from: today,
      to: today,
      channel: 'all',
      conversations: 8,
      // 5 above, 2 handoff requests, 3 × 6 ticket steps
      messages: 25,
      answered: 2,
      fallbacks: 1,
      up: 1,
      down: 1,
      handoffs: { requested: 2, served: 1, notServed: 1, waitMedianSeconds: expect.any(Number) },
      tickets: { opened: 3, resolved: 1, rejected: 1, openAtEnd: 1, resolveMedianSeconds: expect.any(Number) },
    });
    expect(figures.answeredShare).toBeCloseTo(2 / (2 + 1 + figures.clarifications));
    expect(figures.topics[0]).toMatchObject({ count: 2, title: expect.any(String) });
    expect(figures.unanswered.flatMap((g) => g.examples)).toEqual(
      expect.arrayContaining(['giá vàng hôm nay bao nhiêu', 'số tổng đài hỗ trợ là gì']),
    );
    expect(figures.heat.flat().reduce((a, b) => a + b, 0)).toBe(25);
    expect(figures.days).toEqual([expect.objectContaining({ day: today, conversations: 8, ticketsOpened: 3 })]);
    expect((await stats(bot.url, '?channel=web')).messages).toBe(0);
    expect((await stats(bot.url, '?channel=other')).messages).toBe(25);

    const csv = await fetch(`${bot.url}/api/admin/stats?format=csv`, { headers: auth });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A BOM first, so that spreadsheets read it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Ngày,Cuộc trò chuyện,Tin nhắn của khách,/u);
    expect(lines[1]).toMatch(new RegExp(`^${today},8,25,2,1,`, 'u'));
  });

  it('keeps the counts across a restart', async () => {
    const before = await stats(bot.url);
    await bot.stop();
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    expect(await stats(bot.url)).toEqual(before);
  });
});

describe('several instances', () => {
  it('adds up what each instance wrote to its own record of the day, whatever the interleaving', async () => {
    const storage = new MemoryStorage();
    const now = () => new Date('2026-03-02T03:00:00Z');
    const [a, b] = [new StatsRecorder(storage, now, 'instance-a'), new StatsRecorder(storage, now, 'instance-b')];
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 50; i++) {
      a.message('webchat', i % 10 === 0);
      b.message('zalo', i % 5 === 0);
      b.reply('zalo', { intent: 'fallback', text: '' }, `câu hỏi ${i % 3}`);
      if (i % 7 === 0) writes.push(a.flush(), b.flush());
    }
    await Promise.all([...writes, a.flush(), b.flush()]);
    // A third instance, with nothing of its own, reads both.
    const figures = await new StatsReport(storage, new StatsRecorder(storage, now, 'reader'), now).figures(
      '2026-03-02',
      '2026-03-02',
      'all',
      () => undefined,
    );
    expect(figures).toMatchObject({ messages: 100, conversations: 15, fallbacks: 50 });
    expect(figures.heat[0]![10]).toBe(100);
    expect(figures.unanswered.reduce((sum, g) => sum + g.count, 0)).toBe(50);
  });
});
