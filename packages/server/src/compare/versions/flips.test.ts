import { describe, expect, it } from 'vitest';
import type { Costs } from '@shopfloor/contracts';
import { decisionFlips } from './flips.js';
import type { ScoredSet } from './score-set.js';

const costs: Costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000 };
// Row costs by hand: TN 0, FN 5000, FP 300, TP 1000.
const version = (id: string, predictions: number[], decisions: number[], rowCosts: number[]) => ({
  ref: { id, version: Number(id.slice(3)), aliases: [] },
  predictions: Float64Array.from(predictions),
  decisions: Uint8Array.from(decisions),
  costs: Float64Array.from(rowCosts),
});

describe('decisionFlips', () => {
  it('counts flips, the ones fixed and broken in money, and shows the costliest broken rows first', () => {
    const set = {
      ref: { name: 'benchmark', version: 1, hash: 'h', rows: 5 },
      rows: Int32Array.from([10, 11, 12, 13, 14]),
      labels: Float64Array.from([1, 0, 1, 0, 0]),
      table: { fileName: 'x', rows: 15, columns: [] },
      versions: [
        version('mv_1', [0.9, 0.1, 0.2, 0.6, 0.1], [1, 0, 0, 1, 0], [1000, 0, 5000, 300, 0]),
        // row 10: alarm -> no alarm on a failure (broken, +4000); row 12: miss -> alarm (fixed, -4000);
        // row 13: false alarm -> quiet (fixed, -300); row 14: quiet -> false alarm (broken, +300)
        version('mv_2', [0.3, 0.1, 0.8, 0.2, 0.7], [0, 0, 1, 0, 1], [5000, 0, 1000, 0, 300]),
      ],
    } satisfies ScoredSet;
    const [f] = decisionFlips(set, { costs, classes: ['false', 'true'], k: 1, maxExamples: 3, keyOf: (r) => `UDI ${r + 1}` });
    expect(f).toMatchObject({ modelVersionId: 'mv_2', set: 'benchmark', flips: 4, share: 0.8, fixed: 2, broken: 2 });
    expect(f!.examples.map((e) => e.row)).toEqual([11, 15, 13]);
    expect(f!.examples[0]).toEqual({ row: 11, key: 'UDI 11', truth: 'true', baseline: { score: 0.9, decision: 'alarm' }, candidate: { score: 0.3, decision: 'no alarm' } });
  });
});
