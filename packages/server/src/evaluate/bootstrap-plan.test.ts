import { describe, expect, it } from 'vitest';
import { bootstrapPlan, resampleCounts, slicePlans, type BootstrapPlan } from './bootstrap-plan.js';

const resamples = (plan: BootstrapPlan): number[][] => Array.from({ length: plan.resamples }, (_, r) => Array.from(resampleCounts(plan, r)));
import { seededRandom } from './seeded-random.js';
import { sliceIndex, takeRows } from './slices.js';

describe('bootstrap plan', () => {
  it('draws the same resamples for the same seed, and other ones for another seed', () => {
    const a = bootstrapPlan(50, { resamples: 20, seed: 7 });
    const b = bootstrapPlan(50, { resamples: 20, seed: 7 });
    const c = bootstrapPlan(50, { resamples: 20, seed: 8 });
    expect(resamples(a)).toEqual(resamples(b));
    expect(resamples(a)).not.toEqual(resamples(c));
  });
  it('draws every resample with replacement at the size of the set', () => {
    const plan = bootstrapPlan(200, { resamples: 500, seed: 3 });
    expect(plan.counts).toHaveLength(500 * 200);
    let unseen = 0;
    for (const c of resamples(plan)) {
      expect(c.reduce((s, x) => s + x, 0)).toBe(200);
      unseen += c.filter((x) => x === 0).length;
    }
    // A row is left out of a resample with probability (1 - 1/200)^200 = 0.367; 100,000 rows checked.
    expect(unseen / (500 * 200)).toBeCloseTo(0.367, 2);
  });
  it('never uses Math.random', () => {
    const saved = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      expect(bootstrapPlan(10, { resamples: 3 }).resamples).toBe(3);
    } finally {
      Math.random = saved;
    }
  });
  it('spreads its draws evenly over [0, 1)', () => {
    const random = seededRandom(1);
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) deciles[Math.floor(random() * 10)]!++;
    for (const d of deciles) expect(Math.abs(d - 10_000)).toBeLessThan(500); // ~5 standard deviations
  });
  it("keeps each row's counts together, resample after resample", () => {
    const plan = bootstrapPlan(4, { resamples: 3, seed: 9 });
    // counts[i * 3 + r]: row i in resample r
    expect(Array.from(resampleCounts(plan, 2))).toEqual([0, 1, 2, 3].map((i) => plan.counts[i * 3 + 2]));
    expect(plan.counts).toBeInstanceOf(Uint16Array);
    expect(bootstrapPlan(70_000, { resamples: 1 }).counts).toBeInstanceOf(Int32Array); // a count could pass 65,535
    expect(() => resampleCounts(plan, 3)).toThrow(/resample: is 3/);
  });
  it('names bad sizes', () => {
    expect(() => bootstrapPlan(0)).toThrow(/rows: is 0/);
    expect(() => bootstrapPlan(5, { resamples: -1 })).toThrow(/resamples: is -1/);
    expect(() => bootstrapPlan(5, { seed: 0.5 })).toThrow(/seed: is 0.5/);
  });
});

describe('slices', () => {
  it('group rows by value in order of first appearance', () => {
    const slices = sliceIndex(['L', 'M', 'L', null, 'H', 'M', 'L']);
    expect([...slices.keys()]).toEqual(['L', 'M', '(missing)', 'H']);
    expect(Array.from(slices.get('L')!)).toEqual([0, 2, 6]);
    expect(Array.from(takeRows([10, 11, 12, 13, 14, 15, 16], slices.get('M')!))).toEqual([11, 15]);
  });
  it('resample inside each slice, independently of the other slices', () => {
    const values = Array.from({ length: 90 }, (_, i) => ['L', 'M', 'H'][i % 3]!);
    const plans = slicePlans(sliceIndex(values), { resamples: 10, seed: 4 });
    expect(plans.get('L')!.rows).toBe(30);
    expect(resamples(plans.get('L')!)[0]!.reduce((s, x) => s + x, 0)).toBe(30);
    const withoutH = slicePlans(sliceIndex(values.filter((v) => v !== 'H')), { resamples: 10, seed: 4 });
    expect(resamples(withoutH.get('L')!)).toEqual(resamples(plans.get('L')!));
    expect(resamples(plans.get('M')!)).not.toEqual(resamples(plans.get('L')!));
  });
  it('name a row outside the column', () => {
    expect(() => takeRows([1, 2], Int32Array.from([0, 2]))).toThrow(/rows: entry 1 is row 2/);
  });
});
