// Which knowledge source files changed since they were read, cheaply enough to ask every few hundred
// milliseconds with thousands of articles (a stat of every file at each check held the event loop and the
// heap). A folder's own modification time changes when a file in it is added, removed or replaced by a
// rename (how many editors save): only then is the folder listed again and each of its files looked at.
// fs.watch names a file edited in place as it happens (a hint: a check looks at it). And as the safety net for
// an event a file system or a watcher did not deliver, each check also looks at a bounded batch of the other
// files in turn, so that every file is looked at once every SWEEP_CHECKS checks. A full check looks at every
// file, for a caller that must know now.
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { listSources, SOURCE_FOLDERS } from './sourceFiles.js';

/** A check looks at least at this share of the files (1/SWEEP_CHECKS), and at least at MIN_BATCH of them. */
const SWEEP_CHECKS = 8;
const MIN_BATCH = 64;
/** Files looked at together: their stats in flight at once. */
const STAT_CHUNK = 256;

export interface Changes {
  /** The source files now, in listSources' order. */
  files: string[];
  /** The files that are new, gone, or not as they were when read. */
  changed: ReadonlySet<string>;
}

/** What a file is on the disk: its size, modification time and inode ('' when it is missing). */
async function signature(file: string): Promise<string> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : '';
}

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

export class SourceChanges {
  private files: string[] = [];
  private listed = new Set<string>();
  /** Each file as it was when read for the version built last. */
  private readonly read = new Map<string, string>();
  /** Files found changed and not yet committed, with what they are now. */
  private readonly pending = new Map<string, string>();
  private readonly folderTimes = new Map<string, number>();
  private readonly hinted = new Set<string>();
  private readonly watchers = new Map<string, FSWatcher>();
  private cursor = 0;
  private onHint?: () => void;

  constructor(private readonly dir: string) {}

  /** The files now and those that changed since the last commit (every file is looked at when `full`). */
  async check(full: boolean): Promise<Changes> {
    const folders = await Promise.all(SOURCE_FOLDERS.map(async (folder) => (await fs.stat(path.join(this.dir, folder)).catch(() => undefined))?.mtimeMs ?? -1));
    const moved = new Set(SOURCE_FOLDERS.filter((folder, i) => this.folderTimes.get(folder) !== folders[i]));
    SOURCE_FOLDERS.forEach((folder, i) => this.folderTimes.set(folder, folders[i]!));
    const look = new Set<string>(this.pending.keys());
    if (full || moved.size || !this.listed.size) {
      this.files = await listSources(this.dir);
      this.listed = new Set(this.files);
      for (const file of this.read.keys()) if (!this.listed.has(file)) this.pending.set(file, '');
      for (const file of this.files) if (full || moved.has(folderOf(file)) || !this.read.has(file)) look.add(file);
      if (this.onHint) this.watch(this.onHint);
    }
    for (const file of this.hinted) if (this.listed.has(file)) look.add(file);
    this.hinted.clear();
    const batch = Math.min(this.files.length, Math.max(MIN_BATCH, Math.ceil(this.files.length / SWEEP_CHECKS)));
    for (let i = 0; i < batch && !full; i++) look.add(this.files[(this.cursor + i) % this.files.length]!);
    this.cursor = batch ? (this.cursor + batch) % this.files.length : 0;

    const looked = [...look];
    for (let at = 0; at < looked.length; at += STAT_CHUNK) {
      const chunk = looked.slice(at, at + STAT_CHUNK);
      const now = await Promise.all(chunk.map((file) => signature(path.join(this.dir, file))));
      chunk.forEach((file, i) => {
        if (now[i] === (this.read.get(file) ?? '')) this.pending.delete(file);
        else this.pending.set(file, now[i]!);
      });
    }
    return { files: this.files, changed: new Set(this.pending.keys()) };
  }

  /** The changes found went into a version, or were judged: the files are now as read. */
  commit(): void {
    for (const [file, now] of this.pending) {
      if (now) this.read.set(file, now);
      else this.read.delete(file);
    }
    this.pending.clear();
  }

  /** Watches the folders: an event on a file makes the next check look at it, and calls onHint (to check soon). */
  watch(onHint: () => void): void {
    this.onHint = onHint;
    for (const folder of SOURCE_FOLDERS) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(path.join(this.dir, folder), (_event, name) => {
          if (name) this.hinted.add(folder ? `${folder}/${name}` : name);
          onHint();
        });
        // A folder removed (or a watcher the system cannot keep): the poll and the sweep carry on without it.
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(folder);
        });
        watcher.unref();
        this.watchers.set(folder, watcher);
      } catch {
        // No such folder, or no watcher here: the poll and the sweep find its changes.
      }
    }
  }

  close(): void {
    this.onHint = undefined;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
