// Hand-made cases for the horizon-before-failure target: boundaries, overlaps, other assets, retractions, censoring.
import { describe, expect, it } from 'vitest';
import { horizonTargets } from './horizon-targets.js';
import type { LabelSpan } from './label-index.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

function span(asset: string, startH: number, endH: number | null, cls = 'failure', extra: Partial<LabelSpan> = {}): LabelSpan {
  return { asset, start: at(startH), end: endH === null ? null : at(endH), class: cls, ...extra };
}

/** Rows of one asset at the given hours after T0. */
function rowsAt(asset: string | null, hours: number[]) {
  return { assets: hours.map(() => asset), times: Float64Array.from(hours, (h) => T0 + h * HOUR) };
}

const H4 = { classes: ['failure'], horizonMs: 4 * HOUR };

describe('horizonTargets', () => {
  it('marks rows from exactly H before the start up to the start, and not a millisecond earlier', () => {
    // Failure event at hour 10, H = 4 h: rows at 6 (exactly H before) .. 10 (exactly at the start) are positive.
    const rows = { assets: ['press-1', 'press-1', 'press-1', 'press-1', 'press-1'], times: Float64Array.from([T0 + 6 * HOUR - 1, T0 + 6 * HOUR, T0 + 8 * HOUR, T0 + 10 * HOUR, T0 + 10 * HOUR + 1]) };
    const { targets, counts } = horizonTargets(rows, [span('press-1', 10, null)], H4);
    expect([...targets]).toEqual([0, 1, 1, 1, 0]);
    expect(counts).toEqual({ positive: 3, negative: 2, duringSpan: 0, censored: 0, missing: 0 });
  });

  it('leaves rows inside a failure span out by default: the span covers [start, end)', () => {
    const { targets, counts } = horizonTargets(rowsAt('press-1', [5, 6, 9, 10, 11, 14, 15]), [span('press-1', 10, 15)], H4);
    // 5: 5 h before (negative); 6, 9: within H (positive); 10, 11, 14: inside the span; 15: the span ended (negative).
    expect([...targets]).toEqual([0, 1, 1, NaN, NaN, NaN, 0]);
    expect(counts).toMatchObject({ positive: 2, negative: 2, duringSpan: 3 });
  });

  it("counts rows inside a span as positive, or lets the horizon rule alone decide, when asked", () => {
    const rows = rowsAt('press-1', [9, 10, 11]);
    const labels = [span('press-1', 10, 15)];
    expect([...horizonTargets(rows, labels, { ...H4, duringSpan: 'positive' }).targets]).toEqual([1, 1, 1]);
    // 'keep': hour 10 is exactly at the start (positive); hour 11 is after it with no later start (negative).
    expect([...horizonTargets(rows, labels, { ...H4, duringSpan: 'keep' }).targets]).toEqual([1, 1, 0]);
  });

  it('handles overlapping spans: inside either one is inside, and each start opens its own horizon', () => {
    // Span A [10, 20) and span B [12, 14) nested; span C [30, 40) overlaps nothing; D [35, 50) overlaps C.
    const labels = [span('press-1', 10, 20), span('press-1', 12, 14), span('press-1', 30, 40), span('press-1', 35, 50)];
    const { targets } = horizonTargets(rowsAt('press-1', [8, 15, 19, 20, 26, 27, 45, 49, 50]), labels, H4);
    // 15 and 19 are inside A even though B ended at 14; 45 and 49 inside D after C ended.
    expect([...targets]).toEqual([1, NaN, NaN, 0, 1, 1, NaN, NaN, 0]);
  });

  it('reads only labels of the same asset and of the named classes, and ignores retracted ones', () => {
    const labels = [
      span('press-2', 10, null),
      span('press-1', 10, null, 'maintenance'),
      span('press-1', 10, 12, 'failure', { retracted: true, id: 'lbl_wrong' }),
    ];
    const { targets, counts } = horizonTargets(rowsAt('press-1', [8, 10, 11]), labels, H4);
    expect([...targets]).toEqual([0, 0, 0]);
    expect(counts.duringSpan).toBe(0);
    // The corrected label (same failure, right asset) makes them positive / inside.
    expect([...horizonTargets(rowsAt('press-1', [8, 10, 11]), [...labels, span('press-1', 10, 12)], H4).targets]).toEqual([1, NaN, NaN]);
  });

  it('counts every one of several classes as the event', () => {
    const labels = [span('press-1', 10, null, 'tool-break'), span('press-1', 30, null, 'overstrain')];
    const { targets } = horizonTargets(rowsAt('press-1', [8, 20, 28]), labels, { classes: ['tool-break', 'overstrain'], horizonMs: 4 * HOUR });
    expect([...targets]).toEqual([1, 0, 1]);
  });

  it('gives NaN to rows without an asset or a time', () => {
    const rows = { assets: ['press-1', null, 'press-1'], times: Float64Array.from([T0, T0, Number.NaN]) };
    const { targets, counts } = horizonTargets(rows, [], H4);
    expect([...targets]).toEqual([0, NaN, NaN]);
    expect(counts).toEqual({ positive: 0, negative: 1, duringSpan: 0, censored: 0, missing: 2 });
  });

  it('censors rows whose horizon reaches past the time labels are complete to, unless already positive', () => {
    const labels = [span('press-1', 21, null)];
    const { targets, counts } = horizonTargets(rowsAt('press-1', [10, 16, 16.5, 19]), labels, { ...H4, labelledUntil: at(20) });
    // 16 + 4 = 20: its horizon ends exactly when labels end, so it is known negative; 16.5's ends at 20.5, unknown; 19 sees the failure at 21.
    expect([...targets]).toEqual([0, 0, NaN, 1]);
    expect(counts).toMatchObject({ positive: 1, negative: 2, censored: 1 });
  });

  it('refuses a negative horizon, an unreadable labelledUntil, mismatched rows and a label with a bad time', () => {
    expect(() => horizonTargets(rowsAt('a', [1]), [], { classes: ['failure'], horizonMs: -1 })).toThrow(/horizonMs/);
    expect(() => horizonTargets(rowsAt('a', [1]), [], { ...H4, labelledUntil: 'soon' })).toThrow(/labelledUntil/);
    expect(() => horizonTargets({ assets: ['a'], times: [] }, [], H4)).toThrow(/1 assets but 0 times/);
    expect(() => horizonTargets(rowsAt('a', [1]), [{ asset: 'a', start: 'yesterday', end: null, class: 'failure', id: 'lbl_x' }], H4)).toThrow(/lbl_x/);
    expect(() => horizonTargets(rowsAt('a', [1]), [], { classes: [], horizonMs: HOUR })).toThrow(/at least one/);
  });

  it('labels many rows of many assets the same as a direct scan', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const assets = ['a', 'b', 'c'];
    const labels: LabelSpan[] = Array.from({ length: 60 }, () => {
      const start = Math.floor(random() * 500);
      return span(assets[Math.floor(random() * 3)]!, start, random() < 0.5 ? null : start + 1 + Math.floor(random() * 10), random() < 0.8 ? 'failure' : 'other', { retracted: random() < 0.1 });
    });
    const rows = { assets: Array.from({ length: 2000 }, () => assets[Math.floor(random() * 3)]!), times: Float64Array.from({ length: 2000 }, () => T0 + Math.floor(random() * 520) * HOUR) };
    const { targets } = horizonTargets(rows, labels, H4);
    const standing = labels.filter((l) => l.class === 'failure' && l.retracted !== true);
    const naive = rows.times.map((t, r) => {
      const mine = standing.filter((l) => l.asset === rows.assets[r]);
      if (mine.some((l) => l.end !== null && Date.parse(l.start) <= t && t < Date.parse(l.end))) return NaN;
      return mine.some((l) => Date.parse(l.start) >= t && Date.parse(l.start) <= t + 4 * HOUR) ? 1 : 0;
    });
    expect([...targets]).toEqual([...naive]);
  });
});
