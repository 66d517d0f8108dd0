// Settings of the citizen services, read from the environment once at start (ConfigError names the variable).
import { ConfigError } from '../config.js';
import { parseOfficeHours, type OfficeSpan } from './officeHours.js';

export interface CitizenSettings {
  /** Bearer token of GET /api/admin/tickets; the route is off while empty. */
  adminToken: string;
  officeHours: OfficeSpan[];
  /** Where handoff requests (with the transcript) are POSTed; empty: the built-in inbox (staff console). */
  handoffWebhookUrl: string;
  handoffWebhookTimeoutMs: number;
  /** Built-in inbox: a citizen waiting this long with no staff answer is given the hotline and a ticket, once. */
  handoffWaitMinutes: number;
}

export function loadCitizenSettings(env: NodeJS.ProcessEnv = process.env): CitizenSettings {
  const handoffWebhookUrl = env.HANDOFF_WEBHOOK_URL?.trim() ?? '';
  if (handoffWebhookUrl) {
    let protocol = '';
    try {
      protocol = new URL(handoffWebhookUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new ConfigError('HANDOFF_WEBHOOK_URL', `must be an http(s) URL, got "${handoffWebhookUrl}"`);
    }
  }
  const rawTimeout = env.HANDOFF_WEBHOOK_TIMEOUT_MS?.trim() || '5000';
  const handoffWebhookTimeoutMs = Number(rawTimeout);
  if (!Number.isInteger(handoffWebhookTimeoutMs) || handoffWebhookTimeoutMs < 100 || handoffWebhookTimeoutMs > 60_000) {
    throw new ConfigError('HANDOFF_WEBHOOK_TIMEOUT_MS', `must be a whole number from 100 to 60000, got "${rawTimeout}"`);
  }
  const rawWait = env.HANDOFF_WAIT_MINUTES?.trim() || '5';
  const handoffWaitMinutes = Number(rawWait);
  if (!Number.isInteger(handoffWaitMinutes) || handoffWaitMinutes < 1 || handoffWaitMinutes > 240) {
    throw new ConfigError('HANDOFF_WAIT_MINUTES', `must be a whole number of minutes from 1 to 240, got "${rawWait}"`);
  }
  return {
    adminToken: env.ADMIN_TOKEN?.trim() ?? '',
    officeHours: parseOfficeHours(env.OFFICE_HOURS),
    handoffWebhookUrl,
    handoffWebhookTimeoutMs,
    handoffWaitMinutes,
  };
}
