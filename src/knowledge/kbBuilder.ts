// Builds the knowledge base from the source files staff edit in knowledge/:
//   articles/*.txt, entries/*.json (validated against schema/entries.schema.json), abbreviations.json,
//   lexicon.json (English → Vietnamese, optional).
// The result depends only on the files' contents, so the same sources always give the same bytes.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArticle, type Article } from './articleParser.js';
import { crossCheckEntries, EntryFileReader, type EntryWithFile } from './entryFiles.js';
import type { Problem } from './problems.js';

export interface KnowledgeBase {
  /** Short hash of every source file: changes exactly when a source changes. */
  version: string;
  /** Articles, newest first. */
  articles: Article[];
  entries: EntryWithFile[];
  abbreviations: Record<string, string>;
  /** English words and phrases → Vietnamese, so English questions find Vietnamese content (absent in an older kb.json). */
  lexicon?: Record<string, string>;
}

export const KB_FILE = 'kb.json';
const SCHEMA_FILE = 'schema/entries.schema.json';
const ABBREVIATIONS_FILE = 'abbreviations.json';
const LEXICON_FILE = 'lexicon.json';

async function listFiles(dir: string, sub: string, extension: string): Promise<string[]> {
  const names = await fs.readdir(path.join(dir, sub)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(extension) && !n.startsWith('.')).sort().map((n) => `${sub}/${n}`);
}

/** The source files, relative to the knowledge folder, in a fixed order. */
export async function listSources(dir: string): Promise<string[]> {
  const lexicon = await fs.access(path.join(dir, LEXICON_FILE)).then(() => [LEXICON_FILE], () => []);
  return [
    ABBREVIATIONS_FILE,
    ...lexicon,
    SCHEMA_FILE,
    ...(await listFiles(dir, 'articles', '.txt')),
    ...(await listFiles(dir, 'entries', '.json')),
  ];
}

export async function buildKnowledge(dir: string): Promise<{ kb?: KnowledgeBase; problems: Problem[] }> {
  const files = await listSources(dir);
  const contents = new Map<string, string>();
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      contents.set(file, await fs.readFile(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  if (problems.length) return { problems };

  let reader: EntryFileReader;
  try {
    reader = new EntryFileReader(JSON.parse(contents.get(SCHEMA_FILE)!));
  } catch (error) {
    return { problems: [{ file: SCHEMA_FILE, line: 1, message: `the schema is not usable: ${(error as Error).message}` }] };
  }

  const articles: Article[] = [];
  const entries: EntryWithFile[] = [];
  for (const file of files) {
    const raw = contents.get(file)!;
    if (file.startsWith('articles/')) {
      const parsed = parseArticle(file, raw);
      if (parsed.article) articles.push(parsed.article);
      problems.push(...parsed.problems);
    } else if (file.startsWith('entries/')) {
      const read = reader.readEntries(file, raw);
      entries.push(...read.entries);
      problems.push(...read.problems);
    }
  }
  const { abbreviations, problems: abbreviationProblems } = reader.readAbbreviations(ABBREVIATIONS_FILE, contents.get(ABBREVIATIONS_FILE)!);
  problems.push(...abbreviationProblems);
  const { lexicon, problems: lexiconProblems } = contents.has(LEXICON_FILE) ? reader.readLexicon(LEXICON_FILE, contents.get(LEXICON_FILE)!) : { lexicon: {}, problems: [] };
  problems.push(...lexiconProblems);
  // Ids are only cross-checked once every file reads, or a broken file's ids would look missing.
  if (!problems.length) problems.push(...crossCheckEntries(entries));
  if (problems.length) return { problems };

  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${contents.get(file)}\0`);
  articles.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  return { kb: { version: hash.digest('hex').slice(0, 12), articles, entries, abbreviations, lexicon }, problems: [] };
}
