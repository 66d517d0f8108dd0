// The Zalo pieces on their own: chunking, numbered rendering, the signature, settings, and the token
// refresh on expiry (with a clock the test controls, against the fake Zalo).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActionTypes, CardFactory, MemoryStorage } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { loadZaloConfig } from '../src/config/zalo.js';
import { markdownLink } from '../src/replies/activities.js';
import { ChoiceMemory, renderNumbered } from '../src/channels/zalo/numberedChoices.js';
import { OaTokens } from '../src/channels/zalo/oa/oaTokens.js';
import { verifyOaSignature } from '../src/channels/zalo/oa/signature.js';
import { splitText } from '../src/channels/textChunks.js';
import { ZALO_TEXT_LIMIT } from '../src/channels/zalo/zaloAdapter.js';
import { ConfigError } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startZaloFake, zaloMac, type ZaloFake } from './helpers/zaloFake.js';

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('Dạ, xin chào.', ZALO_TEXT_LIMIT)).toEqual(['Dạ, xin chào.']);
  });

  it('cuts after the last sentence end that fits', () => {
    expect(splitText('Câu một. Câu hai! Câu ba?', 20)).toEqual(['Câu một. Câu hai!', 'Câu ba?']);
  });

  it('falls back to a space, then to a hard cut, never exceeding the limit', () => {
    expect(splitText('một hai ba bốn năm sáu', 10)).toEqual(['một hai ba', 'bốn năm', 'sáu']);
    expect(splitText('một hai ba bốn', 9)).toEqual(['một hai', 'ba bốn']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('does not cut inside a surrogate pair', () => {
    const parts = splitText(`${'a'.repeat(9)}😀b`, 10);
    expect(parts).toEqual(['a'.repeat(9), '😀b']);
  });
});

describe('renderNumbered', () => {
  it('numbers the actions that send text and lists the others', () => {
    const rendered = renderNumbered({
      type: 'message',
      text: 'Dạ, Quý khách cần gì ạ?',
      suggestedActions: {
        to: [],
        actions: [
          { type: ActionTypes.ImBack, title: 'Dịch vụ', value: 'Dịch vụ' },
          { type: ActionTypes.Call, title: 'Gọi 1900 54 54 81', value: 'tel:1900545481' },
          { type: ActionTypes.OpenUrl, title: 'Trang web', value: 'https://vnpost.vn' },
          { type: ActionTypes.ImBack, title: 'Hotline', value: 'Hotline' },
        ],
      },
    });
    expect(rendered.choices).toEqual(['Dịch vụ', 'Hotline']);
    expect(rendered.text).toBe(
      'Dạ, Quý khách cần gì ạ?\n\nQuý khách gõ số tương ứng để chọn:\n1. Dịch vụ\n2. Hotline\n\n• Gọi 1900 54 54 81\n• Trang web: https://vnpost.vn',
    );
  });

  it('renders a hero card and hints in English for a reply whose locale is English', () => {
    const card = CardFactory.heroCard('Services', undefined, [{ type: ActionTypes.ImBack, title: 'Parcels', value: 'Parcel post' }]);
    const rendered = renderNumbered({ type: 'message', text: 'What do you need?', locale: 'en-US', attachments: [card] });
    expect(rendered.text).toBe('What do you need?\n\nServices\n\nReply with a number to choose:\n1. Parcels');
    expect(rendered.choices).toEqual(['Parcel post']);
  });

  it('shows the bot\'s Markdown links as "title: url", since Zalo shows text as typed', () => {
    const link = markdownLink('Vietnam Post [VNPost]', 'http://www.vnpost.vn/a(b)');
    const rendered = renderNumbered({ type: 'message', text: `Dạ, …\n\nNguồn: ${link}` });
    expect(rendered.text).toBe('Dạ, …\n\nNguồn: Vietnam Post [VNPost]: http://www.vnpost.vn/a%28b%29');
  });

  it('leaves out a call line when the text already shows the number', () => {
    const rendered = renderNumbered({
      type: 'message',
      text: 'Quý khách vui lòng gọi 1900 54 54 81.',
      suggestedActions: { to: [], actions: [{ type: ActionTypes.Call, title: 'Gọi 1900 54 54 81', value: 'tel:1900545481' }] },
    });
    expect(rendered.text).toBe('Quý khách vui lòng gọi 1900 54 54 81.');
  });
});

describe('ChoiceMemory', () => {
  it('resolves a bare number in range, and forgets the choices when a message without any is sent', async () => {
    const memory = new ChoiceMemory(new MemoryStorage(), 'zalo');
    await memory.remember('u1', ['Dịch vụ', 'Hotline']);
    expect(await memory.resolve('u1', ' 2 ')).toBe('Hotline');
    expect(await memory.resolve('u1', '2.')).toBe('Hotline');
    expect(await memory.resolve('u1', '3')).toBeUndefined();
    expect(await memory.resolve('u1', '2 cái')).toBeUndefined();
    expect(await memory.resolve('u2', '1')).toBeUndefined();
    await memory.remember('u1', []);
    expect(await memory.resolve('u1', '1')).toBeUndefined();
  });
});

describe('verifyOaSignature', () => {
  const event = { app_id: '123', timestamp: '1699003881354', oa_id: '999' };
  const raw = '{"app_id":"123","timestamp":"1699003881354"}';

  it('accepts Zalo’s mac over app_id + raw body + timestamp + OA secret key, and nothing else', () => {
    expect(verifyOaSignature(zaloMac('123', raw, '1699003881354', 'secret'), raw, event, 'secret')).toBe(true);
    expect(
      verifyOaSignature(zaloMac('123', raw, '1699003881354', 'secret').toUpperCase().replace('MAC=', 'mac='), raw, event, 'secret'),
    ).toBe(true);
    expect(verifyOaSignature(zaloMac('123', raw, '1699003881354', 'other'), raw, event, 'secret')).toBe(false);
    expect(verifyOaSignature(zaloMac('123', `${raw} `, '1699003881354', 'secret'), raw, event, 'secret')).toBe(false);
    expect(verifyOaSignature(undefined, raw, event, 'secret')).toBe(false);
    expect(verifyOaSignature(zaloMac('123', raw, '1699003881354', 'secret'), raw, { app_id: '123' }, 'secret')).toBe(false);
  });
});

describe('loadZaloConfig', () => {
  it('is off without settings, and names the missing variable when set up halfway', () => {
    expect(loadZaloConfig({}, '/data')).toEqual({ oa: undefined, bot: undefined });
    expect(() => loadZaloConfig({ ZALO_OA_APP_ID: '1', ZALO_OA_SECRET_KEY: 's' }, '/data')).toThrow(/ZALO_APP_SECRET/u);
    expect(() => loadZaloConfig({ ZALO_BOT_SECRET_TOKEN: 'long-enough' }, '/data')).toThrow(ConfigError);
    expect(() => loadZaloConfig({ ZALO_BOT_TOKEN: '1:x', ZALO_BOT_SECRET_TOKEN: 'short' }, '/data')).toThrow(/ZALO_BOT_SECRET_TOKEN/u);
    expect(() => loadZaloConfig({ ZALO_BOT_TOKEN: '1:x', ZALO_BOT_API_URL: 'ftp://x' }, '/data')).toThrow(/ZALO_BOT_API_URL/u);
  });

  it('uses Zalo’s hosts by default and keeps the tokens in DATA_DIR', () => {
    const { oa, bot } = loadZaloConfig(
      { ZALO_OA_APP_ID: '1', ZALO_OA_SECRET_KEY: 's', ZALO_APP_SECRET: 'a', ZALO_OA_REFRESH_TOKEN: 'r', ZALO_BOT_TOKEN: '1:x' },
      '/data',
    );
    expect(oa).toMatchObject({
      apiUrl: 'https://openapi.zalo.me',
      oauthUrl: 'https://oauth.zaloapp.com',
      tokenFile: path.join('/data', 'zalo-oa-tokens.json'),
    });
    expect(bot).toEqual({ token: '1:x', secretToken: undefined, apiUrl: 'https://bot-api.zaloplatforms.com' });
  });
});

describe('OaTokens', () => {
  let fake: ZaloFake | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refreshes once when expires_in runs out, and sends concurrent callers through one refresh', async () => {
    fake = await startZaloFake({ accessToken: 'access-0', refreshToken: 'refresh-0' });
    dir = mkdtempSync(path.join(tmpdir(), 'zalo-tokens-'));
    let now = 1_000_000;
    const config = loadZaloConfig(
      {
        ZALO_OA_APP_ID: fake.oa.appId,
        ZALO_OA_SECRET_KEY: 's',
        ZALO_APP_SECRET: fake.oa.appSecret,
        ZALO_OA_REFRESH_TOKEN: 'refresh-0',
        ZALO_OAUTH_URL: fake.url,
      },
      dir,
    ).oa!;
    const tokens = await OaTokens.open(config, createLogger('silent'), () => now);

    // No access token configured: the first call refreshes, and two callers share that refresh.
    const [first, second] = await Promise.all([tokens.accessToken(), tokens.accessToken()]);
    expect(first).toBe(second);
    expect(fake.oa.refreshes).toBe(1);
    expect(await tokens.accessToken()).toBe(first);

    // The fake grants 90,000 s; a minute before that the token is replaced.
    now += 90_000_000 - 59_000;
    const renewed = await tokens.accessToken();
    expect(renewed).not.toBe(first);
    expect(fake.oa.refreshes).toBe(2);
    const stored = JSON.parse(readFileSync(config.tokenFile, 'utf8')) as { refreshToken: string; seed: string };
    expect(fake.oa.refreshTokens.has(stored.refreshToken)).toBe(true);
    expect(stored.seed).toBe('refresh-0');

    // A new token in the environment (the app re-authorised) wins over the stored chain.
    const reauthorised = await OaTokens.open(
      { ...config, refreshToken: 'refresh-new', accessToken: 'access-new' },
      createLogger('silent'),
      () => now,
    );
    expect(await reauthorised.accessToken()).toBe('access-new');
    expect(fake.problems).toEqual([]);
  });
});
