// A botbuilder Storage kept in local files (journalFile.ts), with botbuilder-core's MemoryStorage eTag rules:
// a write with no eTag or '*' overwrites, one carrying the stored item's eTag replaces it, any other fails with
// `eTag conflict`; every item written gets the next number of one counter as its eTag. One difference: a batch
// with a conflict writes none of its keys (MemoryStorage writes the others).
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ConversationExpiry } from './conversationExpiry.js';
import path from 'node:path';
import { damagedFiles, JournalFile, type Change, type StoreData } from './journalFile.js';

export interface FileStorageOptions {
  log?: Logger;
  /** Forgets idle conversations; without it nothing expires. */
  expiry?: ConversationExpiry;
  /** The journal is folded into the snapshot once larger than this and than the snapshot (1 MB). */
  compactAtBytes?: number;
  /** Read the files, never write them (see JournalFileOptions). */
  readOnly?: boolean;
  now?: () => number;
}

export class FileStorage implements Storage {
  readonly files: JournalFile;
  private ready?: Promise<StoreData>;
  private readonly now: () => number;
  /** Why the last write failed, until a probe write succeeds again. */
  private failure?: string;

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
    await this.track(() =>
      this.files.append(
        Object.entries(changes).map(([key, change]): Change => {
          const eTag = String(next++);
          return [key, { text: JSON.stringify({ ...change, eTag }), eTag, at }];
        }),
      ),
    );
    this.expire(data);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const data = await this.loaded();
    await this.track(() => this.files.append(keys.filter((key) => data.items.has(key)).map((key): Change => [key, null])));
    this.expire(data);
  }

  /**
   * What keeps the store from serving fully now: a damaged file kept aside in its folder (until staff deal with
   * it: docs/operations.md, Damaged state), and the last write's failure, checked again with a probe write.
   */
  async problems(): Promise<string[]> {
    const dir = path.dirname(this.files.file);
    const problems = (await damagedFiles(dir)).map((name) => `damaged file kept aside: ${path.join(dir, name)}`);
    if (this.failure === undefined) return problems;
    const error = await this.files.probe();
    if (!error) this.failure = undefined;
    return this.failure === undefined ? problems : [...problems, `${this.files.file} cannot be written: ${error?.code ?? this.failure}`];
  }

  private async track(write: () => Promise<void>): Promise<void> {
    // Cleared only by a probe (problems()): a small write can still fit on a disk that has no room for a turn.
    try {
      await write();
    } catch (error) {
      this.failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw error;
    }
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
    // A write refused now (a full disk) is retried at the next sweep.
    const failed = (error: unknown): void =>
      log?.error({ err: error, file: this.files.journal }, 'idle conversations could not be expired');
    try {
      void this.files.append(expired.map((key): Change => [key, null])).catch(failed);
    } catch (error) {
      failed(error);
      return;
    }
    log?.info({ expired: expired.length, ttlMs: expiry!.ttlMs }, 'idle conversations expired');
  }
}
