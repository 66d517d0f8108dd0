// Personal data kept only as long as allowed: RETENTION_DAYS (default 365; anything but a positive whole
// number stops the start naming it); the sweep deletes closed tickets, ended chats and the unanswered log
// older than that while open tickets and Thống kê's counts of the day stay; staff find, export and delete
// everything held about one phone number or reference, with a confirmation and a history line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { StatsFigures } from '../src/services/statsReport.js';
import type { PersonalData, PrivacyLine } from '../src/services/retention.js';
import { activity, exchange, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer } from './helpers/citizenFakes.js';
import { fileTicket } from './helpers/tickets.js';

const ADMIN_TOKEN = 'retention-admin-token-91b3-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (url: string, path: string) => fetch(`${url}${path}`, { headers: auth });

describe('RETENTION_DAYS', () => {
  it('is 365 by default and stops the start when it is not a positive whole number', () => {
    expect(loadConfig({}).citizen.retentionDays).toBe(365);
    expect(loadConfig({ RETENTION_DAYS: '30' }).citizen.retentionDays).toBe(30);
    for (const wrong of ['0', '-5', '1.5', 'một năm'])
      expect(() => loadConfig({ RETENTION_DAYS: wrong }), wrong).toThrow(/^RETENTION_DAYS: /u);
  });
});

describe('personal data', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await bot?.dispose();
    bot = undefined;
    vi.unstubAllEnvs();
  });

  it('sweeps closed tickets and ended chats past RETENTION_DAYS, and the day keeps its counts', async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    vi.stubEnv('RETENTION_DAYS', '30');
    const connector = await startRecordingServer({ connector: true });
    try {
      bot = await startBot();
      const { url } = bot;
      const serviceUrl = `${connector.url}/`;
      const closed = await fileTicket(url, 'r-1', { serviceUrl });
      const open = await fileTicket(url, 'r-2', { serviceUrl });
      expect((await post(url, `/api/admin/tickets/${closed}/status`, { status: 'resolved', note: 'Xong' })).status).toBe(200);
      await exchange(url, activity('r-3', { text: 'gặp nhân viên', serviceUrl }));
      const { handoffs } = (await (await get(url, '/api/admin/handoffs')).json()) as { handoffs: Array<{ id: string }> };
      expect((await post(url, `/api/admin/handoffs/${handoffs[0]!.id}/close`, {})).status).toBe(200);
      await exchange(url, activity('r-4', { text: 'giá vàng hôm nay bao nhiêu', serviceUrl }));
      const day = (await (await get(url, '/api/admin/stats')).json()) as StatsFigures;

      // Not yet: 30 days have not passed.
      expect(await bot.app.services.privacy.sweep()).toEqual({ tickets: 0, chats: 0, gapDays: 0 });

      vi.useFakeTimers({ now: Date.now() + 31 * 86_400_000, toFake: ['Date'] });
      expect(await bot.app.services.privacy.sweep()).toEqual({ tickets: 1, chats: 1, gapDays: 1 });
      expect((await get(url, `/api/admin/tickets/${closed}`)).status).toBe(404);
      expect((await get(url, `/api/admin/tickets/${open}`)).status).toBe(200);
      // The console's list (kept in memory) no longer shows it either.
      const listed = (await (await get(url, '/api/admin/tickets')).json()) as { tickets: Array<{ ref: string }> };
      expect(listed.tickets.map((t) => t.ref)).toEqual([open]);
      expect((await get(url, `/api/admin/handoffs/${handoffs[0]!.id}`)).status).toBe(404);
      expect(((await (await get(url, '/api/admin/gaps')).json()) as { questions: number }).questions).toBe(0);
      // The day's counts stay.
      const after = (await (await get(url, `/api/admin/stats?from=${day.from}&to=${day.to}`)).json()) as StatsFigures;
      expect(after).toMatchObject({
        conversations: day.conversations,
        messages: day.messages,
        fallbacks: 1,
        handoffs: { requested: 1 },
        tickets: { opened: 2, resolved: 1 },
      });
      const { history } = (await (await get(url, `/api/admin/privacy?ref=${open}`)).json()) as { history: PrivacyLine[] };
      expect(history[0]).toMatchObject({ action: 'sweep', by: 'RETENTION_DAYS', tickets: 1, chats: 1 });
    } finally {
      await connector.close();
    }
  });

  it('finds, exports and deletes what is held about a phone number, with a confirmation and a history line', async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    bot = await startBot();
    const { url } = bot;
    const first = await fileTicket(url, 'p-1', {});
    const second = await fileTicket(url, 'p-2', {});
    expect((await fetch(`${url}/api/admin/privacy?phone=0912345678`)).status).toBe(401);
    expect((await get(url, '/api/admin/privacy?phone=12')).status).toBe(400);

    const found = (await (await get(url, '/api/admin/privacy?phone=0912.345.678')).json()) as PersonalData;
    expect(found.tickets.map((t) => t.ref).sort()).toEqual([first, second].sort());
    expect(
      ((await (await get(url, `/api/admin/privacy?ref=${first.toLowerCase()}`)).json()) as PersonalData).tickets.map((t) => t.ref),
    ).toEqual([first]);

    const exported = await get(url, '/api/admin/privacy/export?phone=0912345678');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(((await exported.json()) as PersonalData).tickets).toHaveLength(2);

    expect((await post(url, '/api/admin/privacy/delete', { phone: '0912345678' })).status).toBe(400);
    expect((await post(url, '/api/admin/privacy/delete', { phone: '0912345678', confirm: '0912345679' })).status).toBe(400);
    expect((await get(url, `/api/admin/tickets/${first}`)).status).toBe(200);
    const list = async () => ((await (await get(url, '/api/admin/tickets?q=0912345678')).json()) as { total: number }).total;
    expect(await list()).toBe(2);
    const deleted = await post(url, '/api/admin/privacy/delete', { phone: '0912345678', confirm: '0912 345 678' });
    expect(await deleted.json()).toEqual({ deleted: { tickets: 2, chats: 0 } });
    expect((await get(url, `/api/admin/tickets/${first}`)).status).toBe(404);
    expect((await get(url, `/api/admin/tickets/${second}`)).status).toBe(404);
    expect(await list()).toBe(0);
    const { tickets, history } = (await (await get(url, '/api/admin/privacy?phone=0912345678')).json()) as PersonalData & {
      history: PrivacyLine[];
    };
    expect(tickets).toEqual([]);
    expect(history.slice(0, 2)).toMatchObject([
      { action: 'delete', by: 'api', subject: '0912***678', tickets: 2 },
      { action: 'export', by: 'api', subject: '0912***678', tickets: 2 },
    ]);
  });
});
