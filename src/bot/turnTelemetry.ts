// A botbuilder middleware on every adapter: one pino line per turn (channel, activity type, intent,
// confidence, answer id, latency) and the turn metrics. What the turn did is its outcome (of its last
// reply), read once the turn has run. Message text is logged only with LOG_TEXT=1, and then with phone
// numbers masked; user and conversation ids are logged as short hashes.
import { createHash } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { BoundedCache } from '../boundedCache.js';
import { maskPersonalData, type Logger } from '../logger.js';
import { turnOutcome } from '../replies/turnOutcome.js';
import type { HotlineMetrics } from '../http/metrics.js';

/** Pseudonyms of recent ids: a conversation's turns come in a row, and a SHA-256 per id per turn shows in a profile. */
const recentPseudonyms = new BoundedCache<string, string>(1000);
const hashed = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 12);
const pseudonym = (id: string | undefined): string | undefined => (id ? recentPseudonyms.get(id, hashed) : undefined);

export function turnTelemetry(log: Logger, metrics: HotlineMetrics, logText: boolean): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const started = performance.now();
      let failed = false;
      try {
        await next();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        const { activity } = context;
        const seconds = (performance.now() - started) / 1000;
        const channel = activity.channelId ?? 'unknown';
        const meta = turnOutcome(context).at(-1);
        const intent = failed ? 'error' : (meta?.intent ?? 'none');
        metrics.turn(channel, intent, seconds);
        log.info(
          {
            turn: {
              channel,
              type: activity.type,
              intent,
              confidence: meta?.confidence,
              answerId: meta?.answerId,
              latencyMs: Math.round(seconds * 10_000) / 10,
              conversation: pseudonym(activity.conversation?.id),
              user: pseudonym(activity.from?.id),
              text: logText && typeof activity.text === 'string' ? maskPersonalData(activity.text.slice(0, 500)) : undefined,
            },
          },
          'turn',
        );
      }
    },
  };
}
