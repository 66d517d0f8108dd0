// What happens to tickets and chats, told to every open staff console as it happens (Server-Sent Events,
// src/staff/eventRoutes.ts): a new chat, a citizen's message, a reply, a ticket filed or changed, and who
// did it. With several instances (STORAGE=blob) each event also goes into a small feed in storage that every
// instance tails, so a console on one instance hears of what happened on another.
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { KEY_PREFIX, readItem, updateItem } from './records.js';

export interface StaffEvent {
  type: 'ticket' | 'chat';
  /** The ticket's reference or the chat's id. */
  id: string;
  /** Who: a staff member's user name, "citizen", "bot", "api" or "notice" (a message's state recorded). */
  by: string;
}

export type StaffEventListener = (event: StaffEvent, remote: boolean) => void;

export class StaffEvents {
  private readonly listeners = new Set<StaffEventListener>();
  private feed?: EventFeed;

  /** Shares events with other instances through storage (STORAGE=blob); stop() ends it. */
  share(storage: Storage, log: Logger, pollMs: number): void {
    this.feed = new EventFeed(storage, log, pollMs, (event) => this.deliver(event, true));
  }

  publish(event: StaffEvent): void {
    this.deliver(event, false);
    this.feed?.append(event);
  }

  /** Returns what removes the listener. */
  subscribe(listener: StaffEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.feed?.stop();
  }

  private deliver(event: StaffEvent, remote: boolean): void {
    for (const listener of this.listeners) listener(event, remote);
  }
}

interface FedEvent extends StaffEvent {
  seq: number;
  origin: string;
}

interface Feed {
  seq: number;
  events: FedEvent[];
}

const FEED_KEY = `${KEY_PREFIX}/staff-events`;
/** Events the feed keeps: an instance that falls further behind than this misses the oldest. */
const FEED_EVENTS = 200;

/** One storage item holding the latest events with a sequence number; each instance reads it every pollMs. */
class EventFeed {
  private readonly origin = randomUUID();
  private seen?: number;
  private readonly timer: NodeJS.Timeout;
  private reading = false;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    pollMs: number,
    private readonly onRemote: (event: StaffEvent) => void,
  ) {
    this.timer = setInterval(() => void this.tail(), pollMs);
    this.timer.unref();
    void this.tail();
  }

  append(event: StaffEvent): void {
    updateItem<Feed>(this.storage, FEED_KEY, (feed) => {
      const seq = (feed?.seq ?? 0) + 1;
      return { seq, events: [...(feed?.events ?? []), { ...event, seq, origin: this.origin }].slice(-FEED_EVENTS) };
    }).catch((error: unknown) => this.log.warn({ err: error }, 'staff event not shared'));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tail(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const feed = await readItem<Feed>(this.storage, FEED_KEY);
      const seq = feed?.seq ?? 0;
      if (this.seen !== undefined)
        for (const { seq: n, origin, ...event } of feed?.events ?? []) if (n > this.seen && origin !== this.origin) this.onRemote(event);
      this.seen = seq;
    } catch (error) {
      this.log.warn({ err: error }, 'staff events not read');
    } finally {
      this.reading = false;
    }
  }
}
