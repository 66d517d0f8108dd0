// Where staff accounts live. On Blob, in the bot's own container (every instance and `npm run staff` see
// the same items). On lowdb, the bot's state.json is held in memory by the running bot, so an account that
// `npm run staff` wrote there would be invisible to it, and lost at its next snapshot: accounts get a file
// of their own, DATA_DIR/staff-accounts.json, read again whenever the file or its journal changed on disk.
// Several processes write that file (the bot recording failed sign-ins, one or more `npm run staff` at once),
// and each writer folds its whole copy into the snapshot when done: writers, and readers taking a new copy,
// hold a lock on the file (proper-lockfile, across processes), so no writer folds over another's account.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Storage } from 'botbuilder';
import lockfile from 'proper-lockfile';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { FileStorage } from '../storage/fileStorage.js';

/** Runs `work` on the accounts' storage; `writes` makes its changes durable before it resolves. */
export type StorageAccess = <T>(work: (storage: Storage) => Promise<T>, writes?: boolean) => Promise<T>;

const ACCOUNTS_FILE = 'staff-accounts.json';

/** `shared` is the bot's Blob storage; unused (and not to be opened, see above) on lowdb. `log` hears of a damaged file. */
export function accountStorage(config: Config, shared?: Storage, log?: Logger): StorageAccess {
  if (config.storage.kind === 'blob') {
    if (!shared) throw new Error('accountStorage: the Blob storage is required with STORAGE=blob');
    return (work) => work(shared);
  }
  const file = path.join(config.dataDir, ACCOUNTS_FILE);
  /** The copy read last, and the state of the files it was read from. */
  let reader: { storage: FileStorage; stamp: string } | undefined;
  return async (work, writes = false) => {
    if (!writes) {
      // A read writes nothing, so a sign-in never overwrites what `npm run staff` just wrote.
      const stamp = await filesStamp(file);
      if (reader?.stamp !== stamp) {
        const storage = new FileStorage(file, { log });
        await locked(file, () => storage.open());
        // The stamp from before reading: a write during the read makes the next call read again.
        reader = { storage, stamp };
      }
      return work(reader.storage);
    }
    return locked(file, async () => {
      const storage = new FileStorage(file, { log });
      await storage.open();
      try {
        return await work(storage);
      } finally {
        await storage.flush();
        reader = undefined;
      }
    });
  };
}

/** Runs `work` holding the file's lock; a lock left by a killed process is taken over after 10 s. */
async function locked<T>(file: string, work: () => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const release = await lockfile.lock(file, {
    realpath: false,
    stale: 10_000,
    retries: { retries: 100, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}

/** Size and modification time of the accounts file and its journal: changes whenever either is written. */
async function filesStamp(file: string): Promise<string> {
  const parts = await Promise.all(
    [file, `${file}.journal`].map((f) =>
      fs.stat(f).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}
