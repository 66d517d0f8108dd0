// npm run bench:tickets [-- --tickets 50000] — the staff console's ticket list at scale: fills a lowdb DATA_DIR
// with generated tickets (kept in the system temp folder per count, so a second run starts at once), starts the
// service on it in this process and measures over HTTP, as a console calls it, the first page (50 newest) and
// searches (a phone in two forms, a reference typed loosely, a name without diacritics, a word of the text),
// each RUNS times: median and p95. The first call after start is shown apart (the list is loaded at start in
// the background; it waits for that to finish).
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { quantile } from '../evaluation/metrics.js';
import { createApp } from '../app.js';
import { createStorage } from '../storage/createStorage.js';
import { TicketStore } from '../services/ticketStore.js';
import type { TicketKind } from '../ticket.js';

const RUNS = 30;
const TOKEN = 'bench-tickets-admin-token-0000';
const { values } = parseArgs({ options: { tickets: { type: 'string', default: '50000' } } });
const count = Number(values.tickets);
if (!Number.isSafeInteger(count) || count < 1) throw new Error('--tickets must be a whole number');

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung', 'Hoàng Minh Đức', 'Vũ Thị Hà', 'Đặng Quốc Khánh'];
const DETAILS = [
  'Bưu gửi gửi từ tuần trước vẫn chưa tới nơi',
  'Nhân viên bưu cục Chợ Đồn phục vụ chưa chu đáo',
  'Đề nghị mở thêm quầy nhận lương hưu buổi chiều',
  'Hỏi thủ tục nhận hồ sơ hành chính công qua bưu điện',
  'Phí gửi bưu kiện đi Hà Nội tính thế nào',
];
const KINDS: TicketKind[] = ['complaint', 'suggestion', 'question'];

const dataDir = path.join(tmpdir(), `hotline-bench-tickets-${count}`);
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', STORAGE: 'lowdb', ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' };
const config = loadConfig(env);
const log = createLogger('silent');

/** Tickets over the last 200 days; phone numbers differ, so a phone search finds one or a few. */
async function seed(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const storage = await createStorage(config, log);
  const start = Date.now() - 200 * 86_400_000;
  let i = 0;
  const tickets = new TicketStore(storage, log, undefined, undefined, () => new Date(start + Math.floor((i / count) * 200 * 86_400_000)));
  const began = performance.now();
  for (; i < count; i++) {
    await tickets.create({
      kind: KINDS[i % KINDS.length]!,
      details: `${DETAILS[i % DETAILS.length]} (${i})`,
      ...(i % 4 === 0 ? { trackingCode: `CQ${String(100_000_000 + i)}VN` } : {}),
      name: NAMES[i % NAMES.length]!,
      phone: `09${String(10_000_000 + i).padStart(8, '0')}`,
      channelId: 'webchat',
      conversationId: `bench-${i}`,
      userId: `u-${i}`,
    });
    if (i % 5000 === 4999) console.log(`  ${i + 1} tickets (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  }
  await (storage as { flush?: () => Promise<void> }).flush?.();
}

async function timed(url: string): Promise<{ ms: number; total: number }> {
  const begin = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = (await response.json()) as { total: number };
  if (response.status !== 200) throw new Error(`${url} → ${response.status}`);
  return { ms: performance.now() - begin, total: body.total };
}

if (!existsSync(path.join(dataDir, 'seeded'))) {
  console.log(`Seeding ${count} tickets into ${dataDir} …`);
  await seed();
  mkdirSync(path.join(dataDir, 'seeded'));
}
const began = performance.now();
const app = await createApp(config, log);
const port = await app.listen(0);
const base = `http://127.0.0.1:${port}/api/admin/tickets`;
const first = await timed(`${base}?page=1&pageSize=50`);
console.log(
  `start ${(first.ms + 0).toFixed(0)} ms for the first page right after start (${((performance.now() - began) / 1000).toFixed(1)} s from createApp), ${first.total} tickets`,
);
const someone = `09${String(10_000_000 + Math.floor(count / 2)).padStart(8, '0')}`;
const cases: Array<[string, string]> = [
  ['first page (50 newest)', '?page=1&pageSize=50'],
  ['page 100', '?page=100&pageSize=50'],
  ['phone 0912 345 678 form', `?q=${encodeURIComponent(`${someone.slice(0, 4)} ${someone.slice(4, 7)} ${someone.slice(7)}`)}`],
  ['phone +84 form', `?q=${encodeURIComponent(`+84${someone.slice(1)}`)}`],
  ['reference typed loosely', `?q=${encodeURIComponent('kn 7')}`],
  ['name without diacritics', `?q=${encodeURIComponent('hoang minh duc')}`],
  ['text word + status filter', `?q=${encodeURIComponent('luong huu')}&status=new`],
  ['overdue first', '?sort=overdue'],
];
console.log(`\n| request | median ms | p95 ms | matches |\n| --- | --- | --- | --- |`);
for (const [name, query] of cases) {
  const runs: number[] = [];
  let total = 0;
  for (let r = 0; r < RUNS; r++) {
    const result = await timed(`${base}${query}`);
    runs.push(result.ms);
    total = result.total;
  }
  console.log(`| ${name} | ${quantile(runs, 0.5).toFixed(1)} | ${quantile(runs, 0.95).toFixed(1)} | ${total} |`);
}
await app.close();
