// Reads the source files staff edit in knowledge/ and validates each one on its own, so that one broken
// file says nothing about the others: articles/*.txt, entries/*.json (checked against
// schema/entries.schema.json), abbreviations.json, lexicon.json (optional).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArticle, type Article, type YearSource } from './articleParser.js';
import { EntryFileReader, readAbbreviations, readLexicon, type EntryWithFile } from './entryFiles.js';
import type { Problem } from './problems.js';

export const SCHEMA_FILE = 'schema/entries.schema.json';
export const ABBREVIATIONS_FILE = 'abbreviations.json';
export const LEXICON_FILE = 'lexicon.json';
/** The folders the source files lie in ('' is the knowledge folder itself). */
export const SOURCE_FOLDERS = ['', 'articles', 'entries', 'schema'];

/** What one valid source file contributes to the knowledge base. */
export type SourcePart =
  | { kind: 'schema'; reader: EntryFileReader }
  | { kind: 'abbreviations'; abbreviations: Record<string, string> }
  | { kind: 'lexicon'; lexicon: Record<string, string> }
  | { kind: 'article'; article: Article }
  | { kind: 'entries'; entries: EntryWithFile[] };

/** One source file as read now: its part when it is valid, its problems when it is not. */
export interface SourceFile {
  /** Path relative to the knowledge folder. */
  file: string;
  /** Hash of the file's bytes: the same content always gives the same hash. */
  hash: string;
  part?: SourcePart;
  /** For an article: where its year came from (kb:check tells staff). */
  yearFrom?: YearSource;
  problems: Problem[];
}

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

const RANK: Record<string, number> = { [ABBREVIATIONS_FILE]: 0, [LEXICON_FILE]: 1, [SCHEMA_FILE]: 2 };
/** listSources' order, for files gathered from several places (today's folder, the last good version). */
export function sourceOrder(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const rank = (file: string): number => RANK[file] ?? (file.startsWith('articles/') ? 3 : 4);

/** The files in listSources' order; sorted only when they are not already (a reload's files are: thousands of them). */
export function inSourceOrder(files: Iterable<string>): string[] {
  const list = [...files];
  for (let i = 1; i < list.length; i++) if (sourceOrder(list[i - 1]!, list[i]!) > 0) return list.sort(sourceOrder);
  return list;
}

export function contentHash(raw: string): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** A file as read now (its bytes, or why they cannot be read), or what it gave when read before. */
interface Read {
  file: string;
  hash: string;
  raw?: string;
  problem?: Problem;
  before?: SourceFile;
}

/** Undefined for an article or entries file deleted since the folder was listed: it is simply not there any more. */
async function readFile(dir: string, file: string): Promise<Read | undefined> {
  try {
    const raw = await fs.readFile(path.join(dir, file), 'utf8');
    return { file, hash: contentHash(raw), raw };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (file.startsWith('articles/') || file.startsWith('entries/'))) return undefined;
    return { file, hash: contentHash(''), problem: { file, line: 1, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
}

/** What a file held in a version already built, by path: its content hash and its valid part. */
export type KnownParts = ReadonlyMap<string, { hash: string; part: SourcePart }>;

/** The files as read last time, and the files listed now with those that changed since: the others are not read again. */
export interface SinceRead {
  files: readonly string[];
  changed: ReadonlySet<string>;
  previous: ReadonlyMap<string, SourceFile>;
}

/**
 * Reads and validates every source file. Entries files are checked against the folder's schema, or, when
 * that is broken, against `lastGoodSchema`; with neither they cannot be checked and count as broken.
 * A file whose bytes are those of its part in `known` (a version already built) is not parsed again: the
 * part is the same, since it depends only on those bytes (entries files also on the schema's, so they are
 * reused only while the schema is the one `known` was checked with). With `since`, a file that did not change
 * since it was read is not even read: it gives what it gave then (entries files only while the schema did not
 * change either).
 */
export async function readSourceFiles(dir: string, lastGoodSchema?: EntryFileReader, known: KnownParts = new Map(), since?: SinceRead): Promise<SourceFile[]> {
  const files = since?.files ?? (await listSources(dir));
  const schemaChanged = !since || since.changed.has(SCHEMA_FILE);
  const unchanged = (file: string): SourceFile | undefined =>
    since && !since.changed.has(file) && !(schemaChanged && file.startsWith('entries/')) ? since.previous.get(file) : undefined;
  const found = await Promise.all(
    // Each file hashed as it arrives: thousands of articles hashed in one go would hold the event loop.
    files.map((file): Read | Promise<Read | undefined> => {
      const before = unchanged(file);
      return before ? { file, hash: before.hash, before } : readFile(dir, file);
    }),
  );
  const read = found.filter((r) => r !== undefined);

  const { raw: schemaRaw, hash: schemaHash, problem: schemaProblem, before: schemaBefore } = read.find((r) => r.file === SCHEMA_FILE)!;
  let schema: SourceFile = schemaBefore ?? { file: SCHEMA_FILE, hash: schemaHash, problems: schemaProblem ? [schemaProblem] : [] };
  const builtSchema = known.get(SCHEMA_FILE);
  // Compiling the schema takes long: an unchanged one keeps its compiled reader.
  if (schemaBefore) {
    // Not read again: as it was.
  } else if (schemaRaw !== undefined && builtSchema?.hash === schema.hash) {
    schema = { ...schema, part: builtSchema.part };
  } else if (schemaRaw !== undefined) {
    try {
      schema = { ...schema, part: { kind: 'schema', reader: new EntryFileReader(JSON.parse(schemaRaw)) } };
    } catch (error) {
      schema.problems.push({ file: SCHEMA_FILE, line: 1, message: `the schema is not usable: ${(error as Error).message}` });
    }
  }
  const reader = schema.part?.kind === 'schema' ? schema.part.reader : lastGoodSchema;
  const sameSchema = known.get(SCHEMA_FILE)?.hash === schema.hash;

  return read.map(({ file, hash, raw, problem, before }): SourceFile => {
    if (file === SCHEMA_FILE) return schema;
    if (before) return before;
    if (raw === undefined) return { file, hash, problems: [problem!] };
    const built = known.get(file);
    if (built?.hash === hash && (built.part.kind !== 'entries' || sameSchema)) return { file, hash, part: built.part, problems: [] };
    if (file === ABBREVIATIONS_FILE) {
      const { abbreviations, problems } = readAbbreviations(file, raw);
      return problems.length ? { file, hash, problems } : { file, hash, part: { kind: 'abbreviations', abbreviations }, problems };
    }
    if (file === LEXICON_FILE) {
      const { lexicon, problems } = readLexicon(file, raw);
      return problems.length ? { file, hash, problems } : { file, hash, part: { kind: 'lexicon', lexicon }, problems };
    }
    if (file.startsWith('articles/')) {
      const parsed = parseArticle(file, raw);
      return parsed.article ? { file, hash, part: { kind: 'article', article: parsed.article }, yearFrom: parsed.yearFrom, problems: [] } : { file, hash, problems: parsed.problems };
    }
    if (!reader) return { file, hash, problems: [{ file, line: 1, message: `cannot be checked while ${SCHEMA_FILE} is broken: fix the schema first` }] };
    const { entries, problems } = reader.readEntries(file, raw);
    return problems.length ? { file, hash, problems } : { file, hash, part: { kind: 'entries', entries }, problems };
  });
}
