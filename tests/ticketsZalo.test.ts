// The citizen flows on Zalo OA, where choices are numbered text: a ticket filed by typing "1" for the kind
// and its status change told to the citizen on Zalo, "hủy" on the way, and an announcement reaching a Zalo
// subscriber (inside the messaging window) through the OA adapter's proactive send. Signed webhooks go to the real service; replies reach tests/helpers/zaloFake.ts.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from './helpers/botServer.js';
import { startZaloFake, zaloMac, type ZaloFake } from './helpers/zaloFake.js';

const OA_ID = '3662729599332560487';
const ADMIN_TOKEN = 'zalo-tickets-admin-token-6e2b-0123456789';
const ZALO_VARIABLES = [
  'ADMIN_TOKEN',
  'ZALO_OA_APP_ID',
  'ZALO_OA_SECRET_KEY',
  'ZALO_APP_SECRET',
  'ZALO_OA_ACCESS_TOKEN',
  'ZALO_OA_REFRESH_TOKEN',
  'ZALO_OA_API_URL',
  'ZALO_OAUTH_URL',
];

let fake: ZaloFake;
let bot: TestBot;
let sequence = 0;

beforeEach(async () => {
  fake = await startZaloFake({ accessToken: 'access-live', refreshToken: 'refresh-live' });
  Object.assign(process.env, {
    ADMIN_TOKEN,
    ZALO_OA_APP_ID: fake.oa.appId,
    ZALO_OA_SECRET_KEY: fake.oa.oaSecretKey,
    ZALO_APP_SECRET: fake.oa.appSecret,
    ZALO_OA_ACCESS_TOKEN: 'access-live',
    ZALO_OA_REFRESH_TOKEN: 'refresh-live',
    ZALO_OA_API_URL: fake.url,
    ZALO_OAUTH_URL: fake.url,
  });
  bot = await startBot();
});

afterEach(async () => {
  await bot.dispose();
  await fake.close();
  for (const name of ZALO_VARIABLES) delete process.env[name];
});

const textsTo = (userId: string): string[] => fake.oa.sent.filter((m) => m.userId === userId).map((m) => m.text);

/** Sends a user's text as a signed OA webhook and waits for the bot's reply to reach Zalo. */
async function say(userId: string, text: string): Promise<string> {
  const before = textsTo(userId).length;
  const event = {
    app_id: fake.oa.appId,
    timestamp: String(Date.now()),
    event_name: 'user_send_text',
    sender: { id: userId },
    recipient: { id: OA_ID },
    message: { msg_id: `m${++sequence}`, text },
  };
  const raw = JSON.stringify(event);
  const response = await fetch(`${bot.url}/api/zalo/oa`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zevent-signature': zaloMac(fake.oa.appId, raw, event.timestamp, fake.oa.oaSecretKey),
    },
    body: raw,
  });
  expect(response.status).toBe(200);
  await fake.until(() => textsTo(userId).length > before, `the reply to "${text}"`);
  return textsTo(userId).slice(before).join('\n');
}

describe('citizen services on Zalo OA', () => {
  it('files a ticket with numbered choices, and "hủy" cancels another', async () => {
    expect(await say('zalo-citizen', 'góp ý khiếu nại')).toMatch(/1\. Khiếu nại\n2\. Góp ý\n3\. Hỏi đáp\n4\. Hủy/u);
    expect(await say('zalo-citizen', '1')).toContain('mô tả nội dung khiếu nại');
    expect(await say('zalo-citizen', 'Bưu tá giao hàng muộn 3 ngày')).toContain('họ và tên');
    expect(await say('zalo-citizen', 'Hoàng Thị Dung')).toContain('số điện thoại');
    expect(await say('zalo-citizen', '+84 386 123 456')).toContain('- Số điện thoại: 0386123456');
    const confirmed = await say('zalo-citizen', '1'); // 1. Xác nhận
    const ref = /mã phiếu (KN-[2-9A-Z]{4})/u.exec(confirmed)?.[1];
    expect(ref).toBeDefined();

    // Staff work it: the citizen is told on Zalo, through the OA.
    const before = textsTo('zalo-citizen').length;
    const changed = await fetch(`${bot.url}/api/admin/tickets/${ref}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', note: 'Bưu cục đang xác minh' }),
    });
    expect(changed.status).toBe(200);
    await fake.until(() => textsTo('zalo-citizen').length > before, 'the ticket update');
    expect(textsTo('zalo-citizen').at(-1)).toBe(
      `Dạ, phiếu ${ref} của Quý khách đã được cập nhật: đang xử lý. Ghi chú của nhân viên: Bưu cục đang xác minh`,
    );

    await say('zalo-other', 'gop y');
    expect(await say('zalo-other', 'hủy')).toContain('đã hủy');
    await bot.stop();
    expect(fake.problems).toEqual([]);
  });

  it('announces a new article to a Zalo subscriber through the OA', async () => {
    expect(await say('zalo-reader', 'đăng ký nhận tin')).toContain('đã đăng ký nhận tin');
    const article = '2021-06-03-test-ban-tin-so-3.txt';
    copyFileSync(path.resolve(import.meta.dirname, 'fixtures/articles', article), path.join(bot.knowledgeDir, 'articles', article));
    await bot.app.knowledge.reloadIfChanged();
    await fake.until(() => textsTo('zalo-reader').length === 2, 'the announcement');
    await bot.stop();
    expect(textsTo('zalo-reader')[1]).toContain('Bản tin kiểm thử số 3 (03/06/2021)');
    expect(fake.problems).toEqual([]);
  });
});
