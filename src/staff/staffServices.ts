// The staff side's services: named accounts (their own file on lowdb, see accountStorage.ts), sessions, and
// the authentication every staff route uses (a session cookie with its CSRF token, or the admin bearer token).
import type { Storage } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { StaffAccounts } from './accounts.js';
import { accountStorage } from './accountStorage.js';
import { StaffSessions } from './sessions.js';
import { SignInHistory } from './signInHistory.js';
import { StaffAuth } from './staffAuth.js';
import { IdempotencyKeys } from './idempotency.js';

export interface StaffServices {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  auth: StaffAuth;
  /** Idempotency-Key: a staff change retried with the same key is applied once. */
  idempotency: IdempotencyKeys;
  /** Failed sign-ins on each account since its last sign-in. */
  signIns: SignInHistory;
}

export function createStaffServices(config: Config, storage: Storage, adminToken: string, log?: Logger): StaffServices {
  const sessions = new StaffSessions(storage, config.staff.sessionHours * 3600_000);
  const accounts = new StaffAccounts(accountStorage(config, storage, log));
  const auth = new StaffAuth(adminToken, sessions, accounts, config.rateLimit.trustProxy);
  return { accounts, sessions, auth, idempotency: new IdempotencyKeys(storage), signIns: new SignInHistory(storage) };
}
