// A botbuilder Storage over one lowdb JSON file, with MemoryStorage's eTag rules.
// lowdb writes through steno (temp file + rename), so a crash never leaves a half-written file.
// Writes are coalesced: every change made while a file write is running goes into the next one, so a
// burst of turns costs a few whole-file writes instead of one each; a write still resolves only once the
// file holding it is on disk, so a turn's state is durable before its reply is sent.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

interface StateFile {
  nextETag: number;
  items: Record<string, StoreItems[string]>;
  /** Last write time (ms) of each key, for the idle-conversation expiry. */
  touchedAt?: Record<string, number>;
}

export interface LowdbStorageOptions {
  /** Conversation state (keys `<channel>/conversations/<id>`) idle this long is deleted; 0 keeps it. */
  conversationTtlMs?: number;
  now?: () => number;
}

const CONVERSATION_KEY = /\/conversations\//u;

export class LowdbStorage implements Storage {
  private readonly db: Low<StateFile>;
  private ready?: Promise<void>;
  /** The file write running now (or the last one). */
  private writing: Promise<void> = Promise.resolve();
  /** The next file write, not started yet: changes made now are in it. */
  private queued?: Promise<void>;
  private lastSweep = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(readonly file: string, private readonly log?: Logger, options: LowdbStorageOptions = {}) {
    // Not JSONFilePreset: under NODE_ENV=test it silently swaps in an in-memory adapter.
    this.db = new Low<StateFile>(new JSONFile<StateFile>(file), { nextETag: 1, items: {}, touchedAt: {} });
    this.ttlMs = options.conversationTtlMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  /** Loads the file once; a corrupt file is moved aside and a fresh one started, so a bad file never crash-loops. */
  open(): Promise<void> {
    this.ready ??= this.load();
    return this.ready;
  }

  private async load(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await this.probeWritable();
    try {
      await this.db.read();
      if (typeof this.db.data?.items !== 'object' || this.db.data.items === null) throw new Error('no "items" object');
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log?.error({ file: this.file, movedTo: aside, reason: (error as Error).message }, 'state file unreadable: moved aside, starting a fresh one');
      this.db.data = { nextETag: 1, items: {}, touchedAt: {} };
      await this.db.write();
    }
    const now = this.now();
    const touchedAt = (this.db.data.touchedAt ??= {});
    for (const key of Object.keys(this.db.data.items)) touchedAt[key] ??= now;
    this.sweep();
  }

  /** A read-only or full DATA_DIR is found at start, with a message naming the folder, not at the first turn. */
  private async probeWritable(): Promise<void> {
    const probe = `${this.file}.probe-${process.pid}`;
    try {
      // As large as a busy state file's next write is likely to grow, so a nearly full disk is caught too.
      await fs.writeFile(probe, Buffer.alloc(64 * 1024));
      await fs.rm(probe);
    } catch (error) {
      await fs.rm(probe, { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'it is read-only' : 'it cannot be written';
      throw new ConfigError('DATA_DIR', `"${path.dirname(this.file)}": ${why} (${code}); state cannot be saved. Free space or point DATA_DIR at a writable folder`);
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.open();
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.db.data.items[key];
      if (item !== undefined) found[key] = structuredClone(item);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.open();
    const { items } = this.db.data;
    // Check every eTag before changing anything, so a conflicting batch writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const current = items[key];
      const eTag = change?.eTag;
      if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const now = this.now();
    const touchedAt = (this.db.data.touchedAt ??= {});
    for (const [key, change] of Object.entries(changes)) {
      items[key] = { ...structuredClone(change), eTag: String(this.db.data.nextETag++) };
      touchedAt[key] = now;
    }
    this.sweep();
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.open();
    for (const key of keys) this.forget(key);
    await this.persist();
  }

  /** Resolves when every change made so far has reached the disk. */
  async flush(): Promise<void> {
    if (this.ready) {
      await this.ready;
      await this.persist();
    }
  }

  private forget(key: string): void {
    delete this.db.data.items[key];
    if (this.db.data.touchedAt) delete this.db.data.touchedAt[key];
  }

  /** Deletes idle conversation state, at most once per tenth of the TTL; tickets and other keys never expire here. */
  private sweep(): void {
    const now = this.now();
    if (!this.ttlMs || now - this.lastSweep < this.ttlMs / 10) return;
    this.lastSweep = now;
    const touchedAt = this.db.data.touchedAt ?? {};
    let expired = 0;
    for (const key of Object.keys(this.db.data.items)) {
      if (CONVERSATION_KEY.test(key) && now - (touchedAt[key] ?? now) > this.ttlMs) {
        this.forget(key);
        expired++;
      }
    }
    if (expired) this.log?.info({ expired, ttlMs: this.ttlMs }, 'idle conversations expired');
  }

  /** Joins the next file write; lowdb serialises the whole state when that write starts. */
  private persist(): Promise<void> {
    if (!this.queued) {
      const next = this.writing.catch(() => undefined).then(() => {
        // Changes made from here on are not in this snapshot: they queue the write after it.
        this.queued = undefined;
        return this.db.write();
      });
      this.queued = next;
      this.writing = next;
    }
    return this.queued;
  }
}
