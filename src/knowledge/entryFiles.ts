// Reads the staff-edited JSON files (entries, abbreviations) and reports every problem by file and line.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Problem } from './problems.js';

export interface Entry {
  id: string;
  title?: string;
  questions: { vi: string[]; en?: string[] };
  answer: { vi: string; en?: string };
  followUps?: string[];
  /** The answer only says the fact is not confirmed: no source line is shown. */
  unconfirmed?: boolean;
  source: { title: string; url?: string };
  updated: string;
}

export interface EntryWithFile extends Entry {
  file: string;
  line: number;
}

function lineAt(raw: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < raw.length; i++) if (raw.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON strictly (no comments, no trailing commas) and keeps the tree for line numbers. */
function parseJson(file: string, raw: string): { value?: unknown; tree?: Node; problems: Problem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(raw, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((e) => ({
      file,
      line: lineAt(raw, e.offset),
      message: `invalid JSON (${printParseErrorCode(e.error)}): check the commas, quotes and brackets around here`,
    }));
    return { problems: problems.length ? problems : [{ file, line: 1, message: 'the file is empty: it must hold a JSON object' }] };
  }
  return { value: JSON.parse(raw), tree, problems: [] };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `"${error.instancePath.split('/').slice(1).join('.')}"` : 'the file';
  switch (error.keyword) {
    case 'required':
      return `${where} is missing "${String(error.params.missingProperty)}": add it`;
    case 'additionalProperties':
      return `${where} has an unknown field "${String(error.params.additionalProperty)}": remove it or fix its spelling`;
    case 'pattern':
      return `${where} ${error.parentSchema?.description ? `is not valid: ${String(error.parentSchema.description)}` : `does not match the expected form ${String(error.params.pattern)}`}`;
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}

function schemaProblems(file: string, raw: string, tree: Node, errors: ErrorObject[]): Problem[] {
  return errors.map((error) => {
    const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/u.test(p) ? Number(p) : p.replace(/~1/gu, '/').replace(/~0/gu, '~')));
    const node = findNodeAtLocation(tree, path) ?? tree;
    return { file, line: lineAt(raw, node.offset), message: describe(error) };
  });
}

export class EntryFileReader {
  private readonly validateEntries;

  constructor(schema: object) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    this.validateEntries = ajv.compile(schema);
  }

  readEntries(file: string, raw: string): { entries: EntryWithFile[]; problems: Problem[] } {
    const { value, tree, problems } = parseJson(file, raw);
    if (!tree) return { entries: [], problems };
    if (!this.validateEntries(value)) {
      return { entries: [], problems: schemaProblems(file, raw, tree, this.validateEntries.errors ?? []) };
    }
    const entries = (value as { entries: Entry[] }).entries.map((entry, index) => {
      const node = findNodeAtLocation(tree, ['entries', index]);
      return { ...entry, file, line: lineAt(raw, node?.offset ?? 0) };
    });
    return { entries, problems: [] };
  }
}

/** Abbreviation dictionary: an object of short form (a word, or a phrase of words) → full form ("$comment" allowed). */
export function readAbbreviations(file: string, raw: string): { abbreviations: Record<string, string>; problems: Problem[] } {
  const { dictionary, problems } = readDictionary(
    file,
    raw,
    /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u,
    '{ "sđt": "số điện thoại" }',
    'a word or words (letters and digits) separated by single spaces',
  );
  return { abbreviations: dictionary, problems };
}

/** The bilingual lexicon: English words or phrases (lower case, single spaces) → Vietnamese. */
export function readLexicon(file: string, raw: string): { lexicon: Record<string, string>; problems: Problem[] } {
  const { dictionary, problems } = readDictionary(file, raw, /^[a-z0-9]+(?: [a-z0-9]+)*$/u, '{ "pension": "lương hưu" }', 'English words in lower case separated by single spaces');
  return { lexicon: dictionary, problems };
}

/** A JSON object of key → non-empty text, each key checked against its pattern, problems by line. */
function readDictionary(file: string, raw: string, keyPattern: RegExp, example: string, keyRule: string): { dictionary: Record<string, string>; problems: Problem[] } {
  const { value, tree, problems } = parseJson(file, raw);
  if (!tree) return { dictionary: {}, problems };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { dictionary: {}, problems: [{ file, line: 1, message: `must be a JSON object such as ${example}` }] };
  }
  const dictionary: Record<string, string> = {};
  const found: Problem[] = [];
  for (const [key, full] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    const line = lineAt(raw, findNodeAtLocation(tree, [key])?.offset ?? 0);
    if (typeof full !== 'string' || !full.trim()) found.push({ file, line, message: `"${key}" must map to a non-empty text` });
    else if (!keyPattern.test(key.normalize('NFC').toLowerCase())) found.push({ file, line, message: `"${key}" must be ${keyRule}` });
    else dictionary[key.normalize('NFC').toLowerCase()] = full.normalize('NFC');
  }
  return { dictionary, problems: found };
}

/** Ids used twice, reported at the later entry (callers put the entries they trust first). */
export function duplicateIdProblems(entries: EntryWithFile[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, EntryWithFile>();
  for (const entry of entries) {
    const first = byId.get(entry.id);
    if (first) problems.push({ file: entry.file, line: entry.line, message: `id "${entry.id}" is already used at ${first.file}:${first.line}: give this entry another id` });
    else byId.set(entry.id, entry);
  }
  return problems;
}

/** Follow-ups that name no entry (the bot shows no button for them). */
export function followUpProblems(entries: EntryWithFile[]): Problem[] {
  const ids = new Set(entries.map((e) => e.id));
  const problems: Problem[] = [];
  for (const entry of entries) {
    for (const target of entry.followUps ?? []) {
      if (!ids.has(target)) problems.push({ file: entry.file, line: entry.line, message: `followUps names "${target}", which is no entry's id: fix the id or remove it` });
    }
  }
  return problems;
}
