// A botbuilder Storage over one lowdb JSON file, with MemoryStorage's eTag rules.
// lowdb writes through steno (temp file + rename), so a crash never leaves a half-written file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from 'pino';

interface StateFile {
  nextETag: number;
  items: Record<string, StoreItems[string]>;
}

export class LowdbStorage implements Storage {
  private readonly db: Low<StateFile>;
  private ready?: Promise<void>;

  constructor(readonly file: string, private readonly log?: Logger) {
    // Not JSONFilePreset: under NODE_ENV=test it silently swaps in an in-memory adapter.
    this.db = new Low<StateFile>(new JSONFile<StateFile>(file), { nextETag: 1, items: {} });
  }

  /** Loads the file once; a corrupt file is moved aside and a fresh one started, so a bad file never crash-loops. */
  open(): Promise<void> {
    this.ready ??= this.load();
    return this.ready;
  }

  private async load(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    try {
      await this.db.read();
      if (typeof this.db.data?.items !== 'object' || this.db.data.items === null) throw new Error('no "items" object');
    } catch (error) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log?.error({ file: this.file, movedTo: aside, reason: (error as Error).message }, 'state file unreadable: moved aside, starting a fresh one');
      this.db.data = { nextETag: 1, items: {} };
      await this.db.write();
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.open();
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.db.data.items[key];
      if (item !== undefined) found[key] = structuredClone(item);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.open();
    const { items } = this.db.data;
    // Check every eTag before changing anything, so a conflicting batch writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const current = items[key];
      const eTag = change?.eTag;
      if (current && eTag && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const [key, change] of Object.entries(changes)) {
      items[key] = { ...structuredClone(change), eTag: String(this.db.data.nextETag++) };
    }
    await this.db.write();
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.open();
    for (const key of keys) delete this.db.data.items[key];
    await this.db.write();
  }

  /** Resolves when every queued write has reached the disk. */
  async flush(): Promise<void> {
    if (this.ready) {
      await this.ready;
      await this.db.write();
    }
  }
}
