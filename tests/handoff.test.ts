// Handoff to a person, end to end through /api/messages with a fake staff webhook on 127.0.0.1:
// within office hours the request reaches the webhook with the transcript (handoff.initiate) and the bot
// is silent until the citizen or staff (handoff.status) end it, also across a restart; outside hours,
// without settings, or when the webhook fails or hangs, the citizen gets the hotline and a ticket offer.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCitizenSettings } from '../src/config/citizen.js';
import { parseChatHours } from '../src/config/chatHours.js';
import { describeChatHours, isOpen } from '../src/services/chatHours.js';
import { hashId } from '../src/services/records.js';
import { localTime } from '../src/text/vnTime.js';
import { activity, actionTitles, ask, exchange, meta, startBot, type TestBot } from './helpers/botServer.js';
import { startRecordingServer, type RecordingServer } from './helpers/citizenFakes.js';

const ALWAYS = 'Mon-Sun 00:00-24:00';

describe('office hours', () => {
  it('are read in Vietnamese time, whatever the server clock zone', () => {
    const hours = parseChatHours('Mon-Fri 07:30-17:00; Sat 07:30-11:30');
    expect(isOpen(hours, new Date('2026-11-26T00:29:00Z'))).toBe(false); // Thu 07:29 in Hà Nội
    expect(isOpen(hours, new Date('2026-11-26T00:30:00Z'))).toBe(true); // Thu 07:30
    expect(isOpen(hours, new Date('2026-11-26T10:00:00Z'))).toBe(false); // Thu 17:00
    expect(isOpen(hours, new Date('2026-11-28T04:00:00Z'))).toBe(true); // Sat 11:00
    expect(isOpen(hours, new Date('2026-11-29T04:00:00Z'))).toBe(false); // Sun
    expect(describeChatHours(hours)).toBe('Thứ Hai – Thứ Sáu 07:30–17:00; Thứ Bảy 07:30–11:30');
  });

  it("read the bot's own display form (en dashes) and overnight spans, which run into the next day", () => {
    expect(parseChatHours('Mon–Fri 07:30–17:00')).toEqual(parseChatHours('Mon-Fri 07:30-17:00'));
    const night = parseChatHours('Sat-Sun 22:00-06:00');
    expect(isOpen(night, new Date('2026-11-28T15:30:00Z'))).toBe(true); // Sat 22:30 in Hà Nội
    expect(isOpen(night, new Date('2026-11-29T22:00:00Z'))).toBe(true); // Mon 05:00, after Sunday night
    expect(isOpen(night, new Date('2026-11-30T00:00:00Z'))).toBe(false); // Mon 07:00
    expect(isOpen(night, new Date('2026-11-27T20:00:00Z'))).toBe(false); // Sat 03:00: Friday night is not in it
    expect(() => parseChatHours('Mon 08:00-08:00')).toThrow(/^OFFICE_HOURS: cannot read "mon 08:00-08:00"/u);
  });

  it('read back what the bot shows, in Vietnamese and in English, overnight spans included', () => {
    const hours = parseChatHours('Mon-Fri 07:30-17:00; Sat 07:30-11:30; Sun 22:00-06:00');
    for (const lang of ['vi', 'en'] as const) expect(parseChatHours(describeChatHours(hours, lang))).toEqual(hours);
    expect(parseChatHours('Thứ Hai – Thứ Sáu 07:30–17:00')).toEqual(parseChatHours('Mon-Fri 07:30-17:00'));
  });

  it('say what is wrong in a span they cannot read', () => {
    const problem = (raw: string) => () => parseChatHours(raw);
    expect(problem('Mon 08:00-08:00')).toThrow(/: it starts and ends at the same time; /u);
    expect(problem('Fri-Mon 07:00-17:00')).toThrow(/: the days run past Sunday \(write two spans\); /u);
    expect(problem('Mon-Fry 07:00-17:00')).toThrow(/^OFFICE_HOURS: cannot read "mon-fry 07:00-17:00": "fry" is not a day; /u);
    expect(problem('Mon 07:00-25:00')).toThrow(/: a time is not a time of day \(00:00 to 24:00\); /u);
    expect(problem('weekdays 8-5')).toThrow(/: it is not days then a time span; /u);
  });

  it('stop the start with a message naming the variable when they cannot be read', () => {
    expect(() => loadCitizenSettings({ OFFICE_HOURS: 'weekdays 8-5' })).toThrow(/^OFFICE_HOURS: /u);
    expect(() => loadCitizenSettings({ OFFICE_HOURS: 'Fri-Mon 07:00-17:00' })).toThrow(/^OFFICE_HOURS: /u);
    expect(() => loadCitizenSettings({ HANDOFF_WEBHOOK_URL: 'ftp://staff' })).toThrow(/^HANDOFF_WEBHOOK_URL: /u);
    expect(() => loadCitizenSettings({ HANDOFF_WEBHOOK_TIMEOUT_MS: '5s' })).toThrow(/^HANDOFF_WEBHOOK_TIMEOUT_MS: /u);
    expect(() => loadCitizenSettings({ HANDOFF_WAIT_MINUTES: '0' })).toThrow(/^HANDOFF_WAIT_MINUTES: /u);
    expect(loadCitizenSettings({}).handoffWaitMinutes).toBe(5);
  });
});

async function startWith(env: Record<string, string>): Promise<TestBot> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return startBot();
}

describe('handoff within office hours', () => {
  let webhook: RecordingServer;
  let bot: TestBot;
  beforeAll(async () => {
    webhook = await startRecordingServer();
    bot = await startWith({ OFFICE_HOURS: ALWAYS, HANDOFF_WEBHOOK_URL: `${webhook.url}/staff` });
  });
  afterAll(async () => {
    await bot.dispose();
    await webhook.close();
    vi.unstubAllEnvs();
  });

  it('sends staff the request with the transcript, stays silent, and resumes when the citizen ends it', async () => {
    await ask(bot.url, 'citizen-ends', 'số tổng đài hỗ trợ là gì');
    const [connected] = await ask(bot.url, 'citizen-ends', 'cho tôi gặp nhân viên');
    expect(meta(connected)?.intent).toBe('handoff');
    expect(connected!.text).toContain('không trả lời tự động');

    const [initiate] = await webhook.waitFor(1);
    expect(initiate!.path).toBe('/staff');
    expect(initiate!.body).toMatchObject({
      type: 'event',
      name: 'handoff.initiate',
      conversation: { id: 'citizen-ends' },
      value: { reason: 'asked' },
    });
    const transcript = (initiate!.body.attachments?.[0]?.content as { activities: Array<{ text: string }> }).activities.map((a) => a.text);
    expect(transcript[0]).toBe('số tổng đài hỗ trợ là gì');
    expect(transcript).toContain('cho tôi gặp nhân viên');

    expect(await ask(bot.url, 'citizen-ends', 'alo, còn ai ở đó không')).toEqual([]);
    expect(await ask(bot.url, 'citizen-ends', 'tin mới nhất')).toEqual([]);
    const forwarded = (await webhook.waitFor(3)).slice(1).map((r) => r.body.text);
    expect(forwarded).toEqual(['alo, còn ai ở đó không', 'tin mới nhất']);

    const [ended] = await ask(bot.url, 'citizen-ends', 'kết thúc');
    expect(meta(ended)?.intent).toBe('handoffEnded');
    expect((await webhook.waitFor(4))[3]!.body).toMatchObject({ name: 'handoff.status', value: { state: 'completed' } });
    const [news] = await ask(bot.url, 'citizen-ends', 'tin mới nhất');
    expect(meta(news)?.intent).toBe('news');
  });

  it('offers a person (a reachable one) after two failed answers, after a 👎, and to "are you a real person"', async () => {
    const before = webhook.received.length;
    await ask(bot.url, 'offer-live', 'kết quả xổ số miền bắc hôm qua');
    const second = await ask(bot.url, 'offer-live', 'lịch chiếu phim rạp quốc gia hôm nay');
    expect(second.map((r) => meta(r)?.intent)).toEqual(['fallback', 'handoffOffer']);
    expect(actionTitles(second[1])).toEqual(['Gặp nhân viên', 'Gửi góp ý – khiếu nại', 'Gọi 1900 54 54 81']);
    await ask(bot.url, 'offer-live', 'số tổng đài hỗ trợ là gì');
    expect(actionTitles((await ask(bot.url, 'offer-live', '👎'))[0])).toContain('Gặp nhân viên');
    const [human] = await ask(bot.url, 'offer-live', 'bạn có phải người thật không');
    expect(meta(human)?.intent).toBe('human');
    expect(actionTitles(human)).toContain('Gặp nhân viên');
    const [item] = await ask(bot.url, 'offer-live', 'TẠI SAO HÀNG CỦA TÔI GỬI MÃI KHÔNG ĐẾN!!!');
    expect(actionTitles(item)).toEqual(['Tra cứu bưu gửi', 'Gửi khiếu nại', 'Gặp nhân viên', 'Gọi 1900 54 54 81']);
    expect(webhook.received).toHaveLength(before); // offered, not started
  });

  it('stays silent across a restart, until staff end the handoff with a handoff.status event', async () => {
    await ask(bot.url, 'staff-ends', 'gặp tư vấn viên');
    await bot.stop();
    bot = await startBot({ dataDir: bot.dataDir, knowledgeDir: bot.knowledgeDir });
    expect(await ask(bot.url, 'staff-ends', 'còn đó không ạ')).toEqual([]);

    // From the agent hub, not from the citizen's own user id.
    const status = {
      type: 'event',
      name: 'handoff.status',
      value: { state: 'completed' },
      from: { id: 'agent-hub', name: 'Hub' },
    } as const;
    const [byStaff] = await exchange(bot.url, activity('staff-ends', status));
    expect(meta(byStaff)?.intent).toBe('handoffEnded');
    expect(byStaff!.text).toContain('nhân viên đã kết thúc');
    expect(await exchange(bot.url, activity('staff-ends', status))).toEqual([]);
    const [news] = await ask(bot.url, 'staff-ends', 'tin mới nhất');
    expect(meta(news)?.intent).toBe('news');
  });
});

describe('handoff when staff cannot take over', () => {
  let bot: TestBot | undefined;
  let webhook: RecordingServer | undefined;
  afterEach(async () => {
    await bot?.dispose();
    await webhook?.close();
    vi.unstubAllEnvs();
  });

  it('outside office hours: names the hours, gives the hotline and offers a ticket; staff are not called', async () => {
    webhook = await startRecordingServer();
    const today = localTime(new Date()).weekday;
    const otherDay = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][today % 7]!; // tomorrow only
    bot = await startWith({ OFFICE_HOURS: `${otherDay} 07:30-17:00`, HANDOFF_WEBHOOK_URL: webhook.url });
    const [reply] = await ask(bot.url, 'closed', 'gặp nhân viên');
    expect(meta(reply)?.intent).toBe('handoffUnavailable');
    expect(reply!.text).toContain('ngoài giờ');
    expect(reply!.text).toContain('07:30–17:00');
    expect(reply!.text).toContain('1900 54 54 81');
    expect(actionTitles(reply)).toContain('Gửi góp ý – khiếu nại');
    const [english] = await ask(bot.url, 'closed-en', 'I want to talk to a person');
    expect(english!.text).toMatch(/only (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) 07:30–17:00 \(Vietnam time\)/u);
    expect(actionTitles(english)).toEqual(['Call 1900 54 54 81', 'Complaint or feedback']);
    expect(webhook.received).toEqual([]);
  });

  it('without OFFICE_HOURS: claims no hours, gives the hotline', async () => {
    webhook = await startRecordingServer();
    bot = await startWith({ OFFICE_HOURS: '', HANDOFF_WEBHOOK_URL: webhook.url });
    const [reply] = await ask(bot.url, 'no-hours', 'talk to a human');
    expect(reply!.text).not.toMatch(/giờ|\d{2}:\d{2}/u);
    expect(reply!.text).toContain('1900 54 54 81');
    expect(webhook.received).toEqual([]);
  });

  it.each([
    ['answers 500', { status: 500 }, {}],
    ['never answers', { hang: true }, { HANDOFF_WEBHOOK_TIMEOUT_MS: '200' }],
  ])('when the webhook %s: records the failure and gives the hotline, and the bot keeps answering', async (_what, server, env) => {
    webhook = await startRecordingServer(server);
    bot = await startWith({ OFFICE_HOURS: ALWAYS, HANDOFF_WEBHOOK_URL: webhook.url, ...env });
    const [reply] = await ask(bot.url, 'webhook-down', 'gặp nhân viên');
    expect(meta(reply)?.intent).toBe('handoffUnavailable');
    expect(reply!.text).toContain('1900 54 54 81');
    expect(webhook.received).toHaveLength(1);
    const key = `citizen/handoffs/${hashId('emulator', 'webhook-down')}`;
    expect((await bot.app.storage.read([key]))[key]).toMatchObject({ status: 'failed', error: expect.stringMatching(/webhook/u) });
    const [news] = await ask(bot.url, 'webhook-down', 'tin mới nhất');
    expect(meta(news)?.intent).toBe('news');
  });
});

describe('offers of a handoff', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('after the second failed answer in a row (not the first), with no person reachable, offers the hotline and a ticket', async () => {
    const first = await ask(bot.url, 'failures', 'kết quả xổ số miền bắc hôm qua');
    expect(first.map((r) => meta(r)?.intent)).toEqual(['fallback']);
    const second = await ask(bot.url, 'failures', 'lịch chiếu phim rạp quốc gia hôm nay');
    expect(second.map((r) => meta(r)?.intent)).toEqual(['fallback', 'helpOffer']);
    expect(actionTitles(second[1])).toEqual(['Gọi 1900 54 54 81', 'Gửi góp ý – khiếu nại']);
    expect(second[1]!.text).not.toContain('gặp nhân viên');
  });

  it('counts a follow-up to a question that found nothing as the second failure, and offers more help', async () => {
    const first = await ask(bot.url, 'missed-follow-up', 'kết quả xổ số miền bắc hôm qua');
    expect(first.map((r) => meta(r)?.intent)).toEqual(['fallback']);
    const second = await ask(bot.url, 'missed-follow-up', 'thế ông ấy là ai?');
    expect(second.map((r) => meta(r)?.intent)).toEqual(['fallback', 'helpOffer']);
    expect(second[0]!.text).toContain('1900 54 54 81');
  });

  it('does not take a question about people for a handoff request', async () => {
    const [reply] = await ask(bot.url, 'not-handoff', 'bưu tá không gặp người nhận thì sao');
    expect(meta(reply)?.intent).not.toMatch(/^handoff/u);
  });

  it('offers more help to an angry citizen, after answering', async () => {
    const replies = await ask(bot.url, 'angry', 'SỐ TỔNG ĐÀI LÀ GÌ, CHỜ MÃI KHÔNG AI NGHE!!!');
    expect(replies.map((r) => meta(r)?.intent)).toEqual([expect.not.stringMatching(/Offer$/u), 'helpOffer']);
  });
});
