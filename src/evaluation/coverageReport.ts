// What tells a confidently wrong answer from a right one: for every turn of a set that got an answer (right
// or confidently wrong), the turn is looked up on its own and, when that finds the same answer, the words of
// the question the answer does not hold are measured — the rarest one missed (its weight against the rarest
// word of the knowledge base) and whether a missed word is one the knowledge never uses. For each threshold,
// how many right answers it would lose and how many wrong ones it would remove. `npm run eval -- --signals`.
import { matchId, type AnswerEngine } from '../answer/answerEngine.js';
import type { TurnResult } from './botEval.js';

export interface Signals {
  say: string;
  right: boolean;
  confidence: number;
  /** The weight of the rarest question word the answer misses, as a share of the rarest word's (0 when none is missed). */
  rarestMissed: number;
  /** The missed words the knowledge base never uses. */
  unknown: string[];
  missed: string[];
}

export interface CoverageReport {
  /** Answered turns whose own lookup found the answer given (the others were read with the conversation's topic). */
  measured: Signals[];
  skipped: number;
}

export function coverageReport(engine: AnswerEngine, results: TurnResult[]): CoverageReport {
  const measured: Signals[] = [];
  let skipped = 0;
  for (const r of results) {
    if (r.verdict !== 'right' && r.verdict !== 'wrong') continue;
    if (!r.got.answerId || r.got.intent === 'fallback' || r.got.intent === 'clarify') continue;
    const lookup = engine.lookup(r.say);
    const best = lookup.best;
    if (!best || matchId(best) !== r.got.answerId) {
      skipped++;
      continue;
    }
    const rarest = engine.rarestWeight;
    measured.push({
      say: r.say,
      right: r.verdict === 'right',
      confidence: best.confidence,
      rarestMissed: Math.max(0, ...lookup.missing.map((t) => t.weight / rarest)),
      unknown: lookup.missing.filter((t) => t.unknown).map((t) => t.term),
      missed: lookup.missing.map((t) => t.term),
    });
  }
  return { measured, skipped };
}

export function coverageLines(report: CoverageReport, verbose: boolean): string[] {
  const { measured, skipped } = report;
  const rights = measured.filter((s) => s.right).length;
  const row = (label: string, flagged: (s: Signals) => boolean): string => {
    const hit = measured.filter(flagged);
    return `  ${label.padEnd(34)} rights lost ${String(hit.filter((s) => s.right).length).padStart(3)}   wrong removed ${hit.filter((s) => !s.right).length}`;
  };
  return [
    `signals: ${measured.length} answered turns measured (${rights} right, ${measured.length - rights} wrong), ${skipped} read with the topic`,
    row('misses a word the knowledge lacks', (s) => s.unknown.length > 0),
    ...[0.5, 0.6, 0.7, 0.8, 0.9].map((t) => row(`rarest word missed ≥ ${t}`, (s) => s.rarestMissed >= t)),
    ...[0.65, 0.7, 0.75, 0.8].map((t) => row(`confidence < ${t}`, (s) => s.confidence < t)),
    ...[0.7, 0.8, 0.9, 1].map((t) => row(`misses an unknown word, conf. < ${t}`, (s) => s.unknown.length > 0 && s.confidence < t)),
    ...measured
      .filter((s) => verbose && (!s.right || s.rarestMissed >= 0.5 || s.unknown.length > 0))
      .map(
        (s) =>
          `  ${s.right ? 'right' : 'WRONG'} ${s.confidence.toFixed(2)} rarest ${s.rarestMissed.toFixed(2)} missed [${s.missed.join(' ')}] unknown [${s.unknown.join(' ')}]  ${s.say}`,
      ),
  ];
}
