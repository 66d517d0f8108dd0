// What the console's "Kiến thức" view shows: the version serving, its files (what each holds), and the
// problems of the last rejected change by file and line (cleared once a good version goes live).
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Problem } from '../knowledge/problems.js';
import { vnTimestamp } from '../text/vnTime.js';

export interface KnowledgeFile {
  file: string;
  /** Entries in an entries file, 1 for an article. */
  items: number;
  kind: 'article' | 'entries';
}

export interface KnowledgeStatus {
  version: string;
  articles: number;
  entries: number;
  files: KnowledgeFile[];
  /** Problems that kept the latest change from going live; empty when the sources are good. */
  problems: Problem[];
  problemsAt?: string;
}

export class KnowledgeWatch {
  private problems: Problem[] = [];
  private problemsAt?: string;

  constructor(private readonly knowledge: KnowledgeStore) {
    knowledge.on('rejected', ({ problems }) => {
      this.problems = problems;
      this.problemsAt = vnTimestamp(new Date());
    });
    knowledge.on('reloaded', () => {
      this.problems = [];
      this.problemsAt = undefined;
    });
  }

  status(): KnowledgeStatus {
    const { kb } = this.knowledge.engine;
    const entryFiles = new Map<string, number>();
    for (const entry of kb.entries) entryFiles.set(entry.file, (entryFiles.get(entry.file) ?? 0) + 1);
    const files: KnowledgeFile[] = [
      ...[...entryFiles].map(([file, items]) => ({ file, items, kind: 'entries' as const })),
      ...kb.articles.map((a) => ({ file: a.file, items: 1, kind: 'article' as const })),
    ].sort((a, b) => a.file.localeCompare(b.file));
    return { version: kb.version, articles: kb.articles.length, entries: kb.entries.length, files, problems: this.problems, problemsAt: this.problemsAt };
  }
}
