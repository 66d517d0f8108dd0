// What the console's "Kiến thức" view shows: the version serving, its files (what each holds), and what is
// wrong in the knowledge folder now by file and line — the same problems /healthz lists.
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Problem } from '../knowledge/problems.js';

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
  /** Files with a problem keep their last good content (a new one is left out); empty when all are good. */
  problems: readonly Problem[];
}

export function knowledgeStatus(knowledge: KnowledgeStore): KnowledgeStatus {
  const { kb } = knowledge;
  const entryFiles = new Map<string, number>();
  for (const entry of kb.entries) entryFiles.set(entry.file, (entryFiles.get(entry.file) ?? 0) + 1);
  const files: KnowledgeFile[] = [
    ...[...entryFiles].map(([file, items]) => ({ file, items, kind: 'entries' as const })),
    ...kb.articles.map((a) => ({ file: a.file, items: 1, kind: 'article' as const })),
  ].sort((a, b) => a.file.localeCompare(b.file));
  return { version: kb.version, articles: kb.articles.length, entries: kb.entries.length, files, problems: knowledge.problems };
}
