// How often each gate of the answer engine (year, month, place, service, role, measured thing, time, day)
// keeps from answering the candidate a person would call right: for every judged turn of a set that names
// the expected answer, the turn's text is looked up on its own, and a gate counts when it rejected that
// answer and no other candidate of the same answer fitted. `npm run eval -- --gates` prints it.
import { matchId, type AnswerEngine, type Gate } from '../answer/answerEngine.js';
import type { TurnResult } from './botEval.js';

export interface GateCount {
  gate: Gate;
  /** Turns whose expected answer this gate rejected. */
  rejected: number;
  /** Of those, the turns that were not right in the run. */
  notRight: number;
  examples: string[];
}

export function gateReport(engine: AnswerEngine, results: TurnResult[]): { judged: number; counts: GateCount[] } {
  const counts = new Map<Gate, GateCount>();
  let judged = 0;
  for (const r of results) {
    const expected = r.expect.answerId;
    if (!expected) continue;
    judged++;
    const lookup = engine.lookup(r.say);
    const answered = lookup.best && matchId(lookup.best) === expected;
    if (answered) continue;
    const gates = new Set(lookup.rejections.filter((x) => x.id === expected).map((x) => x.gate));
    for (const gate of gates) {
      const count = counts.get(gate) ?? { gate, rejected: 0, notRight: 0, examples: [] };
      count.rejected++;
      if (r.verdict !== 'right') count.notRight++;
      if (count.examples.length < 3) count.examples.push(r.say);
      counts.set(gate, count);
    }
  }
  return { judged, counts: [...counts.values()].sort((a, b) => b.rejected - a.rejected) };
}

export function gateLines(report: ReturnType<typeof gateReport>): string[] {
  return [
    `gates: of ${report.judged} turns that name the expected answer, the expected answer was rejected by`,
    ...report.counts.map(
      (c) =>
        `  ${c.gate.padEnd(8)} ${String(c.rejected).padStart(3)} (not right in the run: ${c.notRight})  e.g. ${c.examples.join(' | ')}`,
    ),
  ];
}
