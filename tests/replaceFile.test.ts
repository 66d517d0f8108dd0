// A file replaced whole (kb.json, kb.snapshot, the ticket snapshot, staff edits, the Zalo token): the new bytes or
// the old ones, never a temporary file left beside them, whatever the writer does.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../src/storage/replaceFile.js';

function folderWith(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'replace-'));
  const file = path.join(dir, 'data.json');
  writeFileSync(file, text);
  return { dir, file };
}

describe('replaceFile', () => {
  it('puts the new content in place, with the mode asked, and leaves nothing beside it', async () => {
    const { dir, file } = folderWith('old');
    expect(await replaceFile(file, (handle) => handle.writeFile('new'), 0o600)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['data.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the file as it was when the writer says so', async () => {
    const { dir, file } = folderWith('old');
    expect(await replaceFile(file, async (handle) => (await handle.writeFile('same'), false))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['data.json']);
  });

  it('keeps the old file and removes the temporary one when the writer fails half way', async () => {
    const { dir, file } = folderWith('old');
    const failing = replaceFile(file, async (handle) => {
      await handle.writeFile('half');
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['data.json']);
  });
});
