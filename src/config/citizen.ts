// Settings of the citizen services (admin route, the staff's chat hours, handoff to staff).
import { parseChatHours, type ChatSpan } from './chatHours.js';
import { httpUrl, integer, type Env } from './variables.js';

export interface CitizenSettings {
  /** Bearer token of GET /api/admin/tickets; the route is off while empty. */
  adminToken: string;
  chatHours: ChatSpan[];
  /** Where handoff requests (with the transcript) are POSTed; empty: the built-in inbox (staff console). */
  handoffWebhookUrl: string;
  handoffWebhookTimeoutMs: number;
  /** Built-in inbox: a citizen waiting this long with no staff answer is given the hotline and a ticket, once. */
  handoffWaitMinutes: number;
  /** Closed tickets, chat transcripts and conversation memory older than this many days are deleted daily. */
  retentionDays: number;
}

export function loadCitizenSettings(env: Env): CitizenSettings {
  return {
    adminToken: env.ADMIN_TOKEN?.trim() ?? '',
    chatHours: parseChatHours(env.OFFICE_HOURS),
    handoffWebhookUrl: httpUrl(env, 'HANDOFF_WEBHOOK_URL'),
    handoffWebhookTimeoutMs: integer(env, 'HANDOFF_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    handoffWaitMinutes: integer(env, 'HANDOFF_WAIT_MINUTES', 5, 1, 240, 'a whole number of minutes'),
    retentionDays: integer(env, 'RETENTION_DAYS', 365, 1, 36_500, 'a positive whole number of days'),
  };
}
