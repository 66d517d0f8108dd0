// Prometheus metrics of one App (its own registry, so several apps in one process stay apart):
// turns by channel and intent, turn latency, unanswered questions, HTTP errors by route, rate-limit hits,
// problems in the knowledge files.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Intents that mean the citizen's question found no answer. */
const UNANSWERED_INTENTS = new Set(['fallback']);

export class HotlineMetrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'hotline_turns_total',
    help: 'Turns handled, by channel and intent',
    labelNames: ['channel', 'intent'],
    registers: [this.registry],
  });
  private readonly turnSeconds = new Histogram({
    name: 'hotline_turn_duration_seconds',
    help: 'Time from receiving an activity to the end of its turn (state saved), by channel',
    labelNames: ['channel'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly unanswered = new Counter({
    name: 'hotline_unanswered_total',
    help: 'Questions the bot had no answer for, by channel',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  private readonly httpErrors = new Counter({
    name: 'hotline_http_errors_total',
    help: 'HTTP responses with status >= 400, by route and status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  private readonly limited = new Counter({
    name: 'hotline_rate_limited_total',
    help: 'Requests refused with 429, by limit',
    labelNames: ['limit'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  turn(channel: string, intent: string, seconds: number): void {
    this.turns.inc({ channel, intent });
    this.turnSeconds.observe({ channel }, seconds);
    if (UNANSWERED_INTENTS.has(intent)) this.unanswered.inc({ channel });
  }

  httpError(route: string, status: number): void {
    this.httpErrors.inc({ route, status: String(status) });
  }

  rateLimited(limit: 'user' | 'ip' | 'tokens'): void {
    this.limited.inc({ limit });
  }

  /** A gauge read at each scrape: how many problems the knowledge files have now. */
  knowledgeProblems(count: () => number): void {
    new Gauge({
      name: 'hotline_knowledge_problems',
      help: 'Problems in the knowledge source files now (0 when every file is valid; see /healthz for where)',
      registers: [this.registry],
      collect() {
        this.set(count());
      },
    });
  }
}
