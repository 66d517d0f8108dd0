// Request bodies, read only where a route takes one. restify's bodyParser read every body before any check —
// multipart ones into files in the temp folder (formidable), never deleted, even on a route that answered 400
// without looking at them — and gunzipped bodies without a bound on what they grew to. Here, after routing and
// before any byte is read: a body on a route that takes none → 413, anything but identity-encoded JSON → 415,
// a declared length over the cap → 413; then the body is read into memory up to the cap (past it the rest is
// discarded) and parsed. Nothing ever goes to disk.
import type { Request, Response, Next } from 'restify';
import { sendError } from './httpError.js';

/** Methods whose routes may take a body; every other method's body is refused. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * POST routes that take no body. The Direct Line upload route exists only to answer "not supported" in Direct
 * Line's format; when uploads come, they will need authentication first, a size cap and a bounded place.
 */
export const BODILESS_ROUTES = new Set(['/v3/directline/conversations/:id/upload']);

export function hasBody(req: Request): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

export function isJson(req: Request): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/iu.test(String(req.headers['content-type'] ?? ''));
}

/** Refuses the request without keeping its body: what the client still sends is discarded as it comes. */
function refuse(req: Request, res: Response, next: Next, status: number, message?: string): void {
  sendError(res, status, message);
  req.resume();
  next(false);
}

/** Reads at most `maxBytes` of the body; undefined when it is longer. */
function readCapped(req: Request, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > maxBytes) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, length)));
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('request aborted')));
  });
}

/** The middleware (server.use, so it runs after routing): req.body is the parsed JSON, req.rawBody its text. */
export function readBodies(maxBytes: number): (req: Request, res: Response, next: Next) => void {
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    const route = req.getRoute();
    if (!BODY_METHODS.has(req.method ?? '') || BODILESS_ROUTES.has(String(route?.path ?? ''))) {
      return refuse(req, res, next, 413, 'This route takes no request body.');
    }
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (!isJson(req) || encoding !== 'identity') return refuse(req, res, next, 415);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return refuse(req, res, next, 413);
    readCapped(req, maxBytes).then(
      (raw) => (raw ? parse(req, res, next, raw) : refuse(req, res, next, 413)),
      () => next(false),
    );
  };
}

function parse(req: Request, res: Response, next: Next, raw: Buffer): void {
  const text = raw.toString('utf8');
  (req as Request & { rawBody?: string }).rawBody = text;
  if (!text) return next();
  try {
    req.body = JSON.parse(text) as unknown;
  } catch {
    sendError(res, 400, 'The body is not valid JSON.');
    return next(false);
  }
  return next();
}
