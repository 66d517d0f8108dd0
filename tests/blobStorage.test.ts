// STORAGE=blob against Azurite (started here, in memory, on 127.0.0.1): the same Storage contract as
// lowdb, the service end to end on Blob, two service processes continuing one conversation turn by
// turn, and concurrent read-modify-writes of one ticket with none lost.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage, type Activity, type Storage, type StoreItem } from 'botbuilder';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createStorage } from '../src/storage/createStorage.js';
import { ConversationExpiry } from '../src/storage/conversationExpiry.js';
import { FileStorage } from '../src/storage/fileStorage.js';
import { ask, copyKnowledge, meta, startBot, tempDir } from './helpers/botServer.js';
import { startAzurite, type Azurite } from './helpers/azurite.js';
import { loggedIntents, startChildServer, type ChildServer } from './helpers/childServer.js';
import { TICKET_STEPS } from './helpers/tickets.js';

const REF = /mã phiếu ([A-Z]{2}-[2-9A-Z]{4})/u;

let azurite: Azurite;
const dirs: string[] = [];
let containers = 0;

function blobEnv(container = `test-${process.pid}-${++containers}`): Record<string, string> {
  return { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container };
}

function open(kind: 'lowdb' | 'blob', container?: string): Promise<Storage> {
  const dataDir = tempDir('store');
  dirs.push(dataDir);
  const env = kind === 'blob' ? blobEnv(container) : { STORAGE: 'lowdb' };
  return createStorage(loadConfig({ DATA_DIR: dataDir, ...env }), createLogger('silent'));
}

/** Read-modify-write with the item's eTag until no one else wrote in between. */
async function appendNote(storage: Storage, key: string, note: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const current = (await storage.read([key]))[key] as (StoreItem & { notes: string[] }) | undefined;
    if (!current) throw new Error(`${key} is missing`);
    try {
      await storage.write({ [key]: { ...current, notes: [...current.notes, note] } });
      return attempt;
    } catch (error) {
      if (!/eTag conflict/u.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);
afterAll(async () => {
  await azurite.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(['lowdb', 'blob'] as const)('the %s store', (kind) => {
  it('follows the Storage contract with eTag concurrency', async () => {
    const storage = await open(kind);
    expect(await storage.read(['nothing'])).toEqual({});
    await storage.write({ 'citizen/tickets/KN-2345': { ref: 'KN-2345', status: 'new' } });
    const first = (await storage.read(['citizen/tickets/KN-2345', 'nothing']))['citizen/tickets/KN-2345'] as StoreItem;
    expect(first).toMatchObject({ ref: 'KN-2345', status: 'new', eTag: expect.any(String) });

    await storage.write({ 'citizen/tickets/KN-2345': { ...first, status: 'done' } });
    // The eTag the first reader holds is stale now: its write must fail and change nothing.
    await expect(storage.write({ 'citizen/tickets/KN-2345': { ...first, status: 'lost update' } })).rejects.toThrow(/eTag conflict/u);
    const second = (await storage.read(['citizen/tickets/KN-2345']))['citizen/tickets/KN-2345'] as StoreItem;
    expect(second.status).toBe('done');
    expect(second.eTag).not.toBe(first.eTag);

    await storage.write({ 'citizen/tickets/KN-2345': { status: 'forced', eTag: '*' } });
    expect((await storage.read(['citizen/tickets/KN-2345']))['citizen/tickets/KN-2345']).toMatchObject({ status: 'forced' });
    await storage.delete(['citizen/tickets/KN-2345', 'nothing']);
    expect(await storage.read(['citizen/tickets/KN-2345'])).toEqual({});
  });

  it('loses none of 30 concurrent read-modify-writes to one ticket, from two store instances', async () => {
    const container = `concurrent-${kind}-${process.pid}`;
    const a = await open(kind, container);
    // Two instances over one Blob container are two service instances; lowdb is single-instance by design.
    const b = kind === 'blob' ? await open(kind, container) : a;
    await a.write({ 'citizen/tickets/GY-7K3Q': { ref: 'GY-7K3Q', notes: [] } });
    const notes = Array.from({ length: 30 }, (_, i) => `note ${i}`);
    const attempts = await Promise.all(notes.map((note, i) => appendNote(i % 2 ? b : a, 'citizen/tickets/GY-7K3Q', note)));
    const stored = (await a.read(['citizen/tickets/GY-7K3Q']))['citizen/tickets/GY-7K3Q'] as { notes: string[] };
    expect([...stored.notes].sort()).toEqual([...notes].sort());
    expect(Math.max(...attempts)).toBeGreaterThan(1); // the writers really did collide
  }, 30_000);
});

describe('the lowdb store on its own', () => {
  it("follows MemoryStorage's eTag rules exactly, write for write, and keeps the result across a restart", async () => {
    const keys = ['a', 'b', 'c'];
    const op = fc.oneof(
      // Numbered eTags match a stored item now and then; '*' and none always write.
      fc.record({
        op: fc.constant('write' as const),
        key: fc.constantFrom(...keys),
        eTag: fc.constantFrom(undefined, '*', '1', '2', '3', '5', 'x'),
      }),
      fc.record({ op: fc.constant('update' as const), key: fc.constantFrom(...keys) }),
      fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
    );
    /** Runs one operation; what it returned or threw. */
    const run = async (storage: Storage, step: { op: string; key: string; eTag?: string }, n: number): Promise<string> => {
      try {
        if (step.op === 'delete') await storage.delete([step.key]);
        else {
          const eTag = step.op === 'update' ? (await storage.read([step.key]))[step.key]?.eTag : step.eTag;
          await storage.write({ [step.key]: { n, ...(eTag === undefined ? {} : { eTag }) } });
        }
        return 'ok';
      } catch (error) {
        return (error as Error).message;
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (steps) => {
        const dir = tempDir('etag-rules');
        dirs.push(dir);
        const file = path.join(dir, 'state.json');
        const memory = new MemoryStorage();
        const files = new FileStorage(file);
        for (const [n, step] of steps.entries()) {
          expect(await run(files, step, n)).toBe(await run(memory, step, n));
          expect(await files.read(keys)).toEqual(await memory.read(keys));
        }
        await files.flush();
        expect(await new FileStorage(file).read(keys)).toEqual(await memory.read(keys));
      }),
      { numRuns: 60 },
    );
  });

  it('appends only what changed, each write in the file once it resolves', async () => {
    const dir = tempDir('append');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file);
    await storage.open();
    const snapshot = readFileSync(file, 'utf8');
    // 200 turns over 20 conversations at once: ten writes per key.
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await storage.write({ [`emulator/conversations/c${i % 20}/`]: { n: i } });
        // In the file when it resolves: a fresh reader of the files finds this change (or a later one).
        if (i % 25 === 0)
          expect(
            (await new FileStorage(file).read([`emulator/conversations/c${i % 20}/`]))[`emulator/conversations/c${i % 20}/`],
          ).toBeDefined();
      }),
    );
    expect(readFileSync(file, 'utf8')).toBe(snapshot); // no whole-file rewrite per turn
    const lines = readFileSync(storage.files.journal, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(200); // one line per changed key, nothing else
    expect(JSON.parse(lines[199]!)[1]).toMatchObject({ n: 199, eTag: '200' });
    const reopened = new FileStorage(file);
    const found = await reopened.read(Array.from({ length: 20 }, (_, i) => `emulator/conversations/c${i}/`));
    expect(Object.values(found).map((item) => (item as { n: number }).n)).toEqual(Array.from({ length: 20 }, (_, i) => 180 + i));
  });

  it('folds the journal into the snapshot when it outgrows it, and at shutdown', async () => {
    const dir = tempDir('compact');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file, { compactAtBytes: 2_000 });
    for (let i = 0; i < 40; i++) await storage.write({ [`citizen/tickets/T${i}`]: { ref: `T${i}`, details: 'x'.repeat(50) } });
    await storage.delete(['citizen/tickets/T0']);
    // Folded while the writes went on: the journal holds only the changes since.
    expect(readFileSync(storage.files.journal, 'utf8').split('\n').filter(Boolean).length).toBeLessThan(30);
    // The new snapshot is written in the background, while writes go on in a fresh journal.
    await vi.waitFor(() => expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).items).length).toBeGreaterThan(10));
    await storage.flush();
    expect(readFileSync(storage.files.journal, 'utf8')).toBe('');
    const items = JSON.parse(readFileSync(file, 'utf8')).items as Record<string, unknown>;
    expect(Object.keys(items)).toHaveLength(39);
    expect(items['citizen/tickets/T0']).toBeUndefined();
    const restarted = new FileStorage(file);
    await restarted.write({ 'citizen/tickets/T1': { ref: 'T1' } }); // eTags continue after the restart
    expect(((await restarted.read(['citizen/tickets/T1']))['citizen/tickets/T1'] as StoreItem).eTag).toBe('41');
  });

  it('writes a snapshot of many slices while writes and deletes go on, and loses none of them', async () => {
    const dir = tempDir('sliced-snapshot');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file, { compactAtBytes: 50_000 });
    const key = (i: number): string => `emulator/conversations/c${i}/`;
    // Each write may start a fold in the background; the next writes and deletes land while it runs.
    for (let i = 0; i < 1_500; i++) {
      await storage.write({ [key(i)]: { n: i, text: 'Dạ, Quý khách '.repeat(5) } });
      if (i % 7 === 0) await storage.write({ [key(i)]: { n: -i } });
      if (i % 11 === 0) await storage.delete([key(i)]);
    }
    await storage.flush();
    const items = JSON.parse(readFileSync(file, 'utf8')).items as Record<string, { n: number }>;
    const expected = Array.from({ length: 1_500 }, (_, i) => i).filter((i) => i % 11 !== 0);
    expect(Object.keys(items).sort()).toEqual(expected.map(key).sort());
    for (const i of expected) expect(items[key(i)]!.n).toBe(i % 7 === 0 ? -i : i);
    const reopened = new FileStorage(file);
    expect(((await reopened.read([key(14)]))[key(14)] as { n: number }).n).toBe(-14);
  });

  it('after a crash during a fold, replays the journal set aside and then the current one, and folds both at start', async () => {
    const dir = tempDir('interrupted-fold');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const line = (key: string, item: object | null, eTag: number) =>
      `${JSON.stringify([key, item && { ...item, eTag: String(eTag) }, 1])}\n`;
    writeFileSync(file, JSON.stringify({ nextETag: 2, items: { a: { v: 1, eTag: '1' }, gone: { v: 1, eTag: '1' } } }));
    writeFileSync(`${file}.journal.folding`, line('a', { v: 2 }, 2) + line('b', { v: 1 }, 3) + line('gone', null, 0));
    writeFileSync(`${file}.journal`, line('b', { v: 2 }, 4) + line('c', { v: 1 }, 5));
    const storage = new FileStorage(file);
    const found = await storage.read(['a', 'b', 'c', 'gone']);
    expect(Object.fromEntries(Object.entries(found).map(([key, item]) => [key, (item as { v: number }).v]))).toEqual({ a: 2, b: 2, c: 1 });
    expect(existsSync(`${file}.journal.folding`)).toBe(false);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).items).sort()).toEqual(['a', 'b', 'c']);
    await storage.write({ d: { v: 1 } });
    expect(((await storage.read(['d'])).d as StoreItem).eTag).toBe('6');
  });

  it('read-only (npm run tickets beside the running bot): reads the journal set aside and the current one, and writes nothing', async () => {
    const dir = tempDir('read-only');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    const line = (key: string, item: object, eTag: number) => `${JSON.stringify([key, { ...item, eTag: String(eTag) }, 1])}\n`;
    writeFileSync(file, JSON.stringify({ nextETag: 2, items: { a: { v: 1, eTag: '1' } } }));
    writeFileSync(`${file}.journal.folding`, line('a', { v: 2 }, 2));
    writeFileSync(`${file}.journal`, line('b', { v: 1 }, 3));
    const before = readdirSync(dir).map((f) => `${f}:${readFileSync(path.join(dir, f), 'utf8')}`);
    const reader = new FileStorage(file, { readOnly: true });
    const found = await reader.read(['a', 'b']);
    expect(Object.fromEntries(Object.entries(found).map(([key, item]) => [key, (item as { v: number }).v]))).toEqual({ a: 2, b: 1 });
    await expect(reader.write({ c: { v: 1 } })).rejects.toThrow(/read-only/u);
    await reader.flush();
    // The running bot's fold is its own: no snapshot, no temp file, no folded journal.
    expect(readdirSync(dir).map((f) => `${f}:${readFileSync(path.join(dir, f), 'utf8')}`)).toEqual(before);
  });

  it('looks for idle conversations at most once per tenth of the TTL, and only among conversation keys', () => {
    const expiry = new ConversationExpiry(60_000);
    const written = new Map([
      ['emulator/conversations/a/', { at: 0 }],
      ['emulator/conversations/b/', { at: 30_000 }],
      ['citizen/tickets/T1', { at: 0 }],
    ]);
    expect(expiry.expired(written, 61_000)).toEqual(['emulator/conversations/a/']);
    expect(expiry.expired(written, 91_000)).toEqual(['emulator/conversations/a/', 'emulator/conversations/b/']);
    expect(expiry.expired(written, 96_000)).toEqual([]); // within a tenth of the TTL of the last look
    // Found but not deleted (the disk refused): found again at the next look.
    expect(expiry.expired(written, 97_000)).toEqual(['emulator/conversations/a/', 'emulator/conversations/b/']);
  });

  it('forgets conversations idle past the TTL, never tickets, and keeps eTags across a restart', async () => {
    const dir = tempDir('ttl');
    dirs.push(dir);
    const file = path.join(dir, 'state.json');
    let now = 1_000_000;
    const storage = new FileStorage(file, { expiry: new ConversationExpiry(60_000), now: () => now });
    await storage.write({
      'emulator/conversations/old/': { a: 1 },
      'citizen/tickets/KN-2345': { ref: 'KN-2345' },
      'emulator/users/u1': { b: 1 },
    });
    now += 50_000;
    await storage.write({ 'emulator/conversations/recent/': { a: 2 } });
    now += 20_000; // "old" idle 70 s, "recent" 20 s
    await storage.write({ 'emulator/conversations/other/': { a: 3 } });
    const keys = ['emulator/conversations/old/', 'emulator/conversations/recent/', 'citizen/tickets/KN-2345', 'emulator/users/u1'];
    expect(Object.keys(await storage.read(keys)).sort()).toEqual([
      'citizen/tickets/KN-2345',
      'emulator/conversations/recent/',
      'emulator/users/u1',
    ]);

    const ticket = (await storage.read(['citizen/tickets/KN-2345']))['citizen/tickets/KN-2345'] as StoreItem;
    const restarted = new FileStorage(file, { expiry: new ConversationExpiry(60_000), now: () => now });
    const again = (await restarted.read(['citizen/tickets/KN-2345']))['citizen/tickets/KN-2345'] as StoreItem;
    expect(again.eTag).toBe(ticket.eTag);
    await expect(restarted.write({ 'citizen/tickets/KN-2345': { ...again, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/u);
    // After a restart an idle conversation still expires on its own clock, not from the restart.
    now += 61_000;
    await restarted.write({ 'emulator/conversations/new/': {} });
    expect(await restarted.read(['emulator/conversations/recent/'])).toEqual({});
  });
});

describe('STORAGE=blob settings', () => {
  it('names the variable when the connection string is missing or the account cannot be reached', async () => {
    expect(() => loadConfig({ STORAGE: 'blob' })).toThrow(/^AZURE_STORAGE_CONNECTION_STRING: is required when STORAGE=blob/u);
    expect(() => loadConfig({ STORAGE: 'cosmos' })).toThrow(/^STORAGE: must be lowdb or blob/u);
    expect(() => loadConfig({ ...blobEnv('Bad_Name') })).toThrow(/^AZURE_STORAGE_CONTAINER: /u);
    const unreachable = azurite.connectionString.replace(/127\.0\.0\.1:\d+/u, '127.0.0.1:1');
    await expect(
      createStorage(loadConfig({ ...blobEnv(), AZURE_STORAGE_CONNECTION_STRING: unreachable }), createLogger('silent')),
    ).rejects.toThrow(/^AZURE_STORAGE_CONNECTION_STRING: cannot use container/u);
  }, 30_000);
});

describe('the service on Blob storage', () => {
  it('answers, files a ticket and keeps its state in Blob, with no state file in DATA_DIR', async () => {
    const env = blobEnv();
    const bot = await startBot({ env });
    try {
      expect(meta((await ask(bot.url, 'blob-e2e', 'tong dai buu dien'))[0])).toMatchObject({ intent: 'answer', answerId: 'hotline' });
      let last: Partial<Activity> | undefined;
      for (const text of TICKET_STEPS) [last] = await ask(bot.url, 'blob-e2e', text);
      const ref = REF.exec(last?.text ?? '')?.[1];
      expect(ref).toBeDefined();
      const blobs = await createStorage(loadConfig({ DATA_DIR: bot.dataDir, ...env }), createLogger('silent'));
      expect((await blobs.read([`citizen/tickets/${ref}`]))[`citizen/tickets/${ref}`]).toMatchObject({ ref, name: 'Nguyễn Văn An' });
      expect(Object.keys(await blobs.read(['emulator/conversations/blob-e2e/']))).toHaveLength(1);
      expect(readdirSync(bot.dataDir).filter((f) => f.startsWith('state'))).toEqual([]);
    } finally {
      await bot.dispose();
    }
  }, 30_000);
});

describe('two service processes on one Blob container', () => {
  let servers: ChildServer[];
  let knowledgeDir: string;
  const env = (): Record<string, string> => ({ ...blobEnv('shared-by-two'), RATE_LIMIT_USER_PER_MINUTE: '0' });

  beforeAll(async () => {
    knowledgeDir = copyKnowledge();
    dirs.push(knowledgeDir);
    const dataDirs = [tempDir('one'), tempDir('two')];
    dirs.push(...dataDirs);
    servers = await Promise.all(dataDirs.map((dataDir) => startChildServer({ dataDir, knowledgeDir, env: env() })));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('continue one conversation turn by turn, alternately, through a whole ticket flow', async () => {
    const prompts = ['khiếu nại, góp ý hay câu hỏi', 'mô tả nội dung khiếu nại', 'họ và tên', 'số điện thoại', 'Xác nhận'];
    let last: Partial<Activity> | undefined;
    for (const [i, text] of TICKET_STEPS.entries()) {
      [last] = await ask(servers[i % 2]!.url, 'alternating', text);
      if (i < prompts.length) expect(`${last?.text} ${JSON.stringify(last?.suggestedActions ?? '')}`).toContain(prompts[i]);
    }
    const ref = REF.exec(last?.text ?? '')?.[1];
    expect(ref).toBeDefined();
    // The other instance knows the ticket too: the citizen asks it for the status.
    const [status] = await ask(servers[0]!.url, 'alternating', `phiếu ${ref} sao rồi`);
    // What the turn did, from that instance's per-turn log line (it runs in another process).
    await vi.waitFor(() => expect(loggedIntents(servers[0]!.output()).at(-1)).toBe('ticketStatus'));
    expect(status!.text).toContain(`phiếu ${ref}`);
    // Both processes really served this conversation: each logged its turns.
    for (const server of servers) expect(server.output().match(/"msg":"turn"/gu)?.length).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
