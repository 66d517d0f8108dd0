// What the bot could not answer well, for staff to write the next entry: every question answered with low
// confidence, not at all, only with an honest "not confirmed", or rated 👎 (per local day, in pages of 100
// entries), and the 👍/👎 ratings of each answer.
// Texts are normalised (NFC, spaces) and phone numbers masked before they are stored.
import type { Storage } from 'botbuilder';
import { maskPersonalData } from '../logger.js';
import { normalizeVietnamese } from '../text/vietnamese.js';
import { addToIndex, hashId, indexIds, KEY_PREFIX, readItem, readItems, removeFromIndex, updateItem } from './records.js';
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
/** Page 0 is the day's own key (where a day's entries were all kept before pages). */
const gapPageKey = (day: string, page: number): string => `${KEY_PREFIX}/gaps/${day}${page ? `/${page}` : ''}`;
/** Entries a page holds: a gap rewrites at most this many, however many the day has. */
const PAGE_ENTRIES = 100;
const PAGES = MAX_PER_DAY / PAGE_ENTRIES;
const ratingKey = (answerId: string): string => `${KEY_PREFIX}/ratings/${hashId(answerId)}`;

/** The form in which a citizen's text is kept for review. */
export function reviewText(text: string): string {
  return clipCharacters(maskPersonalData(normalizeVietnamese(text).replace(/\s+/gu, ' ').trim()), MAX_TEXT);
}

export class GapsLog {
  /** Index entries this process has made sure of (or is writing); an item is indexed before it is first written. */
  private readonly indexed = new Map<string, Promise<void>>();
  /** Per day, the entries waiting for the next write (see addToDay), the write under way, and the page it fills. */
  private readonly openBatches = new Map<string, GapBatch>();
  private readonly dayWrites = new Map<string, Promise<void>>();
  private readonly pages = new Map<string, number>();

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
   * Adds the entry to the day's pages, in one write with the entries of every other turn that came while the
   * write before it was under way: under load, turns that log a gap at once share one read-modify-write and
   * one disk flush instead of each waiting in line for its own. Resolves once the entry is stored.
   */
  private addToDay(day: string, entry: GapEntry): Promise<void> {
    const open = this.openBatches.get(day);
    if (open) {
      open.entries.push(entry);
      return open.written;
    }
    const batch: GapBatch = { entries: [entry], written: Promise.resolve() };
    this.openBatches.set(day, batch);
    const previous = this.dayWrites.get(day) ?? Promise.resolve();
    batch.written = previous
      .catch(() => undefined)
      .then(() => {
        // From here on the batch takes no more entries: later ones go into the next write.
        this.openBatches.delete(day);
        return this.writeEntries(day, batch.entries);
      });
    const settled = batch.written.catch(() => undefined);
    this.dayWrites.set(day, settled);
    void settled.then(() => this.dayWrites.get(day) === settled && this.dayWrites.delete(day));
    return batch.written;
  }

  /**
   * The day's entries go into pages of PAGE_ENTRIES (the first page is the day's own key, as before pages),
   * filled in order, so a write costs one page, not the whole day; beyond MAX_PER_DAY they are counted, not kept.
   */
  private async writeEntries(day: string, entries: GapEntry[]): Promise<void> {
    let page = this.pages.get(day) ?? (await this.firstPageWithRoom(day));
    let rest = entries;
    while (rest.length) {
      const last = page === PAGES - 1;
      let taken = 0;
      await updateItem<GapDay>(this.storage, gapPageKey(day, page), (current) => {
        const log = current ?? { day, entries: [], dropped: 0 };
        const room = Math.max(0, PAGE_ENTRIES - log.entries.length);
        taken = last ? rest.length : Math.min(rest.length, room);
        const kept = rest.slice(0, Math.min(taken, room));
        return { ...log, entries: [...log.entries, ...kept], dropped: log.dropped + taken - kept.length };
      });
      rest = rest.slice(taken);
      if (rest.length) page++;
    }
    this.pages.set(day, page);
  }

  private async firstPageWithRoom(day: string): Promise<number> {
    for (let page = 0; page < PAGES - 1; page++) {
      const log = await readItem<GapDay>(this.storage, gapPageKey(day, page));
      if (!log || log.entries.length < PAGE_ENTRIES) return page;
    }
    return PAGES - 1;
  }

  /** The pages the days hold, day by day in order (a page that is not full is its day's last). */
  private async dayPages(days: string[]): Promise<GapDay[]> {
    const pages: GapDay[][] = days.map(() => []);
    let open = days.map((_, i) => i);
    for (let page = 0; page < PAGES && open.length; page++) {
      const found = await readItems<GapDay>(
        this.storage,
        open.map((i) => gapPageKey(days[i]!, page)),
      );
      // readItems leaves missing pages out: match what came back by day.
      const byDay = new Map(found.map((log) => [log.day, log]));
      open = open.filter((i) => {
        const log = byDay.get(days[i]!);
        if (log) pages[i]!.push(log);
        return !!log && log.entries.length >= PAGE_ENTRIES;
      });
    }
    return pages.flat();
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
    return (await this.dayPages(days)).flatMap((d) => d.entries);
  }

  /** Deletes the days before a local date (RETENTION_DAYS); returns how many went. */
  async forgetBefore(day: string): Promise<number> {
    const old = (await indexIds(this.storage, GAPS_INDEX)).filter((d) => d < day);
    for (const d of old) {
      const pages = (await this.dayPages([d])).length;
      await this.storage.delete(Array.from({ length: Math.max(1, pages) }, (_, page) => gapPageKey(d, page)));
      await removeFromIndex(this.storage, GAPS_INDEX, d);
    }
    return old.length;
  }

  async ratings(): Promise<RatingRecord[]> {
    return readItems<RatingRecord>(this.storage, (await indexIds(this.storage, RATINGS_INDEX)).map(ratingKey));
  }
}
