// What the service tells its operators, and what it never tells anyone: one pino line per turn (channel,
// intent, confidence, latency; text only with LOG_TEXT=1 and phone numbers masked even then), GET
// /metrics in Prometheus format behind an optional token compared in constant time, and no credential
// or phone number in any log line.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { bearerToken, secretsEqual } from '../src/http/secrets.js';
import { createApp, type App } from '../src/app.js';
import { activity, ask, exchange, FIXTURE_KNOWLEDGE } from './helpers/botServer.js';

const PHONE = '0912 345 678';
const METRICS_TOKEN = 'metrics-token-3b9f0c-0123456789abcdef';
const dirs: string[] = [];

interface Logged {
  app: App;
  url: string;
  lines: () => Record<string, unknown>[];
  raw: () => string;
}

async function start(env: Record<string, string>): Promise<Logged> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-obs-'));
  const knowledgeDir = mkdtempSync(path.join(tmpdir(), 'hotline-obs-kb-'));
  cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true });
  dirs.push(dataDir, knowledgeDir);
  const out: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void out.push(line) });
  const app = await createApp(loadConfig({ PORT: '0', DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, ...env }), log);
  const port = await app.listen(0);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => out.join(''),
  };
}

const turnLines = (logged: Logged): Record<string, unknown>[] =>
  logged
    .lines()
    .filter((l) => l.msg === 'turn')
    .map((l) => l.turn as Record<string, unknown>);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('per-turn log lines', () => {
  it('logs one line per turn with channel, intent, confidence and latency, and no text or phone number', async () => {
    const logged = await start({ MicrosoftAppId: '', METRICS_TOKEN });
    try {
      await ask(logged.url, 'log-a', 'tong dai buu dien');
      await ask(logged.url, 'log-a', `số của tôi là ${PHONE}, gọi lại giúp`);
      await exchange(
        logged.url,
        activity('log-b', { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-log-b', name: 'C' }] }),
      );
      const turns = turnLines(logged);
      expect(turns).toHaveLength(3);
      expect(turns[0]).toMatchObject({
        channel: 'emulator',
        type: 'message',
        intent: 'answer',
        answerId: 'hotline',
        confidence: expect.any(Number),
        latencyMs: expect.any(Number),
      });
      expect(turns[2]).toMatchObject({ channel: 'emulator', type: 'conversationUpdate', intent: 'welcome' });
      expect(turns[0]!.conversation).toMatch(/^[0-9a-f]{12}$/u); // a pseudonym, not the id
      for (const turn of turns) expect(turn.text).toBeUndefined();
      expect(logged.raw()).not.toMatch(/0912\s?345\s?678|tong dai buu dien|log-a/u);
    } finally {
      await logged.app.close();
    }
  });

  it('adds the text with LOG_TEXT=1, phone numbers masked', async () => {
    const logged = await start({ LOG_TEXT: '1' });
    try {
      await ask(logged.url, 'log-text', `số của tôi là ${PHONE}`);
      const [turn] = turnLines(logged);
      expect(turn!.text).toMatch(/^số của tôi là 091\*\*\*78$/u);
      expect(logged.raw()).not.toContain(PHONE);
      // The usual ways of writing a Vietnamese number, each masked.
      const writings = ['(098) 7654321', '098.765.4321', '+84 98 765 4321', '0987 654 321', '(+84) 987-654-321', '0209 3870 123'];
      for (const [i, phone] of writings.entries()) await ask(logged.url, `log-text-${i}`, `sđt ${phone} nhé`);
      const texts = turnLines(logged)
        .slice(1)
        .map((t) => t.text);
      expect(texts).toEqual([
        'sđt 098***21 nhé',
        'sđt 098***21 nhé',
        'sđt 849***21 nhé',
        'sđt 098***21 nhé',
        'sđt 849***21 nhé',
        'sđt 020***23 nhé',
      ]);
      expect(logged.raw()).not.toMatch(/7654321|765\.4321|765 4321|654 321|654-321|3870 123/u);
    } finally {
      await logged.app.close();
    }
  });
});

describe('GET /metrics', () => {
  it('serves turns by intent, the latency histogram, unanswered questions and errors by route, behind its token', async () => {
    const logged = await start({ METRICS_TOKEN });
    try {
      await ask(logged.url, 'm', 'tong dai buu dien');
      await ask(logged.url, 'm', 'zzqx vvbn kkpl');
      await fetch(`${logged.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
      expect((await fetch(`${logged.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${logged.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-3b9f0X' } })).status).toBe(401);
      const response = await fetch(`${logged.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(/^hotline_turns_total\{channel="emulator",intent="answer"\} 1$/mu);
      expect(text).toMatch(/^hotline_turns_total\{channel="emulator",intent="fallback"\} 1$/mu);
      expect(text).toMatch(/^hotline_unanswered_total\{channel="emulator"\} 1$/mu);
      expect(text).toMatch(/^hotline_turn_duration_seconds_count\{channel="emulator"\} 2$/mu);
      expect(text).toMatch(/^hotline_http_errors_total\{route="\/api\/messages",status="400"\} 1$/mu);
      expect(text).toMatch(/^process_resident_memory_bytes \d+/mu);
      expect(logged.raw()).not.toContain(METRICS_TOKEN);
    } finally {
      await logged.app.close();
    }
  });
});

describe('settings', () => {
  it('stop the start with a message naming the variable', () => {
    expect(() => loadConfig({ RATE_LIMIT_USER_PER_MINUTE: '-1' })).toThrow(/^RATE_LIMIT_USER_PER_MINUTE: must be a whole number from 0/u);
    expect(() => loadConfig({ RATE_LIMIT_IP_PER_MINUTE: 'lots' })).toThrow(/^RATE_LIMIT_IP_PER_MINUTE: /u);
    expect(() => loadConfig({ STATE_TTL_MINUTES: '1.5' })).toThrow(/^STATE_TTL_MINUTES: /u);
    expect(() => loadConfig({ LOG_TEXT: 'yes' })).toThrow(/^LOG_TEXT: must be 1 or 0/u);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/^TRUST_PROXY: must be a whole number from 0 to 10/u);
    expect(() => loadConfig({ PUBLIC_URL: 'bot.example.vn' })).toThrow(/^PUBLIC_URL: /u);
    expect(loadConfig({ TRUST_PROXY: '2', PUBLIC_URL: 'https://bot.example.vn/' })).toMatchObject({
      rateLimit: { trustProxy: 2 },
      publicUrl: 'https://bot.example.vn',
    });
    expect(loadConfig({})).toMatchObject({
      storage: { kind: 'lowdb', conversationTtlMinutes: 1440 },
      rateLimit: { userPerMinute: 30, ipPerMinute: 300, trustProxy: 0, tokensPerIpPerMinute: 20 },
      logText: false,
      publicUrl: '',
    });
  });
});

describe('secrets', () => {
  it('compares secrets whole: equal only when identical and non-empty, whatever the lengths', () => {
    expect(secretsEqual('s3cret', 's3cret')).toBe(true);
    expect(secretsEqual('s3creT', 's3cret')).toBe(false);
    expect(secretsEqual('s3cret-and-more', 's3cret')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
    expect(secretsEqual(undefined, 's3cret')).toBe(false);
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeUndefined();
  });

  it('never logs the bot password or an Authorization header, even on a refused request', async () => {
    const password = 'app-password-9Zq!';
    const logged = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: password, METRICS_TOKEN });
    try {
      const response = await fetch(`${logged.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer forged.token.value' },
        body: JSON.stringify(activity('auth', { text: 'hi' })),
      });
      expect(response.status).toBe(401);
      expect(logged.raw()).not.toContain(password);
      expect(logged.raw()).not.toContain('forged.token.value');
    } finally {
      await logged.app.close();
    }
  });
});
