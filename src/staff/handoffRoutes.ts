// The built-in live-chat inbox for staff (console or scripts), same credentials as the ticket API:
//   GET  /api/admin/handoffs                 open handoffs, longest waiting first: id, channel, owner, waiting time, last lines
//   GET  /api/admin/handoffs/history[?q=&day=YYYY-MM-DD]   ended chats, latest first, searched by phone, name, text, day
//   GET  /api/admin/handoffs/<id>            one handoff with its transcript (also once ended: who or what ended it) and
//                                            `notices`: each message sent to the citizen with its state
//   POST /api/admin/handoffs/<id>/messages   {"text", "takeOver"?}: stored, then sent to the citizen from the bot's account
//                                            by the outbox; answers {message} with its state after the first try; 409
//                                            (reason "owned") when a colleague holds the chat and takeOver is not true,
//                                            409 ("ended") once it ended
//   POST /api/admin/handoffs/<id>/assign     {"owner"?}: Nhận xử lý (absent: the caller; "": nobody), recorded
//   POST /api/admin/handoffs/<id>/ticket     {"kind", "details", "name"?, "phone"?}: Tạo phiếu, the transcript attached
//   POST /api/admin/handoffs/<id>/close      ends it; the citizen is told (then asked once how satisfied: both queued in the
//                                            outbox with the end) and the bot answers again
// Every change takes an `Idempotency-Key` header: retried with the same key, applied once (idempotency.ts).
import type { Response, Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { authorize, type StaffAuth } from './staffAuth.js';
import type { IdempotencyKeys } from './idempotency.js';
import { objectBody } from './adminRoutes.js';
import { MAX_STAFF_TEXT, type HandoffRecord, type HandoffService } from '../services/handoffService.js';
import { noticeView } from '../services/outboxMessage.js';
import { parseSince } from './ticketExport.js';
import { MAX_NOTE, type TicketStore } from '../services/ticketStore.js';
import { foldDiacritics, staffText } from '../text/vietnamese.js';
import { KIND_PREFIX, type TicketKind } from '../ticket.js';
import { phoneDigits } from '../services/ticketSearch.js';

const LAST_LINES = 3;
const HISTORY_DAYS = 31;
const HISTORY_SHOWN = 100;

/** The citizen's name as their channel gave it, when it is one (not the channel's placeholder). */
function citizenName(record: HandoffRecord): string | undefined {
  const name = record.reference?.user?.name?.trim();
  return name && !/^(user|citizen|you|bạn)$/iu.test(name) ? name.slice(0, 80) : undefined;
}

function summary(record: HandoffRecord, now: number) {
  const transcript = record.transcript ?? [];
  const lastCitizen = transcript.filter((line) => line.from === 'user').at(-1);
  return {
    id: record.id,
    channelId: record.channelId,
    reason: record.reason,
    status: record.status,
    requestedAt: record.requestedAt,
    answeredAt: record.answeredAt,
    endedAt: record.endedAt,
    endedBy: record.endedBy,
    owner: record.owner,
    name: citizenName(record),
    waitingSeconds: record.answeredAt ? 0 : Math.max(0, Math.round((now - Date.parse(record.requestedAt)) / 1000)),
    /** When the citizen last wrote. */
    lastCitizenAt: lastCitizen?.at,
    /**
     * Which message the citizen wrote last: the console marks a chat whose mark is not the one it has seen. The
     * time alone is to the second, and a citizen may write twice in one second after staff read the first.
     */
    lastCitizenMark: lastCitizen && `${lastCitizen.at} ${lastCitizen.text}`,
    lastLines: transcript.slice(-LAST_LINES),
  };
}

const conflict = (res: Response, reason: 'owned' | 'ended', message: string, extra: Record<string, unknown> = {}): void =>
  void res.json(409, { code: 'Conflict', reason, message, ...extra });

const ENDED = 'Cuộc trò chuyện đã kết thúc.';

export function registerHandoffRoutes(
  server: Server,
  handoff: HandoffService,
  tickets: TicketStore,
  auth: StaffAuth,
  idempotency: IdempotencyKeys,
): void {
  server.get('/api/admin/handoffs', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const now = Date.now();
    res.header('cache-control', 'no-store');
    res.json(200, { handoffs: (await handoff.open()).map((r) => summary(r, now)) });
  });

  server.get('/api/admin/handoffs/history', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const query = (req.query ?? {}) as Record<string, unknown>;
    const day = typeof query.day === 'string' && query.day ? parseSince(query.day) : undefined;
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    if (typeof query.day === 'string' && query.day && !day) return sendError(res, 400, 'Use day=YYYY-MM-DD.');
    const since = day ?? new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
    const found = (await handoff.closed(since)).filter((r) => (!day || r.endedAt?.startsWith(day)) && chatMatches(r, q));
    res.header('cache-control', 'no-store');
    res.json(200, { handoffs: found.slice(0, HISTORY_SHOWN).map((r) => summary(r, Date.now())), total: found.length });
  });

  server.get('/api/admin/handoffs/:id', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const record = await handoff.get(String(req.params?.id ?? ''));
    if (!record || record.mode !== 'inbox') return sendError(res, 404);
    const { reference: _reference, address: _address, outbox = [], ...shown } = record;
    res.header('cache-control', 'no-store');
    // The satisfaction question, with its message's state (on Zalo, outside the messaging window it fails).
    const question = outbox.find((m) => m.id === shown.satisfaction?.questionId);
    const satisfaction = shown.satisfaction && { ...shown.satisfaction, ...(question ? { delivery: noticeView(question) } : {}) };
    res.json(200, { ...shown, satisfaction, ...summary(record, Date.now()), lastLines: undefined, notices: outbox.map(noticeView) });
  });

  server.post('/api/admin/handoffs/:id/messages', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    await idempotency.once(req, res, actor, async () => {
      const body = objectBody(req);
      const text = body?.text;
      if (typeof text !== 'string' || !text.trim() || staffText(text).length > MAX_STAFF_TEXT) {
        return sendError(res, 400, `Send JSON {"text": "…"} with 1 to ${MAX_STAFF_TEXT} characters.`);
      }
      const id = String(req.params?.id ?? '');
      const result = await handoff.reply(id, staffText(text.trim()).text, actor, body?.takeOver === true);
      if (!result) return (await handoff.get(id)) ? conflict(res, 'ended', ENDED) : sendError(res, 404);
      if ('ownedBy' in result) return conflict(res, 'owned', `Cuộc trò chuyện đang do ${result.ownedBy} xử lý.`, { owner: result.ownedBy });
      res.json(200, { message: noticeView(result.message) });
    });
  });

  server.post('/api/admin/handoffs/:id/assign', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    await idempotency.once(req, res, actor, async () => {
      const owner = objectBody(req)?.owner ?? actor;
      if (typeof owner !== 'string' || owner.length > 64) return sendError(res, 400, 'Send JSON {"owner": "<user name>" | ""}.');
      const id = String(req.params?.id ?? '');
      const result = await handoff.assign(id, actor, owner.trim().toLowerCase());
      if (!result || 'ownedBy' in result) return (await handoff.get(id)) ? conflict(res, 'ended', ENDED) : sendError(res, 404);
      res.json(200, { owner: result.owner ?? '' });
    });
  });

  server.post('/api/admin/handoffs/:id/ticket', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    // A double click makes one ticket: the console sends one key per Tạo phiếu.
    await idempotency.once(req, res, actor, async () => {
      const body = objectBody(req);
      const kind = body?.kind as TicketKind;
      const field = (value: unknown, max: number): string | undefined => {
        if (value === undefined) return '';
        if (typeof value !== 'string') return undefined;
        const kept = staffText(value.trim());
        return kept.length <= max ? kept.text : undefined;
      };
      const details = field(body?.details, MAX_NOTE);
      const name = field(body?.name, 100);
      const phone = field(body?.phone, 30);
      if (!Object.hasOwn(KIND_PREFIX, kind) || !details || name === undefined || phone === undefined)
        return sendError(res, 400, 'Send JSON {"kind": "complaint" | "suggestion" | "question", "details": "…", "name"?, "phone"?}.');
      const record = await handoff.get(String(req.params?.id ?? ''));
      if (!record || record.mode !== 'inbox') return sendError(res, 404);
      const ticket = await tickets.create(
        {
          kind,
          details,
          name,
          phone,
          channelId: record.channelId,
          conversationId: record.conversationId,
          userId: record.reference?.user?.id ?? '',
          ...(record.reference ? { reference: record.reference } : {}),
          ...(record.lang ? { lang: record.lang } : {}),
          transcript: record.transcript ?? [],
        },
        actor,
      );
      res.json(200, { ref: ticket.ref });
    });
  });

  server.post('/api/admin/handoffs/:id/close', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    await idempotency.once(req, res, actor, async () => {
      const id = String(req.params?.id ?? '');
      if (!(await handoff.get(id))) return sendError(res, 404);
      res.json(200, { closed: await handoff.close(id, actor) });
    });
  });
}

/** Phone-like runs in a text ("0912 345 678", "+84.912.345.678"). */
const PHONE_LIKE = /\+?\d[\d\s.-]{7,}\d/gu;

/** Whether an ended chat matches a search: its citizen's name (with or without diacritics), a phone in any form, or its text. */
function chatMatches(record: HandoffRecord, q: string): boolean {
  const query = foldDiacritics(q.trim());
  if (!query) return true;
  const lines = (record.transcript ?? []).map((line) => line.text).join('\n');
  const digits = phoneDigits(q);
  if (digits.length >= 6 && (lines.match(PHONE_LIKE) ?? []).some((n) => phoneDigits(n).includes(digits))) return true;
  return foldDiacritics(`${citizenName(record) ?? ''}\n${lines}`).includes(query);
}
