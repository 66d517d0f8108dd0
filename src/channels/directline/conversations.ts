// The local Direct Line's conversations: each keeps its recent activities numbered by watermark, and tells its
// WebSocket listeners about each new one. Memory is bounded: a cap on activities per conversation, on the
// number of conversations (to make room, the longest idle goes, never a live one: a full store of live
// conversations refuses new ones), and idle conversations expire.
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
  /** Watermark of activities[0]: how many older activities were dropped. */
  first: number;
  activities: StoredActivity[];
  lastActive: number;
  listeners: Set<Listener>;
}

export interface ConversationLimits {
  maxActivities: number;
  maxConversations: number;
  idleMs: number;
}

/** A conversation with an open stream, or used this recently, is live: never dropped to make room. */
const LIVE_MS = 2 * 60_000;

function endStreams(conversation: Conversation): void {
  for (const listener of conversation.listeners) listener.end();
  conversation.listeners.clear();
}

export class ConversationStore {
  /** Kept in order of last use, so the first entry is the longest idle; idle ones expire with their streams. */
  private readonly conversations: BoundedCache<string, Conversation>;

  constructor(private readonly limits: ConversationLimits) {
    this.conversations = new BoundedCache(limits.maxConversations, {
      order: 'use',
      ttlMs: limits.idleMs,
      onEvict: (_id, conversation) => endStreams(conversation),
    });
  }

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation, or undefined when the store is full of live ones. */
  create(userId: string): Conversation | undefined {
    // Azure conversation ids are opaque strings; these are random so one cannot be guessed from another.
    return this.add(randomBytes(16).toString('base64url'), userId, false, 0);
  }

  /**
   * A conversation this server started before a restart (its token is still good, or an announcement is
   * sent into it), taken up again. Its watermarks go on from the time, above any it gave out before, so a
   * client's activity ids stay unique and its old watermark gets everything new.
   */
  restore(id: string, userId: string): Conversation | undefined {
    return this.get(id) ?? this.add(id, userId, true, Date.now());
  }

  private add(id: string, userId: string, started: boolean, first: number): Conversation | undefined {
    // Room is made here, not by the cache's own bound, which would drop a live conversation too.
    if (this.conversations.size >= this.limits.maxConversations && !this.dropOneIdle()) return undefined;
    const conversation: Conversation = { id, userId, started, first, activities: [], lastActive: Date.now(), listeners: new Set() };
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Drops the longest-idle conversation that is not live; false when every one is. */
  private dropOneIdle(): boolean {
    const cutoff = Date.now() - LIVE_MS;
    for (const conversation of this.conversations.values()) {
      // In order of last use: past the first recently used one, all are.
      if (conversation.lastActive > cutoff) return false;
      if (conversation.listeners.size === 0) {
        this.remove(conversation.id);
        return true;
      }
    }
    return false;
  }

  /** The conversation, marked as just used. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastActive = Date.now();
    return conversation;
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
    endStreams(conversation);
  }

  /** Forgets conversations idle for longer than the limit. */
  sweep(): void {
    this.conversations.prune();
  }

  removeAll(): void {
    for (const conversation of [...this.conversations.values()]) this.remove(conversation.id);
  }
}
