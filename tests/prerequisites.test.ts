// What a plain clone may lack is named in one line with how to get it, instead of a stack trace: the data
// from outside the repository (the BEIR retrieval sets; exit code 2) and Chromium for the browser tests.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers/botServer.js';
import { chromiumPath } from './helpers/widgetBrowser.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
// An empty folder to run from, as in a clone without ../shared beside it.
const clone = tempDir('clone');
afterAll(() => rmSync(clone, { recursive: true, force: true }));

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, script), ...args], {
    cwd: clone,
    env: { PATH: process.env.PATH },
  }).then(
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

describe('the browser tests without Chromium', () => {
  it('fail with one line saying how to install it', () => {
    vi.stubEnv('CHROMIUM_PATH', path.join(clone, 'no-chromium'));
    try {
      expect(chromiumPath).toThrow(
        /^Chromium is needed for the browser tests and is not at \S+: install it with `apt-get install chromium` \(as \.ci\/run does\), or set CHROMIUM_PATH$/u,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
