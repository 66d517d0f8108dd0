// Thống kê for the console and for scripts, same credentials as the ticket API (401 without):
//   GET /api/admin/stats[?from=YYYY-MM-DD&to=YYYY-MM-DD&channel=all|web|teams|zalo|other&format=json|csv]
// The period is in local days (Vietnamese time), both ends included, today by default, at most 366 days;
// csv gives the daily table.
import type { Server } from 'restify';
import type { Answers } from '../answer/answers.js';
import { sendError } from '../http/httpError.js';
import { CHANNEL_GROUPS } from '../services/statsCounts.js';
import { dailyCsv, daysBetween, type StatsChannel, type StatsReport } from '../services/statsReport.js';
import { parseSince } from './ticketExport.js';
import { localTime } from '../text/vnTime.js';
import { authorize, type StaffAuth } from './staffAuth.js';

const MAX_DAYS = 366;
const CHANNELS: readonly string[] = ['all', ...CHANNEL_GROUPS];

export function registerStatsRoutes(server: Server, report: StatsReport, answers: Answers, auth: StaffAuth): void {
  server.get('/api/admin/stats', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const today = localTime(new Date()).date;
    const from = query.from === undefined ? today : parseSince(query.from);
    const to = query.to === undefined ? (query.from === undefined ? today : (from ?? today)) : parseSince(query.to);
    const channel = query.channel ?? 'all';
    const format = query.format ?? 'json';
    if (
      !from ||
      !to ||
      from > to ||
      daysBetween(from, to).length > MAX_DAYS ||
      !CHANNELS.includes(channel) ||
      !['json', 'csv'].includes(format)
    )
      return sendError(
        res,
        400,
        `Use from=YYYY-MM-DD and to=YYYY-MM-DD (from ≤ to, at most ${MAX_DAYS} days), channel=${CHANNELS.join('|')} and format=json|csv.`,
      );
    const { engine } = answers;
    const titleOf = (id: string): string | undefined => engine.entry(id)?.title ?? engine.kb.articles.find((a) => a.id === id)?.title;
    const figures = await report.figures(from, to, channel as StatsChannel, titleOf);
    res.header('cache-control', 'no-store');
    if (format === 'csv') {
      res.header('content-type', 'text/csv; charset=utf-8');
      res.header('content-disposition', `attachment; filename="thong-ke-${from}-${to}-${channel}.csv"`);
      res.sendRaw(200, dailyCsv(figures.days));
      return;
    }
    res.json(200, figures);
  });
}
