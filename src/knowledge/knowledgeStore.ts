// Keeps the bot's knowledge current: builds it from the source files at start, re-checks the files every
// few seconds and swaps in the new version when they change. A broken change is logged by file and line
// and the last good version keeps serving; at start, the last good kb.json stands in for broken sources.
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnswerEngine } from '../answer/answerEngine.js';
import type { Logger } from '../logger.js';
import type { Article } from './articleParser.js';
import { buildKnowledge, listSources } from './kbBuilder.js';
import { readKnowledgeFile, writeKnowledgeFile } from './kbFile.js';
import { formatProblem, KnowledgeError, type Problem } from './problems.js';

export interface KnowledgeEvents {
  /** A new version is serving; `added` holds the articles the previous version did not have. */
  reloaded: [{ version: string; added: Article[] }];
  rejected: [{ problems: Problem[] }];
}

export class KnowledgeStore extends EventEmitter<KnowledgeEvents> {
  private timer?: NodeJS.Timeout;
  private fingerprint = '';
  private checking = false;

  private constructor(readonly dir: string, private readonly log: Logger, private current: AnswerEngine) {
    super();
  }

  /** The engine of the version serving now. Read it once per turn: a reload may swap it between turns. */
  get engine(): AnswerEngine {
    return this.current;
  }

  static async open(dir: string, log: Logger): Promise<KnowledgeStore> {
    const fingerprint = await sourceFingerprint(dir);
    const { kb, problems } = await buildKnowledge(dir);
    let serving = kb;
    if (!serving) {
      for (const problem of problems) log.error({ problem: formatProblem(problem) }, 'knowledge source problem');
      serving = await readKnowledgeFile(dir);
      if (!serving) throw new KnowledgeError(problems);
      log.warn({ version: serving.version }, 'knowledge sources are broken: serving the last good kb.json');
    } else {
      await writeKnowledgeFile(dir, serving);
    }
    const store = new KnowledgeStore(dir, log, new AnswerEngine(serving));
    store.fingerprint = fingerprint;
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
    try {
      const fingerprint = await sourceFingerprint(this.dir);
      if (fingerprint === this.fingerprint) return false;
      this.fingerprint = fingerprint;
      const { kb, problems } = await buildKnowledge(this.dir);
      if (!kb) {
        for (const problem of problems) this.log.error({ problem: formatProblem(problem) }, 'knowledge change rejected, still serving the last good version');
        this.emit('rejected', { problems });
        return false;
      }
      if (kb.version === this.current.kb.version) return false;
      const known = new Set(this.current.kb.articles.map((a) => a.id));
      this.current = new AnswerEngine(kb);
      await writeKnowledgeFile(this.dir, kb);
      const added = kb.articles.filter((a) => !known.has(a.id));
      this.log.info({ version: kb.version, articles: kb.articles.length, entries: kb.entries.length, added: added.map((a) => a.id) }, 'knowledge reloaded');
      this.emit('reloaded', { version: kb.version, added });
      return true;
    } catch (error) {
      this.log.error({ err: error }, 'knowledge reload failed, still serving the last good version');
      return false;
    } finally {
      this.checking = false;
    }
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
