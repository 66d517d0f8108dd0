// `npm run bench:storage`: write throughput of the lowdb file store (FileStorage: journal append + fdatasync
// with group commit) in this process, without HTTP: W concurrent writers each doing read-modify-writes of
// their own key (a conversation's state, about 1 KB), as turns do. Prints writes/s, mean latency and CPU per
// write. Options: --writers=N (50), --seconds=N (10), --dir=DIR (a temp folder on the same disk as ./data).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { FileStorage } from '../storage/fileStorage.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/u, '').split('=') as [string, string]));
const WRITERS = Number(args.get('writers') ?? 50);
const SECONDS = Number(args.get('seconds') ?? 10);
const parent = args.get('dir') ?? path.resolve('data');
mkdirSync(parent, { recursive: true });
const dir = mkdtempSync(path.join(parent, 'bench-storage-'));

const storage = new FileStorage(path.join(dir, 'state.json'));
await storage.open();
const payload = 'x'.repeat(1000);
let writes = 0;
let latencyMs = 0;
const deadline = performance.now() + SECONDS * 1000;
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: WRITERS }, async (_, w) => {
    const key = `bench/conversations/${w}/`;
    for (let turn = 0; performance.now() < deadline; turn++) {
      const began = performance.now();
      const current = (await storage.read([key]))[key];
      await storage.write({ [key]: { ...current, turn, payload, eTag: current?.eTag ?? '*' } });
      latencyMs += performance.now() - began;
      writes++;
    }
  }),
);
const elapsed = (performance.now() - startedAt) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await storage.flush();
rmSync(dir, { recursive: true, force: true });
const result = {
  writers: WRITERS,
  writes_per_s: Math.round(writes / elapsed),
  mean_ms: Math.round((latencyMs / writes) * 100) / 100,
  cpu_ms_per_write: Math.round(((cpu.user + cpu.system) / 1000 / writes) * 1000) / 1000,
  load_average: Math.round(loadavg()[0]! * 100) / 100,
};
console.log(
  `${WRITERS} writers, ${SECONDS} s: ${result.writes_per_s} writes/s, mean ${result.mean_ms} ms, CPU ${result.cpu_ms_per_write} ms/write`,
);
console.log(JSON.stringify(result));
