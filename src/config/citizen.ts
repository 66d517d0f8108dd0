// Settings of the citizen services (admin route, the staff's chat hours, handoff to staff).
import { parseChatHours, type ChatSpan } from './chatHours.js';
import { bearerSecret, httpUrl, integer, type Env } from './variables.js';

export interface CitizenSettings {
  /** Bearer token of GET /api/admin/tickets; the route is off while empty. */
  adminToken: string;
  chatHours: ChatSpan[];
  /** Where handoff requests (with the transcript) are POSTed; empty: the built-in inbox (staff console). */
  handoffWebhookUrl: string;
  handoffWebhookTimeoutMs: number;
  /** Built-in inbox: a citizen waiting this long with no staff answer is given the hotline and a ticket, once. */
  handoffWaitMinutes: number;
  /** The outbox's pause before its first retry of a failed message; each further pause is 5 times longer. */
  outboxRetryMs: number;
  /** Announcement subscriptions one address may hold on the Emulator channel and the local widget (0: no cap). */
  subscriptionsPerAddress: number;
  /** Open inbox handoffs one address may hold on the Emulator channel and the local widget (0: no cap). */
  handoffsPerAddress: number;
  /** Closed tickets, chat transcripts and conversation memory older than this many days are deleted daily. */
  retentionDays: number;
}

export function loadCitizenSettings(env: Env): CitizenSettings {
  return {
    adminToken: bearerSecret(env, 'ADMIN_TOKEN'),
    chatHours: parseChatHours(env.OFFICE_HOURS),
    handoffWebhookUrl: httpUrl(env, 'HANDOFF_WEBHOOK_URL'),
    handoffWebhookTimeoutMs: integer(env, 'HANDOFF_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    handoffWaitMinutes: integer(env, 'HANDOFF_WAIT_MINUTES', 5, 1, 240, 'a whole number of minutes'),
    outboxRetryMs: integer(env, 'OUTBOX_RETRY_MS', 2000, 10, 600_000),
    subscriptionsPerAddress: integer(env, 'SUBSCRIPTIONS_PER_ADDRESS', 10, 0, 100_000),
    handoffsPerAddress: integer(env, 'HANDOFFS_PER_ADDRESS', 3, 0, 10_000),
    retentionDays: integer(env, 'RETENTION_DAYS', 365, 1, 36_500, 'a positive whole number of days'),
  };
}
