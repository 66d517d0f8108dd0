// The files of a FileStorage, in the manner of lowdb's adapters (read the data; write what changed): a
// snapshot `state.json` (read through lowdb's TextFile adapter; written to a temp file then renamed, as lowdb's
// steno does, so a crash never leaves half a file) and a journal `state.json.journal` of the changes since, one
// JSON line `[key, item or null, time]` per changed key. An append costs what changed, not the number of
// conversations kept. It is one synchronous write call to the open journal (a killed process never leaves half
// a line), then an fdatasync before the append resolves, so nothing is acknowledged that a power loss or a
// failing disk could take back; appends made while one fdatasync runs share the next one (group commit), so
// under load a turn waits for about one disk flush whatever the number of turns. The snapshot is fsync'd
// before its rename and its folder after (docs/operations.md, Durable writes). When the journal outgrows the snapshot it is set aside
// (`state.json.journal.folding`) and folded into a new snapshot in the background while appends go on in a
// fresh journal; `close()` (at shutdown) folds everything into the snapshot.
import {
  fsyncSync,
  close as closeFd,
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  promises as fs,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TextFile } from 'lowdb/node';
import type { StoreItems } from 'botbuilder';
import type { Logger } from '../logger.js';
import { GroupCommit, syncData } from './groupCommit.js';
import { replaceFile } from './replaceFile.js';
import { ConfigError } from '../config.js';

/** What a damaged file's name gets when it is kept aside, before the time (ms). */
export const DAMAGED_MARK = '.corrupt-';
const DAMAGED_NAME = /\.corrupt-\d+$/u;

/** The damaged files kept aside in a folder (state, staff accounts): the service is degraded while one is there. */
export async function damagedFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => DAMAGED_NAME.test(name)).sort();
}

/** A state file that exists but cannot be read (permissions): the start stops, naming it. */
function unreadable(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new ConfigError(
    'DATA_DIR',
    `"${file}" cannot be read (${code}); give the service's user read and write access to it (docs/operations.md, Damaged state)`,
  );
}

/** State files: the service's user only (they hold personal data); its folder likewise. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Items serialised and written for a snapshot between two chances for turns to run. */
const SERIALISE_SLICE = 200;

/** An item as kept: its JSON text (eTag included, serialised once per change, as MemoryStorage does), its eTag, when it was last written (ms). */
export interface Entry {
  text: string;
  eTag: string;
  at: number;
}

/** What the files hold. */
export interface StoreData {
  items: Map<string, Entry>;
  nextETag: number;
}

/** A key's new entry, or null to delete it. */
export type Change = [key: string, entry: Entry | null];

/** The snapshot's shape (kept from the first version of this store, so existing files still load). */
interface Snapshot {
  nextETag: number;
  items: Record<string, StoreItems[string]>;
  /** Last write time (ms) of each key. */
  touchedAt?: Record<string, number>;
}

export interface JournalFileOptions {
  log?: Logger;
  /** The journal is folded into the snapshot once larger than this and than the snapshot. */
  compactAtBytes?: number;
  /** The write time given to items of a snapshot that has none (an older version's). */
  now?: () => number;
  /**
   * Read the files and never write them (`npm run tickets` beside a running bot): no probe, no fold, no
   * snapshot; a damaged snapshot is an error, not set aside; appends are refused.
   */
  readOnly?: boolean;
}

export class JournalFile {
  private readonly snapshot: TextFile;
  readonly journal: string;
  /** The journal being folded into the snapshot; it outlives a fold only if the process died during one. */
  readonly foldingJournal: string;
  private readonly log?: Logger;
  private readonly compactAtBytes: number;
  private readonly now: () => number;
  private readonly readOnly: boolean;
  /** The data read, kept current by `append`; folds write it. */
  private data: StoreData = { items: new Map(), nextETag: 1 };
  /** The journal's file descriptor, open for appending. */
  private journalFd?: number;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** The background fold running now, if any. */
  private folding?: Promise<void>;
  /** One fdatasync of the journal (and of journals a fold set aside) for every append waiting now. */
  private readonly commits = new GroupCommit(() => this.syncJournals());
  /** Journal descriptors set aside by a fold: flushed once more, then closed. */
  private retired: number[] = [];

  constructor(
    readonly file: string,
    options: JournalFileOptions = {},
  ) {
    // A lowdb adapter, not JSONFilePreset: under NODE_ENV=test the preset silently swaps in memory.
    this.snapshot = new TextFile(file);
    this.journal = `${file}.journal`;
    this.foldingJournal = `${this.journal}.folding`;
    this.log = options.log;
    this.compactAtBytes = options.compactAtBytes ?? 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.readOnly = options.readOnly ?? false;
  }

  /**
   * Reads the snapshot and replays the journals over it. Call once: the data returned is the one `append`
   * keeps current. A file the service may not read stops the start with an error naming it. A damaged snapshot
   * is kept aside (`state.json.corrupt-<time>`, see damagedFiles) and a fresh one started over what the
   * journals still hold, so a bad file never crash-loops and is never silently replaced: the service reports
   * itself degraded while the copy set aside is there (docs/operations.md, Damaged state).
   */
  async read(): Promise<StoreData> {
    if (this.readOnly) return this.readOnlyCopy();
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: DIR_MODE });
    await this.probeWritable();
    await this.restrictAccess();
    let text: string | null;
    try {
      text = await this.snapshot.read();
    } catch (error) {
      throw unreadable(this.file, error);
    }
    try {
      if (text === null) {
        await this.writeSnapshot();
      } else {
        this.data = this.parse(text);
        this.snapshotBytes = Buffer.byteLength(text);
      }
    } catch (error) {
      this.data = { items: new Map(), nextETag: 1 };
      const aside = `${this.file}${DAMAGED_MARK}${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log?.error(
        { file: this.file, movedTo: aside, reason: (error as Error).message },
        'STATE FILE DAMAGED: kept aside; starting degraded with what the journal holds — see docs/operations.md, Damaged state',
      );
      await this.writeSnapshot();
    }
    // A journal set aside by a fold that did not finish holds changes older than the journal's.
    const interrupted = await this.replay(this.foldingJournal);
    this.journalBytes = (await this.replay(this.journal)) ?? 0;
    if (interrupted !== undefined) await this.fold();
    return this.data;
  }

  /**
   * Puts changes in the journal, in one write call so a killed process never leaves half a line, then in the
   * data; resolves once the disk has them (fdatasync, shared by the appends made meanwhile). Throws at once if
   * the disk refuses the write, and then nothing changed; rejects if the flush fails (the data then holds
   * changes the disk may not). Starts a fold once the journal outgrows the snapshot.
   */
  append(changes: Change[]): Promise<void> {
    if (!changes.length) return Promise.resolve();
    this.write(changes);
    return this.commits.durable();
  }

  private write(changes: Change[]): void {
    if (this.readOnly) throw new Error(`Storage: ${this.file} is open read-only`);
    const lines = changes.map(([key, entry]) => `[${JSON.stringify(key)},${entry?.text ?? 'null'},${entry?.at ?? 0}]\n`).join('');
    this.journalFd ??= openSync(this.journal, 'a', FILE_MODE);
    const written = writeSync(this.journalFd, lines);
    const bytes = Buffer.byteLength(lines);
    if (written !== bytes) {
      // A full disk took part of it: cut the part off, so the next line does not join it.
      ftruncateSync(this.journalFd, this.journalBytes);
      throw new Error(`Storage: the journal ${this.journal} took ${written} of ${bytes} bytes; is the disk full?`);
    }
    this.journalBytes += written;
    for (const [key, entry] of changes) this.apply(key, entry);
    if (this.folding || this.journalBytes <= Math.max(this.compactAtBytes, this.snapshotBytes)) return;
    this.folding = this.fold()
      // The journal set aside stays (a restart replays it) and the next fold takes it in.
      .catch((error: unknown) =>
        this.log?.error({ err: error, file: this.file }, 'state snapshot could not be written; the journals keep the changes'),
      )
      .finally(() => (this.folding = undefined));
  }

  /** Folds every change into the snapshot and closes the journal (at shutdown); a later append opens it again. */
  async close(): Promise<void> {
    if (this.readOnly) return;
    await this.folding;
    await this.fold();
    await this.commits.durable();
    this.closeJournal();
  }

  /** Flushes the open journal and the ones a fold set aside, then closes those. */
  private async syncJournals(): Promise<void> {
    const retired = this.retired.splice(0);
    const fds = [...(this.journalFd === undefined ? [] : [this.journalFd]), ...retired];
    try {
      await Promise.all(fds.map(syncData));
    } finally {
      for (const fd of retired) closeFd(fd, () => undefined);
    }
  }

  /** The snapshot and the journals as they are on disk, changing nothing there. */
  private async readOnlyCopy(): Promise<StoreData> {
    let text: string | null;
    try {
      text = await this.snapshot.read();
    } catch (error) {
      throw unreadable(this.file, error);
    }
    if (text !== null) this.data = this.parse(text);
    await this.replay(this.foldingJournal);
    await this.replay(this.journal);
    return this.data;
  }

  private apply(key: string, entry: Entry | null): void {
    if (!entry) {
      this.data.items.delete(key);
      return;
    }
    this.data.items.set(key, entry);
    this.data.nextETag = Math.max(this.data.nextETag, Number(entry.eTag) + 1 || 0);
  }

  /** Applies the changes a journal holds, in order (a line cut short by a power loss is skipped); its size in bytes, or undefined if there is none. */
  private async replay(file: string): Promise<number | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unreadable(file, error);
    }
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const [key, item, at] = JSON.parse(line) as [string, StoreItems[string] | null, number];
        this.apply(key, item === null ? null : { text: JSON.stringify(item), eTag: String(item.eTag), at });
      } catch {
        skipped++;
      }
    }
    if (skipped) this.log?.warn({ file, skipped }, 'state journal: skipped unreadable lines (a write cut short)');
    return Buffer.byteLength(text);
  }

  private parse(text: string): StoreData {
    const snapshot = JSON.parse(text) as Partial<Snapshot> | null;
    if (typeof snapshot?.items !== 'object' || snapshot.items === null || Array.isArray(snapshot.items))
      throw new Error('no "items" object');
    const now = this.now();
    const items = new Map<string, Entry>();
    for (const [key, item] of Object.entries(snapshot.items)) {
      items.set(key, { text: JSON.stringify(item), eTag: String(item?.eTag), at: snapshot.touchedAt?.[key] ?? now });
    }
    return { items, nextETag: Number.isInteger(snapshot.nextETag) ? snapshot.nextETag! : items.size + 1 };
  }

  /**
   * The state holds citizens' names, phone numbers and complaints: only the service's own user may read it.
   * Files are created 0600 and the folder 0700; those left by an older version (0644) are tightened at start.
   */
  private async restrictAccess(): Promise<void> {
    const restrict = (file: string, mode: number) =>
      fs.chmod(file, mode).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') this.log?.warn({ file, reason: error.code }, 'could not restrict access to a state file');
      });
    await restrict(path.dirname(this.file), DIR_MODE);
    for (const file of [this.file, this.journal, this.foldingJournal]) await restrict(file, FILE_MODE);
  }

  /** A read-only or full DATA_DIR is found at start, with a message naming the folder, not at the first turn. */
  private async probeWritable(): Promise<void> {
    const error = await this.probe();
    if (!error) return;
    const code = error.code ?? 'error';
    const why =
      code === 'ENOSPC'
        ? 'the disk is full'
        : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
          ? 'it is read-only'
          : 'it cannot be written';
    throw new ConfigError(
      'DATA_DIR',
      `"${path.dirname(this.file)}": ${why} (${code}); state cannot be saved. Free space or point DATA_DIR at a writable folder`,
    );
  }

  /** Whether the folder takes a write now (and keeps it: flushed); the error if it does not. */
  async probe(): Promise<NodeJS.ErrnoException | undefined> {
    // Unique per call: two stores opening the same file at once must not remove each other's probe.
    const probe = `${this.file}.probe-${process.pid}-${randomUUID()}`;
    try {
      // As large as a busy state file's next write is likely to grow, so a nearly full disk is caught too.
      const handle = await fs.open(probe, 'w', FILE_MODE);
      try {
        await handle.writeFile(Buffer.alloc(64 * 1024));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rm(probe);
      return undefined;
    } catch (error) {
      await fs.rm(probe, { force: true }).catch(() => undefined);
      return error as NodeJS.ErrnoException;
    }
  }

  /**
   * Folds every change into a new snapshot. The journal is set aside first, synchronously, so appends go
   * on in a fresh journal while the snapshot (which holds every line set aside) is written.
   */
  private async fold(): Promise<void> {
    // Appends before now may still wait for their flush: their descriptor is flushed once more, then closed.
    if (this.journalFd !== undefined) this.retired.push(this.journalFd);
    this.journalFd = undefined;
    if (existsSync(this.foldingJournal)) {
      // A fold that failed left its journal: keep its lines and add these after them.
      if (existsSync(this.journal)) appendDurably(this.foldingJournal, readFileSync(this.journal));
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

  /**
   * Writes the snapshot a slice of items at a time, so that turns go on in between: lowdb's TextFile
   * takes the whole text at once, and building and encoding megabytes of it held the event loop for
   * about 95 ms at 12.8 MB (the slowest turns of a busy minute). An item changed meanwhile may be taken in
   * its newer version and a deleted one left out: either way the journal after the snapshot holds the
   * change, and replays it. Written to a temp file and renamed, so the snapshot is never half written.
   */
  private async writeSnapshot(): Promise<void> {
    let bytes = 0;
    await replaceFile(
      this.file,
      async (handle) => {
        const put = async (text: string): Promise<void> => {
          bytes += (await handle.write(text)).bytesWritten;
        };
        const { items } = this.data;
        const keys = [...items.keys()];
        const touchedAt: string[] = [];
        await put('{"items":{');
        let separator = '';
        for (let start = 0; start < keys.length; start += SERIALISE_SLICE) {
          const slice: string[] = [];
          for (const key of keys.slice(start, start + SERIALISE_SLICE)) {
            const entry = items.get(key);
            if (entry === undefined) continue;
            slice.push(`${JSON.stringify(key)}:${entry.text}`);
            touchedAt.push(`${JSON.stringify(key)}:${entry.at}`);
          }
          if (!slice.length) continue;
          await put(separator + slice.join(','));
          separator = ',';
        }
        await put(`},"touchedAt":{${touchedAt.join(',')}},"nextETag":${this.data.nextETag}}\n`);
      },
      FILE_MODE,
    );
    this.snapshotBytes = bytes;
  }

  private closeJournal(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

/** Appends and flushes before the lines' only other copy is emptied. */
function appendDurably(file: string, data: Buffer): void {
  const fd = openSync(file, 'a', FILE_MODE);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
