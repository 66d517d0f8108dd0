// npm run bench:startup — start-up time of the built server (`node dist/src/index.js`, as `npm start` runs it)
// and the time of one turn over HTTP. Start-up: spawn → "ready" log line, over several runs. Turns: a mix of
// questions sent one after another with expectReplies; median and p95. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quantile } from '../evaluation/metrics.js';

const RUNS = 5;
const TURNS = 300;
const QUESTIONS = [
  'tong dai buu dien',
  'Bưu kiện gửi tối đa bao nhiêu kg?',
  'doanh thu năm 2020 của bưu điện tỉnh',
  'tin mới nhất',
  'sđt bđ',
  'what is the hotline number',
  'thời tiết hôm nay',
];

interface Started {
  port: number;
  readyMs: number;
  stop(): Promise<void>;
}

function start(dataDir: string): Promise<Started> {
  const begin = performance.now();
  const child = spawn(process.execPath, ['dist/src/index.js'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/"port":(\d+).*"msg":"ready/u);
      if (!ready) return;
      resolve({
        port: Number(ready[1]),
        readyMs: performance.now() - begin,
        stop: () => new Promise((done) => child.once('exit', () => done()).kill('SIGTERM')),
      });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

async function turn(port: number, conversation: string, text: string): Promise<number> {
  const begin = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      deliveryMode: 'expectReplies',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversation },
      from: { id: `u-${conversation}` },
      recipient: { id: 'bot' },
      text,
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
  return performance.now() - begin;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-'));
try {
  const startups: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const server = await start(dataDir);
    startups.push(server.readyMs);
    await server.stop();
  }
  const server = await start(dataDir);
  const turns: number[] = [];
  for (let i = 0; i < TURNS; i++) turns.push(await turn(server.port, `c${i % 20}`, QUESTIONS[i % QUESTIONS.length]));
  await server.stop();
  const ms = (n: number): number => Math.round(n * 10) / 10;
  const result = {
    startup_median_ms: ms(quantile(startups, 0.5)),
    startup_max_ms: ms(Math.max(...startups)),
    turn_p50_ms: ms(quantile(turns, 0.5)),
    turn_p95_ms: ms(quantile(turns, 0.95)),
    runs: RUNS,
    turns: TURNS,
  };
  console.log(`start-up (spawn → ready), ${RUNS} runs: median ${result.startup_median_ms} ms, max ${result.startup_max_ms} ms`);
  console.log(`turn over HTTP, ${TURNS} sequential: p50 ${result.turn_p50_ms} ms, p95 ${result.turn_p95_ms} ms`);
  console.log(JSON.stringify(result));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
