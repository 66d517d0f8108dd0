// Staff sign-in against a hostile internet (issue 23, items 2, 3, 4, 8, 10, 11, 13): simultaneous guesses
// counted before the password check, limits per address and per name at an address (the owner is never
// locked out from elsewhere), the failed tries told at the next sign-in, names outside the account rule not
// kept, sessions ended by a new password, expired sessions deleted, password rules in Vietnamese, the
// `__Host-` cookie over https and a limit on wrong admin tokens.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEY_PREFIX } from '../src/services/records.js';
import { StaffSessions } from '../src/staff/sessions.js';
import { MemoryStorage } from 'botbuilder';
import { startBot, type TestBot } from './helpers/botServer.js';
import { addStaff, staffCommand } from './helpers/staffAccounts.js';

const PASSWORD = 'mật-khẩu-đủ-dài-42';
const ADMIN_TOKEN = 'sign-in-admin-token-0123456789abcdef';

function signIn(bot: TestBot, username: string, password: string, from = '198.51.100.1', headers: Record<string, string> = {}) {
  return fetch(`${bot.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify({ username, password }),
  });
}

describe('staff sign-in', () => {
  let bot: TestBot;
  beforeAll(async () => {
    vi.stubEnv('ADMIN_TOKEN', ADMIN_TOKEN);
    bot = await startBot({ env: { TRUST_PROXY: '1' } });
    await Promise.all(['an', 'binh', 'chi', 'dung'].map((name) => addStaff(bot, name, PASSWORD)));
  }, 60_000);
  afterAll(async () => {
    await bot.dispose();
    vi.unstubAllEnvs();
  });

  it('evaluates at most the limit of 30 simultaneous guesses for one name from one address; the rest get 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(bot, 'an', `wrong-guess-${i}`, '198.51.100.2')));
    const counts = statuses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 401: 5, 429: 25 });
  }, 60_000);

  it('never locks the owner out from another address, and tells them of the failed tries at sign-in', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(bot, 'binh', `wrong-${i}`, '203.0.113.7')).status).toBe(401);
    expect((await signIn(bot, 'binh', PASSWORD, '203.0.113.7')).status).toBe(429);
    const owner = await signIn(bot, 'binh', PASSWORD, '192.0.2.44');
    expect(owner.status).toBe(200);
    expect(((await owner.json()) as { failedSignIns: { count: number } }).failedSignIns.count).toBe(5);
    // Told once: the next sign-in starts counting afresh.
    const again = (await (await signIn(bot, 'binh', PASSWORD, '192.0.2.44')).json()) as { failedSignIns: { count: number } };
    expect(again.failedSignIns.count).toBe(0);
  }, 60_000);

  it('limits failures per address across names, and counts an IPv6 client by its /64', async () => {
    const names = ['chi', 'dung', 'nobody1', 'nobody2', 'nobody3'];
    let tried = 0;
    for (const name of names) {
      for (let i = 0; i < 4; i++) {
        // Each try from another address of the same /64.
        const status = (await signIn(bot, name, `wrong-${i}`, `2001:db8:7:1::${(tried++).toString(16)}`)).status;
        expect(status).toBe(401);
      }
    }
    expect((await signIn(bot, 'chi', PASSWORD, '2001:db8:7:1:ffff::1')).status).toBe(429);
    expect((await signIn(bot, 'chi', PASSWORD, '2001:db8:7:2::1')).status).toBe(200);
  }, 60_000);

  it('answers 400 for a name outside the account rule and keeps nothing of it', async () => {
    for (let i = 0; i < 25; i++) expect((await signIn(bot, `${'x'.repeat(40_000)}${i}`, 'whatever', '198.51.100.9')).status).toBe(400);
    expect((await signIn(bot, 'Ab cd', 'whatever', '198.51.100.9')).status).toBe(400);
    // Not counted: the address still signs in.
    expect((await signIn(bot, 'dung', PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  it('ends every session when the password changes or the account is removed and made again', async () => {
    const cookieOf = async (response: Response) => {
      expect(response.status).toBe(200);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    };
    const tickets = (cookie: string) => fetch(`${bot.url}/api/admin/tickets`, { headers: { cookie } }).then((r) => r.status);
    const first = await cookieOf(await signIn(bot, 'dung', PASSWORD, '198.51.100.20'));
    expect(await tickets(first)).toBe(200);
    await addStaff(bot, 'dung', `${PASSWORD}-mới`);
    expect(await tickets(first)).toBe(401);
    const second = await cookieOf(await signIn(bot, 'dung', `${PASSWORD}-mới`, '198.51.100.20'));
    await staffCommand(bot, ['remove', 'dung']);
    await addStaff(bot, 'dung', `${PASSWORD}-mới`);
    expect(await tickets(second)).toBe(401);
  }, 60_000);

  it('names the cookie __Host- over https and reads only that name there', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const response = await signIn(bot, 'an', PASSWORD, '198.51.100.30', https);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^__Host-hotline_staff=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/u);
    expect(setCookie).not.toMatch(/Domain=/iu);
    const value = setCookie.split(';')[0]!.split('=')[1]!;
    const get = (cookie: string) => fetch(`${bot.url}/api/admin/tickets`, { headers: { cookie, ...https } }).then((r) => r.status);
    expect(await get(`__Host-hotline_staff=${value}`)).toBe(200);
    expect(await get(`hotline_staff=${value}`)).toBe(401);
  });

  it('answers 429 to an address after 10 wrong admin tokens, while the right token works from elsewhere', async () => {
    const admin = (token: string, from: string) =>
      fetch(`${bot.url}/api/admin/tickets`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await admin(`guess-${i}`, '198.51.100.40')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    expect((await admin(ADMIN_TOKEN, '198.51.100.40')).status).toBe(429);
    expect((await admin(ADMIN_TOKEN, '198.51.100.41')).status).toBe(200);
  });
});

describe('npm run staff -- add', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it.each([
    ['ngan', 'ít nhất 10 ký tự'],
    ['nguyenvanan', 'trùng với tên đăng nhập'],
    ['20261204123', 'chỉ gồm chữ số'],
    ['aaaaaaaaaaaa', 'lặp lại một ký tự'],
    ['Password123', 'quá phổ biến'],
  ])(
    'refuses %s and says why in Vietnamese',
    async (password, reason) => {
      const result = await staffCommand(bot, ['add', 'nguyenvanan'], `${password}\n`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(reason);
    },
    30_000,
  );
});

it('deletes expired sessions from storage at the next sign-in', async () => {
  const memory: Record<string, string> = {};
  let now = 1_000_000;
  const sessions = new StaffSessions(new MemoryStorage(memory), 60_000, () => now);
  const sessionKeys = () =>
    Object.keys(memory).filter(
      (key) => key.startsWith(`${KEY_PREFIX}/staff/sessions/`) && !key.endsWith('/index') && memory[key] !== undefined,
    );
  const old = await sessions.create('an', '');
  expect(sessionKeys()).toHaveLength(1);
  now += 61_000;
  const fresh = await sessions.create('binh', '');
  // The expired session's item is gone from storage, not just refused.
  expect(sessionKeys()).toHaveLength(1);
  expect(await sessions.get(old.id)).toBeUndefined();
  expect(await sessions.get(fresh.id)).toMatchObject({ username: 'binh' });
});
