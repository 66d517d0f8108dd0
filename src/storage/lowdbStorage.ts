// A botbuilder Storage over one JSON file through lowdb's TextFile adapter, with MemoryStorage's eTag rules.
// lowdb writes through steno (temp file + rename), so a crash never leaves a half-written file.
// Each item is kept as its JSON text, like MemoryStorage does: serialised once when it changes, parsed on
// read, so a file write only joins texts instead of re-serialising every conversation. Writes are
// coalesced: every change made while a file write is running goes into the next one, so a burst of turns
// costs a few file writes instead of one each; a write still resolves only once the file holding it is
// on disk, so a turn's state is durable before its reply is sent.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/** The file's shape (kept from the first version of this store, so existing files still load). */
interface StateFile {
  nextETag: number;
  items: Record<string, StoreItems[string]>;
  /** Last write time (ms) of each key, for the idle-conversation expiry. */
  touchedAt?: Record<string, number>;
}

export interface LowdbStorageOptions {
  /** Conversation state (keys `<channel>/conversations/<id>/…`) idle this long is deleted; 0 keeps it. */
  conversationTtlMs?: number;
  now?: () => number;
}

const CONVERSATION_KEY = /\/conversations\//u;

export class LowdbStorage implements Storage {
  private readonly adapter: TextFile;
  private ready?: Promise<void>;
  /** Each item's JSON text, eTag included. */
  private readonly items = new Map<string, string>();
  private readonly eTags = new Map<string, string>();
  private readonly touchedAt = new Map<string, number>();
  private nextETag = 1;
  /** The file write running now (or the last one). */
  private writing: Promise<void> = Promise.resolve();
  /** The next file write, not started yet: changes made now are in it. */
  private queued?: Promise<void>;
  private lastSweep = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(readonly file: string, private readonly log?: Logger, options: LowdbStorageOptions = {}) {
    // A lowdb adapter, not JSONFilePreset: under NODE_ENV=test the preset silently swaps in memory.
    this.adapter = new TextFile(file);
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
      const text = await this.adapter.read();
      if (text !== null) this.parse(text);
    } catch (error) {
      this.items.clear();
      this.eTags.clear();
      this.touchedAt.clear();
      this.nextETag = 1;
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log?.error({ file: this.file, movedTo: aside, reason: (error as Error).message }, 'state file unreadable: moved aside, starting a fresh one');
      await this.adapter.write(this.serialise());
    }
    this.sweep();
  }

  private parse(text: string): void {
    const data = JSON.parse(text) as Partial<StateFile> | null;
    if (typeof data?.items !== 'object' || data.items === null || Array.isArray(data.items)) throw new Error('no "items" object');
    const now = this.now();
    for (const [key, item] of Object.entries(data.items)) {
      this.items.set(key, JSON.stringify(item));
      this.eTags.set(key, String(item?.eTag));
      this.touchedAt.set(key, data.touchedAt?.[key] ?? now);
    }
    this.nextETag = Number.isInteger(data.nextETag) ? data.nextETag! : this.items.size + 1;
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
      const text = this.items.get(key);
      if (text !== undefined) found[key] = JSON.parse(text);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.open();
    // Check every eTag before changing anything, so a conflicting batch writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const current = this.eTags.get(key);
      const eTag = change?.eTag;
      if (current !== undefined && eTag && eTag !== '*' && eTag !== current) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const now = this.now();
    for (const [key, change] of Object.entries(changes)) {
      const eTag = String(this.nextETag++);
      this.items.set(key, JSON.stringify({ ...change, eTag }));
      this.eTags.set(key, eTag);
      this.touchedAt.set(key, now);
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
    this.items.delete(key);
    this.eTags.delete(key);
    this.touchedAt.delete(key);
  }

  /** Deletes idle conversation state, at most once per tenth of the TTL; tickets and other keys never expire here. */
  private sweep(): void {
    const now = this.now();
    if (!this.ttlMs || now - this.lastSweep < this.ttlMs / 10) return;
    this.lastSweep = now;
    let expired = 0;
    for (const [key, at] of this.touchedAt) {
      if (CONVERSATION_KEY.test(key) && now - at > this.ttlMs) {
        this.forget(key);
        expired++;
      }
    }
    if (expired) this.log?.info({ expired, ttlMs: this.ttlMs }, 'idle conversations expired');
  }

  private serialise(): string {
    const items = [...this.items].map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(',');
    return `{"nextETag":${this.nextETag},"items":{${items}},"touchedAt":${JSON.stringify(Object.fromEntries(this.touchedAt))}}\n`;
  }

  /** Joins the next file write; the file's text is taken when that write starts. */
  private persist(): Promise<void> {
    if (!this.queued) {
      const next = this.writing.catch(() => undefined).then(() => {
        // Changes made from here on are not in this text: they queue the write after it.
        this.queued = undefined;
        return this.adapter.write(this.serialise());
      });
      this.queued = next;
      this.writing = next;
    }
    return this.queued;
  }
}
