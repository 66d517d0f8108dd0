// The outbox: everything the bot sends later (ticket status messages, staff chat lines, the closing and
// waiting notices of a live chat, announcements, and whatever another feature enqueues through `change`).
// A message is stored in the same write as the change that causes it (outboxMessage.ts), after an entry in
// the pending index (written first: an entry without its message is dropped, a message without an entry
// would never be sent). The sender claims due messages (state "sending", so two instances on Blob do not
// both send), sends each through the one proactive send path (proactiveSend.ts: sendOnce), and records
// the outcome on the message: delivered, retrying with back-off (up to MAX_ATTEMPTS tries), or failed
// (tries exhausted, or outside the channel's messaging window, e.g. Zalo OA's 7 days). It runs at start
// (resuming what a crash left: a claim of a dead process is taken over and counted as a possible repeat),
// whenever something is enqueued, when a retry falls due, and every POLL_MS (work left by other instances).
// Delivery is at least once: a crash between a send and its record repeats that message, with the same id.
import type { Storage } from 'botbuilder';
import type { Logger } from '../logger.js';
import { vnTimestamp } from '../text/vnTime.js';
import type { InboundTimes } from './messagingWindow.js';
import { FINAL, newBatchId, newMessage, pruned, type OutboxMessage, type OutboxRequest, type WithOutbox } from './outboxMessage.js';
import { sendOnce, type SendProactive } from './proactiveSend.js';
import { addToIndex, indexIds, KEY_PREFIX, readItem, removeFromIndex, updateItem } from './records.js';

const PENDING_INDEX = `${KEY_PREFIX}/outbox/pending`;
export const MAX_ATTEMPTS = 5;
/** How long a claim holds before another instance may take the message over (Blob: several instances). */
const CLAIM_MS = 60_000;
/** Messages of one record claimed, sent and recorded together (an announcement page holds many). */
const CLAIM_BATCH = 10;
/** Records worked on at once. */
const PARALLEL = 4;
const POLL_MS = 10_000;
const RECENT = 200;
/** An index entry whose change never wrote its message (a crash between the two) is dropped after this. */
const ORPHAN_MS = 60_000;

export interface OutboxOptions {
  /** This process's id: its claims are its own. */
  instance: string;
  /** Several instances share the store (Blob): another instance's claim is respected until it runs out. */
  shared: boolean;
  /** The pause before the first retry (ms); each further one is 5 times longer (2 s: 2, 10, 50, 250 s). */
  retryMs: number;
  pollMs?: number;
  now?: () => Date;
}

/** Adds a message to the record being changed; returns it (its id lets the caller point at it). */
export type Enqueue = (request: OutboxRequest) => OutboxMessage;

export class Outbox {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly waiters = new Map<string, Array<(message: OutboxMessage) => void>>();
  /** The latest tries this process recorded, for a caller who asks just after (bounded: RECENT). */
  private readonly recent = new Map<string, OutboxMessage>();
  private readonly recordedListeners: Array<(key: string) => void> = [];
  private readonly now: () => Date;

  constructor(
    private readonly storage: Storage,
    private readonly inbound: InboundTimes,
    private readonly send: SendProactive,
    private readonly log: Logger,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The one way to enqueue: applies `change` to the record at `key` (a read-modify-write with its eTag, as
   * updateItem does) and stores the messages it enqueues in the same write. Returns the record written.
   */
  async change<T extends WithOutbox>(key: string, change: (current: T | undefined, enqueue: Enqueue) => T): Promise<T> {
    const batch = newBatchId();
    const entry = `${key}|${batch}|${this.now().getTime()}`;
    await addToIndex(this.storage, PENDING_INDEX, entry);
    let enqueued = 0;
    const written = await updateItem<T>(this.storage, key, (current) => {
      const at = this.now();
      const fresh: OutboxMessage[] = [];
      const next = change(current, (request) => {
        const message = newMessage(`${batch}.${fresh.length}`, request, vnTimestamp(at), at.getTime());
        fresh.push(message);
        return message;
      });
      enqueued = fresh.length;
      return fresh.length ? { ...next, outbox: pruned([...(next.outbox ?? []), ...fresh]) } : next;
    });
    if (enqueued) this.kick();
    else await removeFromIndex(this.storage, PENDING_INDEX, entry);
    return written;
  }

  /** Starts sending: what is pending now (after a restart: what was not recorded), then as messages come. */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  /**
   * Stops sending (at shutdown): waits for the pass under way, makes one more for what fell due meanwhile
   * (messages of the last turns), then starts no other. A message not tried goes out after the next start.
   */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
    if (!this.stopped) await this.pass().catch((error: unknown) => this.log.error({ err: error }, 'outbox pass failed'));
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Resolves with the message once this process has recorded a try of it, or undefined after `timeoutMs`. */
  attempted(id: string, timeoutMs: number): Promise<OutboxMessage | undefined> {
    const done = this.recent.get(id);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const list = this.waiters.get(id) ?? [];
      list.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.waiters.set(id, list);
    });
  }

  /** Told of the key of every record whose messages' outcomes this process recorded (staff consoles show them). */
  onRecorded(listener: (key: string) => void): void {
    this.recordedListeners.push(listener);
  }

  /** Runs a pass now, or right after the one running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'outbox pass failed');
        return POLL_MS;
      })
      .then((wait) => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.timer = setTimeout(() => this.kick(), wait).unref();
      });
  }

  /** Works every pending entry; returns how long until the next one falls due (at most POLL_MS). */
  private async pass(): Promise<number> {
    const entries = await indexIds(this.storage, PENDING_INDEX);
    let next = this.now().getTime() + (this.options.pollMs ?? POLL_MS);
    let i = 0;
    const worker = async (): Promise<void> => {
      while (i < entries.length && !this.stopped) {
        const due = await this.work(entries[i++]!);
        if (due !== undefined) next = Math.min(next, due);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return Math.max(0, next - this.now().getTime());
  }

  /** Sends what is due of one entry's messages; the time the next of them falls due, if any remain. */
  private async work(entry: string): Promise<number | undefined> {
    const [key, batch, added] = entry.split('|') as [string, string, string];
    for (;;) {
      const record = await readItem<WithOutbox>(this.storage, key);
      const mine = (record?.outbox ?? []).filter((m) => m.id.startsWith(`${batch}.`));
      if (!mine.length) {
        if (this.now().getTime() - Number(added) > ORPHAN_MS) await removeFromIndex(this.storage, PENDING_INDEX, entry);
        return undefined;
      }
      if (mine.every((m) => FINAL.has(m.state))) {
        await removeFromIndex(this.storage, PENDING_INDEX, entry);
        return undefined;
      }
      const now = this.now().getTime();
      const due = mine.filter((m) => this.due(m, now)).slice(0, CLAIM_BATCH);
      if (!due.length || this.stopped) return Math.min(...mine.filter((m) => !FINAL.has(m.state)).map((m) => m.nextAt));
      const claimed = await this.claim(key, new Set(due.map((m) => m.id)));
      const outcomes = new Map<string, Partial<OutboxMessage>>();
      for (const message of claimed) outcomes.set(message.id, await this.attempt(message));
      await this.record(key, outcomes);
    }
  }

  private due(message: OutboxMessage, now: number): boolean {
    if (message.state === 'queued' || message.state === 'retrying') return message.nextAt <= now;
    // A claim of another process: on one instance (lowdb) that process is gone; on Blob, wait for its claim to run out.
    return message.state === 'sending' && message.claimedBy !== this.options.instance && (!this.options.shared || message.nextAt <= now);
  }

  /** Marks the messages as being sent by this instance; those still due when written. */
  private async claim(key: string, ids: Set<string>): Promise<OutboxMessage[]> {
    const now = this.now().getTime();
    let claimed: OutboxMessage[] = [];
    await updateItem<WithOutbox>(this.storage, key, (current) => {
      claimed = [];
      const outbox = (current?.outbox ?? []).map((m) => {
        if (!ids.has(m.id) || !this.due(m, now)) return m;
        const taken: OutboxMessage = {
          ...m,
          state: 'sending',
          claimedBy: this.options.instance,
          nextAt: now + CLAIM_MS,
          attempts: m.attempts + 1,
          repeats: m.repeats + (m.state === 'sending' ? 1 : 0),
        };
        claimed.push(taken);
        return taken;
      });
      return { ...current, outbox };
    });
    for (const message of claimed) {
      if (message.repeats && message.state === 'sending')
        this.log.warn(
          { id: message.id, intent: message.meta.intent, repeats: message.repeats },
          'outbox: sending again a message a crash left unrecorded',
        );
    }
    return claimed;
  }

  /** One try: the outcome to record. */
  private async attempt(message: OutboxMessage): Promise<Partial<OutboxMessage>> {
    const at = this.now();
    const { reference } = message;
    const channelId = reference.channelId ?? '';
    const last = await this.inbound.last(channelId, reference.conversation?.id ?? '', message.knownInbound);
    if (this.inbound.outside(channelId, last, at))
      return { state: 'failed', lastError: 'outside the channel messaging window', at: vnTimestamp(at) };
    const delivery = await sendOnce(this.send, reference, { text: message.text, actions: message.actions }, message.meta, at);
    if (delivery.status === 'sent') return { state: 'delivered', at: delivery.at, lastError: undefined };
    const reason = delivery.reason ?? 'send failed';
    if (message.attempts >= MAX_ATTEMPTS) return { state: 'failed', lastError: reason, at: delivery.at };
    const pause = this.options.retryMs * 5 ** (message.attempts - 1);
    return { state: 'retrying', lastError: reason, at: delivery.at, nextAt: at.getTime() + pause };
  }

  /** Records the outcomes of this instance's tries, and tells whoever waits for them. */
  private async record(key: string, outcomes: Map<string, Partial<OutboxMessage>>): Promise<void> {
    const recorded: OutboxMessage[] = [];
    await updateItem<WithOutbox>(this.storage, key, (current) => {
      recorded.length = 0;
      const outbox = (current?.outbox ?? []).map((m) => {
        const outcome = outcomes.get(m.id);
        if (!outcome || m.claimedBy !== this.options.instance || m.state !== 'sending') return m;
        const { claimedBy: _claimedBy, ...rest } = { ...m, ...outcome };
        const done = rest as OutboxMessage;
        recorded.push(done);
        return done;
      });
      return { ...current, outbox };
    });
    if (recorded.length) for (const listener of this.recordedListeners) listener(key);
    for (const message of recorded) {
      if (message.state !== 'delivered')
        this.log.warn(
          { id: message.id, intent: message.meta.intent, state: message.state, reason: message.lastError },
          'outbox: not delivered',
        );
      for (const wake of this.waiters.get(message.id) ?? []) wake(message);
      this.waiters.delete(message.id);
      this.recent.set(message.id, message);
      if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    }
  }
}
