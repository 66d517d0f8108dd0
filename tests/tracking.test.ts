// Parcel tracking end to end through /api/messages: S10 codes found anywhere in a message, checked, and
// answered with the tracking link only; invalid codes explained; "tra cứu bưu gửi" without a code asks for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTrackingCodes, s10CheckDigit } from '../src/understanding/trackingCodes.js';
import { ask, meta, startBot, type TestBot } from './helpers/botServer.js';

const LINK = 'https://www.vnpost.vn/vi-vn/dinh-vi/buu-pham?key=';

describe('S10 codes', () => {
  it('computes the check digit of the published vectors, with 10 → 0 and 11 → 5', () => {
    expect(s10CheckDigit('72447620')).toBe(4);
    expect(s10CheckDigit('47110815')).toBe(1);
    expect(s10CheckDigit('00004000')).toBe(0); // sum 12 ≡ 1 → 10 → 0
    expect(s10CheckDigit('00000000')).toBe(5); // sum 0 → 11 → 5
  });

  it('finds codes in any case, with spaces or dashes, and leaves phone numbers alone', () => {
    expect(findTrackingCodes('mã cq 724 476 204 vn và EE-47110815-1-FR').map((c) => c.code)).toEqual(['CQ724476204VN', 'EE471108151FR']);
    expect(findTrackingCodes('số 0912345678 là của tôi')).toEqual([]);
    expect(findTrackingCodes('CQ72447620VN')[0]).toMatchObject({ valid: false, problem: 'length', digits: 8 });
    expect(findTrackingCodes('C1724476204VN')[0]).toMatchObject({ valid: false, problem: 'letters' });
    expect(findTrackingCodes('CQ724476205VN')[0]).toMatchObject({ valid: false, problem: 'checkDigit' });
  });
});

describe('tracking through /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  it('answers each valid code in a message with its tracking link and claims no status', async () => {
    const [reply] = await ask(bot.url, 'track-two', 'Cho mình hỏi 2 đơn cq-724476204-vn và EE 471 108 151 FR đang ở đâu');
    expect(meta(reply)?.intent).toBe('tracking');
    expect(reply!.text).toContain(`${LINK}CQ724476204VN`);
    expect(reply!.text).toContain(`${LINK}EE471108151FR`);
    expect(reply!.text).toContain('không xem được trạng thái');
    // Each code a list item with a titled link; the note a paragraph of its own, so no link runs into it.
    expect(reply!.text).toBe(
      `Dạ, bot đã kiểm tra mã bưu gửi:\n\n- Mã CQ724476204VN hợp lệ: [xem hành trình bưu gửi](${LINK}CQ724476204VN)\n` +
        `- Mã EE471108151FR hợp lệ: [xem hành trình bưu gửi](${LINK}EE471108151FR)\n\n` +
        'Bot không xem được trạng thái của bưu gửi; hành trình do trang tra cứu của Bưu điện Việt Nam cung cấp.',
    );
    expect(reply!.text).not.toMatch(/đã giao|đang vận chuyển|đã phát/u);
    expect(reply!.suggestedActions?.actions.map((a) => [a.type, a.value])).toEqual([
      ['openUrl', `${LINK}CQ724476204VN`],
      ['openUrl', `${LINK}EE471108151FR`],
    ]);
  });

  it('explains what is wrong with an invalid code, gives an example, and takes the corrected one', async () => {
    const [wrongDigit] = await ask(bot.url, 'track-fix', 'CQ724476205VN');
    expect(wrongDigit!.text).toContain('số kiểm tra không khớp');
    expect(wrongDigit!.text).toContain('ví dụ CQ724476204VN');
    expect(wrongDigit!.text).not.toContain(LINK);
    const [tooShort] = await ask(bot.url, 'track-fix', 'CQ72447620VN');
    expect(tooShort!.text).toContain('có 8 chữ số');
    const [letters] = await ask(bot.url, 'track-fix', '724476204VN');
    expect(letters!.text).toContain('2 chữ cái');
    const [fixed] = await ask(bot.url, 'track-fix', 'CQ724476204VN');
    expect(fixed!.text).toContain(`${LINK}CQ724476204VN`);
  });

  it('asks for the code when there is none, and answers the code sent next', async () => {
    const [prompt] = await ask(bot.url, 'track-ask', 'tra cứu bưu gửi');
    expect(meta(prompt)?.intent).toBe('tracking');
    expect(prompt!.text).toContain('mã bưu gửi');
    const [answer] = await ask(bot.url, 'track-ask', 'ma la cq724476204vn a');
    expect(answer!.text).toContain(`${LINK}CQ724476204VN`);
  });

  it('lets the citizen leave: "hủy" cancels, and a question instead of a code is answered as a question', async () => {
    await ask(bot.url, 'track-cancel', 'tra cuu buu gui');
    const [cancelled] = await ask(bot.url, 'track-cancel', 'hủy');
    expect(meta(cancelled)?.intent).toBe('cancel');
    await ask(bot.url, 'track-leave', 'kiểm tra đơn hàng');
    const [news] = await ask(bot.url, 'track-leave', 'tin mới nhất');
    expect(meta(news)?.intent).toBe('news');
  });
});
