// The HTTP defences and observability of the service, installed once by createApp:
// security headers, per-user and per-IP rate limits (429 + Retry-After; the channels' own routes as they
// declare them), JSON bodies read only on routes that take one (requestBody.ts: 413/415 before a byte is
// read), a depth limit on JSON, JSON errors without stack traces or echoed input, error counts by route, and
// GET /metrics.
import type { Request, Response, Next, Server } from 'restify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { errorBody, sendError } from './httpError.js';
import type { HotlineMetrics } from './metrics.js';
import { RateLimiter } from './rateLimit.js';
import { bearerToken, secretsEqual } from './secrets.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { tooDeep } from './jsonDepth.js';
import { readBodies } from './requestBody.js';
import { FailureLimit } from './failureLimit.js';
import { clientKey } from './clientAddress.js';

export { clientIp } from './clientAddress.js';

/** Wrong METRICS_TOKEN tries per address in the window before 429. */
const METRICS_FAILURES_PER_ADDRESS = 10;
/** The largest request body read (413 beyond). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Routes for operators and probes, not citizens: never rate limited. */
const UNLIMITED = new Set(['/healthz', '/metrics']);
/** Requests that start work (a turn, a token, a conversation); reads such as Web Chat's polling are not counted per IP. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the mounted channels declare of their routes (src/channels/channelHost.ts): the webhooks platforms call
 * from a few shared addresses, authenticated by the route (limited per user, never per address), and the
 * requests that open a conversation (a tighter per-address limit). The guards name no channel's path.
 */
export interface ChannelRoutes {
  signedWebhooks: readonly string[];
  opensConversation: (req: Request) => boolean;
}

/** Deeper JSON is refused: nothing legitimate nests this far, and recursive code downstream would overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Charges one request to the citizen it is from, once the route has authenticated it (a Bot Framework token,
 * a Zalo signature, a Direct Line token); `user` names the channel and the user. False when over the limit:
 * the 429 has been sent.
 */
export type ChargeUser = (res: Response, user: string) => boolean;

export function installHttpGuards(server: Server, config: Config, log: Logger, metrics: HotlineMetrics, routes: ChannelRoutes): ChargeUser {
  const { userPerMinute, ipPerMinute, trustProxy, tokensPerIpPerMinute } = config.rateLimit;
  const perIp = ipPerMinute ? new RateLimiter(ipPerMinute) : undefined;
  const perUser = userPerMinute ? new RateLimiter(userPerMinute) : undefined;
  const perTokenIp = tokensPerIpPerMinute ? new RateLimiter(tokensPerIpPerMinute) : undefined;
  const signedWebhook = (path: string): boolean =>
    routes.signedWebhooks.some((hook) => (hook.endsWith('/') ? path.startsWith(hook) : path === hook));

  const refuse = (res: Response, limit: 'user' | 'ip' | 'tokens', retryAfter: number): void => {
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
    if (perIp && WRITES.has(req.method ?? '') && !UNLIMITED.has(path) && !signedWebhook(path)) {
      const wait = perIp.take(clientKey(req, trustProxy));
      if (wait) {
        refuse(res, 'ip', wait);
        return next(false);
      }
    }
    // A conversation costs memory until it expires: a tighter limit, so one address cannot fill the store.
    if (perTokenIp && routes.opensConversation(req)) {
      const wait = perTokenIp.take(clientKey(req, trustProxy));
      if (wait) {
        refuse(res, 'tokens', wait);
        return next(false);
      }
    }
    return next();
  });

  // Bodies are read only where a route takes one, after routing and before any handler (requestBody.ts).
  server.use(readBodies(MAX_BODY_BYTES));
  // After the body is read. The per-user limit is not charged here: who a
  // request is from is known only once its route has checked its credentials (chargeUser below).
  server.use((req: Request, res: Response, next: Next) => {
    if (req.body !== undefined && tooDeep(req.body, MAX_JSON_DEPTH)) {
      sendError(res, 400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels.`);
      return next(false);
    }
    return next();
  });

  // Errors restify raises itself (bad JSON, 404, 405, 413, a handler that threw): fixed texts only.
  server.on('restifyError', (req: Request, res: Response, err: unknown, done: () => void) => {
    const status =
      typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (status < 500) {
      (err as { toJSON?: () => unknown }).toJSON = () => errorBody(status);
      return done();
    }
    // Every 5xx is answered here with the one generic body: restify's own would carry String(err) of
    // whatever the handler threw (it sends nothing more once a response is sent).
    log.error({ err, route: req.getRoute?.()?.path }, 'request failed');
    if (!res.headersSent) sendError(res, 500);
    return done();
  });

  // Wrong METRICS_TOKEN guesses are limited per address like the admin token's (src/staff/staffAuth.ts).
  const metricsFailures = new FailureLimit(METRICS_FAILURES_PER_ADDRESS);
  server.get('/metrics', async (req: Request, res: Response) => {
    if (config.metricsToken) {
      const address = clientKey(req, trustProxy);
      const wait = metricsFailures.wait(address);
      if (wait) return sendError(res, 429, undefined, { 'Retry-After': String(wait) });
      if (!secretsEqual(bearerToken(req.headers.authorization), config.metricsToken)) {
        metricsFailures.take(address);
        return sendError(res, 401);
      }
    }
    const text = await metrics.registry.metrics();
    res.sendRaw(200, text, { 'Content-Type': metrics.registry.contentType });
  });

  return (res, user) => {
    const wait = perUser?.take(user) ?? 0;
    if (wait) refuse(res, 'user', wait);
    return !wait;
  };
}
