// Commands that read data from outside the repository (the BEIR retrieval sets) say in one line what they
// need and how to give it, with exit code 2, instead of a stack trace, when a plain clone does not have it.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/botServer.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
// An empty folder to run from, as in a clone without ../shared beside it.
const clone = tempDir('clone');
afterAll(() => rmSync(clone, { recursive: true, force: true }));

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, script), ...args], { cwd: clone, env: { PATH: process.env.PATH } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('commands that need the retrieval sets', () => {
  for (const [command, script, args] of [
    ['eval:retrieval', 'src/cli/evalRetrieval.ts', []],
    ['eval:retrieval', 'src/cli/evalRetrieval.ts', ['../shared/eval/retrieval/virhe4qa-dev']],
    ['bench:search', 'src/cli/benchSearch.ts', []],
  ] as const) {
    it(`${command} ${args.join(' ')}: one line naming what it needs and how to give it, exit code 2`, async () => {
      const { code, stdout, stderr } = await cli(script, [...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`npm run ${command} -- DIR`);
      expect(lines[0]).toContain('corpus.jsonl');
      expect(stderr).not.toMatch(/ENOENT|\n\s+at /u);
    }, 30_000);
  }
});
