// Thống kê and the unanswered-questions view in real Chromium, desktop and 360 px: after a scripted day of
// 200 conversations (answers, fallbacks, 👎, two handoffs, three tickets resolved and rated 5, 4 and 2) the
// tab shows exactly those counts, with its charts drawn by the Chart.js the bot serves, and the heat of
// demand; what is held about a phone number is found; then a group of unanswered questions is added to an
// entry from the console and the next citizen is answered from it. With STAFF_SCREENSHOTS=1 the screenshots go to docs/images/, else test-artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activity, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';
import { addStaff } from './helpers/staffAccounts.js';
import { fileTicket } from './helpers/tickets.js';
import { launchChromium, screenshot } from './helpers/widgetBrowser.js';

const PASSWORD = 'cskh-bac-kan-2026';
const ADMIN_TOKEN = 'stats-browser-token-4a1f9e-0123456789abcdef';
const DOCS_IMAGES = path.resolve(import.meta.dirname, '../docs/images');
const UNANSWERED = 'số máy tiếp nhận phản ánh của vnpost';

async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.STAFF_SCREENSHOTS) return screenshot(page, name);
  mkdirSync(DOCS_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOCS_IMAGES, `${name}.png`), fullPage: true });
}

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, mobile: false },
  { name: 'phone-360', viewport: { width: 360, height: 740 }, mobile: true },
];

describe('Thống kê in Chromium after a scripted day', () => {
  let browser: Browser;
  let connector: RecordingServer;
  let bot: TestBot;
  const post = (route: string, body: unknown) =>
    fetch(`${bot.url}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    vi.stubEnv('OFFICE_HOURS', 'Mon-Sun 00:00-24:00');
    vi.stubEnv('HANDOFF_WEBHOOK_URL', '');
    [browser, connector, bot] = await Promise.all([launchChromium(), startRecordingServer({ connector: true }), startBot()]);
    await addStaff(bot, 'lan', PASSWORD);

    const serviceUrl = `${connector.url}/`;
    const say = async (conversation: string, text: string) => (await exchange(bot.url, activity(conversation, { text, serviceUrl })))[0];
    // 145 answered (10 of them rated 👎), 45 the bot has no information for, 5 greetings.
    for (let i = 0; i < 145; i++) {
      expect(meta(await say(`day-${i}`, 'số tổng đài hỗ trợ là gì'))?.intent).toBe('answer');
      if (i < 10) await say(`day-${i}`, '👎');
    }
    for (let i = 145; i < 190; i++) expect(meta(await say(`day-${i}`, UNANSWERED))?.intent).toBe('fallback');
    for (let i = 195; i < 200; i++) await say(`day-${i}`, 'xin chào');
    // Two handoffs: one answered by staff; both closed.
    await say('day-190', 'gặp nhân viên');
    await say('day-191', 'gặp nhân viên');
    const { handoffs } = (await (
      await fetch(`${bot.url}/api/admin/handoffs`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as {
      handoffs: Array<{ id: string }>;
    };
    await post(`/api/admin/handoffs/${handoffs[0]!.id}/messages`, { text: 'Dạ, em nghe ạ' });
    for (const { id } of handoffs) await post(`/api/admin/handoffs/${id}/close`, {});
    // Three tickets, resolved, rated 5, 4 and 2 by their citizens.
    for (const [i, score] of [
      [192, '5'],
      [193, '4'],
      [194, '2'],
    ] as const) {
      const conversation = `day-${i}`;
      const ref = await fileTicket(bot.url, conversation, { serviceUrl });
      const before = connector.received.length;
      expect((await post(`/api/admin/tickets/${ref}/status`, { status: 'resolved', note: 'Đã phát thành công' })).status).toBe(200);
      // The update, then the question.
      await connector.waitFor(before + 2);
      expect(meta(await say(conversation, score))?.intent).toBe('satisfaction');
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await bot.dispose();
    await connector.close();
    vi.unstubAllEnvs();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${bot.url}/staff`);
    await page.getByLabel('Tên đăng nhập').fill('lan');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  for (const { name, viewport, mobile } of VIEWPORTS) {
    it(`shows the day's exact counts and charts (${name})`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      await signIn(page);
      await page.getByRole('tab', { name: 'Thống kê' }).click();
      const stat = async (key: string) => page.locator(`[data-stat="${key}"]`).textContent();
      await expect.poll(() => stat('conversations')).toBe('200');
      expect(
        Object.fromEntries(
          await Promise.all(
            [
              'messages',
              'fallbacks',
              'ratings',
              'handoffsRequested',
              'handoffsServed',
              'handoffsNotServed',
              'ticketsOpened',
              'ticketsResolved',
              'ticketsOpen',
              'satisfactionCount',
              'satisfactionAverage',
              'satisfaction5',
              'satisfaction4',
              'satisfaction2',
              'satisfaction1',
            ].map(async (key) => [key, await stat(key)]),
          ),
        ),
      ).toEqual({
        // 145 + 10 👎 + 45 + 5 greetings + 2 handoff requests + 3 × 6 ticket steps + 3 ratings
        messages: '228',
        fallbacks: '45',
        ratings: '0 / 10',
        handoffsRequested: '2',
        handoffsServed: '1',
        handoffsNotServed: '1',
        ticketsOpened: '3',
        ticketsResolved: '3',
        ticketsOpen: '0',
        satisfactionCount: '3',
        satisfactionAverage: '3,67',
        satisfaction5: '1',
        satisfaction4: '1',
        satisfaction2: '1',
        satisfaction1: '0',
      });
      expect(await stat('answeredShare')).toBe(`${Math.round((145 / 190) * 1000) / 10} %`);
      // The charts are drawn by the Chart.js this server serves, under the console's CSP.
      expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
      for (const id of ['stats-days', 'stats-care', 'stats-satisfaction'])
        expect(await page.locator(`#${id}`).evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0)).toBe(true);
      const heat = await page.locator('table.heat td').allTextContents();
      expect(heat.reduce((sum, n) => sum + Number(n || 0), 0)).toBe(228);
      expect(await page.locator('#stats-topics li').first().textContent()).toMatch(/145$/u);
      expect(await page.locator('#stats-unanswered li').first().textContent()).toContain(UNANSWERED);
      // 7 ngày: the same day's counts, in a 7-day table.
      await page.locator('#stats-filters select[name="period"]').selectOption('week');
      await expect.poll(() => page.locator('#stats-csv').getAttribute('href')).toContain('channel=all&format=csv');
      await expect.poll(() => stat('conversations')).toBe('200');
      await shot(page, `staff-${name}-6-stats`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('finds what is held about a phone number (360 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('tab', { name: 'Dữ liệu cá nhân' }).click();
    await page.getByLabel('Số điện thoại hoặc mã phiếu').fill('0912 345 678');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByText('Tìm thấy 3 phiếu').waitFor();
    expect(await page.getByRole('link', { name: 'Xuất dữ liệu (JSON)' }).getAttribute('href')).toBe(
      '/api/admin/privacy/export?phone=0912%20345%20678',
    );
    await shot(page, 'staff-phone-360-8-privacy');
    await context.close();
  });

  it('adds the unanswered group to an entry from the console, and the next citizen is answered', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('tab', { name: 'Câu hỏi chưa trả lời' }).click();
    const group = page.locator('#gap-groups > li').filter({ hasText: UNANSWERED });
    await group.getByRole('button', { name: 'Thêm vào mục có sẵn' }).click();
    await group.getByLabel('Tìm mục hỏi đáp').fill('tổng đài hotline');
    await group.locator('input[name="entryId"][value="hotline"]').check();
    await group.getByRole('button', { name: 'Thêm các câu hỏi vào mục đã chọn' }).click();
    await group.getByText('Bot trả lời bây giờ:').waitFor();
    expect(await group.locator('.bot-reply').first().textContent()).toContain('1900 54 54 81');
    await shot(page, 'staff-desktop-7-gap-added');
    const [reply] = await exchange(bot.url, activity('next-citizen', { text: UNANSWERED }));
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    await page.getByText('Lịch sử thay đổi kiến thức').waitFor();
    await context.close();
  });
});
