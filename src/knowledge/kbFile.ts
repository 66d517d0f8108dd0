// kb.json is a built knowledge base, written whole or not at all (atomic rename, so a reader never sees half a file):
// `npm run kb:build` writes knowledge/kb.json for review and deployment; the running bot saves each version it
// serves as DATA_DIR/kb.json, never into the knowledge folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../storage/replaceFile.js';
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
 * rename a whole file). Thousands of articles make megabytes: the text is made, compared with the file there and
 * written a chunk at a time, in one pass, so that no step holds the event loop for long and no copy of it is kept;
 * when the file held the same bytes, the temporary one is removed and kb.json is left as it was.
 */
export async function writeKnowledgeFile(dir: string, kb: KnowledgeBase): Promise<string> {
  const file = path.join(dir, KB_FILE);
  const existing = await fs.open(file, 'r').catch(() => undefined);
  try {
    await replaceFile(file, async (handle) => {
      let same = existing !== undefined && (await existing.stat()).isFile();
      let at = 0;
      for (const chunk of chunks(knowledgePieces(kb))) {
        const bytes = Buffer.from(chunk);
        if (same) {
          const found = Buffer.alloc(bytes.length);
          const { bytesRead } = await existing!.read(found, 0, found.length, at);
          same = bytesRead === found.length && found.equals(bytes);
        }
        at += bytes.length;
        await handle.write(bytes);
      }
      // The same bytes: kb.json is left as it was.
      return !(same && (await existing!.stat()).size === at);
    });
  } finally {
    await existing?.close();
  }
  return file;
}

const CHUNK_CHARS = 256 * 1024;

/** The pieces joined into strings of about CHUNK_CHARS. */
function* chunks(pieces: Iterable<string>): Generator<string> {
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

/**
 * The text of kb.json in pieces, made as they are asked for, whose concatenation is JSON.stringify(kb, null, 2), as
 * lowdb's JSONFile wrote it: each article and entry one.
 */
function* knowledgePieces(kb: KnowledgeBase): Generator<string> {
  yield '{';
  const fields = Object.entries(kb).filter(([, value]) => value !== undefined);
  for (const [i, [key, value]] of fields.entries()) {
    yield `\n  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value)) yield indent(JSON.stringify(value, null, 2), '  ');
    else if (!value.length) yield '[]';
    else {
      yield '[';
      for (const [k, item] of (value as unknown[]).entries()) yield `${k ? ',' : ''}\n    ${indent(JSON.stringify(item, null, 2), '    ')}`;
      yield '\n  ]';
    }
    if (i < fields.length - 1) yield ',';
  }
  yield '\n}';
}

/** A newline in JSON text is always between values (one inside a string is escaped): each gets the depth. */
const indent = (text: string, by: string): string => text.replace(/\n/gu, `\n${by}`);
