// npm run bench:stats — how long Thống kê takes to load a 30-day view of 100,000 turns. The turns are
// counted as the service counts them (StatsRecorder, the clock moved through 30 days, three channels, 200
// topics, 3,000 unanswered wordings, handoffs, tickets, ratings) into a lowdb DATA_DIR; then the service is
// started on it and GET /api/admin/stats asks for the 30 days over HTTP: the first (cold) and the median of
// further requests. The first request reads every day; later ones keep the days that no longer change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createApp } from '../app.js';
import { StatsRecorder } from '../services/statsRecorder.js';
import { createStorage } from '../storage/createStorage.js';
import { localTime } from '../text/vnTime.js';

const TURNS = 100_000;
const DAYS = 30;
const RUNS = 10;
const TOKEN = 'bench-stats-token-0123456789';
const CHANNELS = ['webchat', 'msteams', 'zalo'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-stats-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN: TOKEN, STORAGE: 'lowdb' };
try {
  const config = loadConfig({ ...process.env, ...env });
  const storage = await createStorage(config, createLogger('silent'));
  const end = Date.now();
  const start = end - DAYS * 86_400_000 + 3_600_000;
  let now = new Date(start);
  const recorder = new StatsRecorder(storage, () => now);
  const fillStarted = performance.now();
  for (let i = 0; i < TURNS; i++) {
    now = new Date(start + Math.floor(((end - start) * i) / TURNS));
    const channel = CHANNELS[i % CHANNELS.length]!;
    recorder.message(channel, i % 4 === 0);
    const kind = i % 10;
    if (kind < 7) recorder.reply(channel, { intent: 'answer', answerId: `entry-${i % 200}`, text: '' }, `câu hỏi ${i % 200}`);
    else if (kind < 9) recorder.reply(channel, { intent: 'fallback', text: '' }, `câu hỏi chưa có ${i % 3000} về dịch vụ ${i % 17}`);
    else recorder.reply(channel, { intent: 'clarify', text: '' }, `hỏi lại ${i % 500}`);
    if (i % 50 === 0) recorder.rated(channel, i % 100 === 0 ? 'down' : 'up', `câu hỏi ${i % 200}`);
    if (i % 400 === 0) recorder.handoffRequested(channel);
    if (i % 500 === 0) recorder.handoffServed(channel, (i % 600) + 5);
    if (i % 300 === 0) recorder.ticketOpened(channel);
    if (i % 350 === 0) recorder.ticketStatus(channel, 'in_progress', 'resolved', (i % 86_400) + 60);
    if (i % 700 === 0) recorder.satisfaction(channel, (i % 5) + 1);
    // The service writes every second; a busy second holds about 40 turns.
    if (i % 1000 === 999) await recorder.flush();
  }
  await recorder.stop();
  await (storage as { flush?: () => Promise<void> }).flush?.();
  const fillMs = performance.now() - fillStarted;

  const app = await createApp(loadConfig({ ...process.env, ...env, PORT: '0' }), createLogger('silent'));
  const port = await app.listen(0);
  const from = localTime(new Date(start)).date;
  const to = localTime(new Date(end)).date;
  const times: number[] = [];
  let figures: { messages?: number; days?: unknown[] } = {};
  for (let run = 0; run <= RUNS; run++) {
    const began = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/admin/stats?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    figures = (await response.json()) as typeof figures;
    times.push(performance.now() - began);
  }
  await app.close();
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        turns: TURNS,
        days: figures.days?.length,
        messagesCounted: figures.messages,
        fillSeconds: Math.round(fillMs / 100) / 10,
        coldMs: Math.round(cold!),
        warmMedianMs: Math.round(warm[Math.floor(warm.length / 2)]!),
        warmMaxMs: Math.round(warm.at(-1)!),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
