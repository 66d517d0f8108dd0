// Records kept for long and read one at a time (tickets: by the hundred thousand over the years) in their own
// append-only file beside the state, `state.json.records`, so that a start never reads them into memory: it
// scans the file once for where each record's latest version starts (the header of each line: key, eTag,
// write time) and reads a record from disk when it is asked for. A line is `<header JSON>\t<item JSON or
// null>\n` (a tab never stands unescaped in JSON): a change appends its record's whole new version; null
// deletes it. As the state's journal does, an append is one synchronous write call (a killed process never
// leaves half a line), then an fdatasync shared by the appends made meanwhile before it resolves. A line cut
// short by a power loss is cut off at the next start. Versions overwritten or deleted are dropped when the
// file is written anew at shutdown (`close`) once they outweigh the live ones. A header may carry a record's
// summary (a ticket's list row): read at start with the headers and handed over once (`takeSummaries`), so a
// list of every record is ready without reading any of them.
import { closeSync, copyFileSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { GroupCommit, syncData } from './groupCommit.js';
import { DAMAGED_MARK, type Entry } from './journalFile.js';

const FILE_MODE = 0o600;
/** Bytes read at once while scanning the file at start. */
const SCAN_CHUNK = 8 * 1024 * 1024;
const TAB = 0x09;
const NEWLINE = 0x0a;

/** Where a record's latest version lies in the file (its line, the item after the header), and what a write checks without reading it. */
interface Place {
  start: number;
  header: number;
  length: number;
  eTag: string;
  at: number;
}

interface Header {
  k: string;
  e: string;
  a: number;
  s?: unknown;
}

/** A change: the record's new entry (null deletes it) and, optionally, its summary. */
export type RecordChange = [key: string, entry: Entry | null, summary?: unknown];

export class RecordLog {
  readonly file: string;
  private fd?: number;
  private bytes = 0;
  /** Bytes of versions no longer current (overwritten or deleted). */
  private dead = 0;
  private readonly places = new Map<string, Place>();
  /** Keys this file deleted: it, not an older copy elsewhere, has their last word. */
  private readonly deleted = new Set<string>();
  /** Every record's summary, until taken (then no longer kept). */
  private summaries?: Map<string, unknown> = new Map();
  /** The highest eTag written here: the state's counter continues above it. */
  maxETag = 0;
  /** One fdatasync for every append waiting; appends made meanwhile wait for the next one. */
  private readonly commits = new GroupCommit(() => syncData(this.fd!));

  constructor(
    stateFile: string,
    private readonly options: { log?: Logger; readOnly?: boolean; summaries?: boolean } = {},
  ) {
    this.file = `${stateFile}.records`;
    if (!options.summaries) this.summaries = undefined;
  }

  /** Opens the file (creating it unless read-only) and finds every record's latest version. */
  open(): void {
    try {
      this.fd = openSync(this.file, this.options.readOnly ? 'r' : 'a+', FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && this.options.readOnly) return;
      throw error;
    }
    const size = fstatSync(this.fd).size;
    const chunk = Buffer.allocUnsafe(SCAN_CHUNK);
    let skipped = 0;
    let offset = 0;
    while (offset < size) {
      const read = readSync(this.fd, chunk, 0, Math.min(SCAN_CHUNK, size - offset), offset);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, 0); end !== -1 && end < read; end = chunk.indexOf(NEWLINE, start)) {
        if (!this.index(chunk, start, end, offset)) skipped++;
        start = end + 1;
      }
      if (start === 0) {
        // A line longer than the chunk: read it whole.
        const line = this.lineAt(offset, size);
        if (line === undefined) break;
        if (!this.index(line, 0, line.length - 1, offset)) skipped++;
        offset += line.length;
        continue;
      }
      offset += start;
    }
    if (skipped) this.keepDamagedCopy(skipped);
    this.bytes = offset;
    if (offset < size) {
      this.options.log?.warn(
        { file: this.file, bytes: size - offset },
        'record file: a last line cut short (a write interrupted) is dropped',
      );
      if (!this.options.readOnly) ftruncateSync(this.fd, offset);
    }
  }

  /**
   * Lines in the middle that cannot be read (a disk error, an edit by hand) are not served, and the rewrite at
   * shutdown would drop them for good: the file as found is copied aside first (`….records.corrupt-<time>`), so
   * the service reports itself degraded (damagedFiles) until staff have looked at it (docs/operations.md).
   */
  private keepDamagedCopy(skipped: number): void {
    if (this.options.readOnly) {
      this.options.log?.warn({ file: this.file, skipped }, 'record file: skipped unreadable lines');
      return;
    }
    const aside = `${this.file}${DAMAGED_MARK}${Date.now()}`;
    copyFileSync(this.file, aside);
    this.options.log?.error(
      { file: this.file, skipped, copiedTo: aside },
      'RECORD FILE DAMAGED: unreadable lines skipped; the file as found is kept aside — see docs/operations.md, Damaged state',
    );
  }

  /** Reads the whole line starting at `offset`, or undefined if it has no end (cut short). */
  private lineAt(offset: number, size: number): Buffer | undefined {
    let length = SCAN_CHUNK;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(length, size - offset));
      readSync(this.fd!, buffer, 0, buffer.length, offset);
      const end = buffer.indexOf(NEWLINE);
      if (end !== -1) return buffer.subarray(0, end + 1);
      if (offset + buffer.length >= size) return undefined;
      length *= 2;
    }
  }

  /** Takes in the line buffer[start, end) found at file offset base + start; false if it cannot be read. */
  private index(buffer: Buffer, start: number, end: number, base: number): boolean {
    const tab = buffer.indexOf(TAB, start);
    if (tab === -1 || tab > end) return false;
    let header: Header;
    try {
      header = JSON.parse(buffer.toString('utf8', start, tab)) as Header;
    } catch {
      return false;
    }
    const length = end - tab - 1;
    const isNull = length === 4 && buffer.toString('latin1', tab + 1, end) === 'null';
    const place = { start: base + start, header: tab + 1 - start, length, eTag: header.e, at: header.a };
    if (isNull) this.dead += end - start + 1;
    this.take(header.k, isNull ? undefined : place, header.s);
    return true;
  }

  private take(key: string, place: Place | undefined, summary: unknown): void {
    const before = this.places.get(key);
    if (before) this.dead += before.header + before.length + 1;
    if (place) {
      this.places.set(key, place);
      this.maxETag = Math.max(this.maxETag, Number(place.eTag) || 0);
      this.deleted.delete(key);
      if (summary === undefined) this.summaries?.delete(key);
      else this.summaries?.set(key, summary);
    } else {
      this.places.delete(key);
      this.deleted.add(key);
      this.summaries?.delete(key);
    }
  }

  /** The summaries of every record that has one (once: later calls get undefined; lists keep them current themselves). */
  takeSummaries(): Map<string, unknown> | undefined {
    const taken = this.summaries;
    this.summaries = undefined;
    return taken;
  }

  /** Whether this file has the last word on the key (it holds it, or deleted it). */
  knows(key: string): boolean {
    return this.places.has(key) || this.deleted.has(key);
  }

  /** The record's eTag and write time, without reading it. */
  meta(key: string): { eTag: string; at: number } | undefined {
    return this.places.get(key);
  }

  /** The record's latest version (its JSON text, eTag included), read from disk. */
  read(key: string): Entry | undefined {
    const place = this.places.get(key);
    if (!place) return undefined;
    const buffer = Buffer.allocUnsafe(place.length);
    readSync(this.descriptor(), buffer, 0, place.length, place.start + place.header);
    return { text: buffer.toString('utf8'), eTag: place.eTag, at: place.at };
  }

  /** Appends the changes in one write call and resolves once the disk has them (see the top of the file). */
  append(changes: RecordChange[]): Promise<void> {
    if (!changes.length) return Promise.resolve();
    if (this.options.readOnly) throw new Error(`Storage: ${this.file} is open read-only`);
    const fd = this.descriptor();
    const lines = changes.map(([key, entry, summary]) => ({
      key,
      entry,
      summary,
      header: Buffer.from(`${JSON.stringify({ k: key, e: entry?.eTag ?? '', a: entry?.at ?? 0, s: summary })}\t`),
      item: Buffer.from(entry?.text ?? 'null'),
    }));
    const data = Buffer.concat(lines.flatMap(({ header, item }) => [header, item, Buffer.of(NEWLINE)]));
    const written = writeSync(fd, data);
    if (written !== data.length) {
      ftruncateSync(fd, this.bytes);
      throw new Error(`Storage: ${this.file} took ${written} of ${data.length} bytes; is the disk full?`);
    }
    let offset = this.bytes;
    for (const { key, entry, summary, header, item } of lines) {
      if (!entry) this.dead += header.length + item.length + 1;
      const place = entry ? { start: offset, header: header.length, length: item.length, eTag: entry.eTag, at: entry.at } : undefined;
      this.take(key, place, summary);
      offset += header.length + item.length + 1;
    }
    this.bytes = offset;
    return this.commits.durable();
  }

  /** The open file (opened again after `close`). */
  private descriptor(): number {
    this.fd ??= openSync(this.file, this.options.readOnly ? 'r' : 'a+', FILE_MODE);
    return this.fd;
  }

  /**
   * At shutdown: waits for the last flush, and once versions no longer current outweigh the live ones writes
   * the live ones to a new file (flushed, then renamed over the old one, so a crash leaves one or the other).
   */
  async close(): Promise<void> {
    if (this.fd === undefined) return;
    await this.commits.settled();
    if (!this.options.readOnly && this.dead > this.bytes - this.dead) this.rewrite();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private rewrite(): void {
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.tmp-${process.pid}`);
    const out = openSync(temp, 'w', FILE_MODE);
    let offset = 0;
    try {
      for (const place of this.places.values()) {
        const line = Buffer.allocUnsafe(place.header + place.length + 1);
        readSync(this.fd!, line, 0, line.length, place.start);
        writeSync(out, line);
        place.start = offset;
        offset += line.length;
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(temp, this.file);
    const dir = openSync(path.dirname(this.file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.deleted.clear();
    this.bytes = offset;
    this.dead = 0;
  }
}
