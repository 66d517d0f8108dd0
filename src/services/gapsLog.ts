// What the bot could not answer well, for staff to write the next entry: every question answered with low
// confidence, not at all, only with an honest "not confirmed", or rated 👎 (one item per local day), and the
// 👍/👎 ratings of each answer.
// Texts are normalised (NFC, spaces) and phone numbers masked before they are stored.
import type { Storage } from 'botbuilder';
import { maskPersonalData } from '../logger.js';
import { normalizeVietnamese } from '../text/vietnamese.js';
import { addToIndex, hashId, indexIds, KEY_PREFIX, readItems, removeFromIndex, updateItem } from './records.js';
import { clipCharacters } from '../text/characters.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';

export interface GapEntry {
  at: string;
  text: string;
  /** fallback: no answer; clarify: only suggestions offered; unconfirmed: an honest "not confirmed" answer; disliked: an answer rated 👎. */
  outcome: 'fallback' | 'clarify' | 'unconfirmed' | 'disliked';
  confidence: number;
  channelId: string;
}

interface GapDay {
  day: string;
  entries: GapEntry[];
  /** Entries beyond the per-day cap, counted but not kept. */
  dropped: number;
}

/** Entries that go into the day's record in one write, and that write. */
interface GapBatch {
  entries: GapEntry[];
  written: Promise<void>;
}

export interface RatingRecord {
  answerId: string;
  up: number;
  down: number;
  /** The latest questions rated 👎 (masked). */
  downExamples: string[];
}

const MAX_PER_DAY = 2000;
const MAX_TEXT = 300;
const MAX_EXAMPLES = 5;
const GAPS_INDEX = `${KEY_PREFIX}/gaps/index`;
const RATINGS_INDEX = `${KEY_PREFIX}/ratings/index`;
const gapDayKey = (day: string): string => `${KEY_PREFIX}/gaps/${day}`;
const ratingKey = (answerId: string): string => `${KEY_PREFIX}/ratings/${hashId(answerId)}`;

/** The form in which a citizen's text is kept for review. */
export function reviewText(text: string): string {
  return clipCharacters(maskPersonalData(normalizeVietnamese(text).replace(/\s+/gu, ' ').trim()), MAX_TEXT);
}

export class GapsLog {
  /** Index entries this process has made sure of (or is writing); an item is indexed before it is first written. */
  private readonly indexed = new Map<string, Promise<void>>();
  /** Per day, the entries waiting for the next write of the day's record (see addToDay). */
  private readonly openBatches = new Map<string, GapBatch>();

  constructor(
    private readonly storage: Storage,
    private readonly now = () => new Date(),
  ) {}

  /** Turns that need the same index entry at once wait for one write of it; a failed one is tried again next time. */
  private ensureIndexed(indexKey: string, id: string): Promise<void> {
    const known = `${indexKey}\u0000${id}`;
    let indexed = this.indexed.get(known);
    if (!indexed) {
      indexed = addToIndex(this.storage, indexKey, id).catch((error: unknown) => {
        this.indexed.delete(known);
        throw error;
      });
      this.indexed.set(known, indexed);
    }
    return indexed;
  }

  async recordGap(text: string, outcome: GapEntry['outcome'], confidence: number, channelId: string): Promise<void> {
    const at = this.now();
    const day = localTime(at).date;
    const entry: GapEntry = {
      at: vnTimestamp(at),
      text: reviewText(text),
      outcome,
      confidence: Math.round(confidence * 100) / 100,
      channelId,
    };
    if (!entry.text) return;
    await this.ensureIndexed(GAPS_INDEX, day);
    await this.addToDay(day, entry);
  }

  /**
   * Adds the entry to the day's record, in one read-modify-write with the entries of every other turn that
   * came while the write before it was under way: under load, turns that log a gap at once share one write
   * of the day's record (up to MAX_PER_DAY entries) and one disk flush, instead of each waiting in line for
   * its own. Resolves once the write holding the entry is stored.
   */
  private addToDay(day: string, entry: GapEntry): Promise<void> {
    const open = this.openBatches.get(day);
    if (open) {
      open.entries.push(entry);
      return open.written;
    }
    const batch: GapBatch = { entries: [entry], written: Promise.resolve() };
    this.openBatches.set(day, batch);
    batch.written = updateItem<GapDay>(this.storage, gapDayKey(day), (current) => {
      // From its first try on, the batch takes no more entries: later ones go into the next write.
      if (this.openBatches.get(day) === batch) this.openBatches.delete(day);
      const log = current ?? { day, entries: [], dropped: 0 };
      const room = Math.max(0, MAX_PER_DAY - log.entries.length);
      const kept = batch.entries.slice(0, room);
      return { ...log, entries: [...log.entries, ...kept], dropped: log.dropped + batch.entries.length - kept.length };
    }).then(
      () => undefined,
      (error: unknown) => {
        if (this.openBatches.get(day) === batch) this.openBatches.delete(day);
        throw error;
      },
    );
    return batch.written;
  }

  async rate(answerId: string, rating: 'up' | 'down', question: string): Promise<void> {
    await this.ensureIndexed(RATINGS_INDEX, answerId);
    await updateItem<RatingRecord>(this.storage, ratingKey(answerId), (current) => {
      const record = current ?? { answerId, up: 0, down: 0, downExamples: [] };
      if (rating === 'up') return { ...record, up: record.up + 1 };
      const example = reviewText(question);
      return {
        ...record,
        down: record.down + 1,
        downExamples: [example, ...record.downExamples.filter((e) => e !== example)].slice(0, MAX_EXAMPLES),
      };
    });
  }

  /** Gap entries logged on or after a local date (YYYY-MM-DD). */
  async gaps(since?: string): Promise<GapEntry[]> {
    const days = (await indexIds(this.storage, GAPS_INDEX)).filter((d) => !since || d >= since);
    return (await readItems<GapDay>(this.storage, days.map(gapDayKey))).flatMap((d) => d.entries);
  }

  /** Deletes the days before a local date (RETENTION_DAYS); returns how many went. */
  async forgetBefore(day: string): Promise<number> {
    const old = (await indexIds(this.storage, GAPS_INDEX)).filter((d) => d < day);
    for (const d of old) {
      await this.storage.delete([gapDayKey(d)]);
      await removeFromIndex(this.storage, GAPS_INDEX, d);
    }
    return old.length;
  }

  async ratings(): Promise<RatingRecord[]> {
    return readItems<RatingRecord>(this.storage, (await indexIds(this.storage, RATINGS_INDEX)).map(ratingKey));
  }
}
