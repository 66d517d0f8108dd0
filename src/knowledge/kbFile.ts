// kb.json is a built knowledge base, written whole or not at all (atomic rename, so a reader never sees half a file):
// `npm run kb:build` writes knowledge/kb.json for review and deployment; the running bot saves each version it
// serves as DATA_DIR/kb.json, never into the knowledge folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KB_FILE, type KnowledgeBase } from './kbBuilder.js';

/** What dir/kb.json holds: nothing (missing), a knowledge base, or why it cannot be used (damaged: cut short, not a build, unreadable). */
export interface KnowledgeFileState {
  kb?: KnowledgeBase;
  damaged?: string;
}

export async function inspectKnowledgeFile(dir: string): Promise<KnowledgeFileState> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, KB_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { damaged: `cannot be read (${code ?? (error as Error).message})` };
  }
  let kb: Partial<KnowledgeBase>;
  try {
    kb = JSON.parse(text) as Partial<KnowledgeBase>;
  } catch (error) {
    return { damaged: `not valid JSON (${(error as Error).message})` };
  }
  const isBuild = typeof kb === 'object' && kb !== null && typeof kb.version === 'string' && Array.isArray(kb.articles) && Array.isArray(kb.entries);
  return isBuild ? { kb: kb as KnowledgeBase } : { damaged: 'not a knowledge build (no version, articles and entries)' };
}

/** The kb.json in dir, or undefined when it is missing, damaged or unreadable (the commands; the bot reports damage). */
export async function readKnowledgeFile(dir: string): Promise<KnowledgeBase | undefined> {
  return (await inspectKnowledgeFile(dir)).kb;
}

/**
 * Writes dir/kb.json unless it already holds this knowledge base (the usual start: nothing changed since the
 * last run). Written to a temporary file of its own, then renamed (a reader never sees half a file, and
 * processes writing the same folder at once — instances sharing a data folder, kb:build beside a bot — each
 * rename a whole file). Thousands of articles make megabytes: the text is compared and written a piece at a
 * time, each article's piece serialised once, so that no step holds the event loop for long.
 */
export async function writeKnowledgeFile(dir: string, kb: KnowledgeBase): Promise<string> {
  const file = path.join(dir, KB_FILE);
  const pieces = knowledgePieces(kb);
  if (await holds(file, pieces)) return file;
  const temporary = path.join(dir, `.${KB_FILE}.${process.pid}-${++written}.tmp`);
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      for (const chunk of chunks(pieces)) await handle.write(chunk);
      // On the disk before the rename: a power loss never leaves a kb.json cut short.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return file;
}

let written = 0;
const CHUNK_CHARS = 256 * 1024;

/** The pieces joined into strings of about CHUNK_CHARS. */
function* chunks(pieces: string[]): Generator<string> {
  let chunk: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    chunk.push(piece);
    size += piece.length;
    if (size < CHUNK_CHARS) continue;
    yield chunk.join('');
    [chunk, size] = [[], 0];
  }
  if (chunk.length) yield chunk.join('');
}

/** Whether the file holds exactly these pieces: its size first, then its bytes a chunk at a time. */
async function holds(file: string, pieces: string[]): Promise<boolean> {
  const size = pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile() || stat.size !== size) return false;
  const handle = await fs.open(file, 'r');
  try {
    let at = 0;
    for (const chunk of chunks(pieces)) {
      const expected = Buffer.from(chunk);
      const found = Buffer.alloc(expected.length);
      const { bytesRead } = await handle.read(found, 0, found.length, at);
      if (bytesRead !== found.length || !found.equals(expected)) return false;
      at += bytesRead;
    }
    return true;
  } finally {
    await handle.close();
  }
}

/** Each article's and entry's text in kb.json, kept: the objects of unchanged files are shared by the versions. */
const itemTexts = new WeakMap<object, string>();

/** The text of kb.json in pieces whose concatenation is JSON.stringify(kb, null, 2), as lowdb's JSONFile wrote it: each article and entry one. */
function knowledgePieces(kb: KnowledgeBase): string[] {
  const pieces: string[] = ['{'];
  const fields = Object.entries(kb).filter(([, value]) => value !== undefined);
  fields.forEach(([key, value]: [string, unknown], i) => {
    pieces.push(`\n  ${JSON.stringify(key)}: `);
    if (!Array.isArray(value)) pieces.push(indent(JSON.stringify(value, null, 2), '  '));
    else if (!value.length) pieces.push('[]');
    else {
      pieces.push('[');
      value.forEach((item: unknown, k) => pieces.push(`${k ? ',' : ''}\n    `, itemText(item)));
      pieces.push('\n  ]');
    }
    if (i < fields.length - 1) pieces.push(',');
  });
  pieces.push('\n}');
  return pieces;
}

function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return JSON.stringify(item);
  let text = itemTexts.get(item);
  if (text === undefined) itemTexts.set(item, (text = indent(JSON.stringify(item, null, 2), '    ')));
  return text;
}

/** A newline in JSON text is always between values (one inside a string is escaped): each gets the depth. */
const indent = (text: string, by: string): string => text.replace(/\n/gu, `\n${by}`);
