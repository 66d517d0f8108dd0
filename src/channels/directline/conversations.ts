// The local Direct Line's conversations: each keeps its recent activities numbered by watermark, and tells its
// WebSocket listeners about each new one. Memory is bounded: a cap on activities per conversation, on the
// number of conversations, and on those of one client address (DIRECT_LINE_CONVERSATIONS_PER_ADDRESS). To
// make room the longest idle goes, never a live one (an activity within 2 minutes; an open WebSocket alone
// does not count, nor do its keep-alives); a store full of live conversations makes room at the expense of
// the address holding the most, whose newest goes, so one address cannot shut other citizens out (a request
// from that address itself is refused). Idle conversations expire, closing their streams.
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { BoundedCache } from '../../boundedCache.js';

export type StoredActivity = Partial<Activity> & { id: string };

export interface ActivitySet {
  activities: StoredActivity[];
  watermark: string;
}

/** A WebSocket following the conversation. */
export interface Listener {
  push(set: ActivitySet): void;
  /** The conversation expired or was dropped: close the socket. */
  end(): void;
}

export interface Conversation {
  id: string;
  userId: string;
  /** Whether the bot has been told the user joined (POST /conversations ran once). */
  started: boolean;
  /** The client address (as the per-address limits count it) that opened it; undefined when taken up after a restart. */
  address?: string;
  /** Watermark of activities[0]: how many older activities were dropped. */
  first: number;
  activities: StoredActivity[];
  /** When it was opened or last had an activity (the user's or the bot's). */
  lastActive: number;
  listeners: Set<Listener>;
}

export interface ConversationLimits {
  maxActivities: number;
  maxConversations: number;
  idleMs: number;
  /** Conversations one address may hold (0: no cap). */
  perAddress?: number;
}

/** Why no conversation was opened: the address holds its share of live ones, or the store is full of live ones. */
export type Refusal = 'address' | 'full';

/** A conversation with an open stream, or used this recently, is live: never dropped to make room. */
const LIVE_MS = 2 * 60_000;

function endStreams(conversation: Conversation): void {
  for (const listener of conversation.listeners) listener.end();
  conversation.listeners.clear();
}

export class ConversationStore {
  /** Kept in order of last use, so the first entry is the longest idle; idle ones expire with their streams. */
  private readonly conversations: BoundedCache<string, Conversation>;
  /** The conversations of each address, oldest first. */
  private readonly byAddress = new Map<string, Set<string>>();

  constructor(private readonly limits: ConversationLimits) {
    this.conversations = new BoundedCache(limits.maxConversations, {
      order: 'use',
      ttlMs: limits.idleMs,
      onEvict: (_id, conversation) => {
        this.untrack(conversation);
        endStreams(conversation);
      },
    });
  }

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation for a client at `address`, or why there is none. */
  create(userId: string, address?: string): Conversation | Refusal {
    const mine = address === undefined ? undefined : this.byAddress.get(address);
    if (mine && this.limits.perAddress && mine.size >= this.limits.perAddress && !this.dropOneIdle(mine)) return 'address';
    if (this.conversations.size >= this.limits.maxConversations && !this.dropOneIdle() && !this.dropFromHeaviest(address)) return 'full';
    // Azure conversation ids are opaque strings; these are random so one cannot be guessed from another.
    return this.add(randomBytes(16).toString('base64url'), userId, false, 0, address)!;
  }

  /**
   * A conversation this server started before a restart (its token is still good, or an announcement is
   * sent into it), taken up again. Its watermarks go on from the time, above any it gave out before, so a
   * client's activity ids stay unique and its old watermark gets everything new.
   */
  restore(id: string, userId: string): Conversation | undefined {
    return this.get(id) ?? this.add(id, userId, true, Date.now());
  }

  private add(id: string, userId: string, started: boolean, first: number, address?: string): Conversation | undefined {
    // Room is made here, not by the cache's own bound, which would drop a live conversation too.
    if (this.conversations.size >= this.limits.maxConversations && !this.dropOneIdle()) return undefined;
    const conversation: Conversation = {
      id,
      userId,
      address,
      started,
      first,
      activities: [],
      lastActive: Date.now(),
      listeners: new Set(),
    };
    this.conversations.set(id, conversation);
    if (address !== undefined) {
      const ids = this.byAddress.get(address) ?? new Set<string>();
      this.byAddress.set(address, ids.add(id));
    }
    return conversation;
  }

  /** Drops the longest-idle conversation (of `among`, if given) with no activity for LIVE_MS; false when every one is live. */
  private dropOneIdle(among?: Set<string>): boolean {
    const cutoff = Date.now() - LIVE_MS;
    for (const conversation of [...this.conversations.values()].sort((a, b) => a.lastActive - b.lastActive)) {
      if (conversation.lastActive > cutoff) return false;
      if (among && !among.has(conversation.id)) continue;
      this.remove(conversation.id);
      return true;
    }
    return false;
  }

  /** In a store full of live conversations, the newest of the address holding the most goes, unless that is the requester's. */
  private dropFromHeaviest(requester: string | undefined): boolean {
    let heaviest: [string, Set<string>] | undefined;
    for (const entry of this.byAddress) if (!heaviest || entry[1].size > heaviest[1].size) heaviest = entry;
    if (
      !heaviest ||
      heaviest[0] === requester ||
      heaviest[1].size <= (requester === undefined ? 1 : (this.byAddress.get(requester)?.size ?? 0) + 1)
    )
      return false;
    this.remove([...heaviest[1]].at(-1)!);
    return true;
  }

  private untrack(conversation: Conversation): void {
    const ids = conversation.address === undefined ? undefined : this.byAddress.get(conversation.address);
    ids?.delete(conversation.id);
    if (ids?.size === 0) this.byAddress.delete(conversation.address!);
  }

  /** The conversation (kept from expiring for another idle period). */
  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  has(id: string): boolean {
    return this.conversations.has(id);
  }

  /** Stores an activity with its Direct Line id ("<conversation>|<seq>") and timestamp, and pushes it to listeners. */
  append(conversation: Conversation, activity: Partial<Activity>): StoredActivity {
    const seq = conversation.first + conversation.activities.length;
    const { serviceUrl: _internal, ...visible } = activity;
    const stored = JSON.parse(
      JSON.stringify({ ...visible, id: `${conversation.id}|${String(seq).padStart(7, '0')}`, timestamp: new Date() }),
    ) as StoredActivity;
    conversation.activities.push(stored);
    if (conversation.activities.length > this.limits.maxActivities) {
      conversation.activities.shift();
      conversation.first += 1;
    }
    conversation.lastActive = Date.now();
    const set = { activities: [stored], watermark: String(seq + 1) };
    for (const listener of conversation.listeners) listener.push(set);
    return stored;
  }

  /** Activities from a watermark on (from the oldest kept if absent), and the watermark to ask with next. */
  since(conversation: Conversation, watermark: number | undefined): ActivitySet {
    const next = conversation.first + conversation.activities.length;
    const from = Math.max(0, (watermark ?? 0) - conversation.first);
    return { activities: conversation.activities.slice(from), watermark: String(next) };
  }

  remove(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    this.conversations.delete(id);
    this.untrack(conversation);
    endStreams(conversation);
  }

  /** Forgets conversations idle for longer than the limit, and closes streams with no activity for that long. */
  sweep(): void {
    this.conversations.prune();
    const cutoff = Date.now() - this.limits.idleMs;
    for (const conversation of this.conversations.values()) if (conversation.lastActive <= cutoff) endStreams(conversation);
  }

  removeAll(): void {
    for (const conversation of [...this.conversations.values()]) this.remove(conversation.id);
  }
}
