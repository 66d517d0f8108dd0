// Complaints and feedback → tickets, end to end through /api/messages: the five steps, "hủy" at each of
// them, "quay lại", validation, the ticket written before the confirmation and still there after a
// restart (admin route and CLI), status by reference for the same channel user only, ADMIN_TOKEN.
import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, ask, exchange, meta, startBot, storageEnv, type TestBot } from './helpers/botServer.js';

const ADMIN_TOKEN = 'test-admin-token-5f1c-0123456789abcdef';
const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** Walks a conversation through the flow up to (not including) a step: 0 kind … 4 confirmation. */
const STEPS = ['Góp ý – khiếu nại', 'Khiếu nại', 'Bưu gửi CQ724476204VN gửi từ tuần trước vẫn chưa tới', 'Nguyễn Văn An', '0912 345 678'];

async function walk(url: string, conversation: string, upTo: number): Promise<string> {
  let last = '';
  for (const text of STEPS.slice(0, upTo + 1)) last = (await ask(url, conversation, text))[0]?.text ?? '';
  return last;
}

async function adminTickets(url: string, query = '', token: string | null = ADMIN_TOKEN): Promise<Response> {
  return fetch(`${url}/api/admin/tickets${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('ticket flow', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('asks kind, details, name, phone and confirmation, writes the ticket, then confirms with its reference', async () => {
    expect(await walk(bot.url, 'full', 0)).toContain('khiếu nại, góp ý hay câu hỏi');
    expect((await ask(bot.url, 'full', STEPS[1]!))[0]!.text).toContain('mô tả nội dung khiếu nại');
    expect((await ask(bot.url, 'full', STEPS[2]!))[0]!.text).toContain('họ và tên');
    expect((await ask(bot.url, 'full', STEPS[3]!))[0]!.text).toContain('số điện thoại');
    const [summary] = await ask(bot.url, 'full', STEPS[4]!);
    expect(summary!.text).toContain('- Mã bưu gửi: CQ724476204VN');
    expect(summary!.text).toContain('- Số điện thoại: 0912345678');
    expect(summary!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Xác nhận', 'Quay lại', 'Hủy']);

    const [confirmed] = await ask(bot.url, 'full', 'Xác nhận');
    expect(meta(confirmed)?.intent).toBe('ticket');
    const ref = /mã phiếu (KN-[2-9A-Z]{4})/u.exec(confirmed!.text ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(confirmed!.text).toMatch(/lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/u);
    // Written before the confirmation was sent.
    const stored = await bot.app.storage.read([`citizen/tickets/${ref}`]);
    expect(stored[`citizen/tickets/${ref}`]).toMatchObject({
      ref,
      kind: 'complaint',
      trackingCode: 'CQ724476204VN',
      name: 'Nguyễn Văn An',
      phone: '0912345678',
      channelId: 'emulator',
      conversationId: 'full',
      userId: 'user-full',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/u),
    });
  });

  it("takes a confirmation in the citizen's words, and not one that declines", async () => {
    for (const [id, text] of [
      ['agree-vi', 'đúng rồi, gửi giúp tôi'],
      ['agree-short', 'ok gửi đi em'],
      ['agree-slang', 'chuẩn rồi'],
      ['agree-shorthand', 'chuan r, gui di ad'],
      ['agree-sentence', 'thông tin như vậy là đúng'],
      ['agree-yes', 'ừ đúng rồi đấy'],
      ['agree-go-on', 'vâng chị cứ gửi đi ạ'],
      ['agree-en', 'yep, go ahead and send it in'],
      // Who is addressed, and that it was read back.
      ['agree-read-back', 'ừ, cháu đọc lại đúng cả, gửi đi cho ông'],
      // Nothing wrong in it: "không sai chỗ nào đâu" ("đâu" stresses the no; it does not ask where).
      ['agree-nothing-wrong', 'dạ không sai chỗ nào đâu, gửi hộ em'],
      ['agree-looks-right', 'Looks right, go ahead and send it.'],
      // Teencode "lun" (luôn), said to the bot.
      ['agree-teencode', 'oke het r, gui lun di bot'],
      // Southern speech: "ừa", "gửi lên", "tui".
      ['agree-south', 'ừa, đúng vậy, gửi lên giúp tui'],
      // What was read back named: "số đó đúng rồi".
      ['agree-number', 'số đó đúng rồi, gửi luôn nhé'],
    ]) {
      await walk(bot.url, id!, 4);
      // An English confirmation is answered in English: "… recorded with reference KN-…".
      expect((await ask(bot.url, id!, text!))[0]?.text, text).toMatch(/mã phiếu|with reference KN-/u);
      expect((await ask(bot.url, id!, 'số tổng đài là gì'))[0]?.text, text).toContain('1900 54 54 81');
    }
    await walk(bot.url, 'decline', 4);
    expect(meta((await ask(bot.url, 'decline', 'không gửi nữa'))[0])?.intent).toBe('cancel');
  });

  it.each([0, 1, 2, 3, 4])('cancels with "hủy" at step %i, writes nothing, and goes back to normal answers', async (step) => {
    const conversation = `cancel-${step}`;
    await walk(bot.url, conversation, step);
    const [cancelled] = await ask(bot.url, conversation, step % 2 ? 'huỷ' : 'Hủy');
    expect(meta(cancelled)?.intent).toBe('cancel');
    expect(cancelled!.text).toContain('đã hủy');
    const [next] = await ask(bot.url, conversation, 'tin mới nhất');
    expect(meta(next)?.intent).toBe('news');
    const list = (await (await adminTickets(bot.url)).json()) as { tickets: Array<{ conversationId: string }> };
    expect(list.tickets.map((t) => t.conversationId)).not.toContain(conversation);
  });

  it('goes back one step with "quay lại", and re-asks what was not valid', async () => {
    await walk(bot.url, 'back', 3);
    const [badPhone] = await ask(bot.url, 'back', '12345');
    expect(badPhone!.text).toContain('số điện thoại chưa đúng');
    const [nameAgain] = await ask(bot.url, 'back', 'quay lại');
    expect(nameAgain!.text).toContain('họ và tên');
    const [badName] = await ask(bot.url, 'back', '1234');
    expect(badName!.text).toContain('họ tên bằng chữ');
    await ask(bot.url, 'back', 'Trần Thị Bình');
    const [summary] = await ask(bot.url, 'back', 'sđt của tôi là 0209.387.0123');
    expect(summary!.text).toContain('- Họ tên: Trần Thị Bình');
    expect(summary!.text).toContain('- Số điện thoại: 02093870123');
  });

  it('starts at the details when the message names the kind, and "quay lại" there asks the kind', async () => {
    const [details] = await ask(bot.url, 'kind-named', 'tôi muốn góp ý');
    expect(details!.text).toContain('mô tả nội dung góp ý');
    const [kind] = await ask(bot.url, 'kind-named', 'quay lại');
    expect(kind!.text).toContain('khiếu nại, góp ý hay câu hỏi');
  });

  it('quotes what the citizen typed without letting markup through', async () => {
    await walk(bot.url, 'markup', 1);
    await ask(bot.url, 'markup', '<b>Nhân viên</b> giao hàng *rất* chậm [link](http://x)');
    await ask(bot.url, 'markup', 'Lê Văn C');
    const [summary] = await ask(bot.url, 'markup', '0987654321');
    expect(summary!.text).toContain('\\<b\\>Nhân viên\\</b\\> giao hàng \\*rất\\* chậm \\[link\\]\\(http://x\\)');
  });

  it('counts the details in characters, not UTF-16 units, and never quotes half an emoji', async () => {
    await walk(bot.url, 'emoji', 1);
    // 916 characters, 1,816 UTF-16 units: within the 1,000 characters.
    const [name] = await ask(bot.url, 'emoji', `Bưu gửi bị hỏng ${'🙂'.repeat(900)}`);
    expect(name!.text).toContain('họ và tên');
    await ask(bot.url, 'emoji', 'Lê Văn C');
    const [summary] = await ask(bot.url, 'emoji', '0987654321');
    expect(summary!.text).toContain(`Bưu gửi bị hỏng ${'🙂'.repeat(484)}…`);
    expect(summary!.text).not.toMatch(/[\uD800-\uDFFF]/u); // a lone half of a surrogate pair
  });
});

describe('tickets after a restart', () => {
  let bot: TestBot;
  let ref: string;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    const first = await startBot();
    await walk(first.url, 'restart', 4);
    const [confirmed] = await ask(first.url, 'restart', 'đồng ý');
    ref = /mã phiếu (KN-[2-9A-Z]{4})/u.exec(confirmed!.text ?? '')![1]!;
    await first.stop();
    bot = await startBot({ dataDir: first.dataDir, knowledgeDir: first.knowledgeDir });
  });
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('lists the ticket confirmed before the restart on GET /api/admin/tickets, as JSON and CSV', async () => {
    const json = (await (await adminTickets(bot.url)).json()) as { tickets: Array<{ ref: string; phone: string }> };
    expect(json.tickets).toEqual([expect.objectContaining({ ref, phone: '0912345678' })]);
    const csv = await adminTickets(bot.url, '?format=csv&since=2000-01-01');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // UTF-8 with a byte-order mark, so that Excel reads the Vietnamese right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(header).toEqual([
      'Mã phiếu',
      'Loại',
      'Trạng thái',
      'Ngày gửi',
      'Kênh',
      'Họ tên',
      'Số điện thoại',
      'Mã bưu gửi',
      'Nội dung',
      'Người xử lý',
      'Cập nhật lúc',
      'Số giờ',
      'Quá hạn',
    ]);
    expect(row!.slice(0, 3)).toEqual([ref, 'Khiếu nại', 'Mới tiếp nhận']);
    expect((await (await adminTickets(bot.url, '?since=2999-01-01')).json()) as object).toMatchObject({ tickets: [], total: 0 });
    expect((await adminTickets(bot.url, '?since=yesterday')).status).toBe(400);
  });

  it('refuses the admin route without the right bearer token', async () => {
    expect((await adminTickets(bot.url, '', null)).status).toBe(401);
    expect((await adminTickets(bot.url, '', `${ADMIN_TOKEN}x`)).status).toBe(401);
    const wrongScheme = await fetch(`${bot.url}/api/admin/tickets`, { headers: { authorization: `Basic ${ADMIN_TOKEN}` } });
    expect(wrongScheme.status).toBe(401);
  });

  it('tells the citizen who filed it its status by reference, and no one else', async () => {
    const [own] = await ask(bot.url, 'restart', `phiếu ${ref.toLowerCase().replace('-', ' ')} sao rồi`);
    expect(meta(own)?.intent).toBe('ticketStatus');
    expect(own!.text).toContain(`phiếu ${ref} (khiếu nại)`);
    expect(own!.text).toContain('đang chờ nhân viên xử lý');
    const [other] = await ask(bot.url, 'someone-else', ref);
    expect(other!.text).toContain(`không tìm thấy phiếu ${ref}`);
    const [otherChannel] = await exchange(bot.url, activity('restart', { text: ref, channelId: 'test' }));
    expect(otherChannel!.text).toContain('không tìm thấy');
    await ask(bot.url, 'status-ask', 'kiểm tra tình trạng phiếu');
    const [asked] = await ask(bot.url, 'status-ask', ref);
    expect(asked!.text).toContain('không tìm thấy');
  });

  it('npm run tickets lists it with the phone masked and exports it whole', async () => {
    await bot.stop();
    const env = { ...process.env, DATA_DIR: bot.dataDir, KNOWLEDGE_DIR: bot.knowledgeDir, LOG_LEVEL: 'silent', ...storageEnv(bot.dataDir) };
    const list = await run('npx', ['tsx', 'src/cli/tickets.ts', 'list'], { cwd: ROOT, env });
    expect(list.stdout).toContain('1 phiếu');
    expect(list.stdout).toContain(`${ref} |`);
    expect(list.stdout).toContain('091***78');
    expect(list.stdout).not.toContain('0912345678');
    const exported = await run('npx', ['tsx', 'src/cli/tickets.ts', 'export', '--since', '2000-01-01', '--format', 'json'], {
      cwd: ROOT,
      env,
    });
    expect(JSON.parse(exported.stdout)).toEqual([expect.objectContaining({ ref, phone: '0912345678', name: 'Nguyễn Văn An' })]);
    await expect(run('npx', ['tsx', 'src/cli/tickets.ts', 'export', '--format', 'xml'], { cwd: ROOT, env })).rejects.toMatchObject({
      code: 2,
    });
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
  }, 60_000);

  it.skipIf(process.env.STORAGE === 'blob')(
    'npm run tickets beside the running bot reads its journal and writes nothing in its folder',
    async () => {
      await walk(bot.url, 'beside', 4);
      const newer = /mã phiếu (KN-[2-9A-Z]{4})/u.exec((await ask(bot.url, 'beside', 'đồng ý'))[0]!.text ?? '')![1]!;
      // The bot itself appends to its journal meanwhile (the day's statistics), so the journal may only grow.
      const files = () =>
        readdirSync(bot.dataDir)
          .filter((f) => f !== 'state.json.journal')
          .map((f) => `${f}:${statSync(path.join(bot.dataDir, f)).size}`);
      const journal = () => statSync(path.join(bot.dataDir, 'state.json.journal')).size;
      const before = files();
      const journalBefore = journal();
      const env = { ...process.env, DATA_DIR: bot.dataDir, KNOWLEDGE_DIR: bot.knowledgeDir, LOG_LEVEL: 'silent' };
      const list = await run('npx', ['tsx', 'src/cli/tickets.ts', 'list'], { cwd: ROOT, env });
      expect(list.stdout).toContain(`${newer} |`);
      expect(list.stdout).toContain(`${ref} |`);
      // No fold, no snapshot, no temp file of its own: the running bot's files are as they were.
      expect(files()).toEqual(before);
      expect(journal()).toBeGreaterThanOrEqual(journalBefore);
      await walk(bot.url, 'beside-after', 4);
      expect((await ask(bot.url, 'beside-after', 'đồng ý'))[0]!.text).toMatch(/mã phiếu KN-/u);
    },
    60_000,
  );
});

describe('admin route without ADMIN_TOKEN', () => {
  it('lets no one in (401), whatever token is sent', async () => {
    vi.stubEnv('ADMIN_TOKEN', '');
    const bot = await startBot();
    try {
      expect((await adminTickets(bot.url)).status).toBe(401);
      expect((await adminTickets(bot.url, '', 'anything')).status).toBe(401);
    } finally {
      await bot.dispose();
      vi.unstubAllEnvs();
    }
  });
});

describe('tickets kept by an earlier version', () => {
  it('lists tickets of the former single index together with new ones, with a date filter', async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    const before = await startBot();
    const former = {
      ref: 'KN-2345',
      status: 'new',
      createdAt: '2026-01-05T09:00:00+07:00',
      kind: 'complaint',
      details: 'Thư chậm',
      name: 'Trần Thị B',
      phone: '0987654321',
      channelId: 'emulator',
      conversationId: 'old',
      userId: 'u-old',
    };
    await before.app.storage.write({
      'citizen/tickets/KN-2345': { ...former, eTag: '*' },
      'citizen/tickets/index': { ids: ['KN-2345'], eTag: '*' },
    });
    // The new version starts on what the earlier one left.
    await before.stop();
    const bot = await startBot({ dataDir: before.dataDir, knowledgeDir: before.knowledgeDir });
    await walk(bot.url, 'after-upgrade', 4);
    const [confirmed] = await ask(bot.url, 'after-upgrade', 'đồng ý');
    const ref = /mã phiếu (KN-[2-9A-Z]{4})/u.exec(confirmed!.text ?? '')![1]!;
    const tickets = (await (await adminTickets(bot.url, '?sort=oldest')).json()) as { tickets: Array<{ ref: string }> };
    expect(tickets.tickets.map((t) => t.ref)).toEqual(['KN-2345', ref]);
    const recent = (await (await adminTickets(bot.url, '?since=2026-02-01')).json()) as { tickets: Array<{ ref: string }> };
    expect(recent.tickets.map((t) => t.ref)).toEqual([ref]);
    await bot.dispose();
    vi.unstubAllEnvs();
  });
});
