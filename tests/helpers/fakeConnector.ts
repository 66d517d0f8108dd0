// A Bot Framework connector on 127.0.0.1 standing in for the Emulator/Azure: receives the bot's replies at
// serviceUrl (POST /v3/conversations/{id}/activities[/{replyToId}]), checks their shape and keeps them.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Received {
  path: string;
  conversationId: string;
  authorization?: string;
  activity: Partial<Activity>;
}

export interface FakeConnector {
  serviceUrl: string;
  received: Received[];
  /** Resolves when at least `count` activities have arrived in the conversation. */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/u;

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const respond = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const match = req.url?.match(ROUTE);
      let activity: Partial<Activity> | undefined;
      try {
        activity = JSON.parse(body) as Partial<Activity>;
      } catch {
        activity = undefined;
      }
      // Reject what a real connector would reject, so a malformed reply fails the test.
      if (
        req.method !== 'POST' ||
        !match ||
        !activity ||
        typeof activity.type !== 'string' ||
        req.headers['content-type']?.includes('application/json') !== true
      ) {
        respond(res, 400, { error: { code: 'BadArgument' } });
        return;
      }
      received.push({ path: req.url!, conversationId: decodeURIComponent(match[1]), authorization: req.headers.authorization, activity });
      waiters.splice(0).forEach((wake) => wake());
      respond(res, 200, { id: `reply-${received.length}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    waitFor(conversationId, count, timeoutMs = 5000) {
      const mine = (): Received[] => received.filter((r) => r.conversationId === conversationId);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${mine().length} of ${count} activities reached the connector`)), timeoutMs);
        const check = (): void => {
          if (mine().length >= count) {
            clearTimeout(timer);
            resolve(mine());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
