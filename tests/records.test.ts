// Records shared by concurrent turns (the ticket and subscription indexes) lose no update, even when
// they are created by several writers at once.
import path from 'node:path';
import { expect, it } from 'vitest';
import { addToIndex, indexIds, readItem, updateItem } from '../src/services/records.js';
import { LowdbStorage } from '../src/storage/lowdbStorage.js';
import { tempDir } from './helpers/botServer.js';

it('keeps every id when ten writers add to an index that does not exist yet', async () => {
  const storage = new LowdbStorage(path.join(tempDir('records'), 'state.json'));
  await Promise.all(Array.from({ length: 10 }, (_, i) => addToIndex(storage, 'citizen/tickets/index', `T${i}`)));
  expect((await indexIds(storage, 'citizen/tickets/index')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `T${i}`).sort());
});

it('never shows an item that is still being created', async () => {
  const storage = new LowdbStorage(path.join(tempDir('records'), 'state.json'));
  const created = updateItem<{ n: number }>(storage, 'citizen/x', () => ({ n: 1 }));
  expect(await readItem(storage, 'citizen/x')).toBeUndefined();
  await created;
  expect(await readItem(storage, 'citizen/x')).toEqual({ n: 1 });
});
