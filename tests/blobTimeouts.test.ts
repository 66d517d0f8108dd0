// A hung Blob store (Azurite frozen with SIGSTOP: connections accepted, never answered): each request is
// aborted on the client side, a turn fails within the time budget with the honest error reply, /readyz says
// 503, and once the store answers again everything recovers without a restart.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ask, startBot, type TestBot } from './helpers/botServer.js';
import { startAzurite, type Azurite } from './helpers/azurite.js';
import { TOTAL_BUDGET_MS } from '../src/storage/blobTimeouts.js';

describe('a hung Blob store', () => {
  let azurite: Azurite;
  let bot: TestBot;
  beforeAll(async () => {
    azurite = await startAzurite();
    bot = await startBot({
      env: { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: `hung-${process.pid}` },
    });
  }, 60_000);
  afterAll(async () => {
    azurite.resume();
    await bot?.dispose();
    await azurite?.stop();
  });

  it('fails the turn with the honest reply instead of hanging, is not ready meanwhile, and recovers by itself', async () => {
    expect((await ask(bot.url, 'before', 'tong dai buu dien')).at(-1)?.text).toContain('1900 54 54 81');
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    azurite.pause();
    try {
      // Without client-side timeouts this turn waits as long as the store is frozen (the test's own timeout).
      const replies = await ask(bot.url, 'during', 'tong dai buu dien');
      expect(replies.at(-1)?.text).toContain('hệ thống đang gặp sự cố');
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toContain('does not answer');
    } finally {
      azurite.resume();
    }
    await vi.waitFor(async () => expect((await fetch(`${bot.url}/readyz`)).status).toBe(200), { timeout: TOTAL_BUDGET_MS + 5_000 });
    expect((await ask(bot.url, 'after', 'tong dai buu dien')).at(-1)?.text).toContain('1900 54 54 81');
  }, 120_000);
});
