// What browsers and uptime checkers meet besides the bot: HEAD wherever GET works, and a short Vietnamese
// page with a link home for an unknown page (API clients keep their JSON error).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from './helpers/botServer.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.dispose());

describe('HEAD', () => {
  it.each(['/', '/healthz', '/widget.js', '/staff', '/staff/staff.css'])('answers HEAD %s as GET, without the body', async (path) => {
    const get = await fetch(`${bot.url}${path}`);
    const head = await fetch(`${bot.url}${path}`, { method: 'HEAD' });
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });
});

describe('an unknown page', () => {
  it('is a short Vietnamese page with a link home for a browser', async () => {
    const response = await fetch(`${bot.url}/trang-khong-co`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Không tìm thấy trang');
    expect(page).toContain('<a href="/">Về trang chủ</a>');
  });

  it('stays JSON for an API client, and under /api/ for anyone', async () => {
    for (const [path, accept] of [
      ['/trang-khong-co', 'application/json'],
      ['/trang-khong-co', '*/*'],
      ['/api/khong-co', 'text/html'],
    ] as const) {
      const response = await fetch(`${bot.url}${path}`, { headers: { accept } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
      expect(await response.json()).toMatchObject({ code: expect.any(String) });
    }
  });
});
