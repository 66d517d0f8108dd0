// Records shared by concurrent turns (the ticket and subscription indexes) lose no update, even when
// they are created by several writers at once.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToIndex, indexIds, PagedIndex, readItem, updateItem } from '../src/services/records.js';
import { FileStorage } from '../src/storage/fileStorage.js';
import { tempDir } from './helpers/botServer.js';

it('keeps every id when ten writers add to an index that does not exist yet', async () => {
  const storage = new FileStorage(path.join(tempDir('records'), 'state.json'));
  await Promise.all(Array.from({ length: 10 }, (_, i) => addToIndex(storage, 'citizen/tickets/index', `T${i}`)));
  expect((await indexIds(storage, 'citizen/tickets/index')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `T${i}`).sort());
});

it('never shows an item that is still being created', async () => {
  const storage = new FileStorage(path.join(tempDir('records'), 'state.json'));
  const created = updateItem<{ n: number }>(storage, 'citizen/x', () => ({ n: 1 }));
  expect(await readItem(storage, 'citizen/x')).toBeUndefined();
  await created;
  expect(await readItem(storage, 'citizen/x')).toEqual({ n: 1 });
});

describe('PagedIndex', () => {
  it('keeps ids in pages of 100 by bucket, loses none to concurrent writers, and lists from a bucket on', async () => {
    const file = path.join(tempDir('paged'), 'state.json');
    const storage = new FileStorage(file);
    // Two instances of the service: each with its own index object (its own page cursor), one store.
    const first = new PagedIndex(storage, 'citizen/tickets/by-day');
    const second = new PagedIndex(storage, 'citizen/tickets/by-day');
    const ids = Array.from({ length: 250 }, (_, i) => `T${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? first : second).add('2026-11-26', id)));
    await first.add('2026-11-27', 'N1');
    await second.add('2026-11-25', 'P1');
    await first.add('2026-11-26', 'T3'); // again (a retry): listed once

    const pages = [0, 1, 2, 3].map((n) => readItem<{ ids: string[] }>(storage, `citizen/tickets/by-day/2026-11-26/${n}`));
    expect((await Promise.all(pages)).map((page) => page?.ids.length)).toEqual([100, 100, 51, undefined]);
    const listed = await new PagedIndex(storage, 'citizen/tickets/by-day').ids('2026-11-26');
    expect(listed.slice(0, -1).sort()).toEqual([...ids].sort());
    expect(listed.at(-1)).toBe('N1');
    expect(await first.ids()).toHaveLength(252);
  });
});
