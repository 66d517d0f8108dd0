// Small HTTP helpers shared by the Web Chat routes: Direct Line's error shape, bearer tokens, CORS, origins.
import type { IncomingMessage } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';
import { bearerToken } from '../../http/secrets.js';
import type { Refusal } from './conversations.js';

/** Direct Line's error body: {"error":{"code","message"}}. */
export function fail(res: Response, status: number, code: string, message: string): void {
  res.json(status, { error: { code, message } });
}

export function bearer(req: IncomingMessage): string | undefined {
  return bearerToken(req.headers.authorization);
}

/** The origin the caller reached this server at (behind a TLS proxy, X-Forwarded-Proto says https). */
export function publicOrigin(req: IncomingMessage, scheme: 'http' | 'ws'): string {
  const secure = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${scheme}${secure ? 's' : ''}://${req.headers.host ?? 'localhost'}`;
}

export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  return !origin || allowed.length === 0 || allowed.includes(origin);
}

/** Lets a page on the post office's site (another origin) call the API with a bearer token. */
export function allowCors(req: Request, res: Response, allowed: string[]): void {
  const origin = req.headers.origin;
  if (!origin || !originAllowed(origin, allowed)) return;
  res.header('Access-Control-Allow-Origin', origin);
  res.header('Vary', 'Origin');
}

/**
 * Answers CORS preflights (OPTIONS) for the given path prefixes. Registered as a pre-handler: the body parser
 * would otherwise refuse a preflight, which has no Content-Length, with 415.
 */
export function answerPreflights(server: Server, prefixes: string[], allowed: string[]): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.method !== 'OPTIONS' || !prefixes.some((prefix) => req.getPath().startsWith(prefix))) return next();
    allowCors(req, res, allowed);
    res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next(false);
  });
}

/** A plain object (not an array, not null), as a JSON body must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The prefix of local Direct Line user ids: Web Chat warns that "dl_" (Azure's) is reserved. */
export const USER_ID_PREFIX = 'web_';

/** A user id a client may choose ("web_", or Azure's "dl_" as older widgets sent, + letters/digits), or undefined. */
export function clientUserId(value: unknown): string | undefined {
  return typeof value === 'string' && /^(?:web|dl)_[A-Za-z0-9_-]{6,64}$/u.test(value) ? value : undefined;
}

/** No new conversation: the client's address holds its share of live ones (429), or the store is full of live ones (503). */
export function refuse(res: Response, why: Refusal): void {
  if (why === 'address') fail(res, 429, 'TooManyRequests', 'Too many open conversations from this address; try again in a few minutes');
  else fail(res, 503, 'ServiceUnavailable', 'Too many conversations at the moment; try again in a few minutes');
}
