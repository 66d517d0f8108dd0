// Citizen-service records kept through botbuilder's Storage interface only (lowdb or Azure Blob, whichever
// the app was given): read/write/delete by key, no listing, so each kind of record keeps an index item
// (or, for records without bound, a PagedIndex).
// Every change is a read-modify-write with the item's eTag, retried when another writer got there first.
import { createHash } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';

/** Keys start here; none contains "/conversations/", so conversation-state expiry never touches them. */
export const KEY_PREFIX = 'citizen';
const ATTEMPTS = 10;
/** Upper bound of the random pause before retry n (n × this, ms), so that writers who collided spread out. */
const BACKOFF_MS = 10;
const READ_BATCH = 100;
/** Marks an item being created: botbuilder's Storage cannot create only-if-absent, so an item is first created
 * as this placeholder and then filled with a conditional (eTag) write like any update. */
const CREATING = '$creating';

/** A short, storage-safe key part for ids that may hold any character (Teams and Zalo conversation ids). */
export function hashId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

/** The item without its eTag; an item still being created counts as missing. */
export function itemValue<T>(found: StoreItem | undefined): T | undefined {
  if (!found || found[CREATING]) return undefined;
  const { eTag: _eTag, ...item } = found;
  return item as unknown as T;
}

export async function readItem<T extends object>(storage: Storage, key: string): Promise<T | undefined> {
  return itemValue<T>((await storage.read([key]))[key]);
}

export async function readItems<T extends object>(storage: Storage, keys: string[]): Promise<T[]> {
  const items: T[] = [];
  for (let i = 0; i < keys.length; i += READ_BATCH) {
    const batch = keys.slice(i, i + READ_BATCH);
    const found = await storage.read(batch);
    for (const key of batch) {
      const item = itemValue<T>(found[key]);
      if (item) items.push(item);
    }
  }
  return items;
}

/** Updates of one key in this process run one after another, so no two of them ever race to create it. */
const queues = new WeakMap<Storage, Map<string, Promise<unknown>>>();

function inTurn<T>(storage: Storage, key: string, work: () => Promise<T>): Promise<T> {
  const byKey = queues.get(storage) ?? new Map<string, Promise<unknown>>();
  queues.set(storage, byKey);
  const run = (byKey.get(key) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  byKey.set(key, settled);
  void settled.then(() => byKey.get(key) === settled && byKey.delete(key));
  return run;
}

/**
 * Applies `change` to the item's current value and writes it back only if no one changed it meanwhile
 * (eTag); on a conflict it reads again and re-applies. Returns what was written. A missing item is created
 * empty first, so that the write carrying data is always conditional; only two instances creating the same
 * key at the same moment can still overwrite each other, once.
 */
export function updateItem<T extends object>(storage: Storage, key: string, change: (current: T | undefined) => T): Promise<T> {
  return inTurn(storage, key, async () => {
    for (let attempt = 1; ; attempt++) {
      const found = (await storage.read([key]))[key] as (T & StoreItem & { [CREATING]?: true }) | undefined;
      try {
        if (!found) {
          await storage.write({ [key]: { [CREATING]: true, eTag: '*' } });
          continue;
        }
        const { eTag, [CREATING]: creating, ...current } = found;
        const next = change(creating ? undefined : (structuredClone(current) as unknown as T));
        await storage.write({ [key]: { ...next, eTag } });
        return next;
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_MS * attempt));
      }
    }
  });
}

interface Index {
  ids: string[];
}

export async function indexIds(storage: Storage, indexKey: string): Promise<string[]> {
  return (await readItem<Index>(storage, indexKey))?.ids ?? [];
}

export async function addToIndex(storage: Storage, indexKey: string, id: string): Promise<void> {
  await updateItem<Index>(storage, indexKey, (index) => ({ ids: index?.ids.includes(id) ? index.ids : [...(index?.ids ?? []), id] }));
}

export async function removeFromIndex(storage: Storage, indexKey: string, id: string): Promise<void> {
  await updateItem<Index>(storage, indexKey, (index) => ({ ids: (index?.ids ?? []).filter((x) => x !== id) }));
}

/** Ids a page of a PagedIndex holds. */
const PAGE_IDS = 100;

/**
 * An index that may grow without bound (tickets): ids go into buckets (a local day), each a series of pages
 * of at most PAGE_IDS ids (`<key>/<bucket>/<n>`), and the buckets into `<key>/buckets`. Adding an id
 * rewrites one small page, however many ids came before (a single index item was read, copied and
 * rewritten whole for each new ticket). Pages fill in order, so a listing reads them until one is missing.
 */
export class PagedIndex {
  /** The page this process appends to, per bucket. */
  private readonly cursors = new Map<string, number>();
  private readonly knownBuckets = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly key: string,
  ) {}

  async add(bucket: string, id: string): Promise<void> {
    if (!this.knownBuckets.has(bucket)) {
      await addToIndex(this.storage, `${this.key}/buckets`, bucket);
      this.knownBuckets.add(bucket);
    }
    for (let page = this.cursors.get(bucket) ?? 0; ; page++) {
      this.cursors.set(bucket, page);
      let added = false;
      // A full page (filled by this or another writer) is left as it is and the next page is tried.
      await updateItem<Index>(this.storage, this.pageKey(bucket, page), (index) => {
        const ids = index?.ids ?? [];
        added = ids.length < PAGE_IDS;
        return { ids: added ? [...ids, id] : ids };
      });
      if (added) return;
    }
  }

  /** Every id, of the buckets from `since` on (bucket names sort like dates), bucket by bucket. */
  async ids(since?: string): Promise<string[]> {
    const buckets = (await indexIds(this.storage, `${this.key}/buckets`)).filter((bucket) => !since || bucket >= since).sort();
    const ids: string[] = [];
    for (const bucket of buckets) {
      for (let page = 0; ; page++) {
        const index = await readItem<Index>(this.storage, this.pageKey(bucket, page));
        if (!index) break;
        ids.push(...index.ids);
      }
    }
    // An id added twice (a retry) may stand in two pages: listed once.
    return [...new Set(ids)];
  }

  private pageKey(bucket: string, page: number): string {
    return `${this.key}/${bucket}/${page}`;
  }
}
