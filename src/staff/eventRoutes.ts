// GET /api/admin/events: Server-Sent Events to the staff console — each ticket or chat change as
// `data: {"type", "id", "by"}` — so every open console updates within a moment, without polling. The
// console reconnects by itself (EventSource) and reloads what it shows after a reconnect. Same credentials
// as every staff route; at most MAX_STREAMS streams at once, a comment every HEARTBEAT_MS keeps proxies from
// closing an idle one.
import type { Server } from 'restify';
import { sendError } from '../http/httpError.js';
import type { StaffEvents } from '../services/staffEvents.js';
import { authorize, type StaffAuth } from './staffAuth.js';

const MAX_STREAMS = 200;
const HEARTBEAT_MS = 20_000;

export function registerEventRoutes(server: Server, events: StaffEvents, auth: StaffAuth): { stop(): void } {
  const open = new Set<() => void>();
  server.get('/api/admin/events', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    if (open.size >= MAX_STREAMS) return sendError(res, 503);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    const unsubscribe = events.subscribe((event) => void res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => void res.write(': ping\n\n'), HEARTBEAT_MS);
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      res.end();
    };
    open.add(end);
    req.once('close', end);
  });
  return {
    stop() {
      for (const end of open) end();
    },
  };
}
