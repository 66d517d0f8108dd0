// The staff API over tickets, for the console and for scripts: `Authorization: Bearer <ADMIN_TOKEN>` or a
// signed-in staff session (see src/staff/staffAuth.ts); 401 without either.
//   GET  /api/admin/tickets[?q=&status=&kind=&since=&owner=&overdue=1&sort=&page=&pageSize=&format=json|csv]
//        a page of the tickets matching (newest first by default; ticketSearch.ts), or all of them as CSV
//   GET  /api/admin/tickets/<ref>                                  one ticket with its history; 404 unknown
//   POST /api/admin/tickets/<ref>/status {status, note}            a status change
//   POST /api/admin/tickets/<ref>/reopen {note}                    a resolved/rejected ticket back to in_progress
//   POST /api/admin/tickets/<ref>/messages {text}                  Nhắn khách: a message to the citizen, no status change
//   POST /api/admin/tickets/<ref>/notes {text}                     an internal note, never sent
//   POST /api/admin/tickets/<ref>/assign {owner?}                  who handles it (absent: the caller; "": nobody)
// A change that tells the citizen (status, reopen, message) queues its message in the same write; the outbox
// sends it. Every change may carry the version the caller saw (If-Match: the ETag of GET, or "version" in the
// body): a stale one, a status change on a closed ticket or one that changes nothing gets 409 with the current
// ticket. Changes take an `Idempotency-Key` header: retried with the same key, a change is applied once (idempotency.ts).
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { authorize, type StaffAuth } from './staffAuth.js';
import type { IdempotencyKeys } from './idempotency.js';
import { parseSince, ticketsCsv } from './ticketExport.js';
import { MAX_NOTE, type Refusal, type StaffEdit, type TicketStore } from '../services/ticketStore.js';
import type { TicketQuery, TicketSearch } from '../services/ticketSearch.js';
import { KIND_PREFIX, STAFF_STATUSES, ticketVersion, type Ticket, type TicketKind, type TicketStatus } from '../ticket.js';
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

export function registerAdminRoutes(
  server: Server,
  { tickets, search, targetHours }: { tickets: TicketStore; search: TicketSearch; targetHours: number },
  auth: StaffAuth,
  idempotency: IdempotencyKeys,
): void {
  const noStore = (res: Response): void => void res.header('cache-control', 'no-store');

  server.get('/api/admin/tickets', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const parsed = listQuery((req.query ?? {}) as Record<string, unknown>, actor);
    if (typeof parsed === 'string') return sendError(res, 400, parsed);
    const found = await search.find(parsed.query);
    noStore(res);
    if (parsed.format === 'csv') {
      res.header('content-type', 'text/csv; charset=utf-8');
      res.header('content-disposition', `attachment; filename="phieu-${new Date().toISOString().slice(0, 10)}.csv"`);
      res.sendRaw(200, ticketsCsv(found.rows()));
      return;
    }
    const { page, pageSize } = parsed;
    res.json(200, { tickets: found.rows((page - 1) * pageSize, page * pageSize), total: found.total, page, pageSize, targetHours });
  });

  server.get('/api/admin/tickets/:ref', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const ref = refParam(req.params?.ref);
    const ticket = ref ? await tickets.get(ref) : undefined;
    if (!ticket) return sendError(res, 404);
    noStore(res);
    res.header('etag', etag(ticket));
    res.json(200, ticket);
  });

  /** A change route: `edit` reads the body into a change, or returns the 400 text. */
  const changeRoute = (action: string, edit: (body: Record<string, unknown>, actor: string) => StaffEdit | string): void => {
    server.post(`/api/admin/tickets/:ref/${action}`, async (req, res) => {
      const actor = await authorize(auth, req, res);
      if (!actor) return;
      await idempotency.once(req, res, actor, async () => {
        const body = objectBody(req);
        const parsed = body ? edit(body, actor) : 'Send a JSON object.';
        const expected = body ? expectedVersion(req, body) : undefined;
        if (typeof parsed === 'string' || expected === null) return sendError(res, 400, typeof parsed === 'string' ? parsed : BAD_VERSION);
        const ref = refParam(req.params?.ref);
        // The citizen is told by the outbox: the change and its message are stored, and a slow channel does not hold staff up.
        const result = ref ? await tickets.change(ref, parsed, expected) : undefined;
        if (!result) return sendError(res, 404);
        noStore(res);
        res.header('etag', etag(result.ticket));
        if (result.refused) {
          res.json(409, { code: 'Conflict', reason: result.refused, message: REFUSALS[result.refused], ticket: result.ticket });
          return;
        }
        res.json(200, result.ticket);
      });
    });
  };

  changeRoute('status', (body, by) => {
    const status = body.status as TicketStatus;
    const note = text(body.note);
    if (!STAFF_STATUSES.includes(status) || note === undefined)
      return `Send JSON {"status": "${STAFF_STATUSES.join('" | "')}", "note": "…"} (note up to ${MAX_NOTE} characters).`;
    if (status === 'rejected' && !note) return 'A rejection needs a note giving the reason.';
    return { type: 'status', status, note, by };
  });
  changeRoute('reopen', (body, by) => {
    const note = text(body.note);
    return note ? { type: 'reopen', note, by } : `Send JSON {"note": "…"}: reopening needs a note (up to ${MAX_NOTE} characters).`;
  });
  for (const type of ['internal', 'message'] as const)
    changeRoute(type === 'internal' ? 'notes' : 'messages', (body, by) => {
      const note = text(body.text);
      return note ? { type, note, by } : `Send JSON {"text": "…"} with 1 to ${MAX_NOTE} characters.`;
    });
  changeRoute('assign', (body, by) => {
    const owner = body.owner === undefined ? by : body.owner;
    if (typeof owner !== 'string' || owner.length > 64) return 'Send JSON {"owner": "<user name>" | ""} (empty: nobody; absent: you).';
    return { type: 'assign', owner: owner.trim().toLowerCase(), note: '', by };
  });
}

const LIST_USAGE =
  'Use q=, status=new|in_progress|resolved|rejected, kind=complaint|suggestion|question, since=YYYY-MM-DD, owner=me|none|<name>, overdue=1, sort=newest|oldest|overdue, page=1…, pageSize=1…500, format=json|csv.';

/** The list's query string, or the 400 text. */
function listQuery(
  raw: Record<string, unknown>,
  actor: string,
): { query: TicketQuery; format: string; page: number; pageSize: number } | string {
  const value = (name: string): string | undefined =>
    typeof raw[name] === 'string' && raw[name] !== '' ? (raw[name] as string) : undefined;
  const since = parseSince(value('since'));
  const status = value('status') as TicketStatus | undefined;
  const kind = value('kind') as TicketKind | undefined;
  const sort = value('sort') ?? 'newest';
  const format = value('format') ?? 'json';
  const page = Number(value('page') ?? 1);
  const pageSize = Number(value('pageSize') ?? 50);
  const owner = value('owner');
  if (
    (value('since') !== undefined && !since) ||
    (status !== undefined && !Object.hasOwn(STATUS_NAMES, status)) ||
    (kind !== undefined && !Object.hasOwn(KIND_PREFIX, kind)) ||
    !['newest', 'oldest', 'overdue'].includes(sort) ||
    !['json', 'csv'].includes(format) ||
    !Number.isSafeInteger(page) ||
    page < 1 ||
    !Number.isSafeInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > 500 ||
    (value('q')?.length ?? 0) > 100 ||
    (owner?.length ?? 0) > 64
  )
    return LIST_USAGE;
  const query: TicketQuery = { q: value('q') ?? '', sort: sort as TicketQuery['sort'], overdue: value('overdue') === '1' };
  if (since) query.since = since;
  if (status) query.status = status;
  if (kind) query.kind = kind;
  if (owner !== undefined) query.owner = owner === 'me' ? actor : owner === 'none' ? '' : owner.toLowerCase();
  return { query, format, page, pageSize };
}

const STATUS_NAMES: Record<TicketStatus, true> = { new: true, in_progress: true, resolved: true, rejected: true };

const BAD_VERSION = 'If-Match must be the ticket\'s ETag and "version" a whole number.';

/** Said with a 409, beside the current ticket. */
const REFUSALS: Record<Refusal, string> = {
  stale: 'The ticket was changed since you read it: see the current one.',
  final: 'The ticket is closed: reopen it with a note first.',
  unchanged: 'The ticket already has that status or owner.',
  notFinal: 'Only a resolved or rejected ticket can be reopened.',
};

const etag = (ticket: Ticket): string => `"${ticketVersion(ticket)}"`;

/** The version the caller saw: If-Match ("3" or W/"3") or "version" in the body; undefined: none given; null: malformed. */
function expectedVersion(req: Request, body: Record<string, unknown>): number | undefined | null {
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"(\d{1,9})"$/u.exec(header.trim());
    return m ? Number(m[1]) : null;
  }
  if (body.version === undefined) return undefined;
  return Number.isSafeInteger(body.version) && (body.version as number) >= 0 ? (body.version as number) : null;
}

/** A trimmed NFC note or text up to MAX_NOTE characters ('' when absent), or undefined when it is not one. */
function text(value: unknown): string | undefined {
  if (value === undefined) return '';
  if (typeof value !== 'string') return undefined;
  const kept = staffText(value.trim());
  return kept.length <= MAX_NOTE ? kept.text : undefined;
}
