// Two staff members in the console at once, in real Chromium: Lan on a desktop and Minh on a 360 px phone.
// A double-click applies a change once and tells the citizen once; a change made on a stale screen gets 409
// and the console says who changed the ticket; Minh is warned before answering Lan's chat; drafts stay with
// their chat; a citizen writing again raises the badge and the title count (also after a reload); a chat Lan
// closes stays readable on Minh's screen with the reason; the search finds a ticket by every phone form; the
// CSV export follows the filter and opens in a CSV parser with the Vietnamese intact. With STAFF_SCREENSHOTS=1
// (npm run docs:staff-screenshots) the screenshots go to docs/images/; otherwise to test-artifacts/.
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, exchange, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { addStaff } from './helpers/staffAccounts.js';
import { fileTicket } from './helpers/tickets.js';
import { launchChromium, screenshot } from './helpers/widgetBrowser.js';

const PASSWORD = 'cskh-bac-kan-2026';
const DOCS_IMAGES = path.resolve(import.meta.dirname, '../docs/images');

async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.STAFF_SCREENSHOTS) return screenshot(page, name);
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOCS_IMAGES, `${name}.png`) });
}

describe('two staff members in the console at once', () => {
  let browser: Browser;
  let connector: RecordingServer;
  let bot: TestBot;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  /** What each page asked (confirm), and the answer it got. */
  const asked: string[] = [];
  let answer = true;

  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', '');
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    [browser, connector, bot] = await Promise.all([launchChromium(), startRecordingServer({ connector: true }), startBot()]);
    await addStaff(bot, 'lan', PASSWORD);
    await addStaff(bot, 'minh', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await bot.dispose();
    await connector.close();
    vi.unstubAllEnvs();
  });

  async function console(username: string, viewport: { width: number; height: number }, mobile: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', isMobile: mobile, hasTouch: mobile, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${username}: ${error.message}`));
    page.on('dialog', (dialog) => {
      asked.push(`${username}: ${dialog.message()}`);
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.goto(`${bot.url}/staff`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('tab', { name: 'Phiếu' }).waitFor();
    return page;
  }

  /** The next message the connector receives for a conversation after `after` messages. */

  const citizen = (conversation: string, text: string) =>
    exchange(bot.url, activity(conversation, { text, serviceUrl: `${connector.url}/` }));

  it('works tickets and chats without duplicates, conflicts or lost drafts', async () => {
    const lan = await console('lan', { width: 1280, height: 800 }, false);
    const minh = await console('minh', { width: 360, height: 740 }, true);
    const serviceUrl = `${connector.url}/`;

    // --- Live chat: drafts per chat, Enter sends ---
    await citizen('chat-x', 'gặp nhân viên');
    await citizen('chat-x', 'Tôi hỏi về bưu gửi CQ724476204VN');
    await citizen('chat-y', 'gặp nhân viên');
    await citizen('chat-y', 'Cho tôi hỏi giờ mở cửa');
    await lan.getByRole('tab', { name: /Trò chuyện/u }).click();
    const chatRow = (page: Page, text: string) => page.locator('#chat-list .row', { hasText: text });
    await chatRow(lan, 'CQ724476204VN').click();
    const box = (page: Page) => page.getByLabel('Trả lời khách');
    await box(lan).fill('Nháp cho khách X');
    await chatRow(lan, 'giờ mở cửa').click();
    await lan.locator('#transcript').getByText('Cho tôi hỏi giờ mở cửa').waitFor();
    expect(await box(lan).inputValue()).toBe('');
    await box(lan).fill('Dạ, bưu cục mở cửa');
    await box(lan).press('Shift+Enter');
    await box(lan).pressSequentially('từ 7 giờ 30 ạ.');
    const beforeY = connector.received.length;
    await box(lan).press('Enter');
    expect(await connector.textFor('chat-y', beforeY)).toBe('Dạ, bưu cục mở cửa\ntừ 7 giờ 30 ạ.');
    await chatRow(lan, 'CQ724476204VN').click();
    await lan.locator('#transcript').getByText('Tôi hỏi về bưu gửi CQ724476204VN').waitFor();
    expect(await box(lan).inputValue()).toBe('Nháp cho khách X');
    const beforeX = connector.received.length;
    await box(lan).press('Enter');
    expect(await connector.textFor('chat-x', beforeX)).toBe('Nháp cho khách X');
    await lan.locator('#chat-owner').getByText('Bạn đang xử lý cuộc trò chuyện này.').waitFor();
    const chatX = (await lan.locator('#chat-list .row.selected').getAttribute('data-id'))!;
    const byId = (page: Page, id: string) => page.locator(`#chat-list .row[data-id="${id}"]`);

    // --- Minh is warned before answering Lan's chat, and says no ---
    await minh.getByRole('tab', { name: /Trò chuyện/u }).click();
    await byId(minh, chatX).click();
    await minh.locator('#chat-owner').getByText('Đang do lan xử lý.').waitFor();
    await box(minh).fill('Em Minh hỗ trợ ạ');
    answer = false;
    await box(minh).press('Enter');
    await minh.locator('#reply-status').getByText('Chưa gửi: cuộc trò chuyện đang do lan xử lý.').waitFor();
    answer = true;
    expect(asked).toEqual(['minh: Cuộc trò chuyện đang do lan xử lý. Bạn vẫn muốn gửi và nhận xử lý thay?']);
    await shot(minh, 'staff-team-phone-1-warned');

    // --- A citizen writing again in an answered chat raises Lan's badge, also after a reload ---
    await lan.getByRole('tab', { name: 'Phiếu' }).click();
    expect(await lan.locator('#waiting-badge').isVisible()).toBe(false);
    await citizen('chat-x', 'Tôi vẫn chưa nhận được');
    await lan.locator('#waiting-badge').getByText('1').waitFor();
    expect(await lan.title()).toMatch(/^\(1\) /u);
    await lan.reload();
    await lan.locator('#waiting-badge').getByText('1').waitFor();
    await lan.getByRole('tab', { name: /Trò chuyện/u }).click();
    await byId(lan, chatX).click();
    await lan.locator('#transcript').getByText('Tôi vẫn chưa nhận được').waitFor();
    await lan.locator('#waiting-badge').waitFor({ state: 'hidden' });
    await shot(lan, 'staff-team-desktop-1-chat');

    // --- A chat Lan closes stays readable on Minh's screen, with who ended it ---
    const chatY = (await lan.locator('#chat-list .row:not(.selected)').getAttribute('data-id'))!;
    await byId(minh, chatY).click();
    await minh.locator('#transcript').getByText('Cho tôi hỏi giờ mở cửa').waitFor();
    await byId(lan, chatY).click();
    await lan.locator('#transcript').getByText('Cho tôi hỏi giờ mở cửa').waitFor();
    await lan.getByRole('button', { name: 'Kết thúc trò chuyện' }).click();
    await minh
      .locator('#chat-ended')
      .getByText(/Cuộc trò chuyện đã kết thúc \(đã kết thúc bởi lan\)/u)
      .waitFor();
    expect(await minh.locator('#transcript').getByText('Cho tôi hỏi giờ mở cửa').isVisible()).toBe(true);
    await shot(minh, 'staff-team-phone-2-ended');

    // --- Tickets: search by every phone form ---
    const ref = await fileTicket(bot.url, 'ticket-a', { serviceUrl }, '@SUM(1) Bưu gửi CQ724476204VN chưa tới nơi');
    await lan.getByRole('tab', { name: 'Phiếu' }).click();
    const search = lan.getByLabel('Tìm phiếu');
    for (const q of [
      '0912 345 678',
      '0912.345.678',
      '+84912345678',
      '84912345678',
      `${ref.slice(0, 2).toLowerCase()} ${ref.slice(3).toLowerCase()}`,
    ]) {
      await search.fill(q);
      await lan
        .locator('#ticket-count')
        .getByText(/^\d+ phiếu/u)
        .waitFor();
      await lan.locator(`#ticket-list [data-ref="${ref}"]`).waitFor();
    }
    await search.fill('0987 000 111');
    await lan
      .locator('#ticket-count')
      .getByText(/^0 phiếu/u)
      .waitFor();
    await search.fill(ref);

    // --- A double-click: one history entry, one message to the citizen ---
    await lan.locator(`#ticket-list [data-ref="${ref}"]`).click();
    await lan.locator('#status-form select[name=status]').selectOption('resolved');
    await lan.getByLabel(/Ghi chú gửi khách/u).fill('Bưu gửi đã phát thành công.');
    const beforeTicket = connector.received.length;
    await lan.getByRole('button', { name: 'Cập nhật và báo khách' }).dblclick();
    expect(await connector.textFor('ticket-a', beforeTicket)).toContain(
      'đã giải quyết. Ghi chú của nhân viên: Bưu gửi đã phát thành công.',
    );
    await lan.locator('#ticket-detail .history').getByText('đã báo cho khách').waitFor();
    // The next message the citizen gets is Nhắn khách, not the status a second time.
    const afterStatus = connector.received.length;
    await lan.getByLabel(/Tin nhắn gửi khách/u).fill('Cảm ơn Quý khách đã chờ.');
    await lan.getByRole('button', { name: 'Gửi cho khách' }).click();
    expect(await connector.textFor('ticket-a', afterStatus)).toBe(
      `Dạ, về phiếu ${ref}, nhân viên nhắn Quý khách: Cảm ơn Quý khách đã chờ.`,
    );
    await expect.poll(() => lan.locator('#ticket-detail .history > li').count()).toBe(2);
    // Resolved: the status list is gone, only Mở lại with a note.
    expect(await lan.locator('#status-form').count()).toBe(0);
    await lan.getByRole('button', { name: 'Mở lại' }).waitFor();
    await shot(lan, 'staff-team-desktop-2-ticket');

    // --- CSV of the filtered list ---
    await search.fill('');
    await lan.locator('#ticket-filters select[name=status]').selectOption('resolved');
    await lan
      .locator('#ticket-count')
      .getByText(/^1 phiếu/u)
      .waitFor();
    const [download] = await Promise.all([lan.waitForEvent('download'), lan.getByText('Xuất CSV').click()]);
    const rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r['Mã phiếu'], r['Trạng thái'], r['Họ tên']])).toEqual([[ref, 'Đã giải quyết', 'Nguyễn Văn An']]);
    expect(rows[0]!['Nội dung']).toMatch(/^[^=+\-@].*@SUM\(1\) Bưu gửi CQ724476204VN chưa tới nơi$/u);

    // --- A stale screen: Minh's, opened before Lan's change and deaf to updates, gets 409 and is told who ---
    const stale = await fileTicket(bot.url, 'ticket-b', { serviceUrl });
    await minh.context().route('**/api/admin/events', (route) => route.abort());
    await minh.reload();
    await minh.locator(`#ticket-list [data-ref="${stale}"]`).click();
    await minh.locator('#ticket-detail h2').getByText(`Phiếu ${stale}`).waitFor();
    await lan.locator('#ticket-filters select[name=status]').selectOption('');
    await lan.locator(`#ticket-list [data-ref="${stale}"]`).click();
    await lan.locator('#status-form select[name=status]').selectOption('in_progress');
    await lan.getByRole('button', { name: 'Cập nhật và báo khách' }).click();
    await lan.locator('#ticket-detail .history > li').first().waitFor();
    await minh.locator('#status-form select[name=status]').selectOption('resolved');
    await minh.getByRole('button', { name: 'Cập nhật và báo khách' }).click();
    await minh
      .locator('#ticket-result')
      .getByText(/^Phiếu đã được lan cập nhật lúc \d\d:\d\d/u)
      .waitFor();
    expect(await minh.locator('#ticket-detail dd').nth(1).textContent()).toBe('Đang xử lý');
    await minh.locator('#offline').getByText('Mất kết nối, đang thử lại…').waitFor();
    expect(await minh.locator('.banner, .load-error').count()).toBe(1);
    await shot(minh, 'staff-team-phone-3-conflict');

    expect(problems).toEqual([]);
  }, 120_000);

  it('sends a chat reply once when the console sends it again after its answer was lost', async () => {
    const lan = await console('lan', { width: 1280, height: 800 }, false);
    await citizen('chat-lost', 'gặp nhân viên');
    await citizen('chat-lost', 'Bưu gửi của tôi đang ở đâu');
    await lan.getByRole('tab', { name: /Trò chuyện/u }).click();
    await lan.locator('#chat-list .row', { hasText: 'Bưu gửi của tôi đang ở đâu' }).click();
    const box = lan.getByLabel('Trả lời khách');
    // The server applies the first send; its answer never reaches the console.
    await lan.route(
      '**/api/admin/handoffs/*/messages',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    const before = connector.received.length;
    await box.fill('Dạ em kiểm tra ngay ạ');
    await box.press('Enter');
    await lan.locator('#reply-status').getByText('Chưa gửi được: Không kết nối được máy chủ.').waitFor();
    expect(await box.inputValue()).toBe('Dạ em kiểm tra ngay ạ');
    await box.press('Enter');
    await lan.locator('#reply-status').getByText('Đã gửi.').waitFor();
    const sent = connector.received.slice(before).filter((r) => r.body.conversation?.id === 'chat-lost');
    expect(sent.map((r) => r.body.text)).toEqual(['Dạ em kiểm tra ngay ạ']);
    expect(await lan.locator('#transcript').getByText('Dạ em kiểm tra ngay ạ').count()).toBe(1);
    expect(problems).toEqual([]);
  }, 60_000);
});
