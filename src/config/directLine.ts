// Web Chat settings. Without DIRECT_LINE_SECRET the bot serves its own Direct Line 3.0 API under
// /v3/directline; with it, the widget talks to Azure and /v3/directline is off (404).
import { baseUrl, ConfigError, integer, type Env } from './variables.js';

export interface DirectLineSettings {
  /** Azure Direct Line secret; exchanged server-side for per-visitor tokens, never sent to the browser. */
  secret: string;
  /** Azure Direct Line endpoint (regional bots use europe. or india.directline.botframework.com). */
  azureDomain: string;
  /** Lifetime of a local token in seconds (Azure's is 1800). */
  tokenTtlSeconds: number;
  /** A local conversation nobody used for this long is forgotten, with its tokens. */
  idleMinutes: number;
  /** Activities kept per local conversation (oldest dropped first). */
  maxActivities: number;
  /** Local conversations kept at once; the longest idle is dropped to make room. */
  maxConversations: number;
  /** Local conversations one client address may hold (0: no cap). */
  conversationsPerAddress: number;
  /** Open local WebSockets one client address may hold (0: no cap). */
  socketsPerAddress: number;
  /** Origins allowed to call the API from a browser (CORS); empty = any (tokens, not cookies, carry access). */
  allowedOrigins: string[];
}

function origins(env: Env, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/u, ''))
    .filter(Boolean);
  const bad = list.find((o) => !/^https?:\/\/[^/\s]+$/u.test(o));
  if (bad) throw new ConfigError(name, `must be a comma-separated list of origins like https://buudien.example.vn, got "${bad}"`);
  return list;
}

export function loadDirectLineSettings(env: Env): DirectLineSettings {
  return {
    secret: env.DIRECT_LINE_SECRET?.trim() ?? '',
    azureDomain: baseUrl(env, 'DIRECT_LINE_ENDPOINT', 'https://directline.botframework.com/v3/directline'),
    tokenTtlSeconds: integer(env, 'DIRECT_LINE_TOKEN_TTL_SECONDS', 1800, 60, 86_400),
    idleMinutes: integer(env, 'DIRECT_LINE_IDLE_MINUTES', 60, 1, 10_080),
    maxActivities: integer(env, 'DIRECT_LINE_MAX_ACTIVITIES', 300, 10, 10_000),
    maxConversations: integer(env, 'DIRECT_LINE_MAX_CONVERSATIONS', 5000, 1, 1_000_000),
    conversationsPerAddress: integer(env, 'DIRECT_LINE_CONVERSATIONS_PER_ADDRESS', 20, 0, 1_000_000),
    socketsPerAddress: integer(env, 'DIRECT_LINE_SOCKETS_PER_ADDRESS', 10, 0, 1_000_000),
    allowedOrigins: origins(env, 'WIDGET_ALLOWED_ORIGINS'),
  };
}
