// A botbuilder Storage kept in local files (journalFile.ts), with botbuilder-core's MemoryStorage eTag rules:
// a write with no eTag or '*' overwrites, one carrying the stored item's eTag replaces it, any other fails with
// `eTag conflict`; every item written gets the next number of one counter as its eTag. One difference: a batch
// with a conflict writes none of its keys (MemoryStorage writes the others).
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ConversationExpiry } from './conversationExpiry.js';
import { JournalFile, type Change, type StoreData } from './journalFile.js';

export interface FileStorageOptions {
  log?: Logger;
  /** Forgets idle conversations; without it nothing expires. */
  expiry?: ConversationExpiry;
  /** The journal is folded into the snapshot once larger than this and than the snapshot (1 MB). */
  compactAtBytes?: number;
  now?: () => number;
}

export class FileStorage implements Storage {
  readonly files: JournalFile;
  private ready?: Promise<StoreData>;
  private readonly now: () => number;

  constructor(
    file: string,
    private readonly options: FileStorageOptions = {},
  ) {
    this.files = new JournalFile(file, options);
    this.now = options.now ?? Date.now;
  }

  /** Reads the files (once; a later call waits for the same read). Fails on an unwritable DATA_DIR. */
  async open(): Promise<void> {
    await this.loaded();
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const { items } = await this.loaded();
    const found: StoreItems = {};
    for (const key of keys) {
      const entry = items.get(key);
      if (entry) found[key] = JSON.parse(entry.text);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const data = await this.loaded();
    // Every eTag checked before anything is written, so a conflicting batch writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const current = data.items.get(key);
      const eTag = change?.eTag;
      if (current && eTag && eTag !== '*' && eTag !== current.eTag)
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    const at = this.now();
    let next = data.nextETag;
    this.files.append(
      Object.entries(changes).map(([key, change]): Change => {
        const eTag = String(next++);
        return [key, { text: JSON.stringify({ ...change, eTag }), eTag, at }];
      }),
    );
    this.expire(data);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const data = await this.loaded();
    this.files.append(keys.filter((key) => data.items.has(key)).map((key): Change => [key, null]));
    this.expire(data);
  }

  /** Resolves when every change made so far is folded into the snapshot (at shutdown). */
  async flush(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    await this.files.close();
  }

  private loaded(): Promise<StoreData> {
    this.ready ??= this.files.read().then((data) => {
      this.expire(data);
      return data;
    });
    return this.ready;
  }

  private expire(data: StoreData): void {
    const { expiry, log } = this.options;
    const expired = expiry?.expired(data.items, this.now());
    if (!expired?.length) return;
    try {
      this.files.append(expired.map((key): Change => [key, null]));
    } catch (error) {
      // A write refused now (a full disk) is retried at the next sweep.
      log?.error({ err: error, file: this.files.journal }, 'idle conversations could not be expired');
      return;
    }
    log?.info({ expired: expired.length, ttlMs: expiry!.ttlMs }, 'idle conversations expired');
  }
}
