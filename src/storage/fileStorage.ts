// A botbuilder Storage kept in local files (journalFile.ts), with botbuilder-core's MemoryStorage eTag rules:
// a write with no eTag or '*' overwrites, one carrying the stored item's eTag replaces it, any other fails with
// `eTag conflict`; every item written gets the next number of one counter as its eTag. One difference: a batch
// with a conflict writes none of its keys (MemoryStorage writes the others). Keys the `apart` option names
// (tickets) live in their own append-only file (recordLog.ts), read from disk when asked for, so that the
// state read at start holds only what is in use; those the state still holds (written by an earlier version)
// move there at the first start, before it serves.
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ConversationExpiry } from './conversationExpiry.js';
import path from 'node:path';
import { damagedFiles, JournalFile, type Change, type Entry, type StoreData } from './journalFile.js';
import { RecordLog, type RecordChange } from './recordLog.js';

export interface FileStorageOptions {
  log?: Logger;
  /** Forgets idle conversations; without it nothing expires. */
  expiry?: ConversationExpiry;
  /** The journal is folded into the snapshot once larger than this and than the snapshot (1 MB). */
  compactAtBytes?: number;
  /** Read the files, never write them (see JournalFileOptions). */
  readOnly?: boolean;
  now?: () => number;
  /** Keys kept in the record file (`<file>.records`), not in the state read at start. */
  apart?: (key: string) => boolean;
  /** What a record kept apart is summed up as, kept with it and given once by `summaries()` (a ticket's list row). */
  summary?: (item: StoreItem) => unknown;
}

export class FileStorage implements Storage {
  readonly files: JournalFile;
  readonly records: RecordLog;
  private readonly apart: (key: string) => boolean;
  private ready?: Promise<StoreData>;
  private readonly now: () => number;
  /** Why the last write failed, until a probe write succeeds again. */
  private failure?: string;

  constructor(
    file: string,
    private readonly options: FileStorageOptions = {},
  ) {
    this.files = new JournalFile(file, options);
    this.records = new RecordLog(file, { ...options, summaries: options.summary !== undefined });
    this.apart = options.apart ?? (() => false);
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
      const entry = this.entry(items, key);
      if (entry) found[key] = JSON.parse(entry.text);
    }
    return found;
  }

  /** The key's entry: a record apart is read from its file (one that only an older state holds, when read-only). */
  private entry(items: Map<string, Entry>, key: string): Pick<Entry, 'text' | 'eTag'> | undefined {
    if (!this.apart(key) || (this.options.readOnly && !this.records.knows(key))) return items.get(key);
    return this.records.read(key);
  }

  /** A key's eTag, without reading a record apart. */
  private eTagOf(items: Map<string, Entry>, key: string): string | undefined {
    return this.apart(key) ? this.records.meta(key)?.eTag : items.get(key)?.eTag;
  }

  /** The summaries of the records kept apart, read at start with their headers; once (then undefined). */
  async summaries(): Promise<Map<string, unknown> | undefined> {
    await this.loaded();
    return this.options.summary && this.records.takeSummaries();
  }

  private summed(key: string, entry: Entry | null, item?: StoreItem): RecordChange {
    const { summary } = this.options;
    if (!summary || !entry) return [key, entry];
    return [key, entry, summary(item ?? (JSON.parse(entry.text) as StoreItem))];
  }

  /** Changes to the record file and to the state journal; both durable when it resolves. */
  private append(data: StoreData, changes: Change[], items: StoreItems = {}): Promise<unknown> {
    const apart = changes.filter(([key]) => this.apart(key)).map(([key, entry]) => this.summed(key, entry, items[key]));
    const rest = changes.filter(([key]) => !this.apart(key));
    const written = this.records.append(apart);
    // The counter of eTags is the state's; records written apart take numbers from it too.
    data.nextETag = Math.max(data.nextETag, this.records.maxETag + 1);
    return Promise.all([written, this.files.append(rest)]);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const data = await this.loaded();
    // Every eTag checked before anything is written, so a conflicting batch writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const current = this.eTagOf(data.items, key);
      const eTag = change?.eTag;
      if (current && eTag && eTag !== '*' && eTag !== current) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    const at = this.now();
    let next = data.nextETag;
    const items: StoreItems = {};
    await this.track(() =>
      this.append(
        data,
        Object.entries(changes).map(([key, change]): Change => {
          const eTag = String(next++);
          items[key] = { ...change, eTag };
          return [key, { text: JSON.stringify(items[key]), eTag, at }];
        }),
        items,
      ),
    );
    this.expire(data);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const data = await this.loaded();
    await this.track(() =>
      this.append(
        data,
        keys.filter((key) => this.eTagOf(data.items, key) !== undefined).map((key): Change => [key, null]),
      ),
    );
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

  private async track(write: () => Promise<unknown>): Promise<void> {
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
    await this.records.close();
  }

  private loaded(): Promise<StoreData> {
    this.ready ??= this.files.read().then(async (data) => {
      // Stores with nothing apart (staff accounts) have no record file.
      if (this.options.apart) this.records.open();
      data.nextETag = Math.max(data.nextETag, this.records.maxETag + 1);
      if (!this.options.readOnly) await this.moveApart(data);
      this.expire(data);
      return data;
    });
    return this.ready;
  }

  /**
   * Moves the records the state still holds (an earlier version kept them there) to the record file: first
   * appended there and flushed, then deleted from the state, which is then written anew without them. A crash
   * in between leaves them in both; the next start moves again only those the record file does not know.
   */
  private async moveApart(data: StoreData): Promise<void> {
    const keys = [...data.items.keys()].filter((key) => this.apart(key));
    if (!keys.length) return;
    await this.records.append(keys.filter((key) => !this.records.knows(key)).map((key) => this.summed(key, data.items.get(key)!)));
    await this.files.append(keys.map((key): Change => [key, null]));
    await this.files.close();
    this.options.log?.info({ records: keys.length, file: this.records.file }, 'records moved from the state to their own file');
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
