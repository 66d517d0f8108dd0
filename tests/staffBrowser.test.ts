// The staff console in real Chromium, on a desktop and on a 360 px phone: sign in, open a ticket whose
// details hold markup (shown as text, nothing runs), change its status and see the citizen receive the
// message through a fake connector, answer a citizen waiting in the inbox and see them receive it, the
// gaps and knowledge views. With STAFF_SCREENSHOTS=1 (npm run docs:staff-screenshots) the screenshots go
// to docs/images/ for docs/staff.md; otherwise to test-artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, ask, exchange, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { addStaff } from './helpers/staffAccounts.js';
import { fileTicket } from './helpers/tickets.js';
import { launchChromium, screenshot } from './helpers/widgetBrowser.js';

const PASSWORD = 'cskh-bac-kan-2026';
const MARKUP = '<img src=x onerror="window.pwned=1"><b>Bưu gửi</b> CQ724476204VN chưa tới';
const DOCS_IMAGES = path.resolve(import.meta.dirname, '../docs/images');

async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.STAFF_SCREENSHOTS) return screenshot(page, name);
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOCS_IMAGES, `${name}.png`) });
}

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
  { name: 'phone-360', viewport: { width: 360, height: 740 }, mobile: true },
];

describe('the staff console in Chromium', () => {
  let browser: Browser;
  let connector: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', '');
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    [browser, connector, bot] = await Promise.all([launchChromium(), startRecordingServer({ connector: true }), startBot()]);
    await addStaff(bot, 'lan', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot.dispose();
    await connector.close();
    vi.unstubAllEnvs();
  });

  for (const { name, viewport, mobile } of VIEWPORTS) {
    it(`works a ticket and a live chat (${name})`, async () => {
      const serviceUrl = `${connector.url}/`;
      const ref = await fileTicket(bot.url, `ticket-${name}`, { serviceUrl }, MARKUP);
      for (const question of ['giá vàng hôm nay bao nhiêu', 'gia vang hom nay la bao nhieu', 'kết quả xổ số miền bắc hôm qua'])
        await ask(bot.url, `gap-${name}`, question);
      await ask(bot.url, `rated-${name}`, 'số tổng đài hỗ trợ là gì');
      await ask(bot.url, `rated-${name}`, '👎');

      const context = await browser.newContext({ viewport, locale: 'vi-VN', isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      // The one question asked here: ending the chat.
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => void dialog.accept().then(() => dialogs.push(dialog.message())));
      // Not counted: the refused sign-in's 401 (intended) and the browser's own /favicon.ico 404.
      page.on(
        'console',
        (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()),
      );

      await page.goto(`${bot.url}/staff`);
      await page.getByLabel('Tên đăng nhập').fill('lan');
      await page.getByLabel('Mật khẩu').fill('wrong password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await shot(page, `staff-${name}-1-sign-in`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();

      // Phiếu: the ticket, its markup shown as typed.
      await page.locator(`[data-ref="${ref}"]`).click();
      const details = page.locator('#ticket-detail .details');
      await expect.poll(() => details.textContent()).toBe(MARKUP);
      expect(await page.locator('#ticket-detail img, #ticket-detail b').count()).toBe(0);
      await page.getByLabel('Trạng thái mới').selectOption('resolved');
      await page.getByLabel(/Ghi chú gửi khách/u).fill('Bưu gửi đã phát thành công sáng nay.');
      const before = connector.received.length;
      await page.getByRole('button', { name: 'Cập nhật và báo khách' }).click();
      expect(await connector.textFor(`ticket-${name}`, before)).toBe(
        `Dạ, phiếu ${ref} của Quý khách đã được cập nhật: đã giải quyết. Ghi chú của nhân viên: Bưu gửi đã phát thành công sáng nay.`,
      );
      await page.locator('#ticket-detail .history').getByText('đã báo cho khách').waitFor();
      await expect.poll(() => page.locator('#ticket-detail .history').textContent()).toContain('lan');
      await page.locator('#ticket-detail .history').scrollIntoViewIfNeeded();
      await shot(page, `staff-${name}-2-ticket`);

      // Trò chuyện: a citizen asks for a person; the badge and title tell staff.
      await exchange(bot.url, activity(`chat-${name}`, { text: 'cho tôi gặp nhân viên', serviceUrl }));
      await exchange(bot.url, activity(`chat-${name}`, { text: 'Tôi muốn hỏi về phí gửi <b>hồ sơ</b> hành chính', serviceUrl }));
      await page.locator('#waiting-badge').getByText('1').waitFor();
      expect(await page.title()).toMatch(/^\(1\) /u);
      await page.getByRole('tab', { name: /Trò chuyện/u }).click();
      await page.locator('#chat-list .row').first().click();
      await page.locator('#transcript').getByText('Tôi muốn hỏi về phí gửi <b>hồ sơ</b> hành chính').waitFor();
      await page.getByLabel('Trả lời khách').fill('Dạ, em là Lan, em hỗ trợ anh/chị ngay ạ.');
      const beforeReply = connector.received.length;
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      expect(await connector.textFor(`chat-${name}`, beforeReply)).toBe('Dạ, em là Lan, em hỗ trợ anh/chị ngay ạ.');
      await page.locator('#transcript .line-staff').waitFor();
      // What the citizen writes next shows up without reloading.
      await exchange(bot.url, activity(`chat-${name}`, { text: 'Vâng, cảm ơn em', serviceUrl }));
      await page.locator('#transcript').getByText('Vâng, cảm ơn em').waitFor();
      // The chat list says who wrote its last line.
      await expect.poll(() => page.locator('#chat-list .snippet').first().textContent()).toBe('Khách: Vâng, cảm ơn em');
      await shot(page, `staff-${name}-3-chat`);
      const beforeClose = connector.received.length;
      await page.getByRole('button', { name: 'Kết thúc trò chuyện' }).click();
      expect(await connector.textFor(`chat-${name}`, beforeClose)).toContain('nhân viên đã kết thúc');
      expect(dialogs).toEqual(['Kết thúc cuộc trò chuyện này? Khách sẽ được báo và bot trả lời lại.']);
      await page.getByText('Không có khách nào đang chờ.').waitFor();
      expect(await page.locator('#waiting-badge').isVisible()).toBe(false);
      expect(await page.title()).not.toMatch(/^\(/u);

      // Câu hỏi chưa trả lời, Kiến thức.
      await page.getByRole('tab', { name: 'Câu hỏi chưa trả lời' }).click();
      await page.locator('#tab-gaps').getByText('giá vàng hôm nay bao nhiêu').first().waitFor();
      await page
        .locator('#tab-gaps')
        .getByText(/lượt “Chưa đúng”/u)
        .first()
        .waitFor();
      await shot(page, `staff-${name}-4-gaps`);
      await page.getByRole('tab', { name: 'Kiến thức' }).click();
      await page
        .locator('#tab-knowledge')
        .getByText(/Phiên bản \w+: \d+ bài viết, \d+ mục hỏi đáp\./u)
        .waitFor();
      await shot(page, `staff-${name}-5-knowledge`);

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(problems).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
