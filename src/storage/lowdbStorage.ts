// A botbuilder Storage in DATA_DIR, with MemoryStorage's eTag rules: a snapshot `state.json` written
// through lowdb's TextFile adapter (steno: temp file + rename, so a crash never leaves half a file) and a
// journal `state.json.journal` of changes since, one JSON line per changed key.
// A turn's write appends only what changed, so its cost does not grow with the number of conversations
// kept; appends are coalesced (every change made while one runs goes into the next), and a write
// resolves only once its line is written, so a turn's state is durable before its reply is sent. When
// the journal outgrows the snapshot it is set aside (`state.json.journal.folding`) and folded into a new
// snapshot in the background while appends go on in a fresh journal, so no turn waits for the rewrite;
// at shutdown everything is folded into the snapshot.
// Each item is kept as its JSON text, like MemoryStorage does: serialised once when it changes.
import { promises as fs, type promises as fsp } from 'node:fs';
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
  /** The journal is folded into the snapshot once larger than this and than the snapshot. */
  compactAtBytes?: number;
  now?: () => number;
}

const CONVERSATION_KEY = /\/conversations\//u;

export class LowdbStorage implements Storage {
  private readonly adapter: TextFile;
  readonly journal: string;
  /** The journal being folded into the snapshot; it outlives a fold only if the process died during one. */
  readonly foldingJournal: string;
  /** The journal, open for appending. */
  private journalFile?: fsp.FileHandle;
  /** The background fold running now, if any. */
  private folding?: Promise<void>;
  /** A background fold failed: its journal is still aside, so the next fold rewrites everything in the chain. */
  private foldFailed = false;
  private ready?: Promise<void>;
  /** Keys changed since the last append. */
  private readonly dirty = new Set<string>();
  private journalBytes = 0;
  private snapshotBytes = 0;
  private readonly compactAtBytes: number;
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
    this.journal = `${file}.journal`;
    this.foldingJournal = `${this.journal}.folding`;
    this.compactAtBytes = options.compactAtBytes ?? 1024 * 1024;
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
      if (text === null) await this.adapter.write(this.serialise());
      else this.parse(text);
      this.snapshotBytes = text?.length ?? 0;
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
    // A journal set aside by a fold that did not finish holds changes older than the journal's.
    const interrupted = await this.replayJournal(this.foldingJournal);
    this.journalBytes = (await this.replayJournal(this.journal)) ?? 0;
    this.sweep();
    if (interrupted !== undefined) await this.fold();
  }

  /** Applies the changes a journal holds, in order (a line cut short by a power loss is skipped); its size, or undefined if there is none. */
  private async replayJournal(file: string): Promise<number | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const [key, item, at] = JSON.parse(line) as [string, StoreItems[string] | null, number];
        if (item === null) {
          this.forget(key);
          continue;
        }
        this.items.set(key, JSON.stringify(item));
        this.eTags.set(key, String(item.eTag));
        this.touchedAt.set(key, at);
        this.nextETag = Math.max(this.nextETag, Number(item.eTag) + 1 || 0);
      } catch {
        skipped++;
      }
    }
    if (skipped) this.log?.warn({ file, skipped }, 'state journal: skipped unreadable lines (a write cut short)');
    return text.length;
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
      this.dirty.add(key);
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

  /** Resolves when every change made so far has reached the disk, folded into the snapshot (at shutdown). */
  async flush(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    await this.persist();
    await this.folding;
    const folded = this.writing.catch(() => undefined).then(() => this.fold());
    this.writing = folded;
    await folded;
  }

  private forget(key: string): void {
    if (this.items.delete(key)) this.dirty.add(key);
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

  /** Appends the keys changed since the last append (one write call, so a killed process never leaves half a line). */
  private async append(): Promise<void> {
    if (!this.dirty.size) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    const lines = keys.map((key) => `[${JSON.stringify(key)},${this.items.get(key) ?? 'null'},${this.touchedAt.get(key) ?? 0}]\n`).join('');
    try {
      this.journalFile ??= await fs.open(this.journal, 'a');
      await this.journalFile.appendFile(lines);
    } catch (error) {
      for (const key of keys) this.dirty.add(key);
      throw error;
    }
    this.journalBytes += lines.length;
    if (!this.folding && this.journalBytes > Math.max(this.compactAtBytes, this.snapshotBytes)) {
      // The lines are written, so the turn's write stands: a snapshot that cannot be written is only logged.
      await (this.foldFailed ? this.fold() : this.setJournalAside()).catch((error: unknown) => this.snapshotFailed(error));
    }
  }

  private snapshotFailed(error: unknown): void {
    this.foldFailed = true;
    this.log?.error({ err: error, file: this.file }, 'state snapshot could not be written; the journals keep the changes');
  }

  /**
   * Starts a fresh journal and folds the old one into a new snapshot in the background. Runs in the write
   * chain, between appends: the snapshot taken now holds every line of the journal set aside.
   */
  private async setJournalAside(): Promise<void> {
    await this.closeJournal();
    await fs.rename(this.journal, this.foldingJournal);
    this.journalFile = await fs.open(this.journal, 'a');
    this.journalBytes = 0;
    const text = this.serialise();
    this.folding = this.writeSnapshot(text)
      .then(() => fs.rm(this.foldingJournal, { force: true }))
      // On failure the journal set aside stays (a restart replays it) and the next fold is done in the chain.
      .catch((error: unknown) => this.snapshotFailed(error))
      .finally(() => (this.folding = undefined));
  }

  /** Rewrites the snapshot with everything and empties the journals; in the write chain, so no append runs meanwhile. */
  private async fold(): Promise<void> {
    await this.writeSnapshot(this.serialise());
    await this.closeJournal();
    await fs.writeFile(this.journal, '');
    await fs.rm(this.foldingJournal, { force: true });
    this.journalBytes = 0;
    this.foldFailed = false;
  }

  private async writeSnapshot(text: string): Promise<void> {
    await this.adapter.write(text);
    this.snapshotBytes = text.length;
  }

  private async closeJournal(): Promise<void> {
    const file = this.journalFile;
    this.journalFile = undefined;
    await file?.close();
  }

  /** Joins the next append; what it writes is taken when it starts. */
  private persist(): Promise<void> {
    if (!this.queued) {
      const next = this.writing.catch(() => undefined).then(() => {
        // Changes made from here on are not in this append: they queue the one after it.
        this.queued = undefined;
        return this.append();
      });
      this.queued = next;
      this.writing = next;
    }
    return this.queued;
  }
}
