// The figures of Thống kê for a period (local days, Vietnamese time) and a channel: the sum of the days'
// records of every instance (src/services/statsRecorder.ts), so a 30-day view reads 30 small days, whatever
// the number of turns. Days before yesterday no longer change and are kept once read.
import type { Storage } from 'botbuilder';
import { groupWordings, type GapGroup } from './gapsReport.js';
import { indexIds, readItems } from './records.js';
import {
  addCounts,
  CHANNEL_GROUPS,
  emptyCounts,
  type ChannelGroup,
  type Counts,
  type DayCounts,
  type SatisfactionComment,
} from './statsCounts.js';
import { mergeDay, STATS_DAYS_INDEX, statsShardKey, statsShardsIndex, type StatsRecorder, type StatsShard } from './statsRecorder.js';
import { localTime } from '../text/vnTime.js';

export type StatsChannel = ChannelGroup | 'all';

/** One row of the daily table (and of its CSV). */
export interface DayRow {
  day: string;
  conversations: number;
  messages: number;
  answered: number;
  fallbacks: number;
  clarifications: number;
  up: number;
  down: number;
  handoffsRequested: number;
  handoffsServed: number;
  handoffsNotServed: number;
  ticketsOpened: number;
  ticketsResolved: number;
  ticketsRejected: number;
  satisfactionCount: number;
  satisfactionAverage: number | null;
}

export interface StatsFigures {
  from: string;
  to: string;
  channel: StatsChannel;
  conversations: number;
  messages: number;
  answered: number;
  unconfirmed: number;
  fallbacks: number;
  clarifications: number;
  /** Answered ÷ (answered + fallbacks + clarifications); null when no question was asked. */
  answeredShare: number | null;
  up: number;
  down: number;
  handoffs: { requested: number; served: number; notServed: number; waitMedianSeconds: number | null; waitP90Seconds: number | null };
  tickets: { opened: number; resolved: number; rejected: number; openAtEnd: number; resolveMedianSeconds: number | null };
  satisfaction: { count: number; average: number | null; distribution: number[]; comments: SatisfactionComment[] };
  days: DayRow[];
  /** Citizen messages by weekday (0 = Monday … 6 = Sunday) and local hour. */
  heat: number[][];
  topics: Array<{ id: string; title?: string; count: number }>;
  unanswered: GapGroup[];
}

const TOP = 10;
/** Unanswered wordings clustered for the top 10 (the most asked first). */
const CLUSTERED = 300;
const COMMENTS = 50;

/** The local days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The quantile q (0 … 1) of the values, nearest rank; null when there are none. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function average(distribution: number[]): number | null {
  const count = distribution.reduce((a, b) => a + b, 0);
  return count ? Math.round((distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / count) * 100) / 100 : null;
}

export class StatsReport {
  private readonly settled = new Map<string, DayCounts>();

  constructor(
    private readonly storage: Storage,
    private readonly recorder: StatsRecorder,
    private readonly now = () => new Date(),
  ) {}

  /** Every instance's counts of a day, summed (this instance's not yet written included). */
  async day(day: string): Promise<DayCounts> {
    const kept = this.settled.get(day);
    if (kept) return kept;
    return this.recorder.between(async () => {
      const shards = await readItems<StatsShard>(
        this.storage,
        (await indexIds(this.storage, statsShardsIndex(day))).map((shard) => statsShardKey(day, shard)),
      );
      const total: DayCounts = {};
      for (const shard of shards) mergeDay(total, shard.channels);
      const yesterday = localTime(new Date(this.now().getTime() - 86_400_000)).date;
      if (day < yesterday) this.settled.set(day, total);
      const unwritten = this.recorder.unwritten(day);
      return unwritten ? mergeDay(structuredClone(total), unwritten) : total;
    });
  }

  async figures(from: string, to: string, channel: StatsChannel, titleOf: (id: string) => string | undefined): Promise<StatsFigures> {
    const days = daysBetween(from, to);
    const perDay = await Promise.all(days.map(async (day) => pick(await this.day(day), channel)));
    const sum = perDay.reduce((total, counts) => addCounts(total, counts), emptyCounts());
    const questions = sum.answered + sum.fallbacks + sum.clarifications;
    const heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    days.forEach((day, i) => {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      perDay[i]!.hours.forEach((n, hour) => (heat[(weekday + 6) % 7]![hour]! += n));
    });
    const wordings = new Map<string, { text: string; count: number; lastAskedAt: string }>();
    days.forEach((day, i) => {
      for (const [key, { text, count }] of Object.entries(perDay[i]!.unanswered)) {
        const known = wordings.get(key) ?? { text, count: 0, lastAskedAt: day };
        known.count += count;
        known.lastAskedAt = day;
        wordings.set(key, known);
      }
    });
    const mostAsked = [...wordings.values()].sort((a, b) => b.count - a.count).slice(0, CLUSTERED);
    return {
      from,
      to,
      channel,
      conversations: sum.conversations,
      messages: sum.messages,
      answered: sum.answered,
      unconfirmed: sum.unconfirmed,
      fallbacks: sum.fallbacks,
      clarifications: sum.clarifications,
      answeredShare: questions ? Math.round((sum.answered / questions) * 1000) / 1000 : null,
      up: sum.up,
      down: sum.down,
      handoffs: {
        requested: sum.handoffsRequested,
        served: sum.handoffsServed,
        notServed: sum.handoffsNotServed,
        waitMedianSeconds: quantile(sum.waits, 0.5),
        waitP90Seconds: quantile(sum.waits, 0.9),
      },
      tickets: {
        opened: sum.ticketsOpened,
        resolved: sum.ticketsResolved,
        rejected: sum.ticketsRejected,
        openAtEnd: await this.openAt(to, channel),
        resolveMedianSeconds: quantile(sum.resolveSeconds, 0.5),
      },
      satisfaction: {
        count: sum.satisfaction.reduce((a, b) => a + b, 0),
        average: average(sum.satisfaction),
        distribution: sum.satisfaction,
        comments: sum.comments.slice(-COMMENTS).reverse(),
      },
      days: days.map((day, i) => dayRow(day, perDay[i]!)),
      heat,
      topics: Object.entries(sum.topics)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOP)
        .map(([id, count]) => ({ id, title: titleOf(id), count })),
      unanswered: groupWordings(mostAsked).slice(0, TOP),
    };
  }

  /** Tickets open at the end of a day: every ticket filed until then less those made final (and not reopened). */
  private async openAt(day: string, channel: StatsChannel): Promise<number> {
    const indexed = await indexIds(this.storage, STATS_DAYS_INDEX);
    const days = [...new Set([...indexed, ...this.recorder.unwrittenDays()])].filter((d) => d <= day);
    let open = 0;
    for (const counts of await Promise.all(days.map(async (d) => pick(await this.day(d), channel))))
      open += counts.ticketsOpened - counts.ticketsResolved - counts.ticketsRejected + counts.ticketsReopened;
    return Math.max(0, open);
  }
}

/** One channel group's counts, or all of them summed. */
function pick(day: DayCounts, channel: StatsChannel): Counts {
  if (channel !== 'all') return addCounts(emptyCounts(), day[channel] ?? {});
  return CHANNEL_GROUPS.reduce((total, group) => addCounts(total, day[group] ?? {}), emptyCounts());
}

function dayRow(day: string, c: Counts): DayRow {
  const satisfactionCount = c.satisfaction.reduce((a, b) => a + b, 0);
  return {
    day,
    conversations: c.conversations,
    messages: c.messages,
    answered: c.answered,
    fallbacks: c.fallbacks,
    clarifications: c.clarifications,
    up: c.up,
    down: c.down,
    handoffsRequested: c.handoffsRequested,
    handoffsServed: c.handoffsServed,
    handoffsNotServed: c.handoffsNotServed,
    ticketsOpened: c.ticketsOpened,
    ticketsResolved: c.ticketsResolved,
    ticketsRejected: c.ticketsRejected,
    satisfactionCount,
    satisfactionAverage: average(c.satisfaction),
  };
}

/** The daily table as CSV, Vietnamese headers, with a BOM so that spreadsheets read it as UTF-8. */
export function dailyCsv(rows: DayRow[]): string {
  const headers = [
    'Ngày',
    'Cuộc trò chuyện',
    'Tin nhắn của khách',
    'Bot trả lời được',
    'Chưa có thông tin',
    'Hỏi lại cho rõ',
    '👍',
    '👎',
    'Yêu cầu gặp nhân viên',
    'Được nhân viên tiếp',
    'Không được tiếp',
    'Phiếu mới',
    'Phiếu đã giải quyết',
    'Phiếu không thể giải quyết',
    'Lượt đánh giá',
    'Điểm hài lòng trung bình',
  ];
  const lines = rows.map((r) =>
    [
      r.day,
      r.conversations,
      r.messages,
      r.answered,
      r.fallbacks,
      r.clarifications,
      r.up,
      r.down,
      r.handoffsRequested,
      r.handoffsServed,
      r.handoffsNotServed,
      r.ticketsOpened,
      r.ticketsResolved,
      r.ticketsRejected,
      r.satisfactionCount,
      r.satisfactionAverage ?? '',
    ].join(','),
  );
  return `\uFEFF${[headers.join(','), ...lines].join('\r\n')}\r\n`;
}
