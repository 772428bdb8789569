import { MulticlassCosts } from '@shopfloor/contracts';
import { describe, expect, it } from 'vitest';
import { alignMulticlassCosts, decideMulticlass, multiclassBaseline, multiclassCostPer1000, multiclassDecisions } from './multiclass-costs.js';

// matrix[true][decided]: running on a worn tool costs 500, a needless stop 80, a wrong repair 200.
const costs = MulticlassCosts.parse({
  kind: 'multiclass',
  currency: 'EUR',
  classes: ['ok', 'tool wear', 'overstrain'],
  matrix: [
    [0, 80, 80],
    [500, 50, 200],
    [400, 200, 60],
  ],
});

describe('multiclass decisions', () => {
  it('take the class of lowest expected cost, not the most likely one', () => {
    // expected costs: ok = 0.3 * 500 = 150; tool wear = 0.7 * 80 + 0.3 * 50 = 71; overstrain = 0.7 * 80 + 0.3 * 200 = 116.
    const d = decideMulticlass([0.7, 0.3, 0], costs);
    expect(d.label).toBe('tool wear');
    expect(d.act).toBe(true);
    expect(d.expectedCost).toBeCloseTo(71, 12);
    expect(decideMulticlass([0.95, 0.05, 0], costs)).toMatchObject({ label: 'ok', act: false });
  });
  it('decide many rows from the row-major probability matrix', () => {
    const probs = Float64Array.of(0.7, 0.3, 0, 0.95, 0.05, 0, 0.5, 0.1, 0.4);
    expect(Array.from(multiclassDecisions(probs, costs))).toEqual([1, 0, 2]);
  });
  it('reject probabilities that do not fit the classes', () => {
    expect(() => decideMulticlass([0.5, 0.5], costs)).toThrow(/probabilities: has 2 entries, expected 3/);
    expect(() => decideMulticlass([0.5, 0.6, 0], costs)).toThrow(/sum to 1.1/);
  });
});

describe('multiclass cost table checks', () => {
  it('name the row that is not K long', () => {
    const bad = { ...costs, matrix: [[0, 80, 80], [500, 50], [400, 200, 60]] };
    expect(() => multiclassDecisions([1, 0, 0], bad)).toThrow(/costs.matrix\[1\]: row "tool wear" has 2 entries, expected 3/);
    expect(() => multiclassDecisions([1, 0, 0], { ...costs, matrix: costs.matrix.slice(0, 2) })).toThrow(/has 2 rows, expected 3/);
  });
  it('align the matrix to the target class order', () => {
    const aligned = alignMulticlassCosts(costs, ['ok', 'overstrain', 'tool wear']);
    expect(aligned.classes).toEqual(['ok', 'overstrain', 'tool wear']);
    expect(aligned.matrix).toEqual([
      [0, 80, 80],
      [400, 60, 200],
      [500, 200, 50],
    ]);
  });
  it('refuse classes the target does not have', () => {
    expect(() => alignMulticlassCosts(costs, ['ok', 'tool wear', 'power'])).toThrow(/missing \[power\], unknown \[overstrain\]/);
  });
});

describe('multiclass cost per 1,000', () => {
  it('sums the realised matrix cells of a 10-row example', () => {
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2];
    const decisions = [0, 0, 0, 0, 0, 1, 1, 0, 2, 1];
    // 5 * 0 + 80 + 50 + 500 + 60 + 200 = 890 over 10 rows -> 89,000 per 1,000.
    expect(multiclassCostPer1000(decisions, labels, costs)).toBe(89_000);
  });
  it('prices the best constant class as the baseline', () => {
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2];
    // ok: 2 * 500 + 2 * 400 = 1,800; tool wear: 6 * 80 + 2 * 50 + 2 * 200 = 980; overstrain: 480 + 400 + 120 = 1,000.
    expect(multiclassBaseline(labels, costs)).toEqual({ costPer1000: 98_000, label: 'tool wear' });
    // One worn tool in ten rows: ok = 500 -> 50,000; tool wear = 9 * 80 + 50 = 770 -> 77,000.
    expect(multiclassBaseline([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], costs)).toEqual({ costPer1000: 50_000, label: 'ok' });
  });
  it('names a label outside the classes', () => {
    expect(() => multiclassCostPer1000([0], [3], costs)).toThrow(/labels: row 0 is 3/);
  });
});
