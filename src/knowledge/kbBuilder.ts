// Builds the knowledge base from the source files staff edit in knowledge/. Each file counts on its own:
// a broken file keeps the content it had in the last good version (or is left out if it never had one),
// and every other file goes live. The result depends only on the files' contents, so the same sources
// always give the same bytes. Sources: articles/*.txt, entries/*.json (checked against
// schema/entries.schema.json), abbreviations.json and lexicon.json (English → Vietnamese, optional).
import { createHash } from 'node:crypto';
import type { Article } from './articleParser.js';
import { duplicateIdProblems, followUpProblems, type EntryWithFile } from './entryFiles.js';
import type { Problem } from './problems.js';
import { ABBREVIATIONS_FILE, inSourceOrder, LEXICON_FILE, readSourceFiles, type SourceFile, type SourcePart } from './sourceFiles.js';

export interface KnowledgeBase {
  /** Short hash of every source file served: changes exactly when one of them changes. */
  version: string;
  /** The source files this version holds, each with the hash of the content it was built from. */
  sources: Record<string, string>;
  /** Articles, newest first. */
  articles: Article[];
  entries: EntryWithFile[];
  abbreviations: Record<string, string>;
  /** English words and phrases → Vietnamese, so English questions find Vietnamese content (absent in an older kb.json). */
  lexicon?: Record<string, string>;
  /** Set only in the version a running bot saves (DATA_DIR/kb.json): the code that parsed it (parserStamp.ts). */
  parser?: string;
}

export const KB_FILE = 'kb.json';

/** The valid content of each file in a version: what that file falls back on when it breaks. */
export type Parts = Map<string, { hash: string; part: SourcePart }>;

export interface Assembly {
  /** Undefined only when there is nothing to serve: no entries or no articles, and no last good ones. */
  kb?: KnowledgeBase;
  parts: Parts;
  problems: Problem[];
}

function entriesOf(parts: Parts, files: string[]): EntryWithFile[] {
  return files.flatMap((file) => {
    const part = parts.get(file)?.part;
    return part?.kind === 'entries' ? part.entries : [];
  });
}

/** How many entries, or articles, the parts hold. */
function count(parts: Parts, kind: 'entries' | 'article'): number {
  let n = 0;
  for (const { part } of parts.values()) if (part.kind === kind) n += part.kind === 'entries' ? part.entries.length : 1;
  return n;
}

/** Today's files over the last good parts: see the comment at the top. */
export function assemble(files: SourceFile[], lastGood: Parts): Assembly {
  const problems: Problem[] = [];
  const chosen: Parts = new Map();
  let leftOut = false;
  for (const source of files) {
    if (source.part) {
      chosen.set(source.file, { hash: source.hash, part: source.part });
      continue;
    }
    problems.push(...source.problems);
    const good = lastGood.get(source.file);
    if (good) chosen.set(source.file, good);
    else leftOut = true;
  }

  // Follow-ups are checked against every valid entry, so a file charged with a duplicate below does not
  // make its ids look missing too; a broken file left out would, so then they wait.
  const followUps = leftOut ? [] : followUpProblems(entriesOf(chosen, inSourceOrder(chosen.keys())));

  // An id used twice is charged to the file that changed (unchanged files come first), which then falls
  // back like a broken file; each round settles at least one changed file, so this ends.
  const changed = (file: string): boolean => chosen.get(file)?.hash !== lastGood.get(file)?.hash;
  for (;;) {
    const entryFiles = inSourceOrder(chosen.keys()).filter((f) => f.startsWith('entries/'));
    const ordered = [...entryFiles.filter((f) => !changed(f)), ...entryFiles.filter(changed)];
    const duplicates = duplicateIdProblems(entriesOf(chosen, ordered)).filter((p) => changed(p.file));
    if (!duplicates.length) break;
    problems.push(...duplicates);
    for (const file of new Set(duplicates.map((p) => p.file))) {
      const good = lastGood.get(file);
      if (good) {
        chosen.set(file, good);
      } else {
        chosen.delete(file);
      }
    }
  }

  // Deleting every entries file (or article) is refused as a problem: the bot would answer nothing.
  for (const [kind, folder, what] of [['entries', 'entries/', 'entries'], ['article', 'articles/', 'articles']] as const) {
    if (count(chosen, kind) > 0) continue;
    problems.push({ file: folder, line: 1, message: `no ${what} would be left: the change is refused and the last good ${what} keep serving; put the files back or fix them` });
    for (const [file, good] of lastGood) if (good.part.kind === kind) chosen.set(file, good);
  }
  if (count(chosen, 'entries') === 0 || count(chosen, 'article') === 0) return { parts: chosen, problems };

  const order = inSourceOrder(chosen.keys());
  const entries = entriesOf(chosen, order);
  problems.push(...followUps);
  const articles = order.flatMap((file) => {
    const part = chosen.get(file)!.part;
    return part.kind === 'article' ? [part.article] : [];
  });
  articles.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const abbreviationsPart = chosen.get(ABBREVIATIONS_FILE)?.part;
  const lexiconPart = chosen.get(LEXICON_FILE)?.part;
  const hash = createHash('sha256');
  for (const file of order) hash.update(`${file}\0${chosen.get(file)!.hash}\0`);
  const kb: KnowledgeBase = {
    version: hash.digest('hex').slice(0, 12),
    sources: Object.fromEntries(order.map((file) => [file, chosen.get(file)!.hash])),
    articles,
    entries,
    abbreviations: abbreviationsPart?.kind === 'abbreviations' ? abbreviationsPart.abbreviations : {},
    lexicon: lexiconPart?.kind === 'lexicon' ? lexiconPart.lexicon : {},
  };
  return { kb, parts: new Map(order.map((file) => [file, chosen.get(file)!])), problems };
}

/** The parts of a built knowledge base (kb.json), so that its files can stand in for broken ones at start. */
export function partsOf(kb: KnowledgeBase): Parts {
  const parts: Parts = new Map();
  // A file's hash is unknown in a kb.json written before hashes were kept: it then counts as changed.
  const hash = (file: string): string => kb.sources?.[file] ?? 'unknown';
  parts.set(ABBREVIATIONS_FILE, { hash: hash(ABBREVIATIONS_FILE), part: { kind: 'abbreviations', abbreviations: kb.abbreviations } });
  if (kb.lexicon && kb.sources?.[LEXICON_FILE]) parts.set(LEXICON_FILE, { hash: hash(LEXICON_FILE), part: { kind: 'lexicon', lexicon: kb.lexicon } });
  for (const article of kb.articles) parts.set(article.file, { hash: hash(article.file), part: { kind: 'article', article } });
  for (const entry of kb.entries) {
    const part = parts.get(entry.file)?.part;
    if (part?.kind === 'entries') part.entries.push(entry);
    else parts.set(entry.file, { hash: hash(entry.file), part: { kind: 'entries', entries: [entry] } });
  }
  return parts;
}

/** The build kb:check and kb:build make: every file must be valid, or there is no knowledge base. */
export async function buildKnowledge(dir: string): Promise<{ kb?: KnowledgeBase; problems: Problem[]; files: SourceFile[] }> {
  const files = await readSourceFiles(dir);
  const { kb, problems } = assemble(files, new Map());
  return problems.length ? { problems, files } : { kb, problems, files };
}
