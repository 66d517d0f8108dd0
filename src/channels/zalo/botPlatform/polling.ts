// Local development without a public HTTPS URL: the same bot fed by long polling getUpdates.
// The webhook is deleted first (Zalo serves one or the other). A failed poll waits before the next
// one, so an outage costs one request every few seconds, not a storm.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../../logger.js';
import type { ZaloBotPlatformAdapter } from './botPlatformAdapter.js';

const POLL_SECONDS = 30;
const RETRY_DELAY_MS = 5_000;

export async function pollUpdates(
  adapter: ZaloBotPlatformAdapter,
  logic: (context: TurnContext) => Promise<void>,
  options: { log: Logger; signal: AbortSignal },
): Promise<void> {
  const { log, signal } = options;
  await adapter.api.deleteWebhook();
  log.info('Zalo Bot: webhook deleted, polling getUpdates');
  while (!signal.aborted) {
    try {
      const update = await adapter.api.getUpdates(POLL_SECONDS, signal);
      // The adapter hands it to the app's turn runner: a chat's messages are answered in order (and
      // tracked for shutdown), while polling goes on and other chats are not held up.
      if (update) void adapter.takeUpdate(update, logic).catch((error: unknown) => log.error({ err: error }, 'Zalo Bot update failed'));
    } catch (error) {
      if (signal.aborted) break;
      log.warn({ err: error }, `Zalo Bot getUpdates failed: retrying in ${RETRY_DELAY_MS / 1000} s`);
      await sleep(RETRY_DELAY_MS, undefined, { signal }).catch(() => undefined);
    }
  }
}
