// Direct Line tokens: each bound to one conversation and the user it was issued for, expiring, and signed
// (HMAC-SHA256) with a key kept in the bot's Storage, so they still hold after a restart: a widget open
// during a restart reconnects to its conversation (and the announcements sent into it meanwhile).
import { createHmac, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { secretsEqual } from '../../http/secrets.js';
import { readItem, updateItem } from '../../services/records.js';

export interface TokenGrant {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expires_in: number;
}

const KEY_ITEM = 'directline/tokenKey';
const SIGNATURE_LENGTH = 43;

export class TokenStore {
  private constructor(
    private readonly key: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  /** The signing key is made once and kept in the Storage. */
  static async open(storage: Storage, ttlSeconds: number): Promise<TokenStore> {
    const stored = await readItem<{ key: string }>(storage, KEY_ITEM);
    const { key } =
      stored ??
      (await updateItem<{ key: string }>(storage, KEY_ITEM, (current) => current ?? { key: randomBytes(32).toString('base64url') }));
    return new TokenStore(Buffer.from(key, 'base64url'), ttlSeconds);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  issue(conversationId: string, userId: string): IssuedToken {
    const grant = { c: conversationId, u: userId, e: Date.now() + this.ttlSeconds * 1000, n: randomBytes(6).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return { token: `${payload}${this.sign(payload)}`, conversationId, expires_in: this.ttlSeconds };
  }

  /** The grant of a live token with a good signature; undefined otherwise. */
  verify(token: string): TokenGrant | undefined {
    // The payload, then the signature (43 base64url characters).
    const payload = token.slice(0, -SIGNATURE_LENGTH);
    if (!payload || !secretsEqual(token.slice(-SIGNATURE_LENGTH), this.sign(payload))) return undefined;
    let grant: { c?: unknown; u?: unknown; e?: unknown };
    try {
      grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof grant;
    } catch {
      return undefined;
    }
    if (typeof grant.c !== 'string' || typeof grant.u !== 'string' || typeof grant.e !== 'number' || grant.e <= Date.now())
      return undefined;
    return { conversationId: grant.c, userId: grant.u, expiresAt: grant.e };
  }

  /** A fresh token for the same conversation; the old one stays valid until it expires, as on Azure. */
  refresh(token: string): IssuedToken | undefined {
    const grant = this.verify(token);
    return grant && this.issue(grant.conversationId, grant.userId);
  }
}
