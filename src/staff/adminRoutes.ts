// The staff API over tickets, for the console and for scripts: `Authorization: Bearer <ADMIN_TOKEN>` or a
// signed-in staff session (see src/staff/staffAuth.ts); 401 without either.
//   GET  /api/admin/tickets[?since=YYYY-MM-DD&format=json|csv]   the list (with status), oldest first
//   GET  /api/admin/tickets/<ref>                                  one ticket with its history; 404 unknown
// Changes take an `Idempotency-Key` header: retried with the same key, a change is applied once (idempotency.ts).
//   POST /api/admin/tickets/<ref>/status {status, note}            a change; its message to the citizen is queued in
//                                                                  the same write and sent by the outbox
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { authorize, type StaffAuth } from './staffAuth.js';
import type { IdempotencyKeys } from './idempotency.js';
import { parseSince, ticketsCsv } from '../services/ticketExport.js';
import { MAX_NOTE, type TicketStore } from '../services/ticketStore.js';
import { STAFF_STATUSES, type TicketStatus } from '../ticket.js';
import { staffText } from '../text/vietnamese.js';

/** The canonical ref of a path parameter ("gy-7k3q" → "GY-7K3Q"), or undefined when it cannot be one. */
function refParam(raw: unknown): string | undefined {
  const m = typeof raw === 'string' ? /^(KN|GY|HD)-([2-9A-HJKMNP-Z]{4})$/iu.exec(raw) : null;
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.toUpperCase()}` : undefined;
}

/** A JSON object body, or undefined (the caller answers 400). */
export function objectBody(req: Request): Record<string, unknown> | undefined {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

export function registerAdminRoutes(server: Server, tickets: TicketStore, auth: StaffAuth, idempotency: IdempotencyKeys): void {
  const noStore = (res: Response): void => void res.header('cache-control', 'no-store');

  server.get('/api/admin/tickets', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const since = parseSince(query.since);
    const format = query.format ?? 'json';
    if ((query.since !== undefined && !since) || (format !== 'json' && format !== 'csv')) {
      sendError(res, 400, 'Use since=YYYY-MM-DD and format=json or csv.');
      return;
    }
    const list = await tickets.list(since);
    noStore(res);
    if (format === 'csv') {
      res.header('content-type', 'text/csv; charset=utf-8');
      res.header('content-disposition', `attachment; filename="phieu${since ? `-tu-${since}` : ''}.csv"`);
      res.sendRaw(200, ticketsCsv(list));
      return;
    }
    res.json(200, { tickets: list });
  });

  server.get('/api/admin/tickets/:ref', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const ref = refParam(req.params?.ref);
    const ticket = ref ? await tickets.get(ref) : undefined;
    if (!ticket) return sendError(res, 404);
    noStore(res);
    res.json(200, ticket);
  });

  server.post('/api/admin/tickets/:ref/status', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    await idempotency.once(req, res, actor, () => changeStatus(req, res, actor));
  });

  async function changeStatus(req: Request, res: Response, actor: string): Promise<void> {
    const body = objectBody(req);
    const status = body?.status as TicketStatus | undefined;
    const note = body?.note ?? '';
    if (!body || !STAFF_STATUSES.includes(status!) || typeof note !== 'string' || staffText(note).length > MAX_NOTE) {
      return sendError(
        res,
        400,
        `Send JSON {"status": "${STAFF_STATUSES.join('" | "')}", "note": "…"} (note up to ${MAX_NOTE} characters).`,
      );
    }
    if (status === 'rejected' && !note.trim()) return sendError(res, 400, 'A rejection needs a note giving the reason.');
    const ref = refParam(req.params?.ref);
    // The citizen is told by the outbox: the change and its message are stored, and a slow channel does not hold staff up.
    const ticket = ref ? await tickets.setStatus(ref, status!, staffText(note.trim()).text, actor) : undefined;
    if (!ticket) return sendError(res, 404);
    noStore(res);
    res.json(200, ticket);
  }
}
