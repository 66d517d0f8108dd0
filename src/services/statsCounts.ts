// What Thống kê counts, per local day (Vietnamese time) and channel group: small, additive records, so that
// one day's figures are the sum of whatever any instance recorded (src/services/statsRecorder.ts) and a
// period's figures the sum of its days (src/services/statsReport.ts). Lists (waiting times, times to resolve,
// comments) are bounded per record; maps (topics, unanswered wordings) too.
import { foldKey } from '../text/vietnamese.js';

export const CHANNEL_GROUPS = ['web', 'teams', 'zalo', 'other'] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];

/** The channel group of a Bot Framework channel id. */
export function channelGroup(channelId: string | undefined): ChannelGroup {
  switch (channelId) {
    case 'webchat':
    case 'directline':
      return 'web';
    case 'msteams':
      return 'teams';
    case 'zalo':
    case 'zalobot':
      return 'zalo';
    default:
      return 'other';
  }
}

export interface SatisfactionComment {
  at: string;
  score: number;
  text: string;
  /** The ticket reference, or "trò chuyện" for a live chat. */
  about: string;
}

export interface Counts {
  /** Conversations with at least one citizen message that day. */
  conversations: number;
  /** Citizen messages. */
  messages: number;
  /** Questions answered from an entry or article. */
  answered: number;
  /** Answers that say honestly the fact is not confirmed (entries marked unconfirmed); also counted in fallbacks. */
  unconfirmed: number;
  fallbacks: number;
  clarifications: number;
  up: number;
  down: number;
  handoffsRequested: number;
  handoffsServed: number;
  handoffsNotServed: number;
  /** Seconds each served citizen waited until a person answered. */
  waits: number[];
  ticketsOpened: number;
  ticketsResolved: number;
  ticketsRejected: number;
  /** A final ticket opened again: it counts as open once more. */
  ticketsReopened: number;
  /** Seconds from filing to resolution, for each ticket resolved. */
  resolveSeconds: number[];
  /** How many citizens chose 1 … 5. */
  satisfaction: [number, number, number, number, number];
  comments: SatisfactionComment[];
  /** Citizen messages per local hour 0 … 23. */
  hours: number[];
  /** Answers per entry or article id. */
  topics: Record<string, number>;
  /** Unanswered questions (fallback, clarification, not confirmed, 👎) per folded wording: its text and count. */
  unanswered: Record<string, { text: string; count: number }>;
}

/** Bounds of one record, so that a busy day cannot grow it without limit. */
const MAX_LIST = 2000;
const MAX_COMMENTS = 200;
const MAX_KEYS = 1000;

export function emptyCounts(): Counts {
  return {
    conversations: 0,
    messages: 0,
    answered: 0,
    unconfirmed: 0,
    fallbacks: 0,
    clarifications: 0,
    up: 0,
    down: 0,
    handoffsRequested: 0,
    handoffsServed: 0,
    handoffsNotServed: 0,
    waits: [],
    ticketsOpened: 0,
    ticketsResolved: 0,
    ticketsRejected: 0,
    ticketsReopened: 0,
    resolveSeconds: [],
    satisfaction: [0, 0, 0, 0, 0],
    comments: [],
    hours: Array.from({ length: 24 }, () => 0),
    topics: {},
    unanswered: {},
  };
}

type NumberField = { [K in keyof Counts]: Counts[K] extends number ? K : never }[keyof Counts];
const NUMBER_FIELDS = Object.keys(emptyCounts()).filter((k) => typeof emptyCounts()[k as keyof Counts] === 'number') as NumberField[];

/** Adds `delta` into `into` (in place) and returns it; fields a record of an earlier version lacks count as empty. */
export function addCounts(into: Counts, delta: Partial<Counts>): Counts {
  for (const field of NUMBER_FIELDS) into[field] += delta[field] ?? 0;
  into.waits = [...into.waits, ...(delta.waits ?? [])].slice(-MAX_LIST);
  into.resolveSeconds = [...into.resolveSeconds, ...(delta.resolveSeconds ?? [])].slice(-MAX_LIST);
  into.comments = [...into.comments, ...(delta.comments ?? [])].slice(-MAX_COMMENTS);
  (delta.satisfaction ?? []).forEach((n, i) => (into.satisfaction[i] = (into.satisfaction[i] ?? 0) + n));
  (delta.hours ?? []).forEach((n, i) => (into.hours[i] = (into.hours[i] ?? 0) + n));
  let topics = Object.keys(into.topics).length;
  for (const [id, n] of Object.entries(delta.topics ?? {})) {
    if (id in into.topics) into.topics[id]! += n;
    else if (topics < MAX_KEYS) {
      into.topics[id] = n;
      topics++;
    }
  }
  let wordings = Object.keys(into.unanswered).length;
  for (const [key, wording] of Object.entries(delta.unanswered ?? {})) {
    const known = into.unanswered[key];
    if (known) known.count += wording.count;
    else if (wordings < MAX_KEYS) {
      into.unanswered[key] = { ...wording };
      wordings++;
    }
  }
  return into;
}

/** The key an unanswered wording is counted under (paraphrases differing only in case or accents share it). */
export const wordingKey = (text: string): string => foldKey(text).slice(0, 200);

/** One day's counts, per channel group. */
export type DayCounts = Partial<Record<ChannelGroup, Counts>>;
