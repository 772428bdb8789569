import { describe, expect, it } from 'vitest';
import type { Comparison, Costs } from '@shopfloor/contracts';
import { DEFAULT_TOLERANCES, checkTolerances, comparisonChecks, noModelCheck } from './gate-checks.js';
import { metricSpecs } from './metric-table.js';

const est = (value: number) => ({ value, low: value - 0.01, high: value + 0.01 });

/** A two-version comparison on the benchmark: against (v1) then candidate (v2). */
function comparison(auc: [number, number], cost: [number, number], noModel = 200_000): Comparison {
  return {
    useCaseId: 'uc',
    task: 'binary',
    createdAt: '2024-01-01T00:00:00.000Z',
    baseline: 'mv_1',
    versions: [
      { id: 'mv_1', version: 1, aliases: ['champion'] },
      { id: 'mv_2', version: 2, aliases: [] },
    ],
    sets: [{ name: 'benchmark', version: 1, hash: 'h', rows: 100 }],
    resamples: 0,
    confidence: 0.95,
    seed: 1,
    metrics: [
      { name: 'roc_auc', better: 'higher' },
      { name: 'cost_per_1000', better: 'lower' },
    ],
    cells: [
      {
        set: 'benchmark',
        slice: null,
        rows: 100,
        versions: [
          { modelVersionId: 'mv_1', metrics: { roc_auc: est(auc[0]), cost_per_1000: est(cost[0]) }, differences: [] },
          {
            modelVersionId: 'mv_2',
            metrics: { roc_auc: est(auc[1]), cost_per_1000: est(cost[1]) },
            differences: [{ metric: 'roc_auc', difference: auc[1] - auc[0], low: null, high: null, pValue: 0.2 }],
          },
        ],
      },
      // A slice is reported, never gated: a collapse here must not fail the gate.
      { set: 'benchmark', slice: { column: 'Type', value: 'H' }, rows: 10, versions: [
        { modelVersionId: 'mv_1', metrics: { roc_auc: est(0.9) }, differences: [] },
        { modelVersionId: 'mv_2', metrics: { roc_auc: est(0.1) }, differences: [] },
      ] },
    ],
    flips: [],
    cost: cost.map((c, i) => ({
      modelVersionId: `mv_${i + 1}`,
      set: 'benchmark',
      currency: 'EUR',
      costPer1000: est(c),
      differencePer1000: null,
      practice: { kind: 'no-model', costPer1000: noModel },
      savingPer1000: noModel - c,
      perMonth: null,
    })),
    events: [],
    seconds: 0,
  };
}

describe('comparisonChecks', () => {
  it('passes a worsening within the tolerance and fails one beyond it, by hand', () => {
    const within = comparisonChecks(comparison([0.95, 0.945], [80_000, 80_000]), { tolerances: { roc_auc: 0.01 }, maxCostIncrease: 0.02 });
    expect(within.map((c) => [c.name, c.passed])).toEqual([
      ['roc_auc on benchmark', true],
      ['cost per 1,000 on benchmark', true],
    ]);
    expect(within[0]!.measured).toBeCloseTo(0.005, 12);
    const beyond = comparisonChecks(comparison([0.95, 0.93], [80_000, 80_000]), { tolerances: { roc_auc: 0.01 }, maxCostIncrease: 0.02 });
    expect(beyond[0]).toMatchObject({ passed: false, limit: 0.01 });
    expect(beyond[0]!.detail).toContain('paired p = 0.2');
  });

  it('allows a cost rise of exactly maxCostIncrease of the against cost and no more', () => {
    const limit = (c: number) => comparisonChecks(comparison([0.9, 0.9], [80_000, c]), { tolerances: {}, maxCostIncrease: 0.02 })[0]!;
    expect(limit(81_600)).toMatchObject({ passed: true, measured: 1600, limit: 1600 });
    expect(limit(81_700).passed).toBe(false);
    expect(limit(50_000).passed).toBe(true);
  });

  it('refuses a tolerance for a metric the comparison does not report with COMPARE_INVALID naming it', () => {
    expect(() => comparisonChecks(comparison([0.9, 0.9], [1, 1]), { tolerances: { auc: 0.01 }, maxCostIncrease: 0 })).toThrow(
      expect.objectContaining({ code: 'COMPARE_INVALID', details: expect.objectContaining({ field: 'tolerances.auc' }) }),
    );
  });
});

describe('DEFAULT_TOLERANCES', () => {
  it('names only metrics the comparison reports for each task', () => {
    for (const [task, tolerances] of Object.entries(DEFAULT_TOLERANCES)) {
      const metrics = metricSpecs({ kind: task } as Costs);
      expect(() => checkTolerances({ metrics }, tolerances), task).not.toThrow();
    }
  });
});

describe('noModelCheck', () => {
  it('passes only a candidate that costs less than deciding without a model', () => {
    expect(noModelCheck(comparison([0.9, 0.9], [80_000, 150_000], 200_000))).toMatchObject({ passed: true, measured: 150_000, limit: 200_000 });
    expect(noModelCheck(comparison([0.9, 0.9], [80_000, 200_000], 200_000)).passed).toBe(false);
  });
});
