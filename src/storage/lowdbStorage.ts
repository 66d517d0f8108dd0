// A botbuilder Storage in DATA_DIR, with MemoryStorage's eTag rules: a snapshot `state.json` (read
// through lowdb's TextFile adapter; written to a temp file then renamed, as lowdb's steno does, so a crash
// never leaves half a file) and a journal `state.json.journal` of changes since, one JSON line per changed key.
// A write appends only what changed, so its cost does not grow with the number of conversations kept.
// The append is one synchronous write call to the open journal, made before the write resolves: a turn's
// state is in the file before its reply is sent, and the turn does not wait for a thread-pool round trip
// (under load that wait, not the write, was most of a turn's latency). When the journal outgrows the
// snapshot it is set aside (`state.json.journal.folding`) and folded into a new snapshot in the
// background while appends go on in a fresh journal; at shutdown everything is folded into the snapshot.
// Each item is kept as its JSON text, like MemoryStorage does: serialised once when it changes.
import { appendFileSync, closeSync, existsSync, ftruncateSync, openSync, promises as fs, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TextFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/** State files: the service's user only (they hold personal data); its folder likewise. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

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
/** Items serialised and written for a snapshot between two chances for turns to run. */
const SERIALISE_SLICE = 200;

export class LowdbStorage implements Storage {
  private readonly adapter: TextFile;
  readonly journal: string;
  /** The journal being folded into the snapshot; it outlives a fold only if the process died during one. */
  readonly foldingJournal: string;
  /** The journal's file descriptor, open for appending. */
  private journalFd?: number;
  /** The journal's size in bytes. */
  private journalBytes = 0;
  /** The background fold running now, if any. */
  private folding?: Promise<void>;
  private ready?: Promise<void>;
  private snapshotBytes = 0;
  private readonly compactAtBytes: number;
  /** Each item's JSON text, eTag included. */
  private readonly items = new Map<string, string>();
  private readonly eTags = new Map<string, string>();
  private readonly touchedAt = new Map<string, number>();
  private nextETag = 1;
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
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: DIR_MODE });
    await this.probeWritable();
    await this.restrictAccess();
    try {
      const text = await this.adapter.read();
      if (text === null) {
        await this.writeSnapshot();
      } else {
        this.parse(text);
        this.snapshotBytes = Buffer.byteLength(text);
      }
    } catch (error) {
      this.items.clear();
      this.eTags.clear();
      this.touchedAt.clear();
      this.nextETag = 1;
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log?.error({ file: this.file, movedTo: aside, reason: (error as Error).message }, 'state file unreadable: moved aside, starting a fresh one');
      await this.writeSnapshot();
    }
    // A journal set aside by a fold that did not finish holds changes older than the journal's.
    const interrupted = await this.replayJournal(this.foldingJournal);
    this.journalBytes = (await this.replayJournal(this.journal)) ?? 0;
    if (interrupted !== undefined) await this.fold();
    this.sweep();
  }

  /** Applies the changes a journal holds, in order (a line cut short by a power loss is skipped); its size in bytes, or undefined if there is none. */
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
          this.drop(key);
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
    return Buffer.byteLength(text);
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

  /**
   * The state holds citizens' names, phone numbers and complaints: only the service's own user may read it.
   * Files are created 0600 and the folder 0700; those left by an older version (0644) are tightened at start.
   */
  private async restrictAccess(): Promise<void> {
    const restrict = (file: string, mode: number) => fs.chmod(file, mode).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.log?.warn({ file, reason: error.code }, 'could not restrict access to a state file');
    });
    await restrict(path.dirname(this.file), DIR_MODE);
    for (const file of [this.file, this.journal, this.foldingJournal]) await restrict(file, FILE_MODE);
  }

  /** A read-only or full DATA_DIR is found at start, with a message naming the folder, not at the first turn. */
  private async probeWritable(): Promise<void> {
    // Unique per call: two stores opening the same file at once must not remove each other's probe.
    const probe = `${this.file}.probe-${process.pid}-${randomUUID()}`;
    try {
      // As large as a busy state file's next write is likely to grow, so a nearly full disk is caught too.
      await fs.writeFile(probe, Buffer.alloc(64 * 1024), { mode: FILE_MODE });
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
    let next = this.nextETag;
    const written = Object.entries(changes).map(([key, change]) => {
      const eTag = String(next++);
      return { key, eTag, text: JSON.stringify({ ...change, eTag }) };
    });
    // In the file first: if the disk refuses, nothing changed.
    this.append(written.map(({ key, text }) => journalLine(key, text, now)).join(''));
    this.nextETag = next;
    for (const { key, eTag, text } of written) {
      this.items.set(key, text);
      this.eTags.set(key, eTag);
      this.touchedAt.set(key, now);
    }
    this.afterChange();
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.open();
    this.remove(keys.filter((key) => this.items.has(key)));
    this.afterChange();
  }

  /** Resolves when every change made so far is folded into the snapshot (at shutdown). */
  async flush(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    await this.folding;
    await this.fold();
    this.closeJournal();
  }

  private remove(keys: string[]): void {
    if (!keys.length) return;
    this.append(keys.map((key) => journalLine(key, 'null', 0)).join(''));
    for (const key of keys) this.drop(key);
  }

  private drop(key: string): void {
    this.items.delete(key);
    this.eTags.delete(key);
    this.touchedAt.delete(key);
  }

  private afterChange(): void {
    this.sweep();
    if (this.folding || this.journalBytes <= Math.max(this.compactAtBytes, this.snapshotBytes)) return;
    this.folding = this.fold()
      // The journal set aside stays (a restart replays it) and the next fold takes it in.
      .catch((error: unknown) => this.log?.error({ err: error, file: this.file }, 'state snapshot could not be written; the journals keep the changes'))
      .finally(() => (this.folding = undefined));
  }

  /** Deletes idle conversation state, at most once per tenth of the TTL; tickets and other keys never expire here. */
  private sweep(): void {
    const now = this.now();
    if (!this.ttlMs || now - this.lastSweep < this.ttlMs / 10) return;
    this.lastSweep = now;
    const expired = [...this.touchedAt].filter(([key, at]) => CONVERSATION_KEY.test(key) && now - at > this.ttlMs).map(([key]) => key);
    try {
      this.remove(expired);
    } catch (error) {
      // A write refused now (a full disk) is retried at the next sweep.
      this.log?.error({ err: error, file: this.journal }, 'idle conversations could not be expired');
      return;
    }
    if (expired.length) this.log?.info({ expired: expired.length, ttlMs: this.ttlMs }, 'idle conversations expired');
  }

  /**
   * Writes the snapshot a slice of items at a time, so that turns go on in between: lowdb's TextFile
   * takes the whole text at once, and building and encoding megabytes of it held the event loop for
   * about 95 ms at 12.8 MB (the slowest turns of a busy minute). An item changed meanwhile may be taken in
   * its newer version and a deleted one left out: either way the journal after the snapshot holds the
   * change, and replays it. Written to a temp file and renamed, so the snapshot is never half written.
   */
  private async writeSnapshot(): Promise<void> {
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.tmp`);
    const handle = await fs.open(temp, 'w', FILE_MODE);
    let bytes = 0;
    const put = async (text: string): Promise<void> => {
      bytes += (await handle.write(text)).bytesWritten;
    };
    try {
      const keys = [...this.items.keys()];
      const touchedAt: string[] = [];
      await put('{"items":{');
      let separator = '';
      for (let start = 0; start < keys.length; start += SERIALISE_SLICE) {
        const slice: string[] = [];
        for (const key of keys.slice(start, start + SERIALISE_SLICE)) {
          const text = this.items.get(key);
          if (text === undefined) continue;
          slice.push(`${JSON.stringify(key)}:${text}`);
          touchedAt.push(`${JSON.stringify(key)}:${this.touchedAt.get(key) ?? 0}`);
        }
        if (!slice.length) continue;
        await put(separator + slice.join(','));
        separator = ',';
      }
      await put(`},"touchedAt":{${touchedAt.join(',')}},"nextETag":${this.nextETag}}\n`);
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
    this.snapshotBytes = bytes;
  }

  /** Appends lines to the journal in one write call, so a killed process never leaves half a line. */
  private append(lines: string): void {
    this.journalFd ??= openSync(this.journal, 'a', FILE_MODE);
    const written = writeSync(this.journalFd, lines);
    const bytes = Buffer.byteLength(lines);
    if (written !== bytes) {
      // A full disk took part of it: cut the part off, so the next line does not join it.
      ftruncateSync(this.journalFd, this.journalBytes);
      throw new Error(`Storage: the journal ${this.journal} took ${written} of ${bytes} bytes; is the disk full?`);
    }
    this.journalBytes += written;
  }

  /**
   * Folds every change into a new snapshot. The journal is set aside first, synchronously, so appends go
   * on in a fresh journal while the snapshot (which holds every line set aside) is written.
   */
  private async fold(): Promise<void> {
    this.closeJournal();
    if (existsSync(this.foldingJournal)) {
      // A fold that failed left its journal: keep its lines and add these after them.
      if (existsSync(this.journal)) appendFileSync(this.foldingJournal, readFileSync(this.journal), { mode: FILE_MODE });
    } else if (existsSync(this.journal)) {
      renameSync(this.journal, this.foldingJournal);
    }
    // Appending (O_APPEND), so that after a cut-off partial write the next line still goes at the end.
    this.journalFd = openSync(this.journal, 'a', FILE_MODE);
    ftruncateSync(this.journalFd, 0);
    this.journalBytes = 0;
    await this.writeSnapshot();
    await fs.rm(this.foldingJournal, { force: true });
  }

  private closeJournal(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

/** A journal line: `[key, item or null, time of the change]`. */
function journalLine(key: string, itemText: string, at: number): string {
  return `[${JSON.stringify(key)},${itemText},${at}]\n`;
}
