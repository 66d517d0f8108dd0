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
  // Serialised once and compared as text (as lowdb's JSONFile writes it): thousands of articles make
  // megabytes, and every parse or stringify of them holds the event loop.
  const text = JSON.stringify(kb, null, 2);
  const holdsIt = async (): Promise<boolean> => (await fs.readFile(file, 'utf8').catch(() => undefined)) === text;
  if (await holdsIt()) return file;
  try {
    await new TextFile(file).write(text);
  } catch (error) {
    if (!(await holdsIt())) throw error;
  }
  return file;
}
