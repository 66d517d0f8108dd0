// A Zalo stand-in on 127.0.0.1 implementing, as ../shared/docs/zalo.md documents them:
// - OA Open API v3  POST /v3.0/oa/message/cs   (access_token header, {recipient:{user_id}, message:{text ≤ 2000}})
// - OAuth v4        POST /v4/oa/access_token    (form body, secret_key header, single-use refresh tokens)
// - Bot Platform    POST /bot<TOKEN>/<method>   (sendMessage, sendChatAction, getUpdates, deleteWebhook)
// It answers with Zalo's envelopes and error codes, and writes every departure from the protocol into
// `problems`, which the tests expect to stay empty. Every request is kept in `requests`.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface OaSent {
  userId: string;
  text: string;
  accessToken: string;
}

export interface BotSent {
  method: string;
  body: Record<string, unknown>;
}

export interface ZaloFake {
  url: string;
  requests: FakeRequest[];
  problems: string[];
  oa: {
    appId: string;
    appSecret: string;
    oaSecretKey: string;
    /** Messages accepted by /message/cs. */
    sent: OaSent[];
    /** Every /message/cs call, accepted or not. */
    attempts: OaSent[];
    /** Successful token refreshes. */
    refreshes: number;
    accessTokens: Set<string>;
    refreshTokens: Set<string>;
    /** Makes /message/cs answer this error for a user. */
    failFor(userId: string, error: number, message: string): void;
    /** Holds /message/cs answers until the returned function is called. */
    hold(): () => void;
  };
  bot: {
    token: string;
    calls: BotSent[];
    webhookUrl: string;
    /** Hands an update to the next (or the waiting) getUpdates. */
    queueUpdate(update: object): void;
  };
  /** Resolves once `check` holds after some request (or at once if it already does). */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** How Zalo signs an OA webhook (independent of the code under test). */
export function zaloMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`).digest('hex')}`;
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

let issued = 0;
const newToken = (kind: string): string => `${kind}-${++issued}-${Math.random().toString(36).slice(2, 10)}`;

export async function startZaloFake(options: { accessToken: string; refreshToken: string; botToken?: string }): Promise<ZaloFake> {
  const events = new EventEmitter();
  const requests: FakeRequest[] = [];
  const problems: string[] = [];
  const failures = new Map<string, { error: number; message: string }>();
  let held: Promise<void> | undefined;
  const updates: object[] = [];
  const pollers: Array<(update: object) => void> = [];

  const oa: ZaloFake['oa'] = {
    appId: '2553928453557884079',
    appSecret: 'app-secret-xyz',
    oaSecretKey: 'oa-secret-key-abc',
    sent: [],
    attempts: [],
    refreshes: 0,
    accessTokens: new Set([options.accessToken]),
    refreshTokens: new Set([options.refreshToken]),
    failFor: (userId, error, message) => void failures.set(userId, { error, message }),
    hold() {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
  };
  const bot: ZaloFake['bot'] = {
    token: options.botToken ?? '1234567890:fake-bot-secret',
    calls: [],
    webhookUrl: 'https://example.invalid/api/zalo/bot',
    queueUpdate(update) {
      const poller = pollers.shift();
      if (poller) poller(update);
      else updates.push(update);
    },
  };

  const problem = (text: string): void => void problems.push(text);

  async function messageCs(req: FakeRequest, res: ServerResponse): Promise<void> {
    const token = String(req.headers.access_token ?? '');
    if (!token) problem('message/cs without an access_token header');
    if (req.headers.authorization) problem('message/cs with an Authorization header (Zalo wants access_token)');
    if (!String(req.headers['content-type']).startsWith('application/json'))
      problem(`message/cs with content-type ${req.headers['content-type']}`);
    let body: { recipient?: { user_id?: unknown }; message?: { text?: unknown } };
    try {
      body = JSON.parse(req.body);
    } catch {
      problem('message/cs body is not JSON');
      return send(res, 200, { error: -201, message: 'body is invalid' });
    }
    const userId = body.recipient?.user_id;
    const text = body.message?.text;
    if (typeof userId !== 'string' || typeof text !== 'string' || !text) {
      problem(`message/cs body of the wrong shape: ${req.body}`);
      return send(res, 200, { error: -201, message: 'user_id or text is invalid' });
    }
    oa.attempts.push({ userId, text, accessToken: token });
    if (held) await held;
    if (!oa.accessTokens.has(token)) return send(res, 200, { error: -216, message: 'Access token is invalid' });
    if (text.length > 2000) {
      problem(`message/cs text of ${text.length} characters`);
      return send(res, 200, { error: -210, message: 'Parameter exceeds the limit' });
    }
    const failure = failures.get(userId);
    if (failure) return send(res, 200, failure);
    oa.sent.push({ userId, text, accessToken: token });
    send(res, 200, {
      error: 0,
      message: 'Success',
      data: { message_id: newToken('msg'), user_id: userId, quota: { quota_type: 'reply', remain: '7', total: '8' } },
    });
  }

  // The spec gives OAuth errors as {error, error_name, error_description} but lists no codes: these are stand-ins.
  function accessToken(req: FakeRequest, res: ServerResponse): void {
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      problem(`oauth with content-type ${req.headers['content-type']}`);
    const form = new URLSearchParams(req.body);
    if (req.headers.secret_key !== oa.appSecret) {
      problem('oauth without the app secret_key header');
      return send(res, 200, { error: -14001, error_name: 'Invalid secret key', error_description: 'secret_key is invalid' });
    }
    if (form.get('app_id') !== oa.appId || form.get('grant_type') !== 'refresh_token') {
      problem(`oauth form of the wrong shape: ${req.body}`);
      return send(res, 200, { error: -14002, error_name: 'Invalid parameter', error_description: 'app_id or grant_type is invalid' });
    }
    const refreshToken = form.get('refresh_token') ?? '';
    // Single use: a refresh token is gone once exchanged.
    if (!oa.refreshTokens.delete(refreshToken)) {
      return send(res, 200, {
        error: -14014,
        error_name: 'Invalid refresh token',
        error_description: 'refresh_token is invalid or already used',
      });
    }
    const access = newToken('access');
    const refresh = newToken('refresh');
    oa.accessTokens.add(access);
    oa.refreshTokens.add(refresh);
    oa.refreshes++;
    send(res, 200, { access_token: access, refresh_token: refresh, expires_in: '90000' });
  }

  function botMethod(req: FakeRequest, res: ServerResponse, token: string, method: string): void {
    if (token !== bot.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (!String(req.headers['content-type']).startsWith('application/json'))
      problem(`${method} with content-type ${req.headers['content-type']}`);
    let body: Record<string, unknown>;
    try {
      body = req.body ? JSON.parse(req.body) : {};
    } catch {
      problem(`${method} body is not JSON`);
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    bot.calls.push({ method, body });
    const bad = (why: string): void => {
      problem(`${method}: ${why}`);
      send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${why}` });
    };
    const now = Date.now();
    switch (method) {
      case 'sendMessage': {
        if (typeof body.chat_id !== 'string' || typeof body.text !== 'string') return bad('chat_id and text are required strings');
        if (body.text.length < 1 || body.text.length > 2000) return bad(`text of ${body.text.length} characters`);
        return send(res, 200, { ok: true, result: { message_id: newToken('bmsg'), date: now } });
      }
      case 'sendChatAction':
        if (typeof body.chat_id !== 'string' || body.action !== 'typing') return bad('chat_id and action "typing" are required');
        return send(res, 200, { ok: true });
      case 'deleteWebhook':
        bot.webhookUrl = '';
        return send(res, 200, { ok: true, result: { url: '', updated_at: now } });
      case 'getUpdates': {
        if (typeof body.timeout !== 'string') return bad('timeout must be a string of seconds');
        // Polling and the webhook are exclusive (the documented rule; Zalo's exact error is not documented).
        if (bot.webhookUrl) return bad('a webhook is set: call deleteWebhook before polling');
        const reply = (update: object): void => send(res, 200, { ok: true, result: update });
        const queued = updates.shift();
        if (queued) return reply(queued);
        const timer = setTimeout(
          () => {
            pollers.splice(pollers.indexOf(poller), 1);
            send(res, 200, { ok: false, error_code: 408, description: 'Request timeout' });
          },
          Number(body.timeout) * 1000,
        );
        const poller = (update: object): void => {
          clearTimeout(timer);
          reply(update);
        };
        pollers.push(poller);
        res.on('close', () => {
          clearTimeout(timer);
          const at = pollers.indexOf(poller);
          if (at >= 0) pollers.splice(at, 1);
        });
        return;
      }
      default:
        return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const request: FakeRequest = { path, headers: req.headers, body: raw };
      requests.push(request);
      // Checked on arrival (a held or long-polled request counts) and again once answered.
      res.on('finish', () => events.emit('request'));
      queueMicrotask(() => events.emit('request'));
      if (req.method !== 'POST') {
        problem(`${req.method} ${path}: Zalo's APIs are POST`);
        return send(res, 405, { error: -201, message: 'method not allowed' });
      }
      const botCall = /^\/bot([^/]+)\/(\w+)$/u.exec(path);
      if (path === '/v3.0/oa/message/cs') void messageCs(request, res);
      else if (path === '/v4/oa/access_token') accessToken(request, res);
      else if (botCall) botMethod(request, res, botCall[1]!, botCall[2]!);
      else {
        problem(`unknown endpoint ${path}`);
        send(res, 404, { error: -201, message: 'not found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    problems,
    oa,
    bot,
    until(check, what, timeoutMs = 10_000) {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', listener);
          reject(new Error(`the fake Zalo never saw: ${what}`));
        }, timeoutMs);
        const listener = (): void => {
          if (!check()) return;
          clearTimeout(timer);
          events.off('request', listener);
          resolve();
        };
        events.on('request', listener);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
