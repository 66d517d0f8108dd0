import { describe, expect, it } from 'vitest';
import { meanMetrics, quantile, rankMetrics } from '../src/evaluation/metrics.js';
import { evaluateRetrieval } from '../src/evaluation/retrievalEval.js';

describe('rankMetrics', () => {
  it('scores a relevant document at rank 3 of 10', () => {
    const m = rankMetrics(['a', 'b', 'c', 'd'], new Map([['c', 1]]));
    expect(m.pAt1).toBe(0);
    expect(m.rAt10).toBe(1);
    expect(m.mrrAt10).toBeCloseTo(1 / 3);
    expect(m.ndcgAt10).toBeCloseTo(1 / Math.log2(4));
  });

  it('uses graded gains and the ideal ordering for nDCG', () => {
    // gains 1 at rank 1 and 2 at rank 2; ideal is 2 then 1.
    const m = rankMetrics(
      ['x', 'y', 'z'],
      new Map([
        ['x', 1],
        ['y', 2],
        ['w', 1],
      ]),
    );
    const dcg = 1 + 2 / Math.log2(3);
    const idcg = 2 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(m.ndcgAt10).toBeCloseTo(dcg / idcg);
    expect(m.rAt10).toBeCloseTo(2 / 3);
    expect(m.pAt1).toBe(1);
  });

  it('ignores documents ranked below 10', () => {
    const ranked = Array.from({ length: 11 }, (_, i) => `d${i}`);
    expect(rankMetrics(ranked, new Map([['d10', 1]]))).toEqual({ pAt1: 0, rAt10: 0, mrrAt10: 0, ndcgAt10: 0 });
  });

  it('averages and takes nearest-rank quantiles', () => {
    const mean = meanMetrics([
      { pAt1: 1, rAt10: 1, mrrAt10: 1, ndcgAt10: 1 },
      { pAt1: 0, rAt10: 1, mrrAt10: 0.5, ndcgAt10: 0.5 },
    ]);
    expect(mean).toEqual({ pAt1: 0.5, rAt10: 1, mrrAt10: 0.75, ndcgAt10: 0.75 });
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.99)).toBe(5);
  });
});

describe('evaluateRetrieval on the postal fixture', () => {
  // q1 → d1 at rank 1 (typed without diacritics), q2 → d2 at rank 1, q3 → d3 at rank 2
  // (d4 holds the whole phrase), q4 → d5 shares no word so it is not found; q5 has no judgement.
  const report = evaluateRetrieval('tests/fixtures/retrieval/postal');

  it('counts only judged queries', () => {
    expect(report.n).toBe(4);
  });

  it('computes the metrics by hand', () => {
    expect(report.p_at_1).toBe(50);
    expect(report.r_at_10).toBe(75);
    expect(report.mrr_at_10).toBe(62.5);
    expect(report.ndcg_at_10).toBeCloseTo((100 * (1 + 1 + 1 / Math.log2(3))) / 4, 1);
  });

  it('reports costs', () => {
    expect(report.build_ms).toBeGreaterThanOrEqual(0);
    expect(report.p99_ms).toBeGreaterThanOrEqual(report.p50_ms);
    expect(report.heap_mb).toBeGreaterThan(0);
  });
});
