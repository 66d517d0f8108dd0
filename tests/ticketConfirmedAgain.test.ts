// A confirmation sent again after a turn whose state the store refused: the ticket was written, the citizen was
// shown its reference and then "chưa lưu được… gửi lại", and the form is still at its confirmation. The second
// "Xác nhận" gives back the same ticket; the complaint is not filed twice. The store is Azurite (the real Blob
// emulator) behind a pass-through proxy on 127.0.0.1 that refuses the conversation's state writes while armed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, startBot, type TestBot } from './helpers/botServer.js';
import { startAzurite, type Azurite } from './helpers/azurite.js';
import { TICKET_STEPS } from './helpers/tickets.js';

const ADMIN_TOKEN = 'confirm-again-admin-token-7c2d-0123456789abcdef';
const CONVERSATION = 'confirm-again';

/** Forwards every request to Azurite; while `refuse` matches a PUT's blob name, answers it 403 as the service would. */
function refusingProxy(target: URL): { server: http.Server; refuse?: (blob: string) => boolean; refused: string[] } {
  const proxy: ReturnType<typeof refusingProxy> = { server: http.createServer(), refused: [] };
  proxy.server.on('request', (req, res) => {
    const blob = decodeURIComponent(decodeURIComponent(req.url ?? ''));
    if (req.method === 'PUT' && proxy.refuse?.(blob)) {
      proxy.refused.push(blob);
      req.resume();
      res.writeHead(403, { 'x-ms-error-code': 'AuthorizationPermissionMismatch' });
      res.end();
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return proxy;
}

describe('a ticket confirmed again after its turn could not be saved', () => {
  let azurite: Azurite;
  let proxy: ReturnType<typeof refusingProxy>;
  let bot: TestBot;
  beforeAll(async () => {
    azurite = await startAzurite();
    const endpoint = new URL(/BlobEndpoint=([^;]+)/u.exec(azurite.connectionString)![1]!);
    proxy = refusingProxy(endpoint);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const port = (proxy.server.address() as AddressInfo).port;
    bot = await startBot({
      env: {
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString.replace(`:${endpoint.port}/`, `:${port}/`),
        AZURE_STORAGE_CONTAINER: `again-${process.pid}`,
        ADMIN_TOKEN,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await bot?.dispose();
    proxy?.server.close();
    await azurite?.stop();
  });

  it('gives back the ticket the refused turn filed, and lists it once', async () => {
    for (const step of TICKET_STEPS.slice(0, -1)) await ask(bot.url, CONVERSATION, step);
    proxy.refuse = (blob) => blob.includes(`conversations/${CONVERSATION}`);
    const first = await ask(bot.url, CONVERSATION, TICKET_STEPS.at(-1)!);
    proxy.refuse = undefined;
    expect(proxy.refused.length).toBeGreaterThan(0);
    const ref = /mã phiếu ([A-Z]{2}-[A-Z0-9]{4})/u.exec(first.map((r) => r.text).join('\n'))?.[1];
    expect(ref).toBeDefined();
    expect(first.at(-1)?.text).toContain('chưa lưu được tin nhắn vừa rồi');

    const again = await ask(bot.url, CONVERSATION, TICKET_STEPS.at(-1)!);
    expect(again[0]?.text).toContain(`mã phiếu ${ref}`);
    const { tickets } = (await (
      await fetch(`${bot.url}/api/admin/tickets`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { tickets: Array<{ ref: string }> };
    // The container is this test's own: its one complaint, once.
    expect(tickets.map((t) => t.ref)).toEqual([ref]);
  }, 60_000);
});
