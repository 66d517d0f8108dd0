// The gaps report for staff (npm run kb:gaps): unanswered questions grouped by similarity (paraphrases
// together), most frequent first, with counts and examples; then the answers most often rated 👎.
import { STOPWORDS } from '../search/stopwords.js';
import { hashId } from './records.js';
import { foldDiacritics, foldKey, tokenize } from '../text/vietnamese.js';
import type { GapEntry, RatingRecord } from './gapsLog.js';

export interface GapGroup {
  /** Stable while the group's most asked wording stays the same. */
  id: string;
  count: number;
  /** Every distinct wording, most frequent first (what "add to an entry" adds). */
  wordings: string[];
  /** Distinct wordings, most frequent first (at most 3). */
  examples: string[];
  lastAskedAt: string;
}

export interface DislikedAnswer {
  answerId: string;
  title?: string;
  down: number;
  up: number;
  examples: string[];
}

export interface GapsReport {
  since?: string;
  questions: number;
  groups: GapGroup[];
  disliked: DislikedAnswer[];
}

// Politeness and question words that do not change what is asked (compared without diacritics).
const FILLERS = new Set(
  'a ad ban bot cho hoi xin oi nhe nha vay voi minh em anh chi co khong ko k bao nhieu gi nao sao the thi la ha duoc dc'.split(' '),
);
const SIMILAR = 0.5;

/** The words that carry a question's meaning, folded, without stopwords and fillers. */
export function contentWords(text: string): Set<string> {
  const words = tokenize(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(foldDiacritics);
  return new Set(words.filter((w) => !FILLERS.has(w)));
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Wording {
  text: string;
  words: Set<string>;
  count: number;
  lastAskedAt: string;
}

/** Groups questions whose content words overlap enough (Jaccard ≥ 0.5 with any member), most asked first. */
export function groupQuestions(entries: GapEntry[]): GapGroup[] {
  const wordings = new Map<string, { text: string; count: number; lastAskedAt: string }>();
  for (const entry of entries) {
    const key = foldKey(entry.text);
    const wording = wordings.get(key) ?? { text: entry.text, count: 0, lastAskedAt: entry.at };
    wording.count++;
    if (entry.at > wording.lastAskedAt) wording.lastAskedAt = entry.at;
    wordings.set(key, wording);
  }
  return groupWordings([...wordings.values()]);
}

/** Groups distinct wordings, each asked `count` times, as groupQuestions does. */
export function groupWordings(distinct: Array<{ text: string; count: number; lastAskedAt: string }>): GapGroup[] {
  const groups: Wording[][] = [];
  for (const wording of distinct.map((w) => ({ ...w, words: contentWords(w.text) })).sort((a, b) => b.count - a.count)) {
    let best: Wording[] | undefined;
    let bestScore = SIMILAR;
    for (const group of groups) {
      const score = Math.max(...group.map((member) => similarity(member.words, wording.words)));
      if (score >= bestScore) [best, bestScore] = [group, score];
    }
    if (best) best.push(wording);
    else groups.push([wording]);
  }
  return groups
    .map((members) => ({
      id: hashId(foldKey(members[0]!.text)),
      count: members.reduce((sum, m) => sum + m.count, 0),
      wordings: members.map((m) => m.text),
      examples: members.slice(0, 3).map((m) => m.text),
      lastAskedAt: members.reduce((last, m) => (m.lastAskedAt > last ? m.lastAskedAt : last), ''),
    }))
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

export function buildGapsReport(
  entries: GapEntry[],
  ratings: RatingRecord[],
  titleOf: (answerId: string) => string | undefined,
  since?: string,
): GapsReport {
  const disliked = ratings
    .filter((r) => r.down > 0)
    .sort((a, b) => b.down - a.down || a.up - b.up)
    .map((r) => ({ answerId: r.answerId, title: titleOf(r.answerId), down: r.down, up: r.up, examples: r.downExamples.slice(0, 3) }));
  return { since, questions: entries.length, groups: groupQuestions(entries), disliked };
}

export function formatGapsReport(report: GapsReport): string {
  const lines = [
    `Câu hỏi bot chưa trả lời được${report.since ? ` (từ ${report.since})` : ''}: ${report.questions} lượt, ${report.groups.length} nhóm`,
  ];
  report.groups.forEach((group, i) => {
    lines.push(`${i + 1}. ${group.count} lượt (gần nhất ${group.lastAskedAt.slice(0, 16).replace('T', ' ')})`);
    for (const example of group.examples) lines.push(`     – ${example}`);
  });
  lines.push('', `Câu trả lời bị đánh giá 👎 nhiều nhất: ${report.disliked.length}`);
  report.disliked.forEach((answer, i) => {
    lines.push(`${i + 1}. ${answer.answerId}${answer.title ? ` – ${answer.title}` : ''}: ${answer.down} 👎, ${answer.up} 👍`);
    for (const example of answer.examples) lines.push(`     – ${example}`);
  });
  return `${lines.join('\n')}\n`;
}
