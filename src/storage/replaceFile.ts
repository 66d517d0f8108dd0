// Replacing a file whole, so that a reader, another instance or a restart after a power loss finds the old file or
// the new one, never half of one. The kb.json and kb.snapshot writers, the ticket store's snapshot, the staff's
// entry edits and the Zalo token file all need exactly this, so it is done once here.
import { randomBytes } from 'node:crypto';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes the new content with `fill` to a temporary file beside `file` (its own per call, so writers sharing a
 * folder never take or remove each other's), puts it on the disk, renames it over `file` and syncs the folder so
 * that the rename lasts too. When `fill` returns false the file is left as it was and the temporary one removed.
 * Returns whether the file was replaced.
 */
export async function replaceFile(file: string, fill: (handle: FileHandle) => Promise<boolean | void>, mode?: number): Promise<boolean> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let replaced = false;
  try {
    const handle = await fs.open(temporary, 'w', mode);
    let keep: boolean | void;
    try {
      keep = await fill(handle);
      if (keep !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    if (keep === false) return false;
    await fs.rename(temporary, file);
    replaced = true;
  } finally {
    if (!replaced) await fs.rm(temporary, { force: true });
  }
  await syncDirectory(path.dirname(file));
  return true;
}

/** Makes a rename in the folder durable (the folder's entry, not only the file's content). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
