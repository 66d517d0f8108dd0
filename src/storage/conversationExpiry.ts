// Idle conversations are forgotten: conversation state (ConversationState's keys,
// `<channel>/conversations/<id>/…`) not written for longer than STATE_TTL_MINUTES (at most RETENTION_DAYS) is deleted. Tickets, users
// and every other record never expire here. (Blob has no per-item TTL: a lifecycle rule does it there.)
const CONVERSATION_KEY = /\/conversations\//u;
/** A long TTL (RETENTION_DAYS) is still looked after daily. */
const SWEEP_AT_LEAST_EVERY_MS = 86_400_000;

export class ConversationExpiry {
  private lastSweep = 0;

  constructor(readonly ttlMs: number) {}

  /**
   * The conversation keys idle past the TTL, given when each key was last written; looked for at most once per
   * tenth of the TTL and at least daily (a sweep walks every key), otherwise none. Keys found but not deleted (a full disk)
   * come again at the next sweep.
   */
  expired(lastWritten: ReadonlyMap<string, { at: number }>, now: number): string[] {
    if (now - this.lastSweep < Math.min(this.ttlMs / 10, SWEEP_AT_LEAST_EVERY_MS)) return [];
    this.lastSweep = now;
    const expired: string[] = [];
    for (const [key, { at }] of lastWritten) if (CONVERSATION_KEY.test(key) && now - at > this.ttlMs) expired.push(key);
    return expired;
  }
}
