// The staff side's services: named accounts (their own file on lowdb, see accountStorage.ts), sessions, and
// the authentication every staff route uses (a session cookie with its CSRF token, or the admin bearer token).
import type { Storage } from 'botbuilder';
import type { Config } from '../config.js';
import { StaffAccounts } from './accounts.js';
import { accountStorage } from './accountStorage.js';
import { StaffSessions } from './sessions.js';
import { StaffAuth } from './staffAuth.js';

export interface StaffServices {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  auth: StaffAuth;
}

export function createStaffServices(config: Config, storage: Storage, adminToken: string): StaffServices {
  const sessions = new StaffSessions(storage, config.staff.sessionHours * 3600_000);
  const accounts = new StaffAccounts(accountStorage(config, storage));
  return { accounts, sessions, auth: new StaffAuth(adminToken, sessions, accounts) };
}
