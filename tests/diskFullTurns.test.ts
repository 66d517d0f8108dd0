// A disk that fills up in the middle of a conversation (a tmpfs filled with dd, as root): nothing the citizen
// sends is taken silently unless it is stored. A message to staff during a handoff either reaches their inbox
// or the citizen is told it was not saved (resend, or the hotline); a form in progress keeps its step, so once
// there is room again the citizen goes on where they were; a ticket that could not be written is not
// confirmed, and the confirmation step waits to be tried again.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, meta, startBot, tempDir, type TestBot } from './helpers/botServer.js';
import { TICKET_STEPS } from './helpers/tickets.js';

const isRoot = process.getuid?.() === 0;
const ADMIN_TOKEN = 'disk-full-admin-token-5b1e-0123456789abcdef';
const NOT_SAVED = 'chưa lưu được tin nhắn vừa rồi';

interface Line {
  from: string;
  text: string;
}

describe.skipIf(!isRoot)('a disk that fills up during a conversation (a 16 MB tmpfs)', () => {
  let mountPoint: string;
  let bot: TestBot;
  const filler = (): string => path.join(mountPoint, 'filler');
  beforeAll(async () => {
    mountPoint = tempDir('turns-full');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
    const dataDir = path.join(mountPoint, 'data');
    mkdirSync(dataDir);
    bot = await startBot({
      dataDir,
      env: {
        ADMIN_TOKEN,
        OFFICE_HOURS: 'Mon-Sun 00:00-24:00',
        HANDOFF_WEBHOOK_URL: '',
        RATE_LIMIT_IP_PER_MINUTE: '0',
        RATE_LIMIT_USER_PER_MINUTE: '0',
      },
    });
  }, 30_000);
  afterAll(async () => {
    rmSync(filler(), { force: true });
    await bot?.stop();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  /**
   * Fills the disk, then takes what is left of the journal's last page with the smallest turns there are (a
   * new conversation's "ok") until one is refused: after that no turn's state fits.
   */
  async function fill(): Promise<void> {
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler()}`, 'bs=64k'], { stdio: 'ignore' });
    } catch {
      // dd stops with an error once the disk is full: that is the point.
    }
    for (let i = 0; i < 200; i++) if ((await ask(bot.url, `slack-${i}-${Date.now()}`, 'ok')).at(-1)?.text?.includes(NOT_SAVED)) return;
    throw new Error('the full disk never refused a turn');
  }

  async function staffLines(): Promise<Line[]> {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const { handoffs } = (await (await fetch(`${bot.url}/api/admin/handoffs`, { headers })).json()) as { handoffs: Array<{ id: string }> };
    return ((await (await fetch(`${bot.url}/api/admin/handoffs/${handoffs[0]!.id}`, { headers })).json()) as { transcript: Line[] })
      .transcript;
  }

  it('tells a citizen in a handoff or a form that the message was not saved, and both go on from there once there is room', async () => {
    expect(meta((await ask(bot.url, 'full-handoff', 'cho tôi gặp nhân viên'))[0])?.intent).toBe('handoff');
    for (const step of TICKET_STEPS.slice(0, 3)) await ask(bot.url, 'full-form', step);
    await fill();
    try {
      const [toStaff] = await ask(bot.url, 'full-handoff', 'Tin nhắn cho nhân viên');
      expect(toStaff?.text).toBe(
        'Dạ, hệ thống đang gặp sự cố nên chưa lưu được tin nhắn vừa rồi của Quý khách. Quý khách vui lòng gửi lại sau ít phút hoặc gọi 1900 54 54 81 ạ.',
      );
      expect((await staffLines()).map((l) => l.text)).not.toContain('Tin nhắn cho nhân viên');
      expect((await ask(bot.url, 'full-form', TICKET_STEPS[3]!)).at(-1)?.text).toContain(NOT_SAVED);
    } finally {
      rmSync(filler());
    }
    // Still with staff: the message sent again reaches them, and the bot stays quiet.
    expect(await ask(bot.url, 'full-handoff', 'Tin nhắn cho nhân viên')).toEqual([]);
    expect((await staffLines()).at(-1)).toMatchObject({ from: 'user', text: 'Tin nhắn cho nhân viên' });
    // Still at the name step.
    const [next] = await ask(bot.url, 'full-form', TICKET_STEPS[3]!);
    expect(next?.text).toBe('Dạ, Quý khách vui lòng cho biết số điện thoại để nhân viên liên hệ lại ạ.');
  }, 60_000);

  it('does not confirm a ticket it could not write, and confirms it when asked again once there is room', async () => {
    for (const step of TICKET_STEPS.slice(0, -1)) await ask(bot.url, 'full-ticket', step);
    await fill();
    let replies;
    try {
      replies = await ask(bot.url, 'full-ticket', TICKET_STEPS.at(-1)!);
    } finally {
      rmSync(filler());
    }
    expect(replies.map((r) => r.text)).not.toContainEqual(expect.stringMatching(/mã phiếu/u));
    expect(replies[0]?.text).toContain('chưa ghi nhận được phiếu');
    expect(replies[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Xác nhận', 'Quay lại', 'Hủy', 'Gọi 1900 54 54 81']);
    const [confirmed] = await ask(bot.url, 'full-ticket', TICKET_STEPS.at(-1)!);
    expect(confirmed?.text).toMatch(/mã phiếu [A-Z]{2}-[A-Z0-9]{4}/u);
  }, 60_000);
});
