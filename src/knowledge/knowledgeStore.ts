// Keeps the bot's knowledge current: builds it from the source files at start, re-checks the files every
// few seconds and swaps in the new version when they change. Each file counts on its own: a broken file
// keeps its last good content (or is left out if it never had one) while every other change goes live,
// and its problems are kept for /healthz until it is fixed. Each version is saved as kb.json in this
// instance's data folder before it serves; at the next start that file stands in for broken sources
// (else the knowledge folder's own kb.json, the reviewed build deployed with it).
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnswerEngine } from '../answer/answerEngine.js';
import type { Logger } from '../logger.js';
import type { Article } from './articleParser.js';
import { assemble, partsOf, type KnowledgeBase, type Parts } from './kbBuilder.js';
import { readKnowledgeFile, writeKnowledgeFile } from './kbFile.js';
import { formatProblem, KnowledgeError, type Problem } from './problems.js';
import { listSources, readSourceFiles, SCHEMA_FILE } from './sourceFiles.js';

export interface KnowledgeEvents {
  /** A new version is serving; `added` holds the articles the previous version did not have. */
  reloaded: [{ version: string; added: Article[] }];
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

export class KnowledgeStore extends EventEmitter<KnowledgeEvents> {
  private timer?: NodeJS.Timeout;
  private fingerprint = '';
  private checking = false;
  private reported = '';
  private problemList: Problem[] = [];

  private constructor(
    private readonly options: KnowledgeStoreOptions,
    private current: AnswerEngine,
    private parts: Parts,
  ) {
    super();
  }

  get dir(): string {
    return this.options.dir;
  }

  /** The engine of the version serving now. Read it once per turn: a reload may swap it between turns. */
  get engine(): AnswerEngine {
    return this.current;
  }

  /** What is wrong in the knowledge folder now (paths relative to it); empty when every file is valid. */
  get problems(): readonly Problem[] {
    return this.problemList;
  }

  static async open(options: KnowledgeStoreOptions): Promise<KnowledgeStore> {
    const { dir, savedDir, log } = options;
    const fingerprint = await sourceFingerprint(dir);
    const saved = (await readKnowledgeFile(savedDir)) ?? (await readKnowledgeFile(dir));
    const { kb, parts, problems } = assemble(await readSourceFiles(dir), saved ? partsOf(saved) : new Map());
    if (!kb) throw new KnowledgeError(problems);
    await writeKnowledgeFile(savedDir, kb);
    const store = new KnowledgeStore(options, new AnswerEngine(kb), parts);
    store.report(problems);
    store.fingerprint = fingerprint;
    log.info({ version: kb.version, articles: kb.articles.length, entries: kb.entries.length, problems: problems.length }, 'knowledge loaded');
    return store;
  }

  /** Re-checks the sources every intervalMs; cheap (one stat per file) while nothing changes. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.reloadIfChanged(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Rebuilds when a source file changed since the last check; returns true when a new version is serving. */
  async reloadIfChanged(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    const { log, savedDir } = this.options;
    try {
      const fingerprint = await sourceFingerprint(this.dir);
      if (fingerprint === this.fingerprint) return false;
      const schema = this.parts.get(SCHEMA_FILE)?.part;
      const { kb, parts, problems } = assemble(await readSourceFiles(this.dir, schema?.kind === 'schema' ? schema.reader : undefined), this.parts);
      this.report(problems);
      if (!kb || kb.version === this.current.kb.version) {
        this.fingerprint = fingerprint;
        return false;
      }
      // Saved first: a version serves only once the next start can find it. If saving fails, the
      // fingerprint stays, so the next check tries again.
      await writeKnowledgeFile(savedDir, kb);
      this.fingerprint = fingerprint;
      return this.swapIn(kb, parts);
    } catch (error) {
      log.error({ err: error, version: this.current.kb.version }, 'knowledge reload failed, still serving the current version');
      return false;
    } finally {
      this.checking = false;
    }
  }

  private swapIn(kb: KnowledgeBase, parts: Parts): true {
    const known = new Set(this.current.kb.articles.map((a) => a.id));
    this.current = new AnswerEngine(kb);
    this.parts = parts;
    const added = kb.articles.filter((a) => !known.has(a.id));
    this.options.log.info({ version: kb.version, articles: kb.articles.length, entries: kb.entries.length, added: added.map((a) => a.id) }, 'knowledge reloaded');
    this.emit('reloaded', { version: kb.version, added });
    return true;
  }

  /** Keeps the problems for /healthz; logs and announces them when they differ from the last ones. */
  private report(problems: Problem[]): void {
    this.problemList = problems;
    const text = problems.map(formatProblem).join('\n');
    if (text === this.reported) return;
    this.reported = text;
    for (const problem of problems) {
      this.options.log.error({ problem: formatProblem(problem) }, 'knowledge source problem: the file keeps its last good content, or is left out if it never had one');
    }
    if (problems.length) this.emit('rejected', { problems });
    else this.options.log.info('knowledge sources: no problems left');
  }
}

async function sourceFingerprint(dir: string): Promise<string> {
  const files = await listSources(dir);
  const stats = await Promise.all(
    files.map(async (file) => {
      const stat = await fs.stat(path.join(dir, file)).catch(() => undefined);
      return `${file}:${stat?.size ?? -1}:${stat?.mtimeMs ?? -1}`;
    }),
  );
  return stats.join('|');
}
