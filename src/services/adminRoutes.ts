// GET /api/admin/tickets for staff tools: `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant
// time), 401 otherwise; ?since=YYYY-MM-DD, ?format=json|csv. Not registered at all while ADMIN_TOKEN is unset.
import type { Server } from 'restify';
import { bearerToken, secretsEqual } from '../http/secrets.js';
import { sendError } from '../http/httpError.js';
import { parseSince, ticketsCsv } from './ticketExport.js';
import type { TicketStore } from './ticketStore.js';

export function registerAdminRoutes(server: Server, tickets: TicketStore, adminToken: string): void {
  if (!adminToken) return;
  server.get('/api/admin/tickets', async (req, res) => {
    if (!secretsEqual(bearerToken(req.headers.authorization), adminToken)) {
      sendError(res, 401, undefined, { 'www-authenticate': 'Bearer' });
      return;
    }
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const since = parseSince(query.since);
    const format = query.format ?? 'json';
    if ((query.since !== undefined && !since) || (format !== 'json' && format !== 'csv')) {
      sendError(res, 400, 'Use since=YYYY-MM-DD and format=json or csv.');
      return;
    }
    const list = await tickets.list(since);
    res.header('cache-control', 'no-store');
    if (format === 'csv') {
      res.header('content-type', 'text/csv; charset=utf-8');
      res.sendRaw(200, ticketsCsv(list));
      return;
    }
    res.json(200, { tickets: list });
  });
}
