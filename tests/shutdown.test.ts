// SIGTERM on the real process: it stops accepting, lets the running turn finish, flushes state, exits 0.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { activity, copyKnowledge, tempDir } from './helpers/botServer.js';

const ROOT = path.resolve(import.meta.dirname, '..');

it('exits 0 on SIGTERM after answering, with the conversation state on disk', async () => {
  const dataDir = tempDir('shutdown');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    // This test reads the lowdb state file, so it runs on lowdb whatever the suite's storage.
    env: { ...process.env, STORAGE: 'lowdb', PORT: '0', DATA_DIR: dataDir, KNOWLEDGE_DIR: copyKnowledge(), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/"port":(\d+).*"msg":"ready/u);
      if (ready) resolve(Number(ready[1]));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity('sigterm', { text: 'tin mới nhất' }), deliveryMode: 'expectReplies' }),
  });
  expect(response.status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain('shutting down');
  const state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { items: Record<string, unknown> };
  expect(Object.keys(state.items)).toContain('emulator/conversations/sigterm/');
}, 30_000);
