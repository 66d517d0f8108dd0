// The chat widget in Chromium, as a citizen uses it: the demo page, the bubble, the welcome, a question typed
// without diacritics answered with a clickable source, a suggested action, the conversation kept across a
// reload (also when the widget gets its tokens from Azure Direct Line); on a desktop screen and on a 360 px
// phone, by mouse and by keyboard; no console errors (a favicon is served). Screenshots: test-artifacts/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBot, type TestBot } from './helpers/botServer.js';
import { botMessages, launchChromium, screenshot, sendBox } from './helpers/widgetBrowser.js';

let bot: TestBot;
let browser: Browser;

interface Entry {
  id: string;
  title?: string;
  questions: { vi: string[] };
  answer: { vi: string };
}

function entry(id: string): Entry {
  const kb = JSON.parse(readFileSync(path.join(bot.knowledgeDir, 'kb.json'), 'utf8')) as { entries: Entry[] };
  const found = kb.entries.find((e) => e.id === id);
  if (!found) throw new Error(`kb has no entry ${id}`);
  return found;
}

beforeAll(async () => {
  bot = await startBot();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.dispose();
});

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, keyboard: false },
  { name: 'phone-360', viewport: { width: 360, height: 740 }, keyboard: true },
];

const transcript = (page: Page) => page.locator('.bdbk-chat [role="log"], .bdbk-chat .webchat__basic-transcript').first();
/** The visible suggested-action buttons (Web Chat also keeps a copy for screen readers in a live region). */
const suggested = (page: Page, title: string) => page.locator('.bdbk-chat .webchat__suggested-actions__button', { hasText: title });

describe('chat widget in Chromium', () => {
  for (const { name, viewport, keyboard } of VIEWPORTS) {
    it(`${name}: welcome, unaccented question with clickable source, suggested action, reload keeps the conversation`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', hasTouch: keyboard, isMobile: keyboard });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // A 404 (such as /favicon.ico) or a failed request shows as a console error.
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${bot.url}/`);
      await expect(page.title()).resolves.toContain('Bưu điện tỉnh Bắc Kạn');
      const bubble = page.getByRole('button', { name: 'Hỏi đáp trực tuyến' });
      await bubble.waitFor();
      await screenshot(page, `widget-${name}-1-page`);

      if (keyboard) {
        await bubble.focus();
        await page.keyboard.press('Enter');
      } else {
        await bubble.click();
      }
      const dialog = page.getByRole('dialog', { name: 'Bưu điện tỉnh Bắc Kạn' });
      await dialog.waitFor();
      await botMessages(page, 'xin chào Quý khách').first().waitFor({ timeout: 20_000 });
      await suggested(page, 'Dịch vụ').first().waitFor();
      expect(await sendBox(page).getAttribute('placeholder')).toBe('Nhập tin nhắn của bạn');
      // Focus lands in the send box, so a keyboard user can type at once.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.matches('.bdbk-chat input, .bdbk-chat textarea') ?? false))
        .toBe(true);
      await screenshot(page, `widget-${name}-2-welcome`);

      const hotline = entry('hotline');
      if (keyboard) await page.keyboard.type('so dien thoai hotline buu dien');
      else await sendBox(page).fill('so dien thoai hotline buu dien');
      await page.keyboard.press('Enter');
      await botMessages(page, hotline.answer.vi.slice(0, 40)).first().waitFor({ timeout: 20_000 });
      const source = page.locator('.bdbk-chat a[href^="http"]').last();
      await source.waitFor();
      expect(await source.getAttribute('href')).toMatch(/^https?:\/\//u);
      expect(await source.getAttribute('target')).toBe('_blank');
      await screenshot(page, `widget-${name}-3-answer`);

      const next = entry('services-overview');
      await suggested(page, next.title ?? next.questions.vi[0]).click();
      await botMessages(page, next.answer.vi.slice(0, 40)).first().waitFor({ timeout: 20_000 });
      await screenshot(page, `widget-${name}-4-suggested-action`);

      const widgetBox = await page.locator('.bdbk-panel').boundingBox();
      if (keyboard) {
        // On a phone the panel fills the screen and nothing scrolls sideways.
        expect(widgetBox?.width).toBe(360);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      } else {
        expect(widgetBox!.x + widgetBox!.width).toBeLessThanOrEqual(1280);
      }

      // Escape closes the panel and gives focus back to the bubble.
      await sendBox(page).focus();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('bdbk-bubble') ?? false)).toBe(true);

      // A reload resumes the same conversation with the same token: the history is back, no second welcome.
      const before = await page.evaluate(() => localStorage.getItem('bdbk-webchat'));
      await page.reload();
      await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
      await botMessages(page, next.answer.vi.slice(0, 40)).first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.bdbk-chat .webchat__bubble__content', { hasText: 'xin chào Quý khách' }).count()).toBe(1);
      const after = JSON.parse((await page.evaluate(() => localStorage.getItem('bdbk-webchat'))) ?? '{}');
      expect(after.token).toBe(JSON.parse(before ?? '{}').token);
      await screenshot(page, `widget-${name}-5-after-reload`);

      expect(await transcript(page).count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('serves Web Chat from the project (no CDN) and the widget script with JavaScript types', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!/^(?:data|blob):/u.test(request.url()) && !request.url().startsWith(bot.url)) external.push(request.url());
    });
    await page.goto(`${bot.url}/`);
    await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
    await botMessages(page, 'xin chào Quý khách').first().waitFor({ timeout: 20_000 });
    expect(external).toEqual([]);
    const webchat = await fetch(`${bot.url}/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(webchat.headers.get('content-type')).toMatch(/javascript/u);
    expect(await webchat.text()).toContain('renderWebChat');
    // The browser's own request for /favicon.ico gets the app icon: an ICO holding one 32×32 PNG.
    const icon = await fetch(`${bot.url}/favicon.ico`);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    const ico = Buffer.from(await icon.arrayBuffer());
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4), ico[6], ico[7]]).toEqual([1, 1, 32, 32]);
    expect(ico.subarray(22, 26).toString('latin1')).toBe('\x89PNG');
    await page.close();
  }, 60_000);
});

describe('chat widget with DIRECT_LINE_SECRET (tokens from Azure Direct Line)', () => {
  // Azure's side is played by a second bot server's own Direct Line 3.0 API (the protocol Web Chat speaks to
  // Azure: tokens/generate, conversations, activities, the WebSocket stream, tokens/refresh). The bot under
  // test exchanges its secret there and hands the browser only the token and that endpoint.
  let azure: TestBot;
  let azureBot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('DIRECT_LINE_SECRET', '');
    azure = await startBot();
    vi.stubEnv('DIRECT_LINE_SECRET', 'azure-secret-123');
    vi.stubEnv('DIRECT_LINE_ENDPOINT', `${azure.url}/v3/directline`);
    azureBot = await startBot();
    vi.unstubAllEnvs();
  }, 60_000);
  afterAll(async () => {
    await azureBot?.dispose();
    await azure?.dispose();
  });

  it('keeps the conversation across a reload, like the local Direct Line', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const directLine: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v3/directline')) directLine.push(new URL(request.url()).origin);
    });
    await page.goto(`${azureBot.url}/`);
    await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
    await botMessages(page, 'xin chào Quý khách').first().waitFor({ timeout: 20_000 });
    await sendBox(page).fill('so dien thoai hotline buu dien');
    await page.keyboard.press('Enter');
    const answer = entry('hotline').answer.vi.slice(0, 40);
    await botMessages(page, answer).first().waitFor({ timeout: 20_000 });
    const before = JSON.parse((await page.evaluate(() => localStorage.getItem('bdbk-webchat'))) ?? '{}');
    expect(before.domain).toBe(`${azure.url}/v3/directline`);
    expect(before.started).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
    await botMessages(page, answer).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.bdbk-chat .webchat__bubble__content', { hasText: 'xin chào Quý khách' }).count()).toBe(1);
    const after = JSON.parse((await page.evaluate(() => localStorage.getItem('bdbk-webchat'))) ?? '{}');
    expect(after.conversationId).toBe(before.conversationId);
    expect(after.token).toBe(before.token);
    await screenshot(page, 'widget-azure-after-reload');
    // Web Chat talked only to the "Azure" endpoint; the bot's own Direct Line is off with the secret set.
    expect(new Set(directLine)).toEqual(new Set([azure.url]));
    expect((await fetch(`${azureBot.url}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
