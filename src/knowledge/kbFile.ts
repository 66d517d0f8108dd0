// knowledge/kb.json is the built knowledge base, written through lowdb (atomic rename, so a reader never sees half a file).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
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
 * Writes kb.json unless it already holds this knowledge base (the usual start: the committed file is the
 * fresh build). Instances sharing a knowledge folder start and reload together, and steno's temporary file
 * has one name per file, so of two writing at once one rename can fail: then the other's file is checked.
 */
export async function writeKnowledgeFile(dir: string, kb: KnowledgeBase): Promise<string> {
  const file = path.join(dir, KB_FILE);
  const holdsIt = async (): Promise<boolean> => JSON.stringify(await readKnowledgeFile(dir)) === JSON.stringify(kb);
  if (await holdsIt()) return file;
  try {
    await new Low<KnowledgeBase>(new JSONFile<KnowledgeBase>(file), kb).write();
  } catch (error) {
    if (!(await holdsIt())) throw error;
  }
  return file;
}
