// Who is calling a staff route: `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time; history
// names it "api"), or a signed-in staff session cookie, which must also carry its CSRF token in the
// X-CSRF-Token header on every change, and whose account must still exist. A request with a wrong bearer token
// is refused, not tried as a session.
import type { Request, Response } from 'restify';
import { sendError } from '../http/httpError.js';
import { bearerToken, secretsEqual } from '../http/secrets.js';
import type { StaffAccounts } from './accounts.js';
import type { StaffSession, StaffSessions } from './sessions.js';

const SESSION_COOKIE = 'hotline_staff';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export type Authentication = { actor: string; session?: StaffSession; sessionId?: string } | { status: 401 | 403 };

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Behind a TLS-terminating proxy (TRUST_PROXY=1) the proxy's X-Forwarded-Proto says whether the browser used https. */
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
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export class StaffAuth {
  constructor(
    private readonly adminToken: string,
    private readonly sessions: StaffSessions,
    private readonly accounts: StaffAccounts,
  ) {}

  async authenticate(req: Request): Promise<Authentication> {
    if (req.headers.authorization !== undefined) {
      return secretsEqual(bearerToken(req.headers.authorization), this.adminToken) ? { actor: 'api' } : { status: 401 };
    }
    const sessionId = cookieValue(req, SESSION_COOKIE);
    const session = sessionId ? await this.sessions.get(sessionId) : undefined;
    if (!session) return { status: 401 };
    // An account removed with `npm run staff -- remove` signs its open sessions out too.
    if (!(await this.accounts.exists(session.username))) {
      await this.sessions.end(sessionId!);
      return { status: 401 };
    }
    if (!SAFE_METHODS.has(req.method ?? '') && !secretsEqual(headerValue(req.headers['x-csrf-token']), session.csrf))
      return { status: 403 };
    return { actor: session.username, session, sessionId };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Answers 401/403 for a request without valid credentials; otherwise the actor. */
export async function authorize(auth: StaffAuth, req: Request, res: Response): Promise<string | undefined> {
  const result = await auth.authenticate(req);
  if ('actor' in result) return result.actor;
  sendError(res, result.status, undefined, result.status === 401 ? { 'www-authenticate': 'Bearer' } : undefined);
  return undefined;
}
