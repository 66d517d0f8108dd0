// Keeps the bot's knowledge current: builds it from the source files at start, re-checks the files every
// few seconds and puts a new version live when they change. Each file counts on its own: a broken file
// keeps its last good content (or is left out if it never had one) while every other change goes live,
// and its problems are kept for /healthz until it is fixed. A version is saved as kb.json in this
// instance's data folder first; only then is it live and published to the subscribers (the answering
// side builds its engine from it, the announcements send its new articles). A version that cannot be
// saved does not go live: the one before keeps serving and the failure is a problem like a broken file.
// At the next start the saved file stands in for broken sources (else the knowledge folder's own kb.json,
// the reviewed build deployed with it).
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Article } from './articleParser.js';
import { assemble, KB_FILE, partsOf, type KnowledgeBase, type Parts } from './kbBuilder.js';
import { prepareFigures } from './figures.js';
import { inspectKnowledgeFile, writeKnowledgeFile } from './kbFile.js';
import { PARSER_STAMP } from './parserStamp.js';
import { reclaimMemory } from './reclaimMemory.js';
import { formatProblem, KnowledgeError, type Problem } from './problems.js';
import { SourceChanges } from './sourceChanges.js';
import { readSourceFiles, SCHEMA_FILE, type SourceFile } from './sourceFiles.js';
import {
  kbFileStat,
  readSnapshot,
  restoredSources,
  sameSources,
  sameStat,
  SNAPSHOT_FILE,
  statSources,
  statsIfSame,
  writeSnapshot,
  type Snapshot,
  type SnapshotPart,
  type SourceStats,
} from './startSnapshot.js';

/** A version that went live: saved in DATA_DIR/kb.json, and what the store serves now. */
export interface KnowledgeVersion {
  version: string;
  kb: KnowledgeBase;
  /** The articles the previous version did not have (every article of the first version). */
  added: Article[];
}

export interface KnowledgeEvents {
  /** A version went live, the first one included. */
  reloaded: [KnowledgeVersion];
  /** A change has problems: the files concerned keep their last good content, or are left out. */
  rejected: [{ problems: Problem[] }];
}

export interface KnowledgeStoreOptions {
  /** The knowledge folder staff edit. */
  dir: string;
  /** Where this instance saves the version it serves (DATA_DIR), never the knowledge folder. */
  savedDir: string;
  log: Logger;
}

/** Where a version that could not be saved is reported (the data folder, named as staff configure it). */
const SAVED_FILE = `DATA_DIR/${KB_FILE}`;
/** How long after fs.watch reports a file the folder is checked (an editor's save comes in several events). */
const HINT_DELAY_MS = 50;

export class KnowledgeStore extends EventEmitter<KnowledgeEvents> {
  private timer?: NodeJS.Timeout;
  private hint?: NodeJS.Timeout;
  private readonly changes: SourceChanges;
  /** What each file gave when read last: a file that did not change since gives it again, unread. */
  private sources = new Map<string, SourceFile>();
  /** The check running now: checks run one at a time. */
  private running?: Promise<boolean>;
  private reported = '';
  private problemList: Problem[] = [];
  /** Saved builds found damaged at start (readBuild). */
  private readonly damaged: Problem[] = [];
  private live?: KnowledgeVersion;
  private parts: Parts = new Map();
  private readonly preparers: Array<(kb: KnowledgeBase) => Promise<void>> = [];
  private readonly snapshotParts = new Map<string, SnapshotPart>();
  /** A version a reload put live, not yet in DATA_DIR/kb.snapshot: saved at stop (saveSnapshotAtStop). */
  private unsaved?: KnowledgeBase;
  /** Where the first version came from: DATA_DIR/kb.snapshot (nothing parsed, counted or indexed) or the sources. */
  startedFrom?: 'snapshot' | 'sources';

  constructor(private readonly options: KnowledgeStoreOptions) {
    super();
    this.changes = new SourceChanges(options.dir);
  }

  get dir(): string {
    return this.options.dir;
  }

  /** The version live now. Read it once per turn: a reload may replace it between turns. */
  get kb(): KnowledgeBase {
    if (!this.live) throw new Error('no knowledge version is live yet: load() first');
    return this.live.kb;
  }

  /** What is wrong now: the knowledge folder's problems (paths relative to it), a version not saved, a saved build found damaged at start. */
  get problems(): readonly Problem[] {
    return this.damaged.length ? [...this.damaged, ...this.problemList] : this.problemList;
  }

  /** Calls listener with the version live now (if any), then with every version that goes live after it. */
  onVersion(listener: (version: KnowledgeVersion) => void): void {
    if (this.live) listener(this.live);
    this.on('reloaded', listener);
  }

  /**
   * Work a version needs before it goes live (the answer engine of it, built in slices): run after the version
   * is assembled and before it is saved and published, so the version before serves meanwhile.
   */
  beforeLive(prepare: (kb: KnowledgeBase) => Promise<void>): void {
    this.preparers.push(prepare);
  }

  /**
   * What a subscriber derives from each version (the answer engine's counts and index), saved with it in
   * DATA_DIR/kb.snapshot and restored at the next start (startSnapshot.ts) when its stamp is the same.
   */
  keepInSnapshot(name: string, part: SnapshotPart): void {
    this.snapshotParts.set(name, part);
  }

  /**
   * Builds the first version from the source files (broken ones from the last saved kb.json), saves it and
   * puts it live; when no file changed since DATA_DIR/kb.snapshot was saved with the kb.json there, from what the
   * snapshot holds, nothing read or parsed. Throws a KnowledgeError when there is nothing to serve, or when it
   * cannot be saved.
   */
  async load(): Promise<KnowledgeBase> {
    const { dir, savedDir, log } = this.options;
    await this.changes.check(true);
    const stats = await statSources(dir);
    const snapshot = await this.readSnapshot();
    const unchanged = snapshot !== undefined && (await sameSources(dir, stats, snapshot));
    // kb.json is the version the snapshot holds: its objects serve as the last good version, kb.json is not read.
    const saved = snapshot?.kb ?? (await this.readBuild(savedDir, SAVED_FILE)) ?? (await this.readBuild(dir, KB_FILE));
    const lastGood = saved ? partsOf(saved) : new Map();
    // Start from what was built: the files this instance saved, parsed by this same code, are not parsed again.
    const files = unchanged
      ? await restoredSources(dir, snapshot)
      : await readSourceFiles(dir, undefined, saved?.parser === PARSER_STAMP ? lastGood : undefined);
    const { kb, parts, problems } = assemble(files, lastGood);
    if (!kb) throw new KnowledgeError(problems);
    kb.parser = PARSER_STAMP;
    for (const prepare of this.preparers) await prepare(kb);
    // Unchanged: kb.json and the snapshot hold this version already.
    if (!unchanged || kb.version !== snapshot.kb.version) {
      await writeKnowledgeFile(savedDir, kb).catch((error: unknown) => {
        throw new KnowledgeError([notSaved(error)]);
      });
      await this.saveSnapshot(stats, files, kb);
    }
    this.changes.commit();
    this.sources = new Map(files.map((f) => [f.file, f]));
    this.startedFrom = unchanged ? 'snapshot' : 'sources';
    prepareFigures();
    this.report(problems);
    log.info(
      { version: kb.version, articles: kb.articles.length, entries: kb.entries.length, problems: problems.length, from: this.startedFrom },
      'knowledge loaded',
    );
    this.publish(kb, parts);
    return kb;
  }

  /**
   * DATA_DIR/kb.snapshot when it can stand for kb.json (parsed by this code, saved with the kb.json there now),
   * its parts given to their subscribers; else nothing, and the log says why when there was one.
   */
  private async readSnapshot(): Promise<Snapshot | undefined> {
    const { savedDir, log } = this.options;
    const file = path.join(savedDir, SNAPSHOT_FILE);
    const { snapshot, unusable } = await readSnapshot(savedDir);
    const kbFile = snapshot && (await kbFileStat(savedDir, KB_FILE));
    const why =
      unusable ??
      (snapshot && snapshot.parser !== PARSER_STAMP ? 'made by other code' : undefined) ??
      (snapshot && !sameStat(kbFile, snapshot.kbFile) ? `${KB_FILE} was saved after it` : undefined);
    if (why) {
      log.warn({ file, reason: why }, 'knowledge snapshot not used: the bot builds from the source files and saves a new one');
      return undefined;
    }
    if (!snapshot) return undefined;
    for (const [name, part] of this.snapshotParts) {
      const saved = snapshot.parts[name];
      if (saved?.stamp === part.stamp) part.restore(snapshot.kb, saved.data);
      else log.warn({ file, part: name }, 'knowledge snapshot part not used (made by other code, or missing): built again');
    }
    return snapshot;
  }

  /**
   * Saves DATA_DIR/kb.snapshot for the version live now when a reload put it live (the start saved its own): at
   * shutdown, where the time it takes (it is made at once) holds no turn. Until then a start builds.
   */
  async saveSnapshotAtStop(): Promise<void> {
    const kb = this.unsaved;
    this.unsaved = undefined;
    if (!kb || kb !== this.live?.kb) return;
    // Saved only if every file still holds what it gave when read (a change not yet noticed would be taken as seen).
    const files = [...this.sources.values()];
    const stats = await statsIfSame(this.dir, files);
    if (stats) await this.saveSnapshot(stats, files, kb);
  }

  /** Saves DATA_DIR/kb.snapshot for a version saved as kb.json; a failure is logged, and the next start builds. */
  private async saveSnapshot(stats: SourceStats, files: SourceFile[], kb: KnowledgeBase): Promise<void> {
    const { savedDir, log } = this.options;
    try {
      const kbFile = await kbFileStat(savedDir, KB_FILE);
      if (!kbFile) throw new Error(`${KB_FILE} is missing`);
      const parts: Snapshot['parts'] = {};
      for (const [name, part] of this.snapshotParts) {
        const data = part.save(kb);
        if (data !== undefined) parts[name] = { stamp: part.stamp, data };
      }
      await writeSnapshot(savedDir, { parser: PARSER_STAMP, stats, files, kbFile, kb, parts });
    } catch (error) {
      log.warn({ err: error, file: path.join(savedDir, SNAPSHOT_FILE) }, 'knowledge snapshot not saved: the next start builds from the source files');
    }
  }

  /**
   * A saved build read at start to stand in for broken sources. A damaged one (cut short, not a build,
   * unreadable) is not used: it is logged naming the file and listed with the problems (/healthz, the staff
   * console) for as long as this process runs, since broken source files could not fall back on it.
   */
  private async readBuild(dir: string, name: string): Promise<KnowledgeBase | undefined> {
    const found = await inspectKnowledgeFile(dir);
    if (found.damaged === undefined) return found.kb;
    const file = path.join(dir, KB_FILE);
    const then = name === SAVED_FILE ? 'built again from the knowledge folder and saved over it' : 'run npm run kb:build to write it again';
    this.damaged.push({ file: name, line: 1, message: `damaged at start, ${found.damaged}: not used; ${then}` });
    this.options.log.error({ file, reason: found.damaged }, 'KNOWLEDGE BUILD DAMAGED: not used; the bot builds from the source files (a broken one without a good copy is left out)');
    return undefined;
  }

  /**
   * Re-checks the sources every intervalMs, and soon after fs.watch reports a change; cheap while nothing
   * changes: a stat per folder and of a bounded batch of files (sourceChanges.ts).
   */
  watch(intervalMs: number): void {
    const check = (): void => {
      if (!this.running) void this.serially(() => this.reload(false));
    };
    this.timer = setInterval(check, intervalMs);
    this.timer.unref();
    this.changes.watch(() => {
      clearTimeout(this.hint);
      this.hint = setTimeout(check, HINT_DELAY_MS);
      this.hint.unref();
    });
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.hint);
    this.changes.close();
  }

  /** Rebuilds when a source file changed since the last check (every file looked at); returns true when a new version went live. */
  reloadIfChanged(): Promise<boolean> {
    return this.serially(() => this.reload(true));
  }

  /** Runs a check after the one running now, if any. */
  private async serially(check: () => Promise<boolean>): Promise<boolean> {
    while (this.running) await this.running;
    const running = check();
    this.running = running;
    try {
      return await running;
    } finally {
      this.running = undefined;
    }
  }

  private async reload(full: boolean): Promise<boolean> {
    const { log, savedDir } = this.options;
    try {
      const { files: listed, changed } = await this.changes.check(full);
      if (!changed.size) return false;
      const schema = this.parts.get(SCHEMA_FILE)?.part;
      // Only the files that changed are read, and parsed: the others give what they gave, the part they have in the version live now.
      const since = { files: listed, changed, previous: this.sources };
      const files = await readSourceFiles(this.dir, schema?.kind === 'schema' ? schema.reader : undefined, this.parts, since);
      const read = files.filter((f) => f !== this.sources.get(f.file)).length;
      this.sources = new Map(files.map((f) => [f.file, f]));
      const { kb, parts, problems } = assemble(files, this.parts);
      if (!kb || kb.version === this.kb.version) {
        this.report(problems);
        this.changes.commit();
        return false;
      }
      kb.parser = PARSER_STAMP;
      for (const prepare of this.preparers) await prepare(kb);
      try {
        await writeKnowledgeFile(savedDir, kb);
      } catch (error) {
        // Not live: the changes stay found, so the next check builds and tries to save it again.
        this.report([...problems, notSaved(error, this.kb.version)]);
        return false;
      }
      this.report(problems);
      this.changes.commit();
      this.publish(kb, parts, read);
      this.unsaved = kb;
      return true;
    } catch (error) {
      log.error({ err: error, serving: this.live?.version }, 'knowledge reload failed');
      return false;
    }
  }

  /** Makes a saved version live and tells the subscribers; `read`: how many files were read for it (a reload logs it). */
  private publish(kb: KnowledgeBase, parts: Parts, read?: number): void {
    const known = new Set(this.live?.kb.articles.map((a) => a.id));
    const added = kb.articles.filter((a) => !known.has(a.id));
    const replaced = this.live?.kb;
    this.live = { version: kb.version, kb, added };
    this.parts = parts;
    if (replaced) this.options.log.info({ version: kb.version, articles: kb.articles.length, entries: kb.entries.length, read, added: added.map((a) => a.id) }, 'knowledge reloaded');
    this.emit('reloaded', this.live);
    if (replaced) reclaimMemory(this.options.log, kb.version, replaced);
  }

  /** Keeps the problems for /healthz; logs and announces them when they differ from the last ones. */
  private report(problems: Problem[]): void {
    this.problemList = problems;
    const text = problems.map(formatProblem).join('\n');
    if (text === this.reported) return;
    this.reported = text;
    for (const problem of problems) {
      const what = problem.file === SAVED_FILE ? 'knowledge version not saved: it is not live, the one before keeps serving' : 'knowledge source problem: the file keeps its last good content, or is left out if it never had one';
      this.options.log.error({ problem: formatProblem(problem) }, what);
    }
    if (problems.length) this.emit('rejected', { problems });
    else this.options.log.info('knowledge sources: no problems left');
  }
}

/** A version that could not be saved, as a problem: its error code only (the message holds the full path). */
function notSaved(error: unknown, serving?: string): Problem {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const meanwhile = serving ? `it is not live: version ${serving} serves until it can be` : 'the bot cannot start';
  return { file: SAVED_FILE, line: 1, message: `the new version cannot be saved (${code}), so ${meanwhile}; check the data folder` };
}
