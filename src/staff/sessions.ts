// Signed-in staff sessions, in the bot's Storage so that any instance serves any staff member. The cookie
// holds a random id; storage holds only its SHA-256 (a copy of the store signs no one in), the user name,
// the account's credential generation at sign-in (a new password ends the session, see accounts.ts), the
// CSRF token every change must carry, and the expiry. An index of the sessions with their expiry lets each
// new sign-in delete the expired ones, so sessions nobody signed out of do not stay in storage forever.
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { KEY_PREFIX, readItem, updateItem } from '../services/records.js';

export interface StaffSession {
  username: string;
  /** The account's credential generation when the session began ('' for accounts made before generations). */
  credential?: string;
  csrf: string;
  expiresAt: number;
}

/** Stored session keys (hashed ids) with their expiry. */
interface SessionIndex {
  expiries: Record<string, number>;
}

const INDEX_KEY = `${KEY_PREFIX}/staff/sessions/index`;
const hashed = (id: string): string => createHash('sha256').update(id).digest('base64url');
const keyOf = (hash: string): string => `${KEY_PREFIX}/staff/sessions/${hash}`;
const ID = /^[A-Za-z0-9_-]{43}$/u;

export class StaffSessions {
  constructor(
    private readonly storage: Storage,
    private readonly ttlMs: number,
    private readonly now = () => Date.now(),
  ) {}

  async create(username: string, credential: string): Promise<{ id: string; session: StaffSession }> {
    const id = randomBytes(32).toString('base64url');
    const session = { username, credential, csrf: randomBytes(32).toString('base64url'), expiresAt: this.now() + this.ttlMs };
    const now = this.now();
    let expired: string[] = [];
    // Indexed first: an index entry without its session is harmless, a session missing from it would never be swept.
    await updateItem<SessionIndex>(this.storage, INDEX_KEY, (current) => {
      const entries = Object.entries(current?.expiries ?? {});
      expired = entries.filter(([, at]) => at <= now).map(([hash]) => hash);
      return { expiries: { ...Object.fromEntries(entries.filter(([, at]) => at > now)), [hashed(id)]: session.expiresAt } };
    });
    if (expired.length) await this.storage.delete(expired.map(keyOf));
    await updateItem<StaffSession>(this.storage, keyOf(hashed(id)), () => session);
    return { id, session };
  }

  async get(id: string): Promise<StaffSession | undefined> {
    if (!ID.test(id)) return undefined;
    const session = await readItem<StaffSession>(this.storage, keyOf(hashed(id)));
    if (!session) return undefined;
    if (session.expiresAt > this.now()) return session;
    await this.end(id);
    return undefined;
  }

  async end(id: string): Promise<void> {
    if (!ID.test(id)) return;
    const hash = hashed(id);
    await this.storage.delete([keyOf(hash)]);
    await updateItem<SessionIndex>(this.storage, INDEX_KEY, (current) => {
      const { [hash]: _ended, ...rest } = current?.expiries ?? {};
      return { expiries: rest };
    });
  }
}
