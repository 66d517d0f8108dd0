// Debian's Chromium driven by playwright-core for the widget and Direct Line client tests (.ci/run installs
// it with apt; playwright never downloads a browser), and the widget's parts as a citizen finds them.
// Test screenshots go to test-artifacts/ (git-ignored); `npm run screenshots` writes docs/ (tests/widgetScreenshots.ts).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Where Chromium is, or an error that says in one line how to get it (without it the browser tests cannot run). */
export function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is needed for the browser tests and is not at ${executablePath}: install it with \`apt-get install chromium\` (as .ci/run does), or set CHROMIUM_PATH`,
    );
  }
  return executablePath;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The widget's message box (Web Chat renders an input or a textarea). */
export const sendBox = (page: Page) => page.locator('.bdbk-chat input[type="text"], .bdbk-chat textarea').first();

/** Text shown in the widget's transcript. */
export const botMessages = (page: Page, text: string) => page.locator('.bdbk-chat').getByText(text, { exact: false });
