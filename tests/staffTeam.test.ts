// A team of staff on the ticket and inbox APIs: every change carries the version it was made on (a stale
// one gets 409 with the current ticket and who changed it), closed tickets stay closed unless reopened with a
// note, internal notes never reach the citizen while Nhắn khách does, Nhận xử lý on tickets and chats (a
// colleague's chat is refused until taken over), ended chats stay readable and searchable, reply templates,
// the list searched and paged on the server (every phone form, names without diacritics, references in any
// spacing), the CSV export read back with a CSV parser, and Server-Sent Events, also between two instances
// on Azurite.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandoffRecord } from '../src/services/handoffService.js';
import type { Ticket } from '../src/ticket.js';
import { startAzurite, type Azurite } from './helpers/azurite.js';
import { activity, ask, exchange, startBot, tempDir, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { addStaff } from './helpers/staffAccounts.js';
import { fileTicket } from './helpers/tickets.js';

const ADMIN_TOKEN = 'team-admin-token-5e2f-0123456789abcdef';
const PASSWORD = 'cskh-bac-kan-2026';

type Caller = { authorization: string } | { cookie: string; 'x-csrf-token': string };
const bearer: Caller = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function signIn(url: string, username: string): Promise<Caller> {
  const response = await fetch(`${url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { csrf } = (await response.json()) as { csrf: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrf };
}

function call(url: string, path: string, body?: unknown, caller: Caller = bearer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...caller, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;

/** The next event on a Server-Sent Events stream that matches. */
async function openEvents(url: string, caller: Caller = bearer) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/admin/events`, { headers: { ...caller }, signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Array<{ type: string; id: string; by: string }> = [];
  return {
    async next(match: (event: { type: string; id: string; by: string }) => boolean) {
      for (;;) {
        const found = events.findIndex(match);
        if (found >= 0) return events.splice(0, found + 1).at(-1)!;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/mu.exec(chunk)?.[1];
          if (data) events.push(JSON.parse(data));
        }
      }
    },
    close: () => controller.abort(),
  };
}

describe('a team on the ticket API', () => {
  let connector: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    connector = await startRecordingServer({ connector: true });
    bot = await startBot({ env: { TICKET_TARGET_HOURS: '2' } });
    await addStaff(bot, 'lan', PASSWORD);
    await addStaff(bot, 'minh', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
    vi.unstubAllEnvs();
  });

  it('applies a change made on a version once: the same request again gets 409 with who changed it', async () => {
    const ref = await fileTicket(bot.url, 'team-version', { serviceUrl: `${connector.url}/` });
    const lan = await signIn(bot.url, 'lan');
    const read = await call(bot.url, `/api/admin/tickets/${ref}`, undefined, lan);
    expect(read.headers.get('etag')).toBe('"0"');
    const before = connector.received.length;
    const change = () =>
      call(bot.url, `/api/admin/tickets/${ref}/status`, { status: 'in_progress', note: 'Đang kiểm tra' }, lan, { 'if-match': '"0"' });
    const [first, second] = await Promise.all([change(), change()]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const refused = (await (first.status === 409 ? first : second).json()) as { reason: string; ticket: Ticket };
    expect(refused).toMatchObject({ reason: 'stale', ticket: { version: 1, updatedBy: 'lan', status: 'in_progress' } });
    expect(await connector.textFor('team-version', before)).toContain('đang xử lý');
    // The version in the body works the same way, for a client that cannot set headers.
    const stale = await call(bot.url, `/api/admin/tickets/${ref}/status`, { status: 'resolved', note: 'x', version: 0 });
    expect(stale.status).toBe(409);
    const ticket = await json<Ticket>(call(bot.url, `/api/admin/tickets/${ref}`));
    expect(ticket.history).toHaveLength(1);
    expect(
      (await call(bot.url, `/api/admin/tickets/${ref}/status`, { status: 'resolved', note: 'x' }, bearer, { 'if-match': 'nonsense' }))
        .status,
    ).toBe(400);
  });

  it('keeps a resolved ticket closed until it is reopened with a note; the status it has is never sent again', async () => {
    const ref = await fileTicket(bot.url, 'team-final', { serviceUrl: `${connector.url}/` });
    const status = (body: object) => call(bot.url, `/api/admin/tickets/${ref}/status`, body);
    expect((await status({ status: 'resolved', note: 'Đã phát' })).status).toBe(200);
    expect(await json(status({ status: 'resolved', note: 'Đã phát' }))).toMatchObject({ reason: 'final' });
    expect(await json(status({ status: 'in_progress' }))).toMatchObject({ reason: 'final' });
    expect((await call(bot.url, `/api/admin/tickets/${ref}/reopen`, { note: '' })).status).toBe(400);
    const before = connector.received.length;
    const reopened = await json<Ticket>(call(bot.url, `/api/admin/tickets/${ref}/reopen`, { note: 'Khách báo chưa nhận được' }));
    expect(reopened).toMatchObject({ status: 'in_progress', version: 2 });
    expect(reopened.history.at(-1)).toMatchObject({ type: 'reopen', status: 'in_progress', note: 'Khách báo chưa nhận được' });
    expect(await connector.textFor('team-final', before)).toContain('đang xử lý. Ghi chú của nhân viên: Khách báo chưa nhận được');
    expect(await json(status({ status: 'in_progress' }))).toMatchObject({ reason: 'unchanged' });
    expect(await json(call(bot.url, `/api/admin/tickets/${ref}/reopen`, { note: 'x' }))).toMatchObject({ reason: 'notFinal' });
  });

  it('keeps internal notes from the citizen and sends Nhắn khách without a status change', async () => {
    const ref = await fileTicket(bot.url, 'team-notes', { serviceUrl: `${connector.url}/` });
    const before = connector.received.length;
    expect((await call(bot.url, `/api/admin/tickets/${ref}/notes`, { text: 'Khách khó tính, gọi sau 17h' })).status).toBe(200);
    const messaged = await json<Ticket>(
      call(bot.url, `/api/admin/tickets/${ref}/messages`, { text: 'Bưu cục sẽ gọi Quý khách chiều nay.' }),
    );
    expect(messaged.status).toBe('new');
    expect(messaged.history.map((h) => h.type)).toEqual(['internal', 'message']);
    // The first message the citizen gets is Nhắn khách: the internal note before it was never sent.
    expect(await connector.textFor('team-notes', before)).toBe(
      `Dạ, về phiếu ${ref}, nhân viên nhắn Quý khách: Bưu cục sẽ gọi Quý khách chiều nay.`,
    );
    const [status] = await ask(bot.url, 'team-notes', `tình trạng phiếu ${ref}`);
    expect(status!.text).toContain('Bưu cục sẽ gọi');
    expect(status!.text).not.toContain('khó tính');
  });

  it('assigns a ticket (Nhận xử lý), records it, and filters Của tôi / Chưa ai nhận', async () => {
    const ref = await fileTicket(bot.url, 'team-assign', {});
    const lan = await signIn(bot.url, 'lan');
    const minh = await signIn(bot.url, 'minh');
    const list = async (query: string, caller: Caller) =>
      (await json<{ tickets: Ticket[] }>(call(bot.url, `/api/admin/tickets?${query}`, undefined, caller))).tickets.map((t) => t.ref);
    expect(await list('owner=none', lan)).toContain(ref);
    expect(await json(call(bot.url, `/api/admin/tickets/${ref}/assign`, {}, lan))).toMatchObject({ owner: 'lan' });
    expect(await list('owner=me', lan)).toContain(ref);
    expect(await list('owner=none', lan)).not.toContain(ref);
    const taken = await json<Ticket>(call(bot.url, `/api/admin/tickets/${ref}/assign`, {}, minh));
    expect(taken.owner).toBe('minh');
    expect(taken.history.map((h) => [h.type, h.by, h.owner])).toEqual([
      ['assign', 'lan', 'lan'],
      ['assign', 'minh', 'minh'],
    ]);
    expect(await list('owner=me', lan)).not.toContain(ref);
  });

  it('searches on the server: every phone form, a reference in any case and spacing, a name without diacritics, a tracking code, text', async () => {
    const ref = await fileTicket(bot.url, 'team-search', {});
    const found = async (q: string) =>
      (await json<{ tickets: Ticket[] }>(call(bot.url, `/api/admin/tickets?q=${encodeURIComponent(q)}`))).tickets.map((t) => t.ref);
    const spaced = `${ref.slice(0, 2).toLowerCase()} ${ref.slice(3).toLowerCase()}`;
    for (const q of [
      '0912 345 678',
      '0912.345.678',
      '0912345678',
      '+84912345678',
      '+84 912 345 678',
      '84912345678',
      spaced,
      ref,
      'nguyen van an',
      'Nguyễn Văn An',
      'cq724476204vn',
      'chua toi',
    ])
      expect(await found(q), q).toContain(ref);
    expect(await found('0987 000 111')).toEqual([]);
    const page = await json<{ tickets: Ticket[]; total: number; page: number }>(call(bot.url, '/api/admin/tickets?pageSize=1&page=2'));
    expect(page).toMatchObject({ page: 2, tickets: [expect.objectContaining({ ref: expect.any(String) })] });
    expect(page.total).toBeGreaterThan(2);
    expect((await call(bot.url, '/api/admin/tickets?pageSize=5000')).status).toBe(400);
  });

  it('exports the filtered list as CSV: BOM, Vietnamese headers and words, formula cells neutralised, every field quoted', async () => {
    const formula = '=HYPERLINK("http://evil.example","Bấm vào đây")';
    const ref = await fileTicket(bot.url, 'team-csv', {}, formula);
    expect((await call(bot.url, `/api/admin/tickets/${ref}/status`, { status: 'rejected', note: 'Không thuộc phạm vi' })).status).toBe(200);
    const response = await call(bot.url, '/api/admin/tickets?format=csv&status=rejected');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = Buffer.from(await response.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(raw.toString('utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['Mã phiếu'])).toEqual([ref]);
    expect(rows[0]).toMatchObject({
      Loại: 'Khiếu nại',
      'Trạng thái': 'Không thể giải quyết',
      'Họ tên': 'Nguyễn Văn An',
      'Quá hạn': 'Không',
    });
    expect(rows[0]!['Nội dung']).not.toMatch(/^[=+\-@]/u);
    expect(rows[0]!['Nội dung']).toContain('HYPERLINK("http://evil.example","Bấm vào đây")');
  });

  it('lets one staff member hold a chat: a colleague is refused until taking it over, and an ended chat stays readable and searchable', async () => {
    const serviceUrl = `${connector.url}/`;
    await exchange(bot.url, activity('team-chat', { text: 'gặp nhân viên', serviceUrl }));
    await exchange(bot.url, activity('team-chat', { text: 'Số của tôi là 0987.654.321, tôi ở Ba Bể', serviceUrl }));
    const lan = await signIn(bot.url, 'lan');
    const minh = await signIn(bot.url, 'minh');
    const [chat] = (await json<{ handoffs: Array<{ id: string; owner?: string }> }>(call(bot.url, '/api/admin/handoffs', undefined, lan)))
      .handoffs;
    const say = (caller: Caller, text: string, takeOver?: boolean) =>
      call(bot.url, `/api/admin/handoffs/${chat!.id}/messages`, { text, takeOver }, caller);
    expect((await say(lan, 'Dạ em là Lan')).status).toBe(200);
    const refused = await say(minh, 'Dạ em là Minh');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reason: 'owned', owner: 'lan', message: 'Cuộc trò chuyện đang do lan xử lý.' });
    expect((await say(minh, 'Dạ em là Minh, em hỗ trợ tiếp', true)).status).toBe(200);
    const held = await json<HandoffRecord>(call(bot.url, `/api/admin/handoffs/${chat!.id}`, undefined, lan));
    expect(held.owner).toBe('minh');
    expect(held.assignments!.map((a) => [a.by, a.owner])).toEqual([
      ['lan', 'lan'],
      ['minh', 'minh'],
    ]);
    expect(held.transcript!.filter((l) => l.from === 'staff').map((l) => l.text)).toEqual([
      'Dạ em là Lan',
      'Dạ em là Minh, em hỗ trợ tiếp',
    ]);

    expect((await call(bot.url, `/api/admin/handoffs/${chat!.id}/close`, {}, minh)).status).toBe(200);
    const ended = await json<HandoffRecord>(call(bot.url, `/api/admin/handoffs/${chat!.id}`, undefined, lan));
    expect(ended).toMatchObject({ status: 'ended', endedBy: 'minh' });
    const late = await say(lan, 'Còn đó không ạ?');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ reason: 'ended', message: 'Cuộc trò chuyện đã kết thúc.' });
    const history = async (query: string) =>
      (await json<{ handoffs: Array<{ id: string }> }>(call(bot.url, `/api/admin/handoffs/history?${query}`))).handoffs.map((h) => h.id);
    for (const q of ['0987654321', '+84 987 654 321', 'ba be', 'Ba Bể'])
      expect(await history(`q=${encodeURIComponent(q)}`), q).toContain(chat!.id);
    expect(await history(`day=${ended.endedAt!.slice(0, 10)}`)).toContain(chat!.id);
    expect(await history('q=khong-co-dau')).not.toContain(chat!.id);
  });

  it('makes a ticket from a chat with its transcript attached', async () => {
    const serviceUrl = `${connector.url}/`;
    await exchange(bot.url, activity('team-chat-ticket', { text: 'gặp nhân viên', serviceUrl }));
    await exchange(bot.url, activity('team-chat-ticket', { text: 'Bưu gửi của tôi bị rách', serviceUrl }));
    const open = (await json<{ handoffs: Array<{ id: string; lastLines: Array<{ text: string }> }> }>(call(bot.url, '/api/admin/handoffs')))
      .handoffs;
    const chat = open.find((c) => c.lastLines.at(-1)?.text === 'Bưu gửi của tôi bị rách')!;
    const { ref } = await json<{ ref: string }>(
      call(bot.url, `/api/admin/handoffs/${chat.id}/ticket`, {
        kind: 'complaint',
        details: 'Bưu gửi bị rách',
        name: 'Hoàng Thị C',
        phone: '0911 222 333',
      }),
    );
    const ticket = await json<Ticket>(call(bot.url, `/api/admin/tickets/${ref}`));
    expect(ticket).toMatchObject({ kind: 'complaint', name: 'Hoàng Thị C', channelId: 'emulator', conversationId: 'team-chat-ticket' });
    expect(ticket.transcript!.map((l) => l.text)).toContain('Bưu gửi của tôi bị rách');
  });

  it('keeps reply templates for every console', async () => {
    const lan = await signIn(bot.url, 'lan');
    expect((await call(bot.url, '/api/admin/reply-templates', { title: '', text: 'x' }, lan)).status).toBe(400);
    // Limits in characters: 60 emoji and 2,000 emoji (twice as many UTF-16 units) fit, one more does not.
    const emoji = (n: number) => '🙂'.repeat(n);
    expect((await call(bot.url, '/api/admin/reply-templates', { title: emoji(61), text: 'x' }, lan)).status).toBe(400);
    expect((await call(bot.url, '/api/admin/reply-templates', { title: 'x', text: emoji(2001) }, lan)).status).toBe(400);
    const long = await json<{ templates: Array<{ id: string }> }>(
      call(bot.url, '/api/admin/reply-templates', { title: emoji(60), text: emoji(2000) }, lan),
    );
    await call(bot.url, '/api/admin/reply-templates/delete', { id: long.templates[0]!.id }, lan);
    const { templates } = await json<{ templates: Array<{ id: string; title: string }> }>(
      call(bot.url, '/api/admin/reply-templates', { title: 'Chào', text: 'Dạ, em chào anh/chị ạ.' }, lan),
    );
    expect(templates.map((t) => t.title)).toEqual(['Chào']);
    expect(await json(call(bot.url, '/api/admin/reply-templates'))).toEqual({ templates });
    expect(await json(call(bot.url, '/api/admin/reply-templates/delete', { id: templates[0]!.id }, lan))).toEqual({ templates: [] });
  });

  it('pushes ticket and chat changes to open consoles as Server-Sent Events', async () => {
    expect((await fetch(`${bot.url}/api/admin/events`)).status).toBe(401);
    const events = await openEvents(bot.url, await signIn(bot.url, 'lan'));
    const ref = await fileTicket(bot.url, 'team-events', {});
    expect(await events.next((e) => e.id === ref)).toEqual({ type: 'ticket', id: ref, by: 'citizen' });
    await call(bot.url, `/api/admin/tickets/${ref}/assign`, {}, await signIn(bot.url, 'minh'));
    expect(await events.next((e) => e.id === ref)).toEqual({ type: 'ticket', id: ref, by: 'minh' });
    await exchange(bot.url, activity('team-events-chat', { text: 'gặp nhân viên', serviceUrl: `${connector.url}/` }));
    expect(await events.next((e) => e.type === 'chat')).toMatchObject({ type: 'chat', by: 'citizen' });
    events.close();
  });
});

describe('two instances on Azurite', () => {
  let azurite: Azurite;
  const bots: TestBot[] = [];
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30_000);
  afterAll(async () => {
    for (const b of bots) await b.dispose();
    await azurite.stop();
    vi.unstubAllEnvs();
  });

  it('tells a console on instance A of a change made on instance B, and A lists the ticket as changed', async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    const env = {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: `team-${process.pid}`,
    };
    const a = await startBot({ dataDir: tempDir('team-a'), env });
    bots.push(a);
    const b = await startBot({ dataDir: tempDir('team-b'), env });
    bots.push(b);
    const ref = await fileTicket(b.url, 'blob-team', {});
    const events = await openEvents(a.url);
    expect((await call(b.url, `/api/admin/tickets/${ref}/status`, { status: 'in_progress', note: 'Đang xem' })).status).toBe(200);
    expect(await events.next((e) => e.id === ref && e.by === 'api')).toEqual({ type: 'ticket', id: ref, by: 'api' });
    events.close();
    const listed = await json<{ tickets: Ticket[] }>(call(a.url, `/api/admin/tickets?q=${ref}`));
    expect(listed.tickets.map((t) => [t.ref, t.status])).toEqual([[ref, 'in_progress']]);
  }, 60_000);
});
