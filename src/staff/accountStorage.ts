// Where staff accounts live. On Blob, in the bot's own container (every instance and `npm run staff` see
// the same items). On lowdb, the bot's state.json is held in memory by the running bot, so an account that
// `npm run staff` wrote there would be invisible to it, and lost at its next snapshot: accounts get a file
// of their own, DATA_DIR/staff-accounts.json, opened afresh for each use (sign-ins are rare).
import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { Config } from '../config.js';
import { LowdbStorage } from '../storage/lowdbStorage.js';

/** Runs `work` on the accounts' storage; `writes` makes its changes durable before it resolves. */
export type StorageAccess = <T>(work: (storage: Storage) => Promise<T>, writes?: boolean) => Promise<T>;

export const ACCOUNTS_FILE = 'staff-accounts.json';

/** `shared` is the bot's Blob storage; unused (and not to be opened, see above) on lowdb. */
export function accountStorage(config: Config, shared?: Storage): StorageAccess {
  if (config.storage.kind === 'blob') {
    if (!shared) throw new Error('accountStorage: the Blob storage is required with STORAGE=blob');
    return (work) => work(shared);
  }
  const file = path.join(config.dataDir, ACCOUNTS_FILE);
  return async (work, writes = false) => {
    const storage = new LowdbStorage(file);
    await storage.open();
    try {
      return await work(storage);
    } finally {
      // A read writes nothing, so a sign-in never overwrites what `npm run staff` just wrote.
      if (writes) await storage.flush();
    }
  };
}
