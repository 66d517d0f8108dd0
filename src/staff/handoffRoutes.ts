// The built-in live-chat inbox for staff (console or scripts), same credentials as the ticket API:
//   GET  /api/admin/handoffs                 open handoffs, longest waiting first: id, channel, waiting time, last lines
//   GET  /api/admin/handoffs/<id>            one handoff with its transcript (what the citizen wrote since, too)
//   POST /api/admin/handoffs/<id>/messages   {"text"}: sent to the citizen from the bot's account
//   POST /api/admin/handoffs/<id>/close      ends it; the citizen is told (then asked how satisfied) and the bot answers again
import type { Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { authorize, type StaffAuth } from './staffAuth.js';
import { objectBody } from './adminRoutes.js';
import { MAX_STAFF_TEXT, type HandoffRecord, type HandoffService } from '../services/handoffService.js';
import type { SatisfactionSurvey } from '../services/satisfaction.js';

const LAST_LINES = 3;

function summary(record: HandoffRecord, now: number) {
  const transcript = record.transcript ?? [];
  return {
    id: record.id,
    channelId: record.channelId,
    reason: record.reason,
    requestedAt: record.requestedAt,
    answeredAt: record.answeredAt,
    waitingSeconds: record.answeredAt ? 0 : Math.max(0, Math.round((now - Date.parse(record.requestedAt)) / 1000)),
    lastLines: transcript.slice(-LAST_LINES),
  };
}

export function registerHandoffRoutes(
  server: Server,
  handoff: HandoffService,
  auth: StaffAuth,
  survey: SatisfactionSurvey,
  track: <T>(work: Promise<T>) => Promise<T>,
): void {
  server.get('/api/admin/handoffs', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const now = Date.now();
    res.header('cache-control', 'no-store');
    res.json(200, { handoffs: (await handoff.open()).map((r) => summary(r, now)) });
  });

  server.get('/api/admin/handoffs/:id', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const record = await handoff.get(String(req.params?.id ?? ''));
    if (!record || record.mode !== 'inbox') return sendError(res, 404);
    const { reference: _reference, ...shown } = record;
    res.header('cache-control', 'no-store');
    res.json(200, { ...shown, waitingSeconds: summary(record, Date.now()).waitingSeconds });
  });

  server.post('/api/admin/handoffs/:id/messages', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const text = objectBody(req)?.text;
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_STAFF_TEXT) {
      return sendError(res, 400, `Send JSON {"text": "…"} with 1 to ${MAX_STAFF_TEXT} characters.`);
    }
    const id = String(req.params?.id ?? '');
    const delivery = await handoff.reply(id, text.trim(), actor);
    if (!delivery) return (await handoff.get(id)) ? sendError(res, 409, 'This conversation is no longer open.') : sendError(res, 404);
    res.json(200, { delivery });
  });

  server.post('/api/admin/handoffs/:id/close', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const id = String(req.params?.id ?? '');
    if (!(await handoff.get(id))) return sendError(res, 404);
    const closed = await handoff.close(id, actor);
    // The citizen is then asked once, in the background, how satisfied they are.
    if (closed) void track(survey.askAboutChat(id)).catch(() => undefined);
    res.json(200, { closed });
  });
}
