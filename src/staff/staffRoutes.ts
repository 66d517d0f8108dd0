// The staff console: the page at /staff (its script and style from public/staff/, no CDN, under a strict
// Content-Security-Policy), sign-in and sign-out with named accounts (session cookie HttpOnly,
// SameSite=Strict, `__Host-` and Secure behind https; a CSRF token for every change; failed sign-ins limited
// per address and per user name at an address, counted before the password is checked, and slowed per user
// name; the failed tries since the last sign-in are told at the next), and the knowledge status (the
// unanswered questions: gapsRoutes.ts; Thống kê: statsRoutes.ts). Without any account the page explains how to create one; every API
// answers 401 to a caller without credentials.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { load, projectRoot, serve } from '../channels/directline/widgetFiles.js';
import { sendError } from '../http/httpError.js';
import { clientIp, clientKey } from '../http/clientAddress.js';
import { FailureLimit } from '../http/failureLimit.js';
import { objectBody } from './adminRoutes.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Logger } from '../logger.js';
import { knowledgeStatus } from './knowledgeStatus.js';
import { MAX_PASSWORD } from './passwordRules.js';
import { USERNAME } from './accounts.js';
import { SignInDelay } from './signInDelay.js';
import { authHeaders, authorize, isHttps, sessionCookie } from './staffAuth.js';
import type { StaffServices } from './staffServices.js';

/** Only this origin's own files and API: no inline script or style, no frames, no plugins, no other hosts. */
const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Failed sign-ins in the window per address, and per user name at one address, before 429. */
const FAILURES_PER_ADDRESS = 20;
const FAILURES_PER_NAME_AT_ADDRESS = 5;

export interface StaffConsoleDeps {
  server: Server;
  log: Logger;
  knowledge: KnowledgeStore;
  /** Proxy hops in front of the service (TRUST_PROXY), for the client's address and https. */
  trustProxy: number;
  sessionHours: number;
}

export function registerStaffConsole({ server, log, knowledge, trustProxy, sessionHours }: StaffConsoleDeps, staff: StaffServices): void {
  const { accounts, sessions, auth: staffAuth } = staff;
  const limits = { address: new FailureLimit(FAILURES_PER_ADDRESS), nameAtAddress: new FailureLimit(FAILURES_PER_NAME_AT_ADDRESS) };
  const delay = new SignInDelay();
  const history = staff.signIns;
  const sessionSeconds = sessionHours * 3600;

  const dir = path.join(projectRoot(), 'public', 'staff');
  const page = serve(load(path.join(dir, 'index.html'), 'text/html; charset=utf-8', 0));
  const strict = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    await handler(req, res);
  };
  server.get('/staff', strict(page));
  server.get('/staff/staff.js', strict(serve(load(path.join(dir, 'staff.js'), 'text/javascript; charset=utf-8', 300))));
  server.get('/staff/staff.css', strict(serve(load(path.join(dir, 'staff.css'), 'text/css; charset=utf-8', 300))));
  // The views added to the console, and the chart library they draw with (from node_modules, no CDN).
  for (const file of ['stats.js', 'gaps.js', 'privacy.js', 'stats.css']) {
    const type = file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    server.get(`/staff/${file}`, strict(serve(load(path.join(dir, file), type, 300))));
  }
  const chartJs = path.join(projectRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js');
  server.get('/staff/chart.umd.min.js', strict(serve(load(chartJs, 'text/javascript; charset=utf-8', 86_400))));

  /** What the page needs before sign-in: whether any account exists; after, who is signed in and the CSRF token. */
  server.get('/api/staff/session', async (req, res) => {
    res.header('cache-control', 'no-store');
    const result = req.headers.authorization === undefined ? await staffAuth.authenticate(req) : undefined;
    const session = result && 'session' in result ? result.session : undefined;
    res.json(200, session ? { accounts: true, username: session.username, csrf: session.csrf } : { accounts: await accounts.any() });
  });

  server.post('/api/staff/login', async (req, res) => {
    const body = objectBody(req);
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : undefined;
    const password = typeof body?.password === 'string' ? body.password : undefined;
    // A name outside the account rule cannot be an account: 400, and nothing about it is kept.
    if (!username || !USERNAME.test(username) || password === undefined || password.length > MAX_PASSWORD) {
      return sendError(res, 400, 'Send JSON {"username": "…", "password": "…"} with a valid user name.');
    }
    const address = clientKey(req, trustProxy);
    const pair = `${username} ${address}`;
    const wait = limits.address.wait(address) || limits.nameAtAddress.wait(pair);
    if (wait) return sendError(res, 429, `Too many failed sign-ins; retry after ${wait} s.`, { 'Retry-After': String(wait) });
    // Counted now, before any await: simultaneous guesses see each other's attempts (given back on success).
    limits.address.take(address);
    limits.nameAtAddress.take(pair);
    await delay.before(username);
    const credential = await accounts.verify(username, password);
    if (credential === undefined) {
      delay.fail(username);
      if (await accounts.exists(username)) await history.failed(username);
      log.warn({ ip: clientIp(req, trustProxy), username }, 'staff sign-in failed');
      return sendError(res, 401, 'Wrong user name or password.');
    }
    limits.address.refund(address);
    limits.nameAtAddress.refund(pair, true);
    const failed = await history.signedIn(username);
    const { id, session } = await sessions.create(username, credential);
    log.info({ username, failedSignIns: failed.count }, 'staff signed in');
    res.header('Set-Cookie', sessionCookie(id, isHttps(req, trustProxy), sessionSeconds));
    res.header('cache-control', 'no-store');
    res.json(200, { accounts: true, username, csrf: session.csrf, failedSignIns: failed });
  });

  server.post('/api/staff/logout', async (req, res) => {
    const result = await staffAuth.authenticate(req);
    if (!('actor' in result)) return sendError(res, result.status, undefined, authHeaders(result));
    if (!result.sessionId) return sendError(res, 400, 'Only a staff session signs out.');
    await sessions.end(result.sessionId);
    res.header('Set-Cookie', sessionCookie('', isHttps(req, trustProxy), 0));
    res.json(200, { signedOut: true });
  });

  server.get('/api/admin/knowledge', async (req, res) => {
    if (!(await authorize(staffAuth, req, res))) return;
    res.header('cache-control', 'no-store');
    res.json(200, knowledgeStatus(knowledge));
  });
}
