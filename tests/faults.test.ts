// Faults: a real `kill -9` of the service during a burst of state writes, a corrupt or truncated state
// file at start, and a read-only or full DATA_DIR.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createApp, type App } from '../src/app.js';
import { FileStorage } from '../src/storage/fileStorage.js';
import { apartFromState } from '../src/storage/createStorage.js';
import type { Activity } from 'botbuilder';
import { ask, copyKnowledge, meta, observeOutcomes, tempDir } from './helpers/botServer.js';
import { loggedIntents, runUntilExit, startChildServer } from './helpers/childServer.js';
import { TICKET_STEPS } from './helpers/tickets.js';

const isRoot = process.getuid?.() === 0;
const ADMIN_TOKEN = 'faults-admin-token-7d2e-0123456789abcdef';
const NOBODY = 65534;

function stateItems(dataDir: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { items: Record<string, unknown> }).items;
}

/** The conversation's state as ConversationState keys it ("<channel>/conversations/<id>/<namespace>"). */
function conversationState(items: Record<string, unknown>, id: string): unknown {
  return items[`emulator/conversations/${id}/`];
}

/** The service in this process, with its log lines kept for the test to read. */
async function startLogged(
  dataDir: string,
  knowledgeDir: string,
): Promise<{ app: App; url: string; lines: () => { level: number; msg: string }[] }> {
  const out: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void out.push(line) });
  const app = await createApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir }), log);
  observeOutcomes(app);
  const port = await app.listen(0);
  return { app, url: `http://127.0.0.1:${port}`, lines: () => out.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

/** The message of the fatal log line the service printed before exiting. */
function fatalMessage(output: string): string | undefined {
  const line = output.split('\n').find((l) => l.startsWith('{') && (JSON.parse(l) as { level: number }).level === 60);
  return line ? (JSON.parse(line) as { msg: string }).msg : undefined;
}

describe('faults', () => {
  let knowledgeDir: string;
  const dirs: string[] = [];
  const freshDir = (prefix: string): string => {
    const dir = tempDir(prefix);
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    knowledgeDir = copyKnowledge();
    dirs.push(knowledgeDir);
  });
  afterAll(() => {
    for (const dir of dirs) {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every confirmed ticket when killed with SIGKILL in a burst of ticket writes, and the files parse', async () => {
    const dataDir = freshDir('kill9');
    const env = { ADMIN_TOKEN, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_USER_PER_MINUTE: '0' };
    const server = await startChildServer({ dataDir, knowledgeDir, env });
    const confirmed: { ref: string; conversation: string }[] = [];
    let failed = 0;
    let killed = false;
    // Each worker files tickets one after another; the reference in the confirmation is the promise kept.
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !killed; i++) {
        try {
          const conversation = `burst-${w}-${i}`;
          let last: Partial<Activity> | undefined;
          for (const text of TICKET_STEPS) [last] = await ask(server.url, conversation, text);
          const ref = /mã phiếu ([A-Z]{2}-[2-9A-Z]{4})/u.exec(last?.text ?? '')?.[1];
          if (ref) confirmed.push({ ref, conversation });
        } catch {
          failed++;
          return;
        }
        if (confirmed.length >= 40 && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, (_, w) => worker(w)));
    expect(await server.exited).toBe('SIGKILL');
    expect(failed).toBeGreaterThan(0); // the kill landed while requests were in flight

    // The snapshot parses, and so does every line of the journals of changes since (the one being folded
    // into a new snapshot at the moment of the kill, if any, and the current one).
    const files = readdirSync(dataDir);
    expect(files).toContain('state.json');
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')), file).not.toThrow();
    }
    const journals = files.filter((f) => f.startsWith('state.json.journal'));
    expect(journals.length).toBeGreaterThan(0);
    for (const file of journals) {
      const journal = readFileSync(path.join(dataDir, file), 'utf8');
      expect(journal === '' || journal.endsWith('\n'), file).toBe(true);
      for (const line of journal.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    }
    // Tickets have their own file: every line whole, a header and the ticket (a kill never leaves half a line).
    const records = readFileSync(path.join(dataDir, 'state.json.records'), 'utf8');
    expect(records.endsWith('\n')).toBe(true);
    for (const line of records.split('\n').filter(Boolean)) {
      const [header, item] = line.split('\t');
      expect(() => [JSON.parse(header!), JSON.parse(item!)]).not.toThrow();
    }
    const keys = confirmed.map(({ ref }) => `citizen/tickets/${ref}`);
    const stored = await new FileStorage(path.join(dataDir, 'state.json'), { apart: apartFromState, readOnly: true }).read(keys);
    expect(keys.filter((key) => !stored[key])).toEqual([]);

    const restarted = await startChildServer({ dataDir, knowledgeDir, env });
    try {
      // The restarted service finds them: each citizen asks for the status of the ticket they were confirmed.
      for (const [index, { ref, conversation }] of confirmed.slice(-5).entries()) {
        const [status] = await ask(restarted.url, conversation, `phiếu ${ref} sao rồi`);
        // What the turn did, from the per-turn log line of the service (it runs in another process).
        await vi.waitFor(() => expect(loggedIntents(restarted.output())[index]).toBe('ticketStatus'));
        expect(status!.text).toContain(`phiếu ${ref}`);
      }
    } finally {
      await restarted.stop();
    }
  }, 90_000);

  it.each([
    ['truncated', '{"nextETag":12,"items":{"emulator/conversations/a/":{"DialogSta'],
    ['empty', ''],
    ['not a state file', '[1,2,3]'],
  ])(
    'keeps a %s state file aside, starts degraded (never "ok" on an empty state) serving what the journal holds, until staff remove the copy',
    async (_kind, content) => {
      const dataDir = freshDir('corrupt');
      writeFileSync(path.join(dataDir, 'state.json'), content);
      // A ticket written since the last snapshot: only the journal holds it.
      const ticket = { ref: 'KN-2345', status: 'new', history: [], eTag: '7' };
      writeFileSync(path.join(dataDir, 'state.json.journal'), `${JSON.stringify(['citizen/tickets/KN-2345', ticket, 1])}\n`);
      const first = await startLogged(dataDir, knowledgeDir);
      try {
        const line = first.lines().find((l) => l.msg.includes('STATE FILE DAMAGED'));
        expect(line).toMatchObject({ level: 50, movedTo: expect.stringContaining('state.json.corrupt-') });
        const aside = readdirSync(dataDir).filter((f) => f.startsWith('state.json.corrupt-'));
        expect(aside).toHaveLength(1);
        expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe(content);
        const health = (await (await fetch(`${first.url}/healthz`)).json()) as { status: string; problems: { storage: string[] } };
        expect(health.status).toBe('degraded');
        expect(health.problems.storage.join()).toContain(aside[0]);
        expect((await fetch(`${first.url}/readyz`)).status).toBe(503);
        expect(await first.app.services.tickets.get('KN-2345')).toMatchObject({ ref: 'KN-2345' });
        expect(meta((await ask(first.url, 'after-corrupt', 'tong dai buu dien'))[0])?.intent).toBe('answer');
      } finally {
        await first.app.close();
      }
      // No crash loop, and no forgetting either: the next start is degraded as long as the copy is there.
      const again = await startLogged(dataDir, knowledgeDir);
      try {
        expect(again.lines().some((l) => l.msg.includes('STATE FILE DAMAGED'))).toBe(false);
        expect((await fetch(`${again.url}/readyz`)).status).toBe(503);
        expect(conversationState(stateItems(dataDir), 'after-corrupt')).toBeDefined();
        // Staff dealt with it (docs/operations.md, Damaged state): the copy is gone, and readiness returns.
        for (const f of readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))) rmSync(path.join(dataDir, f));
        await vi.waitFor(async () => expect((await fetch(`${again.url}/readyz`)).status).toBe(200), { timeout: 5000 });
        expect(((await (await fetch(`${again.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
      } finally {
        await again.app.close();
      }
    },
  );

  it('keeps a damaged staff-accounts.json aside and reports it: degraded, with a loud log line', async () => {
    const dataDir = freshDir('accounts');
    writeFileSync(path.join(dataDir, 'staff-accounts.json'), '{"items":{"staff/accounts/an":{"hash":');
    const started = await startLogged(dataDir, knowledgeDir);
    try {
      // The console asks whether any account exists: the file is read, found damaged and kept aside.
      await fetch(`${started.url}/api/staff/session`);
      expect(started.lines().find((l) => l.msg.includes('STATE FILE DAMAGED'))).toMatchObject({
        level: 50,
        file: expect.stringContaining('staff-accounts.json'),
      });
      await vi.waitFor(async () => expect((await fetch(`${started.url}/readyz`)).status).toBe(503), { timeout: 5000 });
      const health = (await (await fetch(`${started.url}/healthz`)).json()) as { status: string; problems: { storage: string[] } };
      expect(health.problems.storage.join()).toContain('staff-accounts.json.corrupt-');
    } finally {
      await started.app.close();
    }
  });

  it.skipIf(!isRoot)(
    'refuses to start when state.json cannot be read (permissions), naming the file',
    async () => {
      const dataDir = freshDir('unreadable');
      writeFileSync(path.join(dataDir, 'state.json'), '{"items":{},"nextETag":1}', { mode: 0o600 });
      // The folder is the service user's; the file is another user's (root's), readable by root only.
      chmodSync(dataDir, 0o777);
      const { code, output } = await runUntilExit({ dataDir, knowledgeDir, uid: NOBODY });
      expect(code).toBe(1);
      expect(fatalMessage(output)).toMatch(/^DATA_DIR: "[^"]*unreadable[^"]*\/state\.json" cannot be read \(EACCES\)/u);
      expect(readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    },
    30_000,
  );

  it('refuses to start on a read-only DATA_DIR with a message naming DATA_DIR', async () => {
    const dataDir = freshDir('readonly');
    chmodSync(dataDir, 0o555);
    const { code, output } = await runUntilExit({ dataDir, knowledgeDir, ...(isRoot ? { uid: NOBODY } : {}) });
    expect(code).toBe(1);
    expect(fatalMessage(output)).toMatch(/^DATA_DIR: "[^"]*readonly[^"]*" cannot be created or written \(EACCES\)/u);
    expect(output).not.toMatch(/\n\s+at /u); // a message, not a stack trace
  }, 30_000);

  describe.skipIf(!isRoot)('a disk that fills up while the service runs (a 16 MB tmpfs)', () => {
    let mountPoint: string;
    beforeAll(() => {
      mountPoint = freshDir('filling');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
    });
    afterAll(() => {
      execFileSync('umount', [mountPoint]);
    });

    it('acknowledges nothing it did not store, is not ready while full, and is ready again once there is room', async () => {
      const dataDir = path.join(mountPoint, 'data');
      mkdirSync(dataDir);
      const started = await startLogged(dataDir, knowledgeDir);
      const filler = path.join(mountPoint, 'filler');
      try {
        expect((await fetch(`${started.url}/readyz`)).status).toBe(200);
        try {
          execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
        } catch {
          // dd stops with an error once the disk is full: that is the point.
        }
        // Once a turn's state cannot be written (what was left of the journal's last page goes first), the
        // citizen is told so, last, not left believing it was kept.
        let refused = false;
        for (let i = 0; i < 100 && !refused; i++) {
          refused = !!(await ask(started.url, `disk-full-${i}`, 'tong dai buu dien')).at(-1)?.text?.includes('hệ thống đang gặp sự cố');
        }
        expect(refused).toBe(true);
        await vi.waitFor(async () => expect((await fetch(`${started.url}/readyz`)).status).toBe(503), { timeout: 5000 });
        const health = (await (await fetch(`${started.url}/healthz`)).json()) as { status: string; problems: { storage: string[] } };
        expect(health.status).toBe('degraded');
        expect(health.problems.storage.join()).toMatch(/cannot be written: ENOSPC/u);
        rmSync(filler);
        await vi.waitFor(async () => expect((await fetch(`${started.url}/readyz`)).status).toBe(200), { timeout: 5000 });
        expect(meta((await ask(started.url, 'disk-freed', 'tong dai buu dien'))[0])?.intent).toBe('answer');
      } finally {
        rmSync(filler, { force: true });
        await started.app.close();
      }
    }, 30_000);
  });

  describe.skipIf(!isRoot)('on a full disk (a 32 KB tmpfs)', () => {
    let mountPoint: string;
    beforeAll(() => {
      mountPoint = freshDir('full');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', mountPoint]);
    });
    afterAll(() => {
      execFileSync('umount', [mountPoint]);
    });

    it('refuses to start with a message saying DATA_DIR is full', async () => {
      const dataDir = path.join(mountPoint, 'data');
      mkdirSync(dataDir);
      const { code, output } = await runUntilExit({ dataDir, knowledgeDir });
      expect(code).toBe(1);
      expect(fatalMessage(output)).toMatch(/^DATA_DIR: "[^"]*": the disk is full \(ENOSPC\)/u);
      expect(readdirSync(dataDir)).toEqual([]); // the probe cleaned up after itself
    }, 30_000);
  });
});
