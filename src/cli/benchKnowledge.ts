// npm run bench:knowledge -- --articles 1000,5000 [--runs 3] — the knowledge folder at scale, on the built
// server (`node dist/src/index.js`, real HTTP). For each size: articles generated from the real ones into a
// temporary knowledge folder (src/evaluation/generatedArticles.ts), then per run: start to ready with an empty
// data folder (cold) and again with the kb.json the first start saved (warm); one article edited → the new
// version live on /healthz; during that reload /healthz and a citizen's turn are probed every 10 ms (the
// longest answer of each), and the server's own longest event-loop pause (monitorEventLoopDelay through
// prom-client's nodejs_eventloop_lag_max_seconds, reset at each scrape); RSS after the reload.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKnowledge } from '../evaluation/generatedArticles.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const RELOAD_MS = 250;
/** The built server to start (another build, e.g. of main, to compare: --server path/to/index.js). */
const SERVER = option('server', 'dist/src/index.js');
const PROBE_MS = 10;

interface Server {
  port: number;
  readyMs: number;
  child: ChildProcess;
}

function start(knowledgeDir: string, dataDir: string): Promise<Server> {
  const begin = performance.now();
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: knowledgeDir,
      KNOWLEDGE_RELOAD_MS: String(RELOAD_MS),
      LOG_LEVEL: 'info',
      METRICS_TOKEN: '',
      // The probes are one citizen asking every 10 ms: no per-user or per-address limit for the bench.
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = output.match(/"port":(\d+).*"msg":"ready/u);
      if (!ready) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ port: Number(ready[1]), readyMs: performance.now() - begin, child });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output.slice(-2000)}`)));
  });
}

const stop = (server: Server): Promise<void> => new Promise((done) => server.child.once('exit', () => done()).kill('SIGTERM'));

interface Answer {
  status: number;
  body: string;
}

/** One request on its own connection: a keep-alive socket the server closes after a long pause would fail the probe. */
function request(port: number, method: 'GET' | 'POST', route: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: route, agent: false, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** How long the request took to answer 200. */
async function timed(send: () => Promise<Answer>): Promise<number> {
  const begin = performance.now();
  const { status } = await send();
  if (status !== 200) throw new Error(`answered ${status}`);
  return performance.now() - begin;
}

const healthz = (port: number): Promise<Answer> => request(port, 'GET', '/healthz');
const turn = (port: number, text: string): Promise<Answer> =>
  request(port, 'POST', '/api/messages', {
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'bench-probe' },
    from: { id: 'u-bench-probe' },
    recipient: { id: 'bot' },
    text,
  });

async function metric(port: number, name: string): Promise<number> {
  const text = (await request(port, 'GET', '/metrics')).body;
  return Number(text.match(new RegExp(`^${name} (\\S+)`, 'mu'))?.[1] ?? NaN);
}

/** Probes `probe` every PROBE_MS until stopped; the longest answer. */
function prober(probe: () => Promise<number>): { stop(): Promise<number> } {
  let running = true;
  let longest = 0;
  const loop = (async () => {
    while (running) {
      longest = Math.max(longest, await probe());
      await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return longest;
    },
  };
}

async function version(port: number): Promise<string> {
  return (JSON.parse((await healthz(port)).body) as { knowledge: { version: string } }).knowledge.version;
}

async function run(knowledgeDir: string, edit: number): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-data-'));
  try {
    const cold = await start(knowledgeDir, dataDir);
    await stop(cold);
    const server = await start(knowledgeDir, dataDir);
    const { port } = server;
    await timed(() => turn(port, 'doanh thu năm 2020 của bưu điện tỉnh'));
    const before = await version(port);
    await metric(port, 'nodejs_eventloop_lag_max_seconds');
    const probes = [
      prober(() => timed(() => healthz(port))),
      prober(() => timed(() => turn(port, 'tổng doanh thu bưu điện tỉnh năm 2020'))),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One article edited: a sentence added to its last paragraph.
    const articles = path.join(knowledgeDir, 'articles');
    const file = path.join(articles, (await fs.readdir(articles)).sort()[edit % 997]!);
    await fs.appendFile(file, ` Bưu điện tỉnh đã lắp thêm ${edit + 2} máy tra cứu bưu gửi.`);
    const edited = performance.now();
    while ((await version(port)) === before) await new Promise((resolve) => setTimeout(resolve, 5));
    const liveMs = performance.now() - edited;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [healthzMax, turnMax] = await Promise.all(probes.map((p) => p.stop()));
    const lagMs = (await metric(port, 'nodejs_eventloop_lag_max_seconds')) * 1000;
    const rssMb = (await metric(port, 'process_resident_memory_bytes')) / 1e6;
    await stop(server);
    return {
      coldStartMs: cold.readyMs,
      warmStartMs: server.readyMs,
      editToLiveMs: liveMs,
      healthzMaxMs: healthzMax,
      turnMaxMs: turnMax,
      eventLoopMaxMs: lagMs,
      rssMb,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sizes = option('articles', '1000,5000').split(',').map(Number);
const runs = Number(option('runs', '1'));
console.log(`reload check every ${RELOAD_MS} ms, probes every ${PROBE_MS} ms`);
for (const size of sizes) {
  const knowledgeDir = mkdtempSync(path.join(tmpdir(), 'hotline-bench-kb-'));
  try {
    await generateKnowledge('knowledge', knowledgeDir, size);
    for (let i = 0; i < runs; i++) {
      const result = await run(knowledgeDir, i);
      const shown = Object.entries(result).map(([k, v]) => `${k} ${Math.round(v)}`);
      console.log(`${size} articles, run ${i + 1}: ${shown.join(', ')}`);
      console.log(
        JSON.stringify({ articles: size, run: i + 1, ...Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Math.round(v)])) }),
      );
    }
  } finally {
    rmSync(knowledgeDir, { recursive: true, force: true });
  }
}
