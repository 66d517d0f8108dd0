// Everything held about one person, for staff (same credentials as the ticket API, 401 without):
//   GET  /api/admin/privacy?phone=…|ref=…          the tickets with that phone number (or that reference) and
//                                                  the chats of their conversations, and the history
//   GET  /api/admin/privacy/export?phone=…|ref=…   the same as a JSON file to hand over (a history line)
//   POST /api/admin/privacy/delete {"phone"|"ref", "confirm"}   deletes it all; "confirm" repeats the phone
//                                                  number or reference (a history line)
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { normalizePhone } from '../services/phone.js';
import type { PersonalDataKeeper } from '../services/retention.js';
import { findTicketRef } from '../ticket.js';
import { objectBody } from './adminRoutes.js';
import { authorize, type StaffAuth } from './staffAuth.js';

const USAGE = 'Give phone=<a Vietnamese phone number> or ref=<a ticket reference such as KN-7K3Q>.';

/** The phone number or reference asked about, or undefined (400). */
function subject(source: Record<string, unknown> | undefined): { phone?: string; ref?: string } | undefined {
  const phone = typeof source?.phone === 'string' && source.phone.length <= 40 ? normalizePhone(source.phone) : undefined;
  const ref = typeof source?.ref === 'string' && source.ref.length <= 20 ? findTicketRef(source.ref) : undefined;
  if (phone && !ref) return { phone };
  if (ref && !phone) return { ref };
  return undefined;
}

export function registerPrivacyRoutes(server: Server, keeper: PersonalDataKeeper, auth: StaffAuth): void {
  const query = (req: Request) => subject(req.query as Record<string, unknown> | undefined);
  const noStore = (res: Response): void => void res.header('cache-control', 'no-store');

  server.get('/api/admin/privacy', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const asked = query(req);
    if (!asked) return sendError(res, 400, USAGE);
    noStore(res);
    res.json(200, { ...(await keeper.find(asked)), history: (await keeper.history()).slice(0, 50) });
  });

  server.get('/api/admin/privacy/export', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const asked = query(req);
    if (!asked) return sendError(res, 400, USAGE);
    const data = await keeper.export(asked, actor);
    noStore(res);
    res.header('content-type', 'application/json; charset=utf-8');
    res.header('content-disposition', `attachment; filename="du-lieu-${asked.ref ?? asked.phone}.json"`);
    res.sendRaw(200, `${JSON.stringify(data, null, 2)}\n`);
  });

  server.post('/api/admin/privacy/delete', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const body = objectBody(req);
    const asked = subject(body);
    if (!asked) return sendError(res, 400, USAGE);
    const confirmed = subject({ [asked.ref ? 'ref' : 'phone']: body?.confirm });
    if (!confirmed || confirmed.ref !== asked.ref || confirmed.phone !== asked.phone)
      return sendError(res, 400, 'To delete, repeat the phone number or reference in "confirm".');
    noStore(res);
    res.json(200, { deleted: await keeper.delete(asked, actor) });
  });
}
