// Start from what was built: beside DATA_DIR/kb.json the running bot saves DATA_DIR/kb.snapshot, the version it
// serves as objects (v8-serialised: what each source file gave, its part or its problems) with what the subscribers
// derived from it (the answer engine's word counts and search index), so that a start finds them without
// parsing, counting or indexing anything again. It holds each source file's size, time and content hash: a
// start takes a file whose size and time are those as unchanged (as git does; one changed within a few seconds
// of the snapshot is read and hashed all the same), and the snapshot is used only when every file is unchanged
// and kb.json is the one saved with it. A snapshot cut short, damaged or made by other code is not used (the log
// says why), and the start builds as without one, then saves a new one.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { replaceFile } from '../storage/replaceFile.js';
import { EntryFileReader } from './entryFiles.js';
import { decodeSnapshot, encodeSnapshot, hashSnapshot, SnapshotLayoutError } from './snapshotCodec.js';
import type { KnowledgeBase } from './kbBuilder.js';
import { contentHash, listSources, SCHEMA_FILE, type SourceFile } from './sourceFiles.js';

export const SNAPSHOT_FILE = 'kb.snapshot';
const MAGIC = 'hotline-kb-snapshot 2';
/** The header line (magic, checksum, the serialised value's length) is shorter than this. */
const HEADER_MAX = 256;
/** A file changed this close to the time its size and time were taken could change again without either moving. */
const RACY_MS = 2000;

/** A file's size and modification time, when they were taken. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Each source file's size and time, in listSources' order, taken before any is read (at `takenAt`). */
export interface SourceStats {
  takenAt: number;
  files: Map<string, FileStat>;
}

/** What a subscriber derives from a version and saves with it; restored only by the code that saved it. */
export interface SnapshotPart {
  /** Changes with the code that derives the part (codeStamp). */
  stamp: string;
  save(kb: KnowledgeBase): unknown;
  /** `kb` is the version the part was saved with: at a start where files changed, the base of the new one. */
  restore(kb: KnowledgeBase, data: unknown): void;
}

export interface Snapshot {
  /** The parser stamp of the code that parsed kb (parserStamp.ts). */
  parser: string;
  /** The source files' sizes and times, taken before they were read. */
  stats: SourceStats;
  /** What each file gave when read (its hash, its part or its problems); the schema's compiled reader is not kept. */
  files: SourceFile[];
  /** DATA_DIR/kb.json as saved with this version. */
  kbFile: FileStat;
  kb: KnowledgeBase;
  parts: Record<string, { stamp: string; data: unknown }>;
}

async function statOf(file: string): Promise<FileStat | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
}

export const sameStat = (a: FileStat | undefined, b: FileStat | undefined): boolean =>
  a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;

export async function statSources(dir: string): Promise<SourceStats> {
  const takenAt = Date.now();
  const names = await listSources(dir);
  const stats = await Promise.all(names.map((file) => statOf(path.join(dir, file))));
  const files = new Map<string, FileStat>();
  names.forEach((file, i) => stats[i] && files.set(file, stats[i]));
  return { takenAt, files };
}

export const kbFileStat = (savedDir: string, name: string): Promise<FileStat | undefined> => statOf(path.join(savedDir, name));

/**
 * Whether the source files are those the snapshot was made from: the same files, each with the same size and
 * time (not within RACY_MS of when they were taken), or else with the same content hash when read now.
 */
export async function sameSources(dir: string, now: SourceStats, snapshot: Snapshot): Promise<boolean> {
  const { stats, files } = snapshot;
  if (now.files.size !== files.length || files.some(({ file }) => !now.files.has(file) || !stats.files.has(file))) return false;
  const trusted = (file: string): boolean => sameStat(now.files.get(file), stats.files.get(file)) && stats.files.get(file)!.mtimeMs < stats.takenAt - RACY_MS;
  return sameHashes(
    dir,
    files.filter(({ file }) => !trusted(file)),
  );
}

/** Whether each file holds the bytes whose hash it gave when read. */
async function sameHashes(dir: string, files: SourceFile[]): Promise<boolean> {
  const same = await Promise.all(
    files.map(async ({ file, hash }) => {
      const raw = await fs.readFile(path.join(dir, file), 'utf8').catch(() => undefined);
      return raw !== undefined && contentHash(raw) === hash;
    }),
  );
  return same.every(Boolean);
}

/**
 * The sizes and times of the source files when each still holds what it gave when read (`files`, what a version
 * was built from), taken before they are read to check it; else undefined. For a snapshot of a version a reload
 * put live: a change the reloads did not see yet must not be taken as seen.
 */
export async function statsIfSame(dir: string, files: SourceFile[]): Promise<SourceStats | undefined> {
  const stats = await statSources(dir);
  const same = stats.files.size === files.length && files.every(({ file }) => stats.files.has(file)) && (await sameHashes(dir, files));
  return same ? stats : undefined;
}

/** What each file gave when the snapshot was made, a valid schema compiled again (a compiled reader is not saved). */
export async function restoredSources(dir: string, snapshot: Snapshot): Promise<SourceFile[]> {
  return Promise.all(
    snapshot.files.map(async (source) => {
      if (source.file !== SCHEMA_FILE || source.problems.length) return source;
      const raw = await fs.readFile(path.join(dir, SCHEMA_FILE), 'utf8');
      return { ...source, part: { kind: 'schema' as const, reader: new EntryFileReader(JSON.parse(raw)) } };
    }),
  );
}

/** The files as saved: the schema's compiled reader (functions) left out. */
const savedFiles = (files: SourceFile[]): SourceFile[] =>
  files.map((source) => {
    if (source.part?.kind !== 'schema') return source;
    const { part: _reader, ...rest } = source;
    return rest;
  });

/** The snapshot in dir, nothing when there is none, or why it cannot be used (cut short, damaged, another format). */
export async function readSnapshot(dir: string): Promise<{ snapshot?: Snapshot; unusable?: string }> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path.join(dir, SNAPSHOT_FILE), 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { unusable: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    const head = Buffer.alloc(HEADER_MAX);
    const { bytesRead } = await handle.read(head, 0, HEADER_MAX, 0);
    const end = head.subarray(0, bytesRead).indexOf(10);
    const [magic, digest, length] = head.subarray(0, Math.max(0, end)).toString('latin1').split(' | ');
    if (end < 0 || magic !== MAGIC || !/^\d+$/u.test(length ?? '')) return { unusable: 'not a knowledge snapshot of this format' };
    const hash = createHash('sha256');
    let snapshot: Snapshot;
    try {
      snapshot = (await decodeSnapshot(handle, end + 1, Number(length), hash)) as Snapshot;
    } catch (error) {
      // A damaged payload may fail to deserialise before its arrays are read and hashed: the checksum of the whole
      // body says whether the bytes were damaged, rather than the deserialiser's words.
      const damaged = !(error instanceof SnapshotLayoutError) && (await bodyDigest(handle, end + 1)) !== digest;
      return { unusable: damaged ? 'damaged (its checksum does not match)' : `damaged (${(error as Error).message})` };
    }
    if (hash.digest('hex') !== digest) return { unusable: 'damaged (its checksum does not match)' };
    return { snapshot };
  } catch (error) {
    return { unusable: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    await handle.close();
  }
}

/**
 * Writes dir/kb.snapshot whole (replaceFile: a reader never sees half of one).
 * Made at once (a few hundred ms at thousands of articles): before the bot serves, or at shutdown.
 */
export async function writeSnapshot(dir: string, snapshot: Snapshot): Promise<void> {
  const encoded = encodeSnapshot({ ...snapshot, files: savedFiles(snapshot.files) });
  const header = Buffer.from(`${MAGIC} | ${hashSnapshot(encoded)} | ${encoded.payload.length}\n`, 'latin1');
  await replaceFile(path.join(dir, SNAPSHOT_FILE), async (handle) => {
    for (const bytes of [header, encoded.payload, ...encoded.apart]) await handle.write(bytes);
  });
}

/** The SHA-256 of the file from `position` to its end, read in chunks. */
async function bodyDigest(handle: FileHandle, position: number): Promise<string> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let at = position; ; ) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
    if (bytesRead === 0) return hash.digest('hex');
    hash.update(chunk.subarray(0, bytesRead));
    at += bytesRead;
  }
}
