import { describe, expect, it } from 'vitest';
import { DAY_MS, eventMetrics, type AssetPredictions } from './event-metrics.js';

/** Prediction rows from [asset, day, decision] triples, times in epoch ms. */
function table(rows: [string, number, 0 | 1][]): AssetPredictions {
  return { assets: rows.map((r) => r[0]), times: rows.map((r) => r[1] * DAY_MS), decisions: rows.map((r) => r[2]) };
}

const daily = (asset: string, days: number, alarms: number[]): [string, number, 0 | 1][] =>
  Array.from({ length: days + 1 }, (_, d): [string, number, 0 | 1] => [asset, d, alarms.includes(d) ? 1 : 0]);

// Asset A predicted daily on days 0..10, alarms on days 1, 4, 5, 6, 8, 10, failures on days 6 and 9.
// Asset B predicted daily on days 0..4, one alarm on day 4, a failure on day 3. Asset C: a failure on day 2, never predicted.
// Horizon 2 days:
//   A1: next failure A6 is 5 days away -> false      A4, A5: in [4, 6) -> catch A6, lead 6 - 4 = 2 days
//   A6: at the failure itself; next failure A9 is 3 days away -> false (or quiet)
//   A8: in [max(9 - 2, 6), 9) -> catches A9, lead 1 day      A10: no failure after it -> false
//   B4: after B's failure -> false; B3 and C2 are missed.
const rows = [...daily('A', 10, [1, 4, 5, 6, 8, 10]), ...daily('B', 4, [4])].reverse(); // order must not matter
const failures = [
  { asset: 'A', time: 6 * DAY_MS },
  { asset: 'A', time: 9 * DAY_MS },
  { asset: 'B', time: 3 * DAY_MS },
  { asset: 'C', time: 2 * DAY_MS },
];

describe('predictive-maintenance event metrics', () => {
  it('count caught failures, lead times and false alarms per asset-day (hand-checked)', () => {
    const m = eventMetrics(table(rows), failures, { horizonMs: 2 * DAY_MS });
    expect(m).toMatchObject({ failures: 4, caught: 2, caughtShare: 0.5, alarms: 7, falseAlarms: 4, quietAlarms: 0, assetDays: 14 });
    expect(m.leadTimesMs).toEqual([DAY_MS, 2 * DAY_MS]);
    expect(m.leadTime).toEqual({ min: DAY_MS, p25: 1.25 * DAY_MS, median: 1.5 * DAY_MS, p75: 1.75 * DAY_MS, max: 2 * DAY_MS });
    expect(m.falseAlarmsPerAssetDay).toBeCloseTo(4 / 14, 15);
    expect(m.perFailure).toEqual([
      { asset: 'A', time: 6 * DAY_MS, caught: true, leadTimeMs: 2 * DAY_MS },
      { asset: 'A', time: 9 * DAY_MS, caught: true, leadTimeMs: DAY_MS },
      { asset: 'B', time: 3 * DAY_MS, caught: false, leadTimeMs: null },
      { asset: 'C', time: 2 * DAY_MS, caught: false, leadTimeMs: null },
    ]);
  });
  it('leave alarms during a quiet period after a failure out of both counts', () => {
    const m = eventMetrics(table(rows), failures, { horizonMs: 2 * DAY_MS, quietAfterFailureMs: DAY_MS });
    expect(m).toMatchObject({ alarms: 7, falseAlarms: 3, quietAlarms: 1, caught: 2 });
  });
  it('never let an alarm before a repair warn of the next failure on the same asset', () => {
    // Failures on days 5 and 6, horizon 2 days: the alarm at 4.5 warns of day 5 only; day 6's window is [5, 6).
    const m = eventMetrics(table([['D', 0, 0], ['D', 4.5, 1], ['D', 7, 0]]), [{ asset: 'D', time: 5 * DAY_MS }, { asset: 'D', time: 6 * DAY_MS }], { horizonMs: 2 * DAY_MS });
    expect(m.perFailure.map((f) => f.leadTimeMs)).toEqual([0.5 * DAY_MS, null]);
    expect(m).toMatchObject({ caught: 1, falseAlarms: 0, assetDays: 7 });
  });
  it('count an alarm exactly H before the failure as caught, and one just earlier as false', () => {
    const f = [{ asset: 'E', time: 10 * DAY_MS }];
    expect(eventMetrics(table([['E', 8, 1], ['E', 12, 0]]), f, { horizonMs: 2 * DAY_MS })).toMatchObject({ caught: 1, falseAlarms: 0 });
    expect(eventMetrics(table([['E', 7.9, 1], ['E', 12, 0]]), f, { horizonMs: 2 * DAY_MS })).toMatchObject({ caught: 0, falseAlarms: 1 });
  });
  it('are undefined (NaN) without failures, alarms or observed time rather than a fake 0', () => {
    const m = eventMetrics(table([['F', 1, 1]]), [], { horizonMs: DAY_MS });
    expect(m.caughtShare).toBeNaN();
    expect(m.leadTime.median).toBeNaN();
    expect(m.falseAlarmsPerAssetDay).toBeNaN(); // one prediction: no time observed
    expect(eventMetrics(table([['F', 1, 1]]), [], { horizonMs: DAY_MS, assetDays: 2 }).falseAlarmsPerAssetDay).toBe(0.5);
  });
  it('name bad input', () => {
    expect(() => eventMetrics(table(rows), failures, { horizonMs: 0 })).toThrow(/horizonMs: is 0/);
    expect(() => eventMetrics({ assets: ['A'], times: [1], decisions: [2] }, [], { horizonMs: 1 })).toThrow(/decisions: row 0 is 2/);
    expect(() => eventMetrics({ assets: ['A'], times: [NaN], decisions: [1] }, [], { horizonMs: 1 })).toThrow(/times: row 0 is NaN/);
    expect(() => eventMetrics({ assets: ['A', 'B'], times: [1], decisions: [1] }, [], { horizonMs: 1 })).toThrow(/times: has 1 entries but assets has 2/);
    expect(() => eventMetrics(table(rows), [failures[0]!, failures[0]!], { horizonMs: 1 })).toThrow(/failures: entry 1 repeats/);
  });
});
