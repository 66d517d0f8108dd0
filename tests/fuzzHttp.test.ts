// Property-based fuzzing (fast-check) over real HTTP: arbitrary text, arbitrary activity fields of any
// type, and arbitrary bytes as a body. Whatever arrives, the answer is a 2xx with replies or a short JSON
// 4xx (never a 5xx, never a stack trace, never the input reflected as markup), and the service keeps
// answering a normal question afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, ask, meta, startBot, type TestBot } from './helpers/botServer.js';

let bot: TestBot;

beforeAll(async () => {
  bot = await startBot({ env: { RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_IP_PER_MINUTE: '0' } });
});
afterAll(() => bot.dispose());

async function postRaw(body: string | Uint8Array, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: body as BodyInit,
  });
  return { status: response.status, text: await response.text() };
}

function expectWellFormed(response: { status: number; text: string }): void {
  expect(response.status).not.toBeGreaterThanOrEqual(500);
  expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/u);
  if (response.status >= 400) {
    const body = JSON.parse(response.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  }
}

/** Text a citizen (or an attacker) might send: any Unicode, control characters, markup, very long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u0000\u0001\u001b[31m', '‮', '👨‍👩‍👧'.repeat(50)),
  fc.tuple(fc.constantFrom('cuoc phi ', 'tổng đài ', '<b>', '\u0007'), fc.integer({ min: 1, max: 1500 })).map(([s, n]) => s.repeat(n)),
);

describe('fuzzing /api/messages', () => {
  it('answers any message text with replies whose text never carries the input as markup', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const response = await postRaw(JSON.stringify({ deliveryMode: 'expectReplies', ...activity(`fuzz-text-${++n}`, { text }) }));
        expectWellFormed(response);
        expect(response.status).toBe(200);
        const { activities } = JSON.parse(response.text) as { activities: { text?: string }[] };
        expect(activities.length).toBeGreaterThan(0);
        for (const reply of activities) expect(reply.text ?? '').not.toMatch(/<(script|img|svg|iframe)\b/iu);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it("answers activities with fields of any type with 200, a short JSON 400, or 403 for a channel other than the Emulator's", async () => {
    const fieldNames = [
      'type',
      'text',
      'channelId',
      'serviceUrl',
      'conversation',
      'from',
      'recipient',
      'locale',
      'membersAdded',
      'value',
      'attachments',
      'entities',
      'timestamp',
      'channelData',
      'id',
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...fieldNames), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }), async (overrides) => {
        const body = { deliveryMode: 'expectReplies', ...activity(`fuzz-fields-${++n}`, { text: 'xin chào' }), ...overrides };
        const response = await postRaw(JSON.stringify(body));
        expectWellFormed(response);
        // Without app credentials only the Emulator's channel is served.
        const otherChannel = typeof overrides.channelId === 'string' && overrides.channelId !== 'emulator';
        expect(otherChannel ? [400, 403] : [200, 400]).toContain(response.status);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('answers arbitrary bytes as a body with a short JSON 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
        async (bytes, type) => {
          const response = await postRaw(bytes, type);
          expectWellFormed(response);
          expect(response.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
    expect(meta((await ask(bot.url, 'after-fuzz', 'tong dai buu dien'))[0])?.intent).toBe('answer');
  }, 60_000);
});
