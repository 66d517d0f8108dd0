// End to end through the real server: restify on an ephemeral port, lowdb files in a temp folder,
// HTTP to /api/messages as the Emulator sends it.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionTitles, activity, ask, carriesOutcome, exchange, meta, startBot, tempDir, type TestBot } from './helpers/botServer.js';
import { startFakeConnector, type FakeConnector } from './helpers/fakeConnector.js';

const FIXTURE_ARTICLES = path.resolve(import.meta.dirname, 'fixtures/articles');

describe('the service', () => {
  let bot: TestBot;
  let connector: FakeConnector;

  beforeAll(async () => {
    bot = await startBot();
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await bot.dispose();
    await connector.close();
  });

  it('GET /healthz reports the knowledge version, counts and uptime', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', knowledge: { version: expect.stringMatching(/^[0-9a-f]{12}$/u), articles: 1 } });
    expect(body.knowledge.entries).toBeGreaterThan(10);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('welcomes a citizen who joins, with the menu as suggested actions', async () => {
    const replies = await exchange(
      bot.url,
      activity('welcome', {
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [
          { id: 'bot', name: 'bot' },
          { id: 'user-welcome', name: 'Citizen' },
        ],
      }),
    );
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/^Dạ, xin chào Quý khách! Bot là trợ lý tự động/u);
    // The July 2025 merger, and no current name of the post office (unconfirmed).
    expect(replies[0].text).toContain('tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên');
    expect(actionTitles(replies[0])).toEqual(['Dịch vụ', 'Tin tức – thông báo', 'Hotline', 'Tra cứu bưu gửi', 'Góp ý – khiếu nại']);
  });

  it('does not greet the bot itself joining', async () => {
    const replies = await exchange(
      bot.url,
      activity('bot-joins', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'bot', name: 'bot' }] }),
    );
    expect(replies).toEqual([]);
  });

  it('answers the hotline question typed without diacritics, with a tap-to-call action and the source', async () => {
    const [reply] = await ask(bot.url, 'hotline', 'tong dai buu dien');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    // What the turn did stays on the server.
    expect(carriesOutcome([reply])).toBe(false);
    expect(reply.text).toContain('1900 54 54 81');
    // The source is a short titled link (Markdown), not a raw URL that fills four lines on a phone.
    expect(reply.text).toMatch(/\n\nNguồn: \[Vietnam Post \(vnpost\.vn\), Hot line 1900 54 54 81\]\(http:\/\/www\.vnpost\.vn\/\S+\)$/u);
    expect(reply.suggestedActions?.actions[0]).toMatchObject({ type: 'call', value: 'tel:1900545481' });
  });

  it('answers a question about the article with the sentence holding the figure, citing title and date', async () => {
    const [reply] = await ask(bot.url, 'article', 'doanh thu năm 2020 của bưu điện tỉnh là bao nhiêu');
    expect(meta(reply)?.intent).toBe('answer');
    expect(reply.text).toContain('114 tỷ đồng');
    expect(reply.text).not.toContain('Ba Bể');
    expect(reply.text).toContain('“Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021”, 23/12/2020');
  });

  it('gives an entry its follow-up prompts as suggested actions', async () => {
    const [reply] = await ask(bot.url, 'followups', 'gui buu kien toi da bao nhieu kg');
    expect(meta(reply)?.answerId).toBe('parcel-post');
    expect(reply.text).toContain('30 kg');
    expect(actionTitles(reply)).toEqual(expect.arrayContaining(['Tra cứu bưu gửi', 'Cước phí']));
  });

  it('is honest about what it does not know, and gives the hotline', async () => {
    const [reply] = await ask(bot.url, 'unknown', 'giá vé máy bay đi Hà Nội tuần sau');
    expect(meta(reply)?.intent).toBe('fallback');
    expect(reply.text).toContain('1900 54 54 81');
  });

  it('shows no source for an answer that only says a fact is unconfirmed', async () => {
    const [reply] = await ask(bot.url, 'unconfirmed', 'buu dien mo cua may gio');
    expect(meta(reply)?.answerId).toBe('office-address');
    expect(reply.text).toContain('chưa có thông tin đã được xác nhận');
    expect(reply.text).not.toContain('Nguồn');
  });

  it('reads "kể kỹ hơn", "nói rõ hơn" as asking for more, not as words of the topic', async () => {
    const [reply] = await ask(bot.url, 'elaborate', 'nói rõ hơn về tài chính bưu chính');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'financial-services' });
  });

  it('answers, unsure, with the entry titled with the brand the question names, when it is the only one to offer', async () => {
    const [reply] = await ask(bot.url, 'brand', 'Postmart.vn là trang gì vậy?');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'postmart' });
    expect(meta(reply)!.confidence).toBeLessThan(0.6);
  });

  it('says at once that a fact is unconfirmed when that is all a did-you-mean could offer', async () => {
    // Unsure (confidence in the did-you-mean band), and every option is an unconfirmed fact: no options to tap.
    const [reply] = await ask(bot.url, 'unsure-unconfirmed', 'Buổi trưa bưu điện có đóng cửa không?');
    expect(meta(reply)).toMatchObject({ intent: 'fallback', answerId: 'office-address', unconfirmed: true });
    expect(meta(reply)!.confidence).toBeLessThan(0.6);
    expect(reply.text).toContain('1900 54 54 81');
    expect(reply.text).not.toContain('có phải Quý khách muốn hỏi');
    expect(actionTitles(reply)).toContain('Gọi 1900 54 54 81');
    // Where one option is a confirmed answer, the citizen still chooses.
    const [choice] = await ask(bot.url, 'unsure-mixed', 'chuyển tền qua bưu điện được không');
    expect(meta(choice)?.intent).toBe('clarify');
  });

  it('never reflects markup back', async () => {
    const replies = await ask(bot.url, 'markup', '<script>alert(1)</script> <b>xin</b>');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.text ?? '').not.toMatch(/<script|<b>/iu);
  });

  it('answers in English where the knowledge has English', async () => {
    const [reply] = await ask(bot.url, 'english', 'what is the hotline number');
    expect(reply.text).toMatch(/^Vietnam Post's customer-care hotline is 1900 54 54 81/u);
    const [help] = await ask(bot.url, 'english', 'help');
    expect(actionTitles(help)).toContain('Track a parcel');
  });

  it('lists the latest news with dates, and says plainly when a period has none', async () => {
    const [latest] = await ask(bot.url, 'news', 'tin mới nhất');
    // The full titles in a numbered list; the buttons are short and send the full title.
    expect(latest.text).toBe('Dạ, đây là các bài viết mới nhất:\n\n1. Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021 (23/12/2020)');
    expect(latest.suggestedActions?.actions).toEqual([
      { type: 'imBack', title: 'Đọc bài 1', value: 'Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021' },
    ]);
    const [december] = await ask(bot.url, 'news', 'thông báo tháng 12/2020');
    expect(december.text).toMatch(/^Dạ, đây là các bài viết được đăng trong tháng 12\/2020:\n\n1\. .*23\/12\/2020/u);
    const [none] = await ask(bot.url, 'news', 'tin tức tháng 5/2019');
    expect(none.text).toBe('Dạ, trong tháng 5/2019 không có bài viết nào được đăng ạ.');
    const [today] = await ask(bot.url, 'news', 'hôm nay có tin gì mới không');
    expect(today.text).toBe('Dạ, hôm nay chưa có bài viết nào được đăng ạ.');
  });

  it('opens an article by its title (a tapped news button): lead paragraph, date and source', async () => {
    const [reply] = await ask(bot.url, 'by-title', 'buu dien tinh bac kan trien khai ke hoach nam 2021');
    expect(meta(reply)).toMatchObject({ intent: 'article', answerId: '2020-12-23-buu-dien-tinh-bac-kan-trien-khai-ke-hoach-nam-2021' });
    expect(reply.text).toMatch(
      /^Dạ, đây là bài viết “Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021” \(23\/12\/2020\):\n\nNgày 23\/12, Bưu điện tỉnh tổ chức Hội nghị/u,
    );
    expect(reply.text).toContain('Nguồn: “Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021”, 23/12/2020');
  });

  it('answers a message with no text politely', async () => {
    const replies = await exchange(
      bot.url,
      activity('no-text', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }] }),
    );
    expect(replies[0].text).toMatch(/chỉ đọc được tin nhắn chữ/u);
  });

  it('sends replies to the connector at serviceUrl when not asked for expectReplies', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity('connector', { serviceUrl: connector.serviceUrl, text: 'số hotline' })),
    });
    expect(response.status).toBe(200);
    const [received] = await connector.waitFor('connector', 1);
    expect(received.path).toMatch(/^\/v3\/conversations\/connector\/activities\/a\d+$/u);
    expect(received.activity.text).toContain('1900 54 54 81');
    expect(received.activity.replyToId).toMatch(/^a\d+$/u);
  });

  it('rejects malformed requests with 4xx and keeps serving', async () => {
    const post = (body: string, type = 'application/json'): Promise<Response> =>
      fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{"type": "message", ')).status).toBe(400);
    expect((await post('x'.repeat(300 * 1024))).status).toBe(413);
    expect((await post('{}')).status).toBeGreaterThanOrEqual(400);
    const [reply] = await ask(bot.url, 'after-bad', 'số hotline');
    expect(reply.text).toContain('1900 54 54 81');
  });
});

describe('restart in the middle of a conversation', () => {
  it('continues the news listing where it was after the server restarts', async () => {
    const dataDir = tempDir('data');
    let bot = await startBot({ dataDir });
    for (const file of readdirSync(FIXTURE_ARTICLES))
      copyFileSync(path.join(FIXTURE_ARTICLES, file), path.join(bot.knowledgeDir, 'articles', file));
    await bot.app.knowledge.reloadIfChanged();
    const [page1] = await ask(bot.url, 'paging', 'tin mới nhất');
    expect(page1.text).toContain('1. Bản tin kiểm thử số 3 (03/06/2021)');
    expect(actionTitles(page1)).toContain('Xem thêm');
    await bot.stop();

    bot = await startBot({ dataDir, knowledgeDir: bot.knowledgeDir });
    const [page2] = await ask(bot.url, 'paging', 'xem thêm');
    expect(page2.text).toContain('4. Thông báo thử nghiệm về lịch tiếp nhận bưu gửi dịp lễ (15/03/2021)');
    expect(page2.text).toContain('5. Bưu điện tỉnh Bắc Kạn triển khai kế hoạch năm 2021 (23/12/2020)');
    await bot.dispose();
  });

  it('starts afresh, and answers, when the saved dialog stack names a dialog this version does not have', async () => {
    const bot = await startBot();
    // As the previous version left a conversation in the middle of a flow: its root dialog was "mainDialog".
    await bot.app.storage.write({
      'emulator/conversations/upgraded/': { DialogState: { dialogStack: [{ id: 'mainDialog', state: { dialogs: {} } }] }, eTag: '*' },
    });
    const [reply] = await ask(bot.url, 'upgraded', 'tong dai buu dien');
    expect(meta(reply)).toMatchObject({ intent: 'answer', answerId: 'hotline' });
    const [next] = await ask(bot.url, 'upgraded', 'Góp ý – khiếu nại');
    expect(meta(next)?.intent).toBe('ticket');
    await bot.dispose();
  });
});

describe('knowledge hot reload', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.dispose());

  const health = async (): Promise<{ knowledge: { version: string; articles: number } }> => (await fetch(`${bot.url}/healthz`)).json();
  const until = async (condition: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 100));
  };

  it('answers from a new article within seconds, without a restart', async () => {
    const before = await health();
    copyFileSync(path.join(FIXTURE_ARTICLES, '2021-03-15-test-thong-bao-nghi-le.txt'), path.join(bot.knowledgeDir, 'articles', 'new.txt'));
    await until(async () => (await health()).knowledge.articles === 2);
    const after = await health();
    expect(after.knowledge.articles).toBe(2);
    expect(after.knowledge.version).not.toBe(before.knowledge.version);
    const [reply] = await ask(bot.url, 'reload', 'lịch tiếp nhận bưu gửi của đơn vị mẫu Hoa Sen');
    expect(reply.text).toContain('Hoa Sen');
    expect(reply.text).toContain('15/03/2021');
  });

  it('keeps serving the last good version when a file breaks', async () => {
    const { knowledge } = await health();
    const file = path.join(bot.knowledgeDir, 'entries', 'hotline.json');
    const problems: string[] = [];
    bot.app.knowledge.on('rejected', (e) => problems.push(...e.problems.map((p) => `${p.file}:${p.line}`)));
    writeFileSync(file, readFileSync(file, 'utf8').replace('"id": "hotline",', '"id": "hotline"'));
    await until(async () => problems.length > 0);
    expect(problems).toContain('entries/hotline.json:6');
    expect((await health()).knowledge.version).toBe(knowledge.version);
    const [reply] = await ask(bot.url, 'broken', 'so tong dai');
    expect(reply.text).toContain('1900 54 54 81');
  });
});

describe('with Bot Framework credentials set', () => {
  it('rejects a request without a valid token with 401, and the bot does not run', async () => {
    const bot = await startBot({
      env: {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
      },
    });
    const connector = await startFakeConnector();
    try {
      const body = JSON.stringify(activity('auth', { serviceUrl: connector.serviceUrl, text: 'số hotline' }));
      const bare = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(bare.status).toBe(401);
      const forged = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' },
        body,
      });
      expect(forged.status).toBe(401);
      expect(connector.received).toEqual([]);
    } finally {
      await bot.dispose();
      await connector.close();
    }
  });
});
