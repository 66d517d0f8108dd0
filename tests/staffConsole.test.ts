// The staff console's HTTP side: /staff and its APIs expose nothing without an account or ADMIN_TOKEN;
// accounts made with `npm run staff` while the bot runs; sign-in with a session cookie (HttpOnly,
// SameSite=Strict, Secure behind https), CSRF on every change, the sign-in limit, sign-out; the history
// names the staff member; strict security headers; the gaps and knowledge views.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../src/ticket.js';
import { ask, startBot, type TestBot } from './helpers/botServer.js';
import { addStaff, staffCommand } from './helpers/staffAccounts.js';
import { fileTicket } from './helpers/tickets.js';

const PASSWORD = 'mật-khẩu-đủ-dài-42';

interface Session {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function signIn(url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

async function session(url: string, username = 'lan'): Promise<Session> {
  const response = await signIn(url, username, PASSWORD);
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie')!;
  const { csrf } = (await response.json()) as { csrf: string };
  return { cookie: setCookie.split(';')[0]!, csrf, setCookie };
}

describe('without any account or ADMIN_TOKEN', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', '');
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('serves the page, which explains how to create an account, and every API answers 401', async () => {
    const page = await fetch(`${bot.url}/staff`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('npm run staff -- add');
    expect(await (await fetch(`${bot.url}/api/staff/session`)).json()).toEqual({ accounts: false });
    for (const route of [
      '/api/admin/tickets',
      '/api/admin/tickets/KN-2345',
      '/api/admin/handoffs',
      '/api/admin/gaps',
      '/api/admin/knowledge',
    ]) {
      expect((await fetch(`${bot.url}${route}`)).status, route).toBe(401);
    }
    expect((await signIn(bot.url, 'admin', 'admin')).status).toBe(401);
  });
});

describe('the staff console', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', '');
    bot = await startBot({ env: { TRUST_PROXY: '1' } });
    // Made while the bot runs, as an administrator would.
    await addStaff(bot, 'Lan', PASSWORD);
    await addStaff(bot, 'minh', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('lists and removes accounts with npm run staff (signing their sessions out), and refuses a short password', async () => {
    expect((await staffCommand(bot, ['list'])).stdout.split('\n')).toEqual(['lan', 'minh', '']);
    expect(await staffCommand(bot, ['add', 'tam'], 'ngan\n')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('ít nhất 10 ký tự'),
    });
    const { cookie } = await session(bot.url, 'minh');
    expect((await fetch(`${bot.url}/api/admin/tickets`, { headers: { cookie } })).status).toBe(200);
    expect(await staffCommand(bot, ['remove', 'minh'])).toMatchObject({ code: 0 });
    expect((await signIn(bot.url, 'minh', PASSWORD)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/admin/tickets`, { headers: { cookie } })).status).toBe(401);
  }, 60_000);

  it('keeps every account when administrators add several at once while the bot records failed sign-ins', async () => {
    const names = ['ha', 'khoa', 'linh', 'nam', 'oanh', 'phuc'];
    // Each failed sign-in on an account makes the bot write the same file (the count told at the next sign-in).
    const guesses = Array.from({ length: 6 }, (_, i) =>
      signIn(bot.url, 'lan', `sai-mat-khau-${i}`, { 'x-forwarded-for': `198.51.100.${60 + i}` }),
    );
    await Promise.all([...names.map((name) => addStaff(bot, name, PASSWORD)), ...guesses]);
    expect((await staffCommand(bot, ['list'])).stdout.split('\n')).toEqual(expect.arrayContaining(names));
    for (const name of names) expect((await signIn(bot.url, name, PASSWORD, { 'x-forwarded-for': '198.51.100.80' })).status).toBe(200);
    const lan = (await (await signIn(bot.url, 'lan', PASSWORD, { 'x-forwarded-for': '198.51.100.81' })).json()) as {
      failedSignIns: { count: number };
    };
    expect(lan.failedSignIns.count).toBe(6);
    for (const name of names) expect(await staffCommand(bot, ['remove', name])).toMatchObject({ code: 0 });
  }, 120_000);

  it('signs in with a strict session cookie, Secure behind https', async () => {
    const { setCookie } = await session(bot.url);
    expect(setCookie).toMatch(/^hotline_staff=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/u);
    const behindHttps = await signIn(bot.url, 'lan', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(behindHttps.headers.get('set-cookie')).toMatch(/; Secure$/u);
    expect((await signIn(bot.url, 'lan', 'wrong password')).status).toBe(401);
    expect((await signIn(bot.url, 'nobody', PASSWORD)).status).toBe(401);
  });

  it('needs the CSRF token for a change, and the history names the staff member', async () => {
    const ref = await fileTicket(bot.url, 'console-ticket', {});
    const { cookie, csrf } = await session(bot.url);
    const get = await fetch(`${bot.url}/api/admin/tickets/${ref}`, { headers: { cookie } });
    expect(get.status).toBe(200);
    const change = (headers: Record<string, string>) =>
      fetch(`${bot.url}/api/admin/tickets/${ref}/status`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ status: 'in_progress', note: 'Đang xem' }),
      });
    expect((await change({})).status).toBe(403);
    expect((await change({ 'x-csrf-token': 'forged' })).status).toBe(403);
    expect((await change({ 'x-csrf-token': csrf })).status).toBe(200);
    const ticket = (await (await fetch(`${bot.url}/api/admin/tickets/${ref}`, { headers: { cookie } })).json()) as Ticket;
    expect(ticket.history[0]).toMatchObject({ by: 'lan', status: 'in_progress', note: 'Đang xem' });
  });

  it('signs out: the cookie is cleared and no longer works', async () => {
    const { cookie, csrf } = await session(bot.url);
    expect(
      (await fetch(`${bot.url}/api/staff/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' }))
        .status,
    ).toBe(403);
    const out = await fetch(`${bot.url}/api/staff/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^hotline_staff=; .*Max-Age=0/u);
    expect((await fetch(`${bot.url}/api/admin/tickets`, { headers: { cookie } })).status).toBe(401);
    expect(await (await fetch(`${bot.url}/api/staff/session`, { headers: { cookie } })).json()).toEqual({ accounts: true });
  });

  it('sends strict security headers with the page', async () => {
    const page = await fetch(`${bot.url}/staff`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).not.toMatch(/<script>|style=|https?:\/\//u);
  });

  it('serves the gaps report and the knowledge status with its problems by file and line', async () => {
    await ask(bot.url, 'gap-1', 'giá vàng hôm nay bao nhiêu');
    await ask(bot.url, 'gap-2', 'gia vang hom nay');
    const { cookie } = await session(bot.url);
    const gaps = (await (await fetch(`${bot.url}/api/admin/gaps`, { headers: { cookie } })).json()) as {
      questions: number;
      groups: Array<{ count: number; examples: string[] }>;
    };
    expect(gaps.questions).toBeGreaterThanOrEqual(2);
    expect(gaps.groups[0]!.examples).toContain('giá vàng hôm nay bao nhiêu');

    writeFileSync(path.join(bot.knowledgeDir, 'entries', 'broken.json'), '{\n  "entries": [\n    { "id": "x" \n  ]\n}\n');
    type Status = { version: string; files: Array<{ file: string }>; problems: Array<{ file: string; line: number }> };
    let knowledge: Status;
    // The bot's own watcher may be checking the folder at this moment: wait for the rejected change to show.
    do {
      await bot.app.knowledge.reloadIfChanged();
      knowledge = (await (await fetch(`${bot.url}/api/admin/knowledge`, { headers: { cookie } })).json()) as Status;
    } while (knowledge.problems.length === 0);
    expect(knowledge.version).toMatch(/\w+/u);
    expect(knowledge.files.map((f) => f.file)).toContain('entries/unconfirmed.json');
    expect(knowledge.problems[0]).toMatchObject({ file: 'entries/broken.json', line: expect.any(Number) });
    // Another file's good change goes live beside the broken one: the broken one is still listed, as in /healthz.
    const version = knowledge.version;
    const abbreviations = path.join(bot.knowledgeDir, 'abbreviations.json');
    writeFileSync(abbreviations, readFileSync(abbreviations, 'utf8').replace(/^\{/u, '{\n  "bdbk": "bưu điện bắc kạn",'));
    do {
      await bot.app.knowledge.reloadIfChanged();
      knowledge = (await (await fetch(`${bot.url}/api/admin/knowledge`, { headers: { cookie } })).json()) as Status;
    } while (knowledge.version === version);
    expect(knowledge.problems.length).toBeGreaterThan(0);
    expect(new Set(knowledge.problems.map((p) => p.file))).toEqual(new Set(['entries/broken.json']));
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { status: string; knowledge: { problems: unknown[] } };
    expect(health.status).toBe('degraded');
    expect(knowledge.problems).toEqual(health.knowledge.problems);
  });

  it('limits failed sign-ins per user name, even with the right password afterwards', async () => {
    await addStaff(bot, 'hoa', PASSWORD);
    for (let i = 0; i < 5; i++) expect((await signIn(bot.url, 'hoa', `wrong-${i}`)).status).toBe(401);
    const limited = await signIn(bot.url, 'hoa', PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 30_000);
});
