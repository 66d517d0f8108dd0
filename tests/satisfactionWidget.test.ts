// The satisfaction question on the web widget in real Chromium, desktop and 360 px: a citizen talks to a
// person, staff close the chat, the question appears in the widget with its five buttons, the citizen taps
// one and writes a comment, and both are kept on the chat. With STAFF_SCREENSHOTS=1 the screenshots go to
// docs/images/, else test-artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandoffRecord } from '../src/services/handoffService.js';
import { startBot, type TestBot } from './helpers/botServer.js';
import { botMessages, launchChromium, screenshot, sendBox } from './helpers/widgetBrowser.js';

const ADMIN_TOKEN = 'satisfaction-widget-token-2c8d-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const DOCS_IMAGES = path.resolve(import.meta.dirname, '../docs/images');

async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.STAFF_SCREENSHOTS) return screenshot(page, name);
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOCS_IMAGES, `${name}.png`) });
}

const suggested = (page: Page, title: string) => page.locator('.bdbk-chat .webchat__suggested-actions__button', { hasText: title });

describe('the satisfaction question on the web widget', () => {
  let bot: TestBot;
  let browser: Browser;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    [bot, browser] = await Promise.all([startBot(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  for (const { name, viewport, mobile } of [
    { name: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
    { name: 'phone-360', viewport: { width: 360, height: 740 }, mobile: true },
  ]) {
    it(`reaches the citizen after staff close the chat, and the answer is kept (${name})`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      await page.goto(`${bot.url}/`);
      await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
      await botMessages(page, 'xin chào Quý khách').first().waitFor({ timeout: 20_000 });
      await sendBox(page).fill('gặp nhân viên');
      await page.keyboard.press('Enter');
      await botMessages(page, 'đã chuyển yêu cầu của Quý khách tới nhân viên').first().waitFor({ timeout: 20_000 });

      const { handoffs } = (await (await fetch(`${bot.url}/api/admin/handoffs`, { headers: auth })).json()) as {
        handoffs: Array<{ id: string; channelId: string }>;
      };
      const chat = handoffs.find((h) => h.channelId === 'webchat')!;
      const close = await fetch(`${bot.url}/api/admin/handoffs/${chat.id}/close`, { method: 'POST', headers: auth });
      expect(close.status).toBe(200);
      await botMessages(page, 'Quý khách đánh giá cuộc hỗ trợ này thế nào?').first().waitFor({ timeout: 20_000 });
      for (const title of ['1 – Rất không hài lòng', '2 – Không hài lòng', '3 – Bình thường', '4 – Hài lòng', '5 – Rất hài lòng'])
        await suggested(page, title).first().waitFor();
      await shot(page, `widget-${name}-satisfaction`);

      await suggested(page, '4 – Hài lòng').first().click();
      await botMessages(page, 'cảm ơn Quý khách đã đánh giá').first().waitFor({ timeout: 20_000 });
      await sendBox(page).fill('Nhân viên trả lời nhanh');
      await page.keyboard.press('Enter');
      await botMessages(page, 'đã chuyển góp ý của Quý khách').first().waitFor({ timeout: 20_000 });

      const record = (await (await fetch(`${bot.url}/api/admin/handoffs/${chat.id}`, { headers: auth })).json()) as HandoffRecord;
      expect(record.satisfaction).toMatchObject({ score: 4, comment: 'Nhân viên trả lời nhanh', delivery: { state: 'delivered' } });
      await context.close();
    }, 90_000);
  }
});
