// Direct Line tokens: random, expiring, and each bound to one conversation (and the user it was issued for).
import { randomBytes } from 'node:crypto';

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

export class TokenStore {
  private readonly grants = new Map<string, TokenGrant>();

  constructor(private readonly ttlSeconds: number) {}

  issue(conversationId: string, userId: string): IssuedToken {
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, { conversationId, userId, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    return { token, conversationId, expires_in: this.ttlSeconds };
  }

  /** The grant of a live token; an expired one is forgotten on sight. */
  verify(token: string): TokenGrant | undefined {
    const grant = this.grants.get(token);
    if (grant && grant.expiresAt <= Date.now()) {
      this.grants.delete(token);
      return undefined;
    }
    return grant;
  }

  /** A fresh token for the same conversation; the old one stays valid until it expires, as on Azure. */
  refresh(token: string): IssuedToken | undefined {
    const grant = this.verify(token);
    return grant && this.issue(grant.conversationId, grant.userId);
  }

  revokeConversation(conversationId: string): void {
    for (const [token, grant] of this.grants) if (grant.conversationId === conversationId) this.grants.delete(token);
  }

  sweep(): void {
    const now = Date.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
  }
}
