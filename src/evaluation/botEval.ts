// Asks the bot its own conversation set (tests/eval/conversations/*.json) through /api/messages, one new
// conversation per entry, turn by turn, and sorts each expected reply into right, honest fallback,
// clarification or confidently wrong (a reply that is neither a fallback nor a clarification and does
// not answer). What each turn did (intent, answer id) is its outcome, told by the app (App.onTurnOutcome),
// not read from the replies. A period question ("tin tháng trước") is judged against the articles' dates,
// computed for the knowledge base asked, so adding an article never turns a right listing into a miss.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../app.js';
import type { Article } from '../knowledge/articleParser.js';
import type { TurnOutcome } from '../replies/turnOutcome.js';
import { findPeriod } from '../text/periods.js';
import { normalizeVietnamese } from '../text/vietnamese.js';

export type Outcome = 'right' | 'fallback' | 'clarify';
export type Verdict = 'right' | 'fallback' | 'clarify' | 'wrong';

export interface Expect {
  outcome?: Outcome;
  answerId?: string;
  intent?: string;
  contains?: string;
  notContains?: string;
  lang?: 'vi' | 'en';
  /** The reply lists only articles of the period the message names, newest first (or says there are none); no period: newest first. */
  period?: boolean;
}

export interface Turn {
  say: string;
  /** No expectation: a turn that only sets the scene (e.g. starting a form). */
  expect?: Expect;
}

export interface Conversation {
  kind: string;
  turns: Turn[];
}

export interface TurnResult {
  kind: string;
  conversation: number;
  say: string;
  expect: Expect;
  verdict: Verdict;
  got: { intent?: string; answerId?: string; confidence?: number; lang?: 'vi' | 'en'; text: string };
}

interface Reply {
  text?: string;
}

/** The service asked: its address, and the app that tells each turn's outcome. */
export interface BotUnderTest {
  url: string;
  app: Pick<App, 'onTurnOutcome'>;
}

/** Every conversation of every *.json file in dir, in file order. */
export function loadConversations(dir: string): Conversation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { conversations: Conversation[] }).conversations);
}

async function say(url: string, conversationId: string, text: string): Promise<Reply[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      deliveryMode: 'expectReplies',
      id: '1',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversationId },
      from: { id: `eval-${conversationId}`, role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
      locale: 'vi-VN',
      text,
    }),
  });
  if (!response.ok) throw new Error(`/api/messages answered ${response.status}`);
  return ((await response.json()) as { activities?: Reply[] }).activities ?? [];
}

/** A reply reads as English when it has none of the Vietnamese courtesy words every Vietnamese reply has. */
function readsAs(text: string): 'vi' | 'en' {
  // Word edges by letters: JavaScript's \b knows only ASCII, so "Dạ," had no edge after "ạ" and a reply
  // without "Quý khách" read as English.
  return /(?<!\p{L})(?:Dạ|Quý khách)(?!\p{L})/u.test(text.replace(/“[^”]*”/gu, '')) ? 'vi' : 'en';
}

/** Articles the listing names (its numbered lines "1. Title (dd/mm/yyyy)"). */
function listedTitles(text: string): string[] {
  return [...text.matchAll(/^\d+\. (.+) \(\d\d\/\d\d\/\d{4}\)$/gmu)].map((m) => m[1]!);
}

function periodListingRight(text: string, message: string, articles: Article[], now: Date): boolean {
  const period = findPeriod(message, now);
  // No period ("tin mới nhất"): the listing starts with the newest article.
  if (!period) return listedTitles(text)[0] === articles[0]?.title;
  const inPeriod = articles.filter((a) => a.date >= period.start && a.date < period.end);
  const listed = listedTitles(text);
  if (inPeriod.length === 0) return listed.length === 0 && /(?:không|chưa) có bài viết|no news/iu.test(text);
  const titles = new Set(inPeriod.map((a) => a.title));
  return listed.length > 0 && listed.every((t) => titles.has(t)) && listed[0] === inPeriod[0]!.title;
}

/** The same words spelled alike: lower case, the tone of "hoá"/"hóa" on one vowel (the sources write both). */
const spelled = (text: string): string => normalizeVietnamese(text).toLowerCase();

// The tracking flow says what the tracking entry says (a code's 13 characters, an example) and checks the code sent or asks
// for one: a label naming the entry is met by the flow's reply, whose wording `contains` still checks.
const ANSWERED_BY_FLOW: Readonly<Record<string, string>> = { tracking: 'tracking' };

function matches(expect: Expect, got: TurnResult['got'], message: string, articles: Article[], now: Date): boolean {
  const byFlow = got.answerId === undefined && expect.answerId !== undefined && ANSWERED_BY_FLOW[expect.answerId] === got.intent;
  return (
    (expect.answerId === undefined || got.answerId === expect.answerId || byFlow) &&
    (expect.intent === undefined || got.intent === expect.intent) &&
    (expect.contains === undefined || spelled(got.text).includes(spelled(expect.contains))) &&
    (expect.notContains === undefined || !spelled(got.text).includes(spelled(expect.notContains))) &&
    (expect.lang === undefined || readsAs(got.text) === expect.lang) &&
    (!expect.period || periodListingRight(got.text, message, articles, now))
  );
}

/** Right when the reply is what was expected; otherwise what it was instead. */
function judge(expect: Expect, got: TurnResult['got'], message: string, articles: Article[], now: Date): Verdict {
  const ok = matches(expect, got, message, articles, now);
  // A turn that names no outcome expects an answer.
  const outcome = expect.outcome ?? 'right';
  const shape: Outcome | 'answer' = got.intent === 'fallback' ? 'fallback' : got.intent === 'clarify' ? 'clarify' : 'answer';
  if (outcome === shape || (outcome === 'right' && shape === 'answer')) {
    if (ok) return 'right';
    // The expected kind of reply with the wrong content: an honest fallback or clarification that misses its
    // expected wording is still not confident; an answer with the wrong content is confidently wrong.
    return shape === 'answer' ? 'wrong' : shape;
  }
  return shape === 'answer' ? 'wrong' : shape;
}

export async function evaluateBot(
  bot: BotUnderTest,
  conversations: Conversation[],
  articles: Article[],
  now = new Date(),
): Promise<TurnResult[]> {
  // A conversation's turns run one at a time, and a turn's outcome is told before its replies are answered.
  const outcomes = new Map<string, TurnOutcome>();
  const stop = bot.app.onTurnOutcome((incoming, outcome) => void outcomes.set(incoming.conversation?.id ?? '', outcome));
  try {
    const results: TurnResult[] = [];
    for (const [index, conversation] of conversations.entries()) {
      const id = `eval-${index}-${Date.now().toString(36)}`;
      for (const turn of conversation.turns) {
        outcomes.delete(id);
        const replies = await say(bot.url, id, turn.say);
        if (!turn.expect) continue;
        // What the turn's first reply was.
        const { intent, answerId, confidence, lang } = outcomes.get(id)?.[0] ?? {};
        const got = { intent, answerId, confidence, lang, text: replies.map((r) => r.text ?? '').join('\n') };
        results.push({
          kind: conversation.kind,
          conversation: index,
          say: turn.say,
          expect: turn.expect,
          verdict: judge(turn.expect, got, turn.say, articles, now),
          got,
        });
      }
    }
    return results;
  } finally {
    stop();
  }
}

export interface Summary {
  lines: string[];
  right: number;
  wrong: number;
  total: number;
}

/** Per kind: right, honest fallback, clarification, confidently wrong; then the totals. */
export function summarize(results: TurnResult[]): Summary {
  const count = (part: TurnResult[], verdict: Verdict): number => part.filter((r) => r.verdict === verdict).length;
  const row = (label: string, part: TurnResult[]): string =>
    `${label.padEnd(22)} ${String(part.length).padStart(4)} ${String(count(part, 'right')).padStart(6)} ${String(count(part, 'fallback')).padStart(9)} ${String(count(part, 'clarify')).padStart(8)} ${String(count(part, 'wrong')).padStart(6)}  ${((100 * count(part, 'right')) / part.length).toFixed(1)}%`;
  const kinds = [...new Set(results.map((r) => r.kind))];
  const lines = [
    `${'kind'.padEnd(22)} turns  right  fallback  clarify  wrong  right %`,
    ...kinds.map((k) =>
      row(
        k,
        results.filter((r) => r.kind === k),
      ),
    ),
    row('total', results),
  ];
  return { lines, right: count(results, 'right'), wrong: count(results, 'wrong'), total: results.length };
}
