// Who is calling a staff route: `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time; history
// names it "api"; failed tries limited per address, 429 past the limit), or a signed-in staff session
// cookie, which must also carry its CSRF token in the X-CSRF-Token header on every change, and whose account
// must still exist with the password it was signed in with. A request with a wrong bearer token is refused,
// not tried as a session. Over https the cookie is `__Host-hotline_staff` (Secure, Path=/, no Domain: no
// other host or plain-http page can set it), and only that name is read there.
import type { Request, Response } from 'restify';
import { clientKey } from '../http/clientAddress.js';
import { FailureLimit } from '../http/failureLimit.js';
import { sendError } from '../http/httpError.js';
import { bearerToken, secretsEqual } from '../http/secrets.js';
import type { StaffAccounts } from './accounts.js';
import type { StaffSession, StaffSessions } from './sessions.js';

const SESSION_COOKIE = 'hotline_staff';
const HTTPS_COOKIE = `__Host-${SESSION_COOKIE}`;
const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** Wrong admin bearer tokens per address in the window before 429. */
export const ADMIN_FAILURES_PER_ADDRESS = 10;

export type Authentication =
  { actor: string; session?: StaffSession; sessionId?: string } | { status: 401 | 403 } | { status: 429; retryAfter: number };

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the client reached us over https: behind trusted proxies, as the nearest one says (the last entry). */
export function isHttps(req: Request, trustProxy: number): boolean {
  if (
    trustProxy > 0 &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')
      .at(-1)
      ?.trim() === 'https'
  )
    return true;
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

export function sessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return secure
    ? `${HTTPS_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}; Secure`
    : `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export class StaffAuth {
  private readonly adminFailures = new FailureLimit(ADMIN_FAILURES_PER_ADDRESS);

  constructor(
    private readonly adminToken: string,
    private readonly sessions: StaffSessions,
    private readonly accounts: StaffAccounts,
    /** Proxy hops in front (TRUST_PROXY): the client's address and whether it used https. */
    private readonly trustProxy: number,
  ) {}

  /** The session id of the request's cookie: over https only the `__Host-` one. */
  sessionId(req: Request): string | undefined {
    return cookieValue(req, isHttps(req, this.trustProxy) ? HTTPS_COOKIE : SESSION_COOKIE);
  }

  async authenticate(req: Request): Promise<Authentication> {
    if (req.headers.authorization !== undefined) return this.bearer(req);
    const sessionId = this.sessionId(req);
    const session = sessionId ? await this.sessions.get(sessionId) : undefined;
    if (!session) return { status: 401 };
    // A password changed, or the account removed (and perhaps made again), with `npm run staff` signs its open sessions out.
    if ((await this.accounts.credential(session.username)) !== (session.credential ?? '')) {
      await this.sessions.end(sessionId!);
      return { status: 401 };
    }
    if (!SAFE_METHODS.has(req.method ?? '') && !secretsEqual(headerValue(req.headers['x-csrf-token']), session.csrf))
      return { status: 403 };
    return { actor: session.username, session, sessionId };
  }

  /** The admin bearer token; wrong ones counted per address, 429 once too many. */
  private bearer(req: Request): Authentication {
    const address = clientKey(req, this.trustProxy);
    const retryAfter = this.adminFailures.wait(address);
    if (retryAfter) return { status: 429, retryAfter };
    if (secretsEqual(bearerToken(req.headers.authorization), this.adminToken)) return { actor: 'api' };
    this.adminFailures.take(address);
    return { status: 401 };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Answers 401/403 for a request without valid credentials; otherwise the actor. */
export async function authorize(auth: StaffAuth, req: Request, res: Response): Promise<string | undefined> {
  const result = await auth.authenticate(req);
  if ('actor' in result) return result.actor;
  sendError(res, result.status, undefined, authHeaders(result));
  return undefined;
}

/** The headers of a refusal: how to authenticate (401), when to try again (429). */
export function authHeaders(result: { status: number; retryAfter?: number }): Record<string, string> | undefined {
  if (result.status === 401) return { 'www-authenticate': 'Bearer' };
  return result.retryAfter ? { 'Retry-After': String(result.retryAfter) } : undefined;
}
