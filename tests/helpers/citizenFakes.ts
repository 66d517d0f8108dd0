// Fakes for the citizen-service tests: one HTTP server on 127.0.0.1 that records what it receives, used
// as the Bot Framework connector (serviceUrl) for proactive messages and as the handoff webhook.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Received {
  method: string;
  path: string;
  body: Partial<Activity>;
}

export interface RecordingServer {
  url: string;
  received: Received[];
  /** Resolves once `count` requests have arrived (the test's own timeout bounds the wait). */
  waitFor(count: number): Promise<Received[]>;
  /** The text of the first message for `conversation` among those received after the first `after` (waits for it). */
  textFor(conversation: string, after: number): Promise<string>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Answers POSTs with `status` (a connector's ResourceResponse {id} on 200). A connector path must be
 * /v3/conversations/{id}/activities[/{replyToId}]; anything else is recorded and answered 404.
 * With `hang`, requests are recorded and never answered; with `failFirst`, the first that many are refused (403: the connector client itself retries a 503).
 */
export async function startRecordingServer(
  options: { status?: number; connector?: boolean; hang?: boolean; failFirst?: number } = {},
): Promise<RecordingServer> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const body = raw ? (JSON.parse(raw) as Partial<Activity>) : {};
      received.push({ method: req.method ?? '', path: req.url ?? '', body });
      waiters.splice(0).forEach((wake) => wake());
      if (options.hang) return; // never answers: the caller's timeout must end the wait
      const wrongPath = options.connector && !/^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?$/u.test(req.url ?? '');
      const failing = received.length <= (options.failFirst ?? 0);
      res.writeHead(wrongPath ? 404 : failing ? 403 : (options.status ?? 200), { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const waitFor = async (count: number): Promise<Received[]> => {
    while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return received;
  };
  return {
    url,
    received,
    waitFor,
    async textFor(conversation, after) {
      for (;;) {
        const found = received.slice(after).find((r) => r.body.conversation?.id === conversation);
        if (found) return found.body.text ?? '';
        await waitFor(received.length + 1);
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
