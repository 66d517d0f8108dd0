// Microsoft's own Direct Line client (botframework-directlinejs, its browser bundle) in Chromium against the
// local /v3/directline, by polling and by WebSocket: welcome, the echo of the user's message with the id
// postActivity resolved, and the answer to a question typed without diacritics.
import type { Activity } from 'botbuilder';
import type * as DirectLineJs from 'botframework-directlinejs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriesOutcome, meta, startBot, type TestBot } from './helpers/botServer.js';
import { launchChromium } from './helpers/widgetBrowser.js';

const BUNDLE = path.resolve(import.meta.dirname, '../node_modules/botframework-directlinejs/dist/directline.js');

let bot: TestBot;
let browser: Browser;

beforeAll(async () => {
  bot = await startBot();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.dispose();
});

interface Run {
  welcome: Activity;
  postedId: string;
  echo: Activity;
  answer: Activity;
  statuses: number[];
}

async function converse(webSocket: boolean): Promise<{ run: Run; sockets: string[]; polls: number }> {
  const page = await browser.newPage();
  const sockets: string[] = [];
  let polls = 0;
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('request', (request) => {
    if (/\/v3\/directline\/conversations\/[^/]+\/activities\?watermark=/u.test(request.url()) && request.method() === 'GET') polls += 1;
  });
  await page.goto(`${bot.url}/healthz`);
  await page.addScriptTag({ path: BUNDLE });
  const run = await page.evaluate(async (useWebSocket: boolean) => {
    const { DirectLine } = (window as unknown as { DirectLine: typeof DirectLineJs }).DirectLine;
    const grant = await (
      await fetch('/api/directline/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'dl_browser01' }),
      })
    ).json();
    const directLine = new DirectLine({ token: grant.token, domain: grant.domain, webSocket: useWebSocket, pollingInterval: 200 });
    const statuses: number[] = [];
    directLine.connectionStatus$.subscribe((s: number) => statuses.push(s));
    return new Promise<Run>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer; statuses ${statuses.join(',')}`)), 20_000);
      const result: Partial<Run> = { statuses };
      // The answer may arrive before postActivity resolves: done when both are in.
      const finish = (): void => {
        if (!result.answer || !result.postedId) return;
        clearTimeout(timer);
        directLine.end();
        resolve(result as Run);
      };
      // directlinejs types a message without the reply fields the service sends: read it as a Bot Framework activity.
      directLine.activity$.subscribe((received) => {
        const activity = received as unknown as Activity;
        // The bot's first message is its welcome (checked below by what the turn did).
        if (activity.from?.role === 'bot' && !result.welcome) {
          result.welcome = activity;
          directLine
            .postActivity({
              type: 'message',
              from: { id: 'dl_browser01', name: 'Công dân' },
              text: 'so dien thoai hotline buu dien',
              locale: 'vi-VN',
            })
            .subscribe((id: string) => {
              result.postedId = id;
              finish();
            }, reject);
        } else if (activity.from?.role === 'user') {
          result.echo = activity;
        } else if (result.echo && activity.replyToId === result.echo.id) {
          result.answer = activity;
          finish();
        }
      });
    });
  }, webSocket);
  await page.close();
  return { run, sockets, polls };
}

describe('botframework-directlinejs against /v3/directline', () => {
  for (const webSocket of [false, true]) {
    it(`${webSocket ? 'WebSocket' : 'polling'}: welcome, echo with the posted id, answer with its source`, async () => {
      const { run, sockets, polls } = await converse(webSocket);
      expect(meta(run.welcome)?.intent).toBe('welcome');
      expect(run.welcome.text).toContain('xin chào');
      expect(run.postedId).toBe(run.echo.id);
      expect(run.echo.text).toBe('so dien thoai hotline buu dien');
      expect(meta(run.answer)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
      expect(carriesOutcome([run.welcome, run.answer])).toBe(false);
      expect(run.answer.text).toMatch(/Nguồn: .*https?:\/\//u);
      expect(run.statuses).toContain(2); // Online
      if (webSocket) {
        expect(sockets).toHaveLength(1);
        expect(sockets[0]).toMatch(/\/v3\/directline\/conversations\/[^/]+\/stream\?t=/u);
      } else {
        expect(sockets).toHaveLength(0);
        expect(polls).toBeGreaterThan(0);
      }
    }, 40_000);
  }
});
