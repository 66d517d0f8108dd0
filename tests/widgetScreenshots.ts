// npm run screenshots: the widget as a citizen sees it after a few typical exchanges (the hotline asked without
// diacritics, a question answered from an article with its source, a tracking code, the news list), on a
// 360 px phone and a 1280 px desktop, written to docs/widget-360.png and docs/widget-1280.png. The real server
// (a temp copy of knowledge/) and Debian's Chromium, as in tests/widget.test.ts.
import path from 'node:path';
import { startBot } from './helpers/botServer.js';
import { botMessages, launchChromium, sendBox } from './helpers/widgetBrowser.js';

const DOCS = path.resolve(import.meta.dirname, '../docs');
/** What to type, and a piece of the reply to wait for. */
const EXCHANGES = [
  ['so dien thoai hotline buu dien', 'Nguồn:'],
  ['doanh thu nam 2020 cua buu dien tinh la bao nhieu', '114 tỷ đồng'],
  ['tra cứu EE123456785VN', 'xem hành trình bưu gửi'],
  // Last, so that its short buttons are still shown under it.
  ['tin mới nhất', 'Đọc bài 1'],
];
// The phone is drawn tall so that the whole conversation is in one picture; the desktop panel keeps its size.
const SCREENS = [
  { file: 'widget-360.png', viewport: { width: 360, height: 2000 }, phone: true },
  { file: 'widget-1280.png', viewport: { width: 1280, height: 800 }, phone: false },
];

const bot = await startBot();
const browser = await launchChromium();
try {
  for (const { file, viewport, phone } of SCREENS) {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', hasTouch: phone, isMobile: phone });
    const page = await context.newPage();
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
    await botMessages(page, 'xin chào Quý khách').first().waitFor({ timeout: 20_000 });
    for (const [question, reply] of EXCHANGES) {
      await sendBox(page).fill(question!);
      await page.keyboard.press('Enter');
      await botMessages(page, reply!).first().waitFor({ timeout: 20_000 });
    }
    await page.waitForTimeout(1000); // Web Chat's scroll to the newest message
    await page.screenshot({ path: path.join(DOCS, file) });
    console.log(`docs/${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await bot.dispose();
}
