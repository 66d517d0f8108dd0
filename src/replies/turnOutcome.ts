// What a turn did, kept in its turn state: each reply the bot sent and what it was. send() records it;
// after the turn, conversation memory, the gaps log and the per-turn log line read it, and the tests and
// the evaluation observe it (App.onTurnOutcome). None of it goes to the client.
import type { Activity, TurnContext } from 'botbuilder';
import type { Language } from '../text/language.js';
import type { IntentName } from '../understanding/intents.js';

/**
 * What a reply was: the one list of names that conversation memory, the gaps log, the per-turn log line and
 * metrics, the evaluation and the tests read. A reply to an intent may be named after it (src/understanding/
 * intents.ts), so a new intent needs no line here; a reply of another kind adds its name here.
 */
export type ReplyIntent =
  // The reply to an intent, named after it (menu, greeting, news, tracking, handoff, rating, …).
  | Exclude<IntentName, 'question' | 'empty'>
  // The conversation: the welcome, a message that is not text, a failed turn.
  | 'welcome'
  | 'notText'
  | 'error'
  // Answers from the knowledge base.
  | 'answer'
  | 'article'
  | 'clarify'
  | 'fallback'
  | 'helpOffer'
  // Announcements, tickets, a person, and what is sent later.
  | 'announcement'
  | 'ticket'
  | 'ticketUpdate'
  | 'handoffOffer'
  | 'handoffUnavailable'
  | 'handoffEnded'
  | 'handoffNotice'
  | 'staffReply'
  // The satisfaction question after a resolved ticket or a closed live chat, and its thanks.
  | 'satisfaction';

/** What one reply was, as the code that sends it says. */
export interface TurnMeta {
  intent: ReplyIntent;
  answerId?: string;
  confidence?: number;
  /** An answer that says honestly the fact is not confirmed (an entry marked unconfirmed). */
  unconfirmed?: boolean;
  /** What a reply offers to choose from by buttons (a "did you mean" list), for "cái thứ hai" (understanding/listPick.ts). */
  listed?: string[];
  /** The language of the reply (set by send() from the turn's language). */
  lang?: Language;
}

/** One reply of the turn: what it was, and its text (the conversation's transcript keeps its opening). */
export interface ReplyOutcome extends TurnMeta {
  text: string;
}

/** The turn's replies, in the order they were sent (empty when the bot said nothing). */
export type TurnOutcome = readonly ReplyOutcome[];

/** Told the outcome of each turn once it has run; `incoming` is the activity that started the turn. */
export type TurnOutcomeListener = (incoming: Partial<Activity>, outcome: TurnOutcome) => void;

const OUTCOME = Symbol('turnOutcome');

export function recordReply(context: TurnContext, reply: ReplyOutcome): void {
  const replies = context.turnState.get<ReplyOutcome[] | undefined>(OUTCOME);
  if (replies) replies.push(reply);
  else context.turnState.set(OUTCOME, [reply]);
}

export function turnOutcome(context: TurnContext): TurnOutcome {
  return context.turnState.get<ReplyOutcome[] | undefined>(OUTCOME) ?? [];
}
