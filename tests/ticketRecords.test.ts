// Tickets live in their own file beside the state (`state.json.records`), so a start reads none of them: what an
// earlier version kept in state.json moves there at the first start without losing a ticket or a newer change,
// the staff list's rows come with the file's headers, and the file survives a cut-short line and its rewrite.
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { FileStorage, type FileStorageOptions } from '../src/storage/fileStorage.js';
import { apartFromState } from '../src/storage/createStorage.js';
import { storedTicketRow, TicketStore } from '../src/services/ticketStore.js';
import { TicketSearch } from '../src/services/ticketSearch.js';
import { updateItem } from '../src/services/records.js';
import type { TicketInput } from '../src/ticket.js';
import { tempDir } from './helpers/botServer.js';

const log = createLogger('silent');
/** As createStorage opens lowdb for the service. */
const SERVICE: FileStorageOptions = { log, apart: apartFromState, summary: storedTicketRow };

const input = (i: number): TicketInput => ({
  kind: 'complaint',
  details: `Bưu gửi số ${i} chưa tới`,
  name: 'Nguyễn Văn An',
  phone: `09120000${String(i).padStart(2, '0')}`,
  channelId: 'webchat',
  conversationId: `c-${i}`,
  userId: `u-${i}`,
});

describe('tickets in their own file', () => {
  it('moves the tickets a state of the earlier layout holds (snapshot and journal) there at the first start, losing none', async () => {
    const file = path.join(tempDir('ticket-records'), 'state.json');
    // The earlier layout: every key in state.json and its journal.
    const earlier = new FileStorage(file, { log });
    const before = new TicketStore(earlier, log);
    for (let i = 0; i < 3; i++) await before.create(input(i));
    await earlier.flush(); // in the snapshot
    await before.create(input(3)); // in the journal only, as a killed process leaves it
    const tickets = await before.list();
    expect(readFileSync(file, 'utf8')).toContain(`citizen/tickets/${tickets[0]!.ref}`);

    const moved = new FileStorage(file, SERVICE);
    const store = new TicketStore(moved, log);
    expect(await store.list()).toEqual(tickets);
    // Neither the snapshot nor the journal read at start holds a ticket any longer; the record file holds them all.
    const state = readFileSync(file, 'utf8') + readFileSync(`${file}.journal`, 'utf8');
    for (const { ref } of tickets) expect(state).not.toContain(`citizen/tickets/${ref}"`);
    const records = readFileSync(`${file}.records`, 'utf8');
    for (const { ref } of tickets) expect(records).toContain(`"k":"citizen/tickets/${ref}"`);

    // The staff list starts from the rows kept with them, and shows the same tickets.
    const search = new TicketSearch(store, 48);
    const listed = await search.find({});
    expect(listed.rows().map((row) => row.ref)).toEqual(tickets.map((t) => t.ref).reverse());
    expect(listed.rows()[0]).toMatchObject({ name: 'Nguyễn Văn An', phone: '0912000003', status: 'new' });

    // The next start reads them from there, and new ones go there.
    await moved.flush();
    const again = new TicketStore(new FileStorage(file, SERVICE), log);
    const fifth = await again.create(input(4));
    expect((await again.list()).map((t) => t.ref)).toEqual([...tickets.map((t) => t.ref), fifth.ref]);
    expect(readFileSync(`${file}.records`, 'utf8')).toContain(fifth.ref);
  });

  it('keeps the newer version when a start died after moving them but before the state was written anew', async () => {
    const file = path.join(tempDir('ticket-records'), 'state.json');
    const key = 'citizen/tickets/KN-2345';
    const earlier = new FileStorage(file, { log });
    await updateItem(earlier, key, () => ({ ref: 'KN-2345', note: 'old' }));
    await earlier.flush();
    const stale = readFileSync(file, 'utf8');

    const moved = new FileStorage(file, SERVICE);
    await updateItem(moved, key, () => ({ ref: 'KN-2345', note: 'new' }));
    await moved.flush();
    // The state as it was before the move (the crash came before its rewrite): it still holds the old copy.
    writeFileSync(file, stale);

    const reopened = new FileStorage(file, SERVICE);
    expect((await reopened.read([key]))[key]).toMatchObject({ note: 'new' });
  });

  it('drops a line cut short, goes on numbering eTags above the file, and rewrites it without dead versions at shutdown', async () => {
    const file = path.join(tempDir('ticket-records'), 'state.json');
    const key = 'citizen/tickets/GY-7K3Q';
    const storage = new FileStorage(file, SERVICE);
    for (let n = 0; n < 20; n++) await updateItem(storage, key, () => ({ ref: 'GY-7K3Q', n, text: 'x'.repeat(500) }));
    await updateItem(storage, 'citizen/tickets/HD-2222', () => ({ ref: 'HD-2222' }));
    await storage.delete(['citizen/tickets/HD-2222']);
    const { eTag } = (await storage.read([key]))[key]!;
    const grown = statSync(`${file}.records`).size;
    await storage.flush();
    // Twenty versions of one ticket and a deleted one: written anew with the live version only.
    expect(statSync(`${file}.records`).size).toBeLessThan(grown / 10);

    // A power loss cut the last line short.
    appendFileSync(`${file}.records`, '{"k":"citizen/tickets/KN-9999","e":"99');
    const reopened = new FileStorage(file, SERVICE);
    expect((await reopened.read([key, 'citizen/tickets/HD-2222', 'citizen/tickets/KN-9999']))[key]).toMatchObject({ n: 19, eTag });
    expect(Object.keys(await reopened.read(['citizen/tickets/HD-2222', 'citizen/tickets/KN-9999']))).toEqual([]);
    expect(readFileSync(`${file}.records`, 'utf8').endsWith('\n')).toBe(true);
    // eTags go on above the file's: an eTag of before the write is stale, and none is given twice.
    await reopened.write({ [key]: { ref: 'GY-7K3Q', n: 20, eTag } });
    await expect(reopened.write({ [key]: { ref: 'GY-7K3Q', n: 21, eTag } })).rejects.toThrow(/eTag conflict/u);
    const { eTag: latest } = (await reopened.read([key]))[key]!;
    expect(Number(latest)).toBeGreaterThan(Number(eTag));
  });

  it('keeps a copy of a file with an unreadable line in the middle aside, serves the rest, and says it is degraded', async () => {
    const dir = tempDir('ticket-records');
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file, SERVICE);
    const keys = ['KN-2222', 'KN-3333', 'KN-4444'].map((ref) => `citizen/tickets/${ref}`);
    for (const key of keys) await storage.write({ [key]: { ref: key.slice(-7) } });
    await storage.flush();
    // A disk error in the middle line's header (one line a ticket: each was written once).
    const lines = readFileSync(`${file}.records`, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('{"k"', '{\u0000k"');
    const damaged = lines.join('\n');
    writeFileSync(`${file}.records`, damaged);

    const reopened = new FileStorage(file, SERVICE);
    expect(Object.keys(await reopened.read(keys))).toEqual([keys[0], keys[2]]);
    const aside = readdirSync(dir).filter((name) => name.startsWith('state.json.records.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(damaged);
    expect(await reopened.problems()).toEqual([`damaged file kept aside: ${path.join(dir, aside[0]!)}`]);
  });
});
