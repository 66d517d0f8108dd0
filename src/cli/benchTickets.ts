// npm run bench:tickets [-- --tickets 50000] — tickets at scale: fills a lowdb DATA_DIR with generated tickets
// (seeded once, in memory through the TicketStore, and saved as one state snapshot in the layout of the
// version before tickets had their own file; kept in the system temp folder per count), then starts the
// service three times in child processes, each on the same files: the first start moves the tickets into their
// own file (once), the next ones start as every later start does. Each start prints start-to-ready (createApp
// and listening), the first staff list page after it (it waits for the list's background load) and RSS. Then,
// on the last one, the staff console's list over HTTP, as a console calls it: the first page (50 newest) and
// searches (a phone in two forms, a reference typed loosely, a name without diacritics, a word of the text),
// each RUNS times: median and p95.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MemoryStorage } from 'botbuilder';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { quantile } from '../evaluation/metrics.js';
import { createApp } from '../app.js';
import { TicketStore } from '../services/ticketStore.js';
import type { TicketKind } from '../ticket.js';

const RUNS = 30;
const STARTS = 3;
const TOKEN = 'bench-tickets-admin-token-000000000';
const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '50000' }, serve: { type: 'string' }, list: { type: 'boolean', default: false } },
});
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

const seeded = path.join(tmpdir(), `hotline-bench-tickets-${count}`);
const log = createLogger('silent');
const configFor = (dataDir: string) =>
  loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', STORAGE: 'lowdb', ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' });

/** Tickets over the last 200 days (phone numbers differ, so a phone search finds one or a few), saved as one snapshot. */
async function seed(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const memory: Record<string, string> = {};
  const start = Date.now() - 200 * 86_400_000;
  let i = 0;
  const tickets = new TicketStore(
    new MemoryStorage(memory),
    log,
    undefined,
    undefined,
    () => new Date(start + Math.floor((i / count) * 200 * 86_400_000)),
  );
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
    if (i % 10000 === 9999) console.log(`  ${i + 1} tickets (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  }
  // The snapshot's shape (storage/journalFile.ts): every item, its write time, the next eTag.
  const keys = Object.keys(memory);
  const items = keys.map((key) => `${JSON.stringify(key)}:${memory[key]}`).join(',');
  const touchedAt = keys.map((key) => `${JSON.stringify(key)}:${start}`).join(',');
  writeFileSync(path.join(dataDir, 'state.json'), `{"items":{${items}},"touchedAt":{${touchedAt}},"nextETag":${keys.length * 4}}\n`, {
    mode: 0o600,
  });
}

async function timed(url: string): Promise<{ ms: number; total: number }> {
  const begin = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = (await response.json()) as { total: number };
  if (response.status !== 200) throw new Error(`${url} → ${response.status}`);
  return { ms: performance.now() - begin, total: body.total };
}

/** One start on `dataDir`, in this (child) process: start-to-ready, the first list page, RSS; then the list's figures if asked. */
async function serve(dataDir: string): Promise<void> {
  const began = performance.now();
  const app = await createApp(configFor(dataDir), log);
  const port = await app.listen(0);
  const ready = performance.now() - began;
  const base = `http://127.0.0.1:${port}/api/admin/tickets`;
  const first = await timed(`${base}?page=1&pageSize=50`);
  const listed = performance.now() - began;
  const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
  const { rss, heapUsed } = process.memoryUsage();
  console.log(
    `start to ready ${(ready / 1000).toFixed(2)} s; first list page answered ${(listed / 1000).toFixed(2)} s after start (${first.total} tickets); RSS ${mb(rss)} MB (heap ${mb(heapUsed)} MB)`,
  );
  if (values.list) await listFigures(base);
  await app.close();
}

async function listFigures(base: string): Promise<void> {
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
}

if (values.serve) {
  await serve(values.serve);
} else {
  if (!existsSync(path.join(seeded, 'seeded'))) {
    console.log(`Seeding ${count} tickets into ${seeded} …`);
    rmSync(seeded, { recursive: true, force: true });
    await seed(seeded);
    mkdirSync(path.join(seeded, 'seeded'));
  }
  // A copy per run: the first start changes the files (the tickets move to their own file).
  const dataDir = `${seeded}-run`;
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(seeded, dataDir, { recursive: true });
  console.log(
    `${count} tickets; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}; Node ${process.version}`,
  );
  for (let n = 1; n <= STARTS; n++) {
    process.stdout.write(`start ${n}${n === 1 ? ' (on the files as the earlier version left them)' : ''}: `);
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--tickets', String(count), '--serve', dataDir];
    const child = spawnSync(process.execPath, n === STARTS ? [...args, '--list'] : args, { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`start ${n} failed (${child.status})`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
