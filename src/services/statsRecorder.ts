// Counts what happens for Thống kê as it happens — turns, ratings, handoffs, tickets, satisfaction — in
// memory, and adds the counts every second to this instance's own record of the day
// (`citizen/stats/<day>/<instance>`), listed in the day's index of records. Each instance writes only its
// own record, so several instances on Blob never lose each other's counts; a reader sums a day's records
// (and this instance's counts not yet written). A write that fails keeps its counts for the next one.
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { ReplyOutcome } from '../replies/turnOutcome.js';
import { localTime } from '../text/vnTime.js';
import { reviewText } from './gapsLog.js';
import { addToIndex, KEY_PREFIX, updateItem } from './records.js';
import {
  addCounts,
  channelGroup,
  emptyCounts,
  wordingKey,
  type ChannelGroup,
  type Counts,
  type DayCounts,
  type SatisfactionComment,
} from './statsCounts.js';

export const STATS_DAYS_INDEX = `${KEY_PREFIX}/stats/days`;
export const statsShardsIndex = (day: string): string => `${KEY_PREFIX}/stats/${day}/shards`;
export const statsShardKey = (day: string, shard: string): string => `${KEY_PREFIX}/stats/${day}/${shard}`;

/** How often counts are written: a turn shows in the figures of every instance within this (plus a read). */
export const STATS_FLUSH_MS = 1000;

/** One instance's record of a day. */
export interface StatsShard {
  day: string;
  channels: DayCounts;
}

export class StatsRecorder {
  private pending = new Map<string, DayCounts>();
  private readonly indexed = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly now = () => new Date(),
    private readonly shard: string = randomUUID(),
  ) {}

  /** Writes the counts every STATS_FLUSH_MS until stop(). */
  start(log: (error: unknown) => void): void {
    this.timer ??= setInterval(() => void this.flush().catch(log), STATS_FLUSH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** A citizen's message; `firstToday` when it is the conversation's first message of the local day. */
  message(channelId: string, firstToday: boolean): void {
    const hour = Math.floor(localTime(this.now()).minutes / 60);
    this.count(channelId, (c) => {
      c.messages++;
      c.hours[hour]!++;
      if (firstToday) c.conversations++;
    });
  }

  /** One reply of a turn, with the citizen's question. */
  reply(channelId: string, reply: ReplyOutcome, question: string): void {
    switch (reply.intent) {
      case 'answer':
      case 'article':
        return this.count(channelId, (c) => {
          c.answered++;
          if (reply.answerId) c.topics[reply.answerId] = (c.topics[reply.answerId] ?? 0) + 1;
        });
      case 'fallback':
        return this.count(channelId, (c) => {
          c.fallbacks++;
          // An honest "not confirmed" (an entry that says so): a fallback, also counted on its own.
          if (reply.unconfirmed) c.unconfirmed++;
          unanswered(c, question);
        });
      case 'clarify':
        return this.count(channelId, (c) => {
          c.clarifications++;
          unanswered(c, question);
        });
      default:
        // Every other reply is counted with its message (conversations, messages), not as an answer.
        return;
    }
  }

  rated(channelId: string, rating: 'up' | 'down', question: string): void {
    this.count(channelId, (c) => {
      c[rating]++;
      if (rating === 'down') unanswered(c, question);
    });
  }

  handoffRequested(channelId: string): void {
    this.count(channelId, (c) => c.handoffsRequested++);
  }

  handoffServed(channelId: string, waitSeconds: number): void {
    this.count(channelId, (c) => {
      c.handoffsServed++;
      c.waits.push(Math.max(0, Math.round(waitSeconds)));
    });
  }

  handoffNotServed(channelId: string): void {
    this.count(channelId, (c) => c.handoffsNotServed++);
  }

  ticketOpened(channelId: string): void {
    this.count(channelId, (c) => c.ticketsOpened++);
  }

  /** A status change: counted when it makes a ticket final, or opens a final one again. */
  ticketStatus(channelId: string, from: string, to: string, secondsSinceFiled: number): void {
    const final = (status: string): boolean => status === 'resolved' || status === 'rejected';
    if (final(from) && !final(to)) return this.count(channelId, (c) => c.ticketsReopened++);
    if (final(from) || !final(to)) return;
    this.count(channelId, (c) => {
      if (to === 'resolved') {
        c.ticketsResolved++;
        c.resolveSeconds.push(Math.max(0, Math.round(secondsSinceFiled)));
      } else c.ticketsRejected++;
    });
  }

  satisfaction(channelId: string, score: number): void {
    this.count(channelId, (c) => c.satisfaction[score - 1]!++);
  }

  satisfactionComment(channelId: string, comment: SatisfactionComment): void {
    this.count(channelId, (c) => c.comments.push(comment));
  }

  /** This instance's counts of a day not written yet. */
  unwritten(day: string): DayCounts | undefined {
    return this.pending.get(day);
  }

  /** The days this instance has counts of not written yet. */
  unwrittenDays(): string[] {
    return [...this.pending.keys()];
  }

  /** Adds the counts so far to this instance's records; one flush at a time (after a failed one too). */
  flush(): Promise<void> {
    const write = this.flushing.catch(() => undefined).then(() => this.write());
    this.flushing = write;
    return write;
  }

  /**
   * Runs `read` (of the stored counts, then of the unwritten ones) between two writes: a write under way would
   * otherwise hide its counts from both, or show them twice.
   */
  between<T>(read: () => Promise<T>): Promise<T> {
    const result = this.flushing.catch(() => undefined).then(read);
    this.flushing = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private count(channelId: string, change: (counts: Counts) => void): void {
    const day = localTime(this.now()).date;
    const group = channelGroup(channelId);
    const counts = this.pending.get(day) ?? {};
    this.pending.set(day, counts);
    change((counts[group] ??= emptyCounts()));
  }

  private async write(): Promise<void> {
    const days = this.pending;
    this.pending = new Map();
    for (const [day, channels] of days) {
      try {
        await this.ensureIndexed(day);
        await updateItem<StatsShard>(this.storage, statsShardKey(day, this.shard), (current) => ({
          day,
          channels: mergeDay(current?.channels ?? {}, channels),
        }));
      } catch (error) {
        // Kept for the next write, added to whatever was counted meanwhile.
        this.pending.set(day, mergeDay(this.pending.get(day) ?? {}, channels));
        throw error;
      }
    }
  }

  private async ensureIndexed(day: string): Promise<void> {
    if (this.indexed.has(day)) return;
    await addToIndex(this.storage, STATS_DAYS_INDEX, day);
    await addToIndex(this.storage, statsShardsIndex(day), this.shard);
    this.indexed.add(day);
  }
}

function unanswered(counts: Counts, question: string): void {
  const text = reviewText(question);
  if (!text) return;
  const key = wordingKey(text);
  const known = counts.unanswered[key];
  if (known) known.count++;
  else counts.unanswered[key] = { text, count: 1 };
}

/** `into` plus `add`, channel by channel (into is changed). */
export function mergeDay(into: DayCounts, add: DayCounts): DayCounts {
  for (const [group, counts] of Object.entries(add) as Array<[ChannelGroup, Counts]>) addCounts((into[group] ??= emptyCounts()), counts);
  return into;
}
