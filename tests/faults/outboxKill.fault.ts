// `npm run test:faults`: kill -9 of the real service (a child process) at a random moment of a burst of staff
// changes — ticket status changes and live-chat replies, all at once — while an article is published to every
// subscriber, on lowdb and on Blob (Azurite). After a restart on the same state: no change staff got a 200 for
// is lost, every message of those changes and the announcement to every subscriber reach the fake connector at
// least once, and the repeats (a message delivered twice: a kill between its send and its record) are counted
// and printed. Figures: docs/operations.md, Outbox.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, copyKnowledge, exchange, tempDir } from '../helpers/botServer.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { fileTicket } from '../helpers/tickets.js';

const ADMIN_TOKEN = 'faults-outbox-token-5e1a-0123456789abcdef';
const ROUNDS = 3;
const TICKETS = 6;
const CHATS = 4;
const SUBSCRIBERS = 30;

/** A change staff got a 200 for, and the text its message to the citizen carries. */
interface Acknowledged {
  conversation: string;
  text: string;
  ref?: string;
}

const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const get = async <T>(url: string): Promise<T> => (await fetch(url, { headers })).json() as Promise<T>;

async function openChats(url: string): Promise<Array<{ id: string; conversation: string }>> {
  const { handoffs } = await get<{ handoffs: Array<{ id: string }> }>(`${url}/api/admin/handoffs`);
  return Promise.all(
    handoffs.map(async ({ id }) => ({
      id,
      conversation: (await get<{ conversationId: string }>(`${url}/api/admin/handoffs/${id}`)).conversationId,
    })),
  );
}

const report: string[] = [];

describe.each(['lowdb', 'blob'] as const)('kill -9 in a burst, on %s', (store) => {
  let azurite: Azurite | undefined;
  let connector: FakeConnector;
  let knowledgeDir: string;
  const dirs: string[] = [];
  beforeAll(async () => {
    connector = await startFakeConnector();
    knowledgeDir = copyKnowledge();
    if (store === 'blob') azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await connector.close();
    await azurite?.stop();
    for (const dir of [knowledgeDir, ...dirs]) rmSync(dir, { recursive: true, force: true });
    console.log(`Outbox under kill -9 (${store}):\n${report.filter((r) => r.startsWith(store)).join('\n')}`);
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'round %i: nothing acknowledged is lost, every message arrives at least once, repeats are counted',
    async (round) => {
      const dataDir = tempDir(`outbox-kill-${store}`);
      dirs.push(dataDir);
      const env = {
        ADMIN_TOKEN,
        OFFICE_HOURS: 'Mon-Sun 00:00-24:00',
        HANDOFF_WEBHOOK_URL: '',
        KNOWLEDGE_RELOAD_MS: '100',
        OUTBOX_RETRY_MS: '100',
        RATE_LIMIT_IP_PER_MINUTE: '0',
        RATE_LIMIT_USER_PER_MINUTE: '0',
        // Every citizen of the burst writes from this one address: no per-address caps (issue 23) here.
        HANDOFFS_PER_ADDRESS: '0',
        SUBSCRIPTIONS_PER_ADDRESS: '0',
        ...(azurite
          ? {
              STORAGE: 'blob',
              AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
              AZURE_STORAGE_CONTAINER: `kill-${process.pid}-${round}`,
            }
          : {}),
      };
      const { serviceUrl } = connector;
      const tag = `${store}-${round}`;
      let server: ChildServer = await startChildServer({ dataDir, knowledgeDir, env });
      // Before the burst: tickets, live chats waiting for staff, subscribers.
      const tickets: Array<{ ref: string; conversation: string }> = [];
      for (let i = 0; i < TICKETS; i++) {
        const conversation = `t-${tag}-${i}`;
        tickets.push({ ref: await fileTicket(server.url, conversation, { serviceUrl }), conversation });
      }
      for (let i = 0; i < CHATS; i++) await exchange(server.url, activity(`c-${tag}-${i}`, { text: 'cho tôi gặp nhân viên', serviceUrl }));
      const subscribers = Array.from({ length: SUBSCRIBERS }, (_, i) => `s-${tag}-${i}`);
      for (const c of subscribers) await exchange(server.url, activity(c, { text: 'đăng ký nhận tin', serviceUrl }));
      const chats = await openChats(server.url);
      expect(chats).toHaveLength(CHATS);

      // The burst: every staff change at once, an article published, and a kill at a random moment.
      const acknowledged: Acknowledged[] = [];
      const post = (route: string, body: unknown, done: Acknowledged): Promise<void> =>
        fetch(`${server.url}/api/admin/${route}`, { method: 'POST', headers, body: JSON.stringify(body) }).then(
          (r) => void (r.status === 200 && acknowledged.push(done)),
          () => undefined,
        );
      const burst: Promise<void>[] = [];
      for (const [n, { ref, conversation }] of tickets.entries()) {
        for (const [step, status] of (['in_progress', 'resolved'] as const).entries()) {
          const note = `Ghi chú ${tag} ${n}.${step}`;
          burst.push(post(`tickets/${ref}/status`, { status, note }, { conversation, text: note, ref }));
        }
      }
      for (const [n, { id, conversation }] of chats.entries()) {
        for (let line = 0; line < 3; line++) {
          const text = `Nhân viên ${tag} trả lời ${n}.${line}`;
          burst.push(post(`handoffs/${id}/messages`, { text }, { conversation, text }));
        }
      }
      const title = `Thông báo kiểm thử ${tag}`;
      writeFileSync(
        path.join(knowledgeDir, 'articles', `2030-01-0${round}-kiem-thu-${tag}.txt`),
        `Đường dây nóng hỗ trợ  1900 54 54 81\n\n${title}\n\nNgày ${round}/1/2030, Bưu điện thử nghiệm đăng thông báo mẫu ${tag} dùng cho kiểm thử tự động.\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 900));
      server.process.kill('SIGKILL');
      await Promise.all(burst);
      expect(await server.exited).toBe('SIGKILL');

      // The restart resumes what was not recorded.
      server = await startChildServer({ dataDir, knowledgeDir, env });
      try {
        const count = (conversation: string, text: string): number =>
          connector.received.filter((r) => r.conversationId === conversation && r.activity.text?.includes(text)).length;
        await vi.waitFor(
          () => {
            expect(acknowledged.filter((a) => count(a.conversation, a.text) === 0)).toEqual([]);
            expect(subscribers.filter((c) => count(c, title) === 0)).toEqual([]);
          },
          { timeout: 90_000, interval: 250 },
        );
        // Nothing acknowledged is lost: each status change is in its ticket's history, each reply in its chat.
        for (const { ref } of tickets) {
          const { history } = await get<{ history: Array<{ note: string }> }>(`${server.url}/api/admin/tickets/${ref}`);
          for (const a of acknowledged.filter((x) => x.ref === ref)) expect(history.map((h) => h.note)).toContain(a.text);
        }
        for (const { id, conversation } of chats) {
          const { transcript } = await get<{ transcript: Array<{ text: string }> }>(`${server.url}/api/admin/handoffs/${id}`);
          for (const a of acknowledged.filter((x) => !x.ref && x.conversation === conversation))
            expect(transcript.map((l) => l.text)).toContain(a.text);
        }
        const messages = [...acknowledged.map((a) => count(a.conversation, a.text)), ...subscribers.map((c) => count(c, title))];
        const repeats = messages.reduce((sum, n) => sum + n - 1, 0);
        report.push(
          `${store} round ${round}: ${acknowledged.length} of ${burst.length} changes acknowledged before the kill, 0 lost; ` +
            `${messages.length} messages (${acknowledged.length} staff, ${SUBSCRIBERS} announcement), all delivered; ${repeats} repeats`,
        );
      } finally {
        await server.stop();
      }
    },
    240_000,
  );
});
