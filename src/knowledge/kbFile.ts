// kb.json is a built knowledge base, written through lowdb (atomic rename, so a reader never sees half a file):
// `npm run kb:build` writes knowledge/kb.json for review and deployment; the running bot saves each version it
// serves as DATA_DIR/kb.json, never into the knowledge folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import { KB_FILE, type KnowledgeBase } from './kbBuilder.js';

/** The kb.json in dir, or undefined when it is missing or unreadable. */
export async function readKnowledgeFile(dir: string): Promise<KnowledgeBase | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, KB_FILE), 'utf8')) as KnowledgeBase;
  } catch {
    return undefined;
  }
}

/**
 * Writes dir/kb.json unless it already holds this knowledge base (the usual start: nothing changed since the
 * last run). Processes writing the same folder at once (instances sharing a data folder, kb:build beside a
 * bot) use one temporary file name in steno, so one rename can fail: then the other's file is checked.
 */
export async function writeKnowledgeFile(dir: string, kb: KnowledgeBase): Promise<string> {
  const file = path.join(dir, KB_FILE);
  // Compared as text: thousands of articles make megabytes, and every parse or stringify of them holds the event loop.
  const text = knowledgeText(kb);
  const holdsIt = async (): Promise<boolean> => (await fs.readFile(file, 'utf8').catch(() => undefined)) === text;
  if (await holdsIt()) return file;
  try {
    await new TextFile(file).write(text);
  } catch (error) {
    if (!(await holdsIt())) throw error;
  }
  return file;
}

/** Each article's and entry's text in kb.json, kept: the objects of unchanged files are shared by the versions. */
const pieces = new WeakMap<object, string>();

/**
 * JSON.stringify(kb, null, 2), as lowdb's JSONFile writes it, but made of the articles' and entries' own texts,
 * each serialised once: a new version serialises only what changed.
 */
export function knowledgeText(kb: KnowledgeBase): string {
  const fields = Object.entries(kb)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]: [string, unknown]) => {
      const text = Array.isArray(value)
        ? value.length
          ? `[\n${value.map((item) => `    ${piece(item)}`).join(',\n')}\n  ]`
          : '[]'
        : indent(JSON.stringify(value, null, 2), '  ');
      return `  ${JSON.stringify(key)}: ${text}`;
    });
  return `{\n${fields.join(',\n')}\n}`;
}

function piece(item: unknown): string {
  if (typeof item !== 'object' || item === null) return JSON.stringify(item);
  let text = pieces.get(item);
  if (text === undefined) pieces.set(item, (text = indent(JSON.stringify(item, null, 2), '    ')));
  return text;
}

/** A newline in JSON text is always between values (one inside a string is escaped): each gets the depth. */
const indent = (text: string, by: string): string => text.replace(/\n/gu, `\n${by}`);
