// knowledge/kb.json is the built knowledge base, written through lowdb (atomic rename, so a reader never sees half a file).
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KB_FILE, type KnowledgeBase } from './kbBuilder.js';

export async function writeKnowledgeFile(dir: string, kb: KnowledgeBase): Promise<string> {
  const file = path.join(dir, KB_FILE);
  const db = new Low<KnowledgeBase>(new JSONFile<KnowledgeBase>(file), kb);
  await db.write();
  return file;
}
