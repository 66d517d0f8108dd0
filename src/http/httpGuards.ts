// The HTTP defences and observability of the service, installed once by createApp:
// security headers, per-user and per-IP rate limits (429 + Retry-After), JSON-only bodies on the API
// routes (415), activity validation on /api/messages (400), JSON errors without stack traces or echoed
// input, error counts by route, and GET /metrics.
import type { Request, Response, Next, Server } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { activityProblem } from './activitySchema.js';
import { errorBody, sendError } from './httpError.js';
import type { HotlineMetrics } from './metrics.js';
import { RateLimiter } from './rateLimit.js';
import { bearerToken, secretsEqual } from './secrets.js';
import { setSecurityHeaders } from './securityHeaders.js';

/** Routes for operators and probes, not citizens: never rate limited. */
const UNLIMITED = new Set(['/healthz', '/metrics']);
/**
 * Webhooks called by platforms (Azure Bot Service, Zalo) from a few shared addresses: limited per user only,
 * since a per-IP limit there would throttle every citizen at once.
 */
const PLATFORM_WEBHOOK = /^\/api\/(?:messages$|zalo\/)/u;
/** Requests that start work (a turn, a token, a conversation); reads such as Web Chat's polling are not counted per IP. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes whose request bodies must be JSON (Direct Line attachment uploads are multipart). */
const JSON_ROUTES = /^\/(?:api\/|v3\/directline\/)(?!.*\/upload$)/u;

function clientIp(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    // Azure App Service / Front Door put the client first, sometimes with a port: "203.0.113.7:51234".
    const first = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim();
    if (first) return first.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/u, '$1');
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Zalo OA events sent by the OA itself (its echoes, delivery and read receipts): the citizen is the recipient. */
const ZALO_FROM_OA = /^(?:oa_send_|user_received_message$|user_seen_message$)/u;

/** The citizen a request is from: a Bot Framework / Direct Line activity, a Zalo OA event or a Zalo Bot update. */
function userId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, { id?: unknown; from?: { id?: unknown } } | undefined> & { event_name?: unknown };
  const zaloSender = typeof b.event_name === 'string' && ZALO_FROM_OA.test(b.event_name) ? b.recipient : b.sender;
  const id = b.from?.id ?? zaloSender?.id ?? b.follower?.id ?? b.message?.from?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function hasBody(req: Request): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

function isJson(req: Request): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/iu.test(String(req.headers['content-type'] ?? ''));
}

export function installHttpGuards(server: Server, config: Config, log: Logger, metrics: HotlineMetrics): void {
  const { userPerMinute, ipPerMinute, trustProxy } = config.rateLimit;
  const perIp = ipPerMinute ? new RateLimiter(ipPerMinute) : undefined;
  const perUser = userPerMinute ? new RateLimiter(userPerMinute) : undefined;

  const refuse = (res: Response, limit: 'user' | 'ip', retryAfter: number): void => {
    metrics.rateLimited(limit);
    sendError(res, 429, `Too many requests; retry after ${retryAfter} s.`, { 'Retry-After': String(retryAfter) });
  };

  server.pre((req: Request, res: Response, next: Next) => {
    setSecurityHeaders(res);
    res.once('finish', () => {
      if (res.statusCode < 400) return;
      // Refused before routing (429, 415): look the route up now, so errors are counted by route, not by raw path.
      if (!req.getRoute()) server.router.lookup(req, res);
      metrics.httpError(req.getRoute()?.path?.toString() ?? 'unrouted', res.statusCode);
    });
    const path = req.getPath();
    if (perIp && WRITES.has(req.method ?? '') && !UNLIMITED.has(path) && !PLATFORM_WEBHOOK.test(path)) {
      const wait = perIp.take(clientIp(req, trustProxy));
      if (wait) {
        refuse(res, 'ip', wait);
        return next(false);
      }
    }
    if (JSON_ROUTES.test(path) && hasBody(req) && !isJson(req)) {
      sendError(res, 415);
      return next(false);
    }
    return next();
  });

  // After the body parser (registered earlier by createApp): the user is known only from the body.
  server.use((req: Request, res: Response, next: Next) => {
    const path = req.getPath();
    const user = perUser && !UNLIMITED.has(path) ? userId(req.body) : undefined;
    if (user !== undefined) {
      const wait = perUser!.take(user);
      if (wait) {
        refuse(res, 'user', wait);
        return next(false);
      }
    }
    if (path === '/api/messages' && req.method === 'POST') {
      const problem = activityProblem(req.body);
      if (problem) {
        sendError(res, 400, problem);
        return next(false);
      }
    }
    return next();
  });

  // Errors restify raises itself (bad JSON, 404, 405, 413, a handler that threw): fixed texts only.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, done: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) log.error({ err, route: req.getRoute?.()?.path }, 'request failed');
    const body = errorBody(status);
    err.toJSON = () => body;
    return done();
  });

  server.get('/metrics', async (req: Request, res: Response) => {
    if (config.metricsToken && !secretsEqual(bearerToken(req.headers.authorization), config.metricsToken)) {
      return sendError(res, 401);
    }
    const text = await metrics.registry.metrics();
    res.sendRaw(200, text, { 'Content-Type': metrics.registry.contentType });
  });
}
