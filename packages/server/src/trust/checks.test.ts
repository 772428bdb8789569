// Each check on hand-made series whose issues (start, end, values) are known.
import { describe, expect, it } from 'vitest';
import type { TrustIssue } from '@shopfloor/contracts';
import { fitBaseline } from './baseline.js';
import { DriftCheck } from './check-drift.js';
import { DropoutCheck } from './check-dropout.js';
import { NoiseCheck } from './check-noise.js';
import { RangeCheck } from './check-range.js';
import { RelationCheck } from './check-relation.js';
import { SpikeCheck } from './check-spike.js';
import { StuckCheck } from './check-stuck.js';
import { gaussian, spec, T0, timesFor } from './checks-fixtures-suite.js';
import { FINISHED, STARTED, type IssueState } from './issue.js';
import { TRUST_DEFAULTS } from './params.js';

interface Check {
  state: IssueState;
  push(t: number, v: number): number;
}

/** Feeds values one period apart; returns [reading index it was raised at, issue] for starts and finishes. */
function run(check: Check, values: ArrayLike<number>): { started: [number, TrustIssue][]; finished: [number, TrustIssue][] } {
  const started: [number, TrustIssue][] = [];
  const finished: [number, TrustIssue][] = [];
  for (let i = 0; i < values.length; i++) {
    const bits = check.push(T0 + i * 1000, values[i]!);
    if (bits & STARTED) started.push([i, check.state.started!]);
    if (bits & FINISHED) finished.push([i, check.state.finished!]);
  }
  return { started, finished };
}

const at = (i: number): number => T0 + i * 1000;

describe('out of range', () => {
  it('opens on the first reading outside the range and closes at the last one, keeping the worst value', () => {
    const r = run(new RangeCheck(spec({ unit: 'Nm' })), [50, 50, 120, 130, Number.NaN, 50, -5, 50, Number.NaN, 50]);
    expect(r.finished.map(([, i]) => [i.from, i.to, i.received])).toEqual([
      [at(2), at(4), '130 Nm'],
      [at(6), at(6), '-5 Nm'],
      [at(8), at(8), 'NaN'],
    ]);
    expect(r.started.map(([k]) => k)).toEqual([2, 6, 8]);
    expect(r.finished[0]![1]).toMatchObject({ code: 'OUT_OF_RANGE', severity: 'critical', expected: '0 Nm to 100 Nm' });
    expect(r.finished[0]![1].message).toBe(
      'Sensor press-1.temp on press-1 read outside its physical range from 2026-03-01T06:00:02.000Z to 2026-03-01T06:00:04.000Z: expected 0 Nm to 100 Nm, received 130 Nm',
    );
  });
});

describe('stuck', () => {
  it('opens when the run without change reaches the window, dated from the run start, resolution-aware', () => {
    const check = new StuckCheck(spec({ resolution: 0.1 }), 5, 0.05);
    const r = run(check, [1, 2, 3, 3, 3.04, 3, 3, 3, 4, 5]);
    expect(r.started.map(([k, i]) => [k, i.from, i.to])).toEqual([[6, at(2), null]]);
    expect(r.finished.map(([k, i]) => [k, i.from, i.to, i.received])).toEqual([[8, at(2), at(7), '3 K for 6 readings']]);
  });

  it('does not fire on a run one reading shorter than the window', () => {
    expect(run(new StuckCheck(spec(), 5, 0), [1, 2, 2, 2, 2, 3, 4]).started).toEqual([]);
  });
});

describe('dropout', () => {
  it('reports a gap longer than k periods at the next reading, from the last reading to the next', () => {
    const check = new DropoutCheck(spec(), 3);
    const bits = [0, 1000, 2000, 7000, 8000, 11_000].map((dt) => check.push(T0 + dt));
    expect(bits).toEqual([0, 0, 0, STARTED | FINISHED, 0, 0]);
    expect(check.state.finished).toMatchObject({ code: 'DROPOUT', from: T0 + 2000, to: T0 + 7000, received: 'no reading for 5000 ms' });
  });

  it('raises a stale sensor at the clock tick, before its next reading', () => {
    const check = new DropoutCheck(spec(), 3);
    check.push(T0);
    expect(check.tick(T0 + 3000)).toBe(0);
    expect(check.tick(T0 + 3500)).toBe(STARTED);
    expect(check.state.started).toMatchObject({ from: T0, to: null });
    expect(check.tick(T0 + 4000)).toBe(0);
    expect(check.push(T0 + 9000)).toBe(FINISHED);
    expect(check.state.finished).toMatchObject({ from: T0, to: T0 + 9000 });
  });

  it('ends a dropout still open at the end of a range at the last clock tick', () => {
    const check = new DropoutCheck(spec(), 3);
    check.push(T0);
    check.tick(T0 + 4000);
    check.tick(T0 + 6000);
    expect(check.close()).toBe(FINISHED);
    expect(check.state.finished).toMatchObject({ from: T0, to: T0 + 6000 });
  });
});

describe('spike', () => {
  const s = spec({ min: -1000, max: 1000 });
  const clean = gaussian(2000, 0, 1, 11);
  const base = fitBaseline(timesFor(2000), clean, s);

  it('reports an isolated excursion that returns, once calm readings after the return confirm it', () => {
    const v = gaussian(400, 0, 1, 12);
    v[200] = 12;
    const r = run(new SpikeCheck(s, base, TRUST_DEFAULTS), v);
    expect(r.finished.map(([k, i]) => [k, i.from, i.to])).toEqual([[201 + TRUST_DEFAULTS.spikeConfirm, at(200), at(200)]]);
    expect(r.finished[0]![1]).toMatchObject({ code: 'SPIKE', severity: 'warning' });
    expect(r.finished[0]![1].received).toMatch(/^12 K \(z = \d+\.\d\)$/);
  });

  it('treats a lasting step as a level shift, not a spike', () => {
    const v = gaussian(400, 0, 1, 13).map((x, i) => (i >= 200 ? x + 15 : x));
    expect(run(new SpikeCheck(s, base, TRUST_DEFAULTS), v).started).toEqual([]);
  });

  it('treats a burst of outliers as noise, not a row of spikes', () => {
    const v = gaussian(400, 0, 1, 14);
    for (const i of [200, 206, 213, 219]) v[i] = 12;
    expect(run(new SpikeCheck(s, base, TRUST_DEFAULTS), v).started).toEqual([]);
  });

  it('does not call a counter reset a spike', () => {
    const wear = spec({ min: 0, max: 300, counterResets: true, resolution: 1 });
    const saw = Float64Array.from({ length: 600 }, (_, i) => (i % 100) * 2);
    const b = fitBaseline(timesFor(600), saw, wear);
    expect(run(new SpikeCheck(wear, b, TRUST_DEFAULTS), saw).started).toEqual([]);
  });

  it('does not report the first outlier of a level shift whose readings stay just under the threshold', () => {
    const v = gaussian(400, 0, 1, 15).map((x, i) => (i > 200 ? x + 3.2 : x));
    v[200] = 12;
    expect(run(new SpikeCheck(s, base, TRUST_DEFAULTS), v).started).toEqual([]);
    // Without the came-back rule the same readings raise a spike.
    const lax = { ...TRUST_DEFAULTS, spikeBackReadings: TRUST_DEFAULTS.spikeConfirm };
    expect(run(new SpikeCheck(s, base, lax), v).started.map(([, i]) => i.from)).toEqual([at(200)]);
  });

  describe('on a counter (tool wear back to 0 at each tool change)', () => {
    const wear = spec({ min: 0, max: 300, counterResets: true, resolution: 1 });
    const saw = (): Float64Array => Float64Array.from({ length: 600 }, (_, i) => (i % 100) * 2);
    const b = fitBaseline(timesFor(600), saw(), wear);

    it('reports a drop into the reset zone that comes straight back as a spike', () => {
      const v = saw();
      v[250] = 10; // 100 min read as 10 min, then 102 again
      const r = run(new SpikeCheck(wear, b, TRUST_DEFAULTS), v);
      expect(r.started.map(([k, i]) => [k, i.from, i.received])).toEqual([[251 + TRUST_DEFAULTS.spikeConfirm, at(250), expect.stringMatching(/^10 K \(z = /)]]);
    });

    it('judges a spike on the calm readings seen when the counter restarts before the confirmation ends', () => {
      const v = saw();
      v[293] = 150; // 186 min read as 150 min; the tool is changed 7 readings later
      const r = run(new SpikeCheck(wear, b, TRUST_DEFAULTS), v);
      expect(r.started.map(([k, i]) => [k, i.from])).toEqual([[300, at(293)]]);
      const soon = saw();
      soon[297] = 150; // only 2 calm readings before the change: too few to tell
      expect(run(new SpikeCheck(wear, b, TRUST_DEFAULTS), soon).started).toEqual([]);
    });
  });
});

describe('noise change', () => {
  const s = spec({ min: -1000, max: 1000 });
  const base = fitBaseline(timesFor(2000), gaussian(2000, 0, 1, 21), s);

  it('opens within 100 readings of noise x3 and closes within 100 readings after it ends', () => {
    const v = gaussian(900, 0, 1, 22).map((x, i) => (i >= 300 && i < 600 ? 3 * x : x));
    const r = run(new NoiseCheck(s, base, TRUST_DEFAULTS), v);
    expect(r.started).toHaveLength(1);
    expect(r.finished).toHaveLength(1);
    const [k0] = r.started[0]!;
    const [k1] = r.finished[0]!;
    expect(k0).toBeGreaterThanOrEqual(300);
    expect(k0).toBeLessThan(400);
    expect(k1).toBeGreaterThanOrEqual(600);
    expect(k1).toBeLessThan(700);
  });

  it('stays quiet on clean readings', () => {
    expect(run(new NoiseCheck(s, base, TRUST_DEFAULTS), gaussian(5000, 0, 1, 23)).started).toEqual([]);
  });
});

describe('drift against the group', () => {
  it('opens when the CUSUM of a steady bias passes h and closes when it has drained to 0', () => {
    const check = new DriftCheck(spec(), { center: 0, scale: 1 }, TRUST_DEFAULTS);
    // bias of one scale from reading 100 to 199: +0.5 per reading (z 1 - k 0.5) passes h = 10 at the 21st.
    const d = Array.from({ length: 300 }, (_, i) => (i >= 100 && i < 200 ? 1 : 0));
    const r = run({ state: check.state, push: (t, v) => check.push(t, v) }, d);
    expect(r.started.map(([k, i]) => [k, i.from])).toEqual([[120, at(120)]]);
    // capped at 2h = 20, then -0.5 per reading: back to 0 after 40 readings.
    expect(r.finished.map(([k, i]) => [k, i.to])).toEqual([[239, at(239)]]);
  });

  it('holds back while told the sensor is flat', () => {
    const check = new DriftCheck(spec(), { center: 0, scale: 1 }, TRUST_DEFAULTS);
    const raised: number[] = [];
    for (let i = 0; i < 60; i++) if (check.push(at(i), 1, i < 40) & STARTED) raised.push(i);
    expect(raised).toEqual([40]);
  });
});

describe('physical relation', () => {
  it('opens after 2 violating readings and closes after 2 good ones, naming both sensors', () => {
    const check = new RelationCheck(spec({ id: 'process' }), { kind: 'greater-than', other: 'air', margin: 5 }, 2);
    const proc = [310, 310, 310, 302, 301, 303, 310, 310, 310];
    const air = [300, 300, 300, 300, 300, 300, 300, 300, 300];
    const r = run({ state: check.state, push: (t, v) => check.push(t, v, air[(t - T0) / 1000]!) }, proc);
    expect(r.started.map(([k, i]) => [k, i.from])).toEqual([[4, at(3)]]);
    expect(r.finished.map(([k, i]) => [k, i.from, i.to])).toEqual([[7, at(3), at(5)]]);
    expect(r.finished[0]![1]).toMatchObject({ code: 'RELATION', expected: 'process at least 5 K above air', received: '301 K against air at 300 K' });
  });
});
