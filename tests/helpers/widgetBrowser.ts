// Debian's Chromium driven by playwright-core for the widget and Direct Line client tests (.ci/run installs
// it with apt; playwright never downloads a browser). Screenshots go to test-artifacts/ (git-ignored).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Where Chromium is, or an error that says in one line how to get it (without it the browser tests cannot run). */
export function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is needed for the browser tests and is not at ${executablePath}: install it with \`apt-get install chromium\` (as .ci/run does), or set CHROMIUM_PATH`);
  }
  return executablePath;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}
