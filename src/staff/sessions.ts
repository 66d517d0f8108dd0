// Signed-in staff sessions, in the bot's Storage so that any instance serves any staff member. The cookie
// holds a random id; storage holds only its SHA-256 (a copy of the store signs no one in), the user name,
// the CSRF token every change must carry, and the expiry.
import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { KEY_PREFIX, readItem, updateItem } from '../services/records.js';

export interface StaffSession {
  username: string;
  csrf: string;
  expiresAt: number;
}

const sessionKey = (id: string): string => `${KEY_PREFIX}/staff/sessions/${createHash('sha256').update(id).digest('base64url')}`;
const ID = /^[A-Za-z0-9_-]{43}$/u;

export class StaffSessions {
  constructor(
    private readonly storage: Storage,
    private readonly ttlMs: number,
    private readonly now = () => Date.now(),
  ) {}

  async create(username: string): Promise<{ id: string; session: StaffSession }> {
    const id = randomBytes(32).toString('base64url');
    const session = { username, csrf: randomBytes(32).toString('base64url'), expiresAt: this.now() + this.ttlMs };
    await updateItem<StaffSession>(this.storage, sessionKey(id), () => session);
    return { id, session };
  }

  async get(id: string): Promise<StaffSession | undefined> {
    if (!ID.test(id)) return undefined;
    const session = await readItem<StaffSession>(this.storage, sessionKey(id));
    if (!session) return undefined;
    if (session.expiresAt > this.now()) return session;
    await this.end(id);
    return undefined;
  }

  async end(id: string): Promise<void> {
    if (ID.test(id)) await this.storage.delete([sessionKey(id)]);
  }
}
