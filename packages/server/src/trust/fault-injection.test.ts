// The fault-injection generator: seeded, sized against sigma as the issue fixes, with ground truth in time.
import { describe, expect, it } from 'vitest';
import { gaussian, spec, timesFor } from './checks-fixtures-suite.js';
import { FAULT_KINDS, injectFaults, planFaults, synthesiseTwin } from './fault-injection.js';

const s = spec({ id: 'torque', unit: 'Nm', min: 0, max: 100, resolution: 0.1, relation: { kind: 'greater-than', other: 'air', margin: 5 } });
const n = 6000;
const times = timesFor(n);
const clean = gaussian(n, 50, 2, 41).map((x) => Math.round(x * 10) / 10);
const other = gaussian(n, 30, 1, 42);
const sigma = 2;
const plan = planFaults(n, FAULT_KINDS, { first: 100, gap: 100 });

describe('injectFaults', () => {
  const out = injectFaults(s, { times, values: clean }, sigma, plan, 7, other);
  const idx = (t: number): number => (t - times[0]!) / 1000;
  const byKind = (k: string) => out.faults.filter((f) => f.kind === k);

  it('injects every kind with ground truth, and the same seed gives the same series', () => {
    expect(new Set(out.faults.map((f) => f.kind))).toEqual(new Set(FAULT_KINDS));
    expect(injectFaults(s, { times, values: clean }, sigma, plan, 7, other)).toEqual(out);
    expect(injectFaults(s, { times, values: clean }, sigma, plan, 8, other).values).not.toEqual(out.values);
  });

  it('sizes faults as the issue fixes them', () => {
    for (const f of byKind('spike')) {
      const i = idx(f.onset);
      expect(Math.abs(out.values[out.times.indexOf(f.onset)]! - clean[i]!)).toBeGreaterThanOrEqual(6 * sigma - 0.05);
    }
    for (const f of byKind('out_of_range')) {
      const v = out.values[out.times.indexOf(f.onset)]!;
      expect(v > 100 + 10 || v < 0 - 10).toBe(true);
    }
    for (const f of byKind('stuck')) expect(f.readings).toBeGreaterThanOrEqual(30);
    for (const f of byKind('dropout')) {
      expect(f.readings).toBeGreaterThanOrEqual(5);
      expect(out.times.indexOf(f.onset)).toBe(-1);
    }
    for (const f of byKind('drift')) {
      const last = out.times.indexOf(f.end);
      expect(Math.abs(out.values[last]! - clean[idx(f.end)]!)).toBeCloseTo(3 * sigma, 0);
      expect(f.readings).toBe(500);
    }
    for (const f of byKind('relation')) {
      const i = out.times.indexOf(f.onset);
      expect(out.values[i]! - other[idx(f.onset)]!).toBeLessThan(5);
    }
  });

  it('keeps readings outside the faults untouched', () => {
    const touched = new Set<number>();
    for (const f of out.faults) for (let t = f.onset; t <= f.end; t += 1000) touched.add(t);
    out.times.forEach((t, i) => {
      if (!touched.has(t)) expect(out.values[i]).toBe(clean[idx(t)]);
    });
  });

  it('refuses a fault outside the series', () => {
    expect(() => injectFaults(s, { times, values: clean }, sigma, [{ kind: 'spike', at: n }], 1)).toThrow(/outside 1\.\.5999/);
  });
});

describe('synthesiseTwin', () => {
  it('is the series plus independent noise of the given size, at the resolution', () => {
    const twin = synthesiseTwin(s, clean, 1, 3);
    const diff = twin.map((v, i) => v - clean[i]!);
    const sd = Math.sqrt(diff.reduce((a, d) => a + d * d, 0) / n);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
    expect(twin.every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6)).toBe(true);
  });
});
