// Hand-made cases for the late-label join: positive as soon as labelled, negative once the horizon passed, pending before.
import { describe, expect, it } from 'vitest';
import { joinLateLabels, type ServedPrediction } from './late-join.js';
import type { LabelSpan } from './label-index.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

function prediction(id: string, asset: string, hours: number, alarm?: boolean): ServedPrediction & { model: string } {
  return { id, asset, time: at(hours), score: 0.5, model: 'mv_1', ...(alarm === undefined ? {} : { alarm }) };
}

const failure = (asset: string, startH: number, endH: number | null, extra: Partial<LabelSpan> = {}): LabelSpan => ({
  asset,
  start: at(startH),
  end: endH === null ? null : at(endH),
  class: 'failure',
  ...extra,
});

const OPTIONS = { classes: ['failure'], horizonMs: 4 * HOUR };

describe('joinLateLabels', () => {
  it('finds the failure within the horizon, with its label and the lead time, even before the horizon has passed', () => {
    const [joined] = joinLateLabels([prediction('p1', 'press-1', 6, true)], [failure('press-1', 9, 12, { id: 'lbl_f' })], { ...OPTIONS, now: at(9.5) });
    expect(joined?.outcome).toEqual({ status: 'positive', labelId: 'lbl_f', eventStart: at(9), leadTimeMs: 3 * HOUR });
    expect(joined?.verdict).toBe('true-alarm');
    expect(joined?.prediction.model).toBe('mv_1');
  });

  it('includes both ends of the horizon: a failure exactly H later or exactly at the prediction', () => {
    const labels = [failure('press-1', 10, null)];
    const joined = joinLateLabels([prediction('h', 'press-1', 6), prediction('z', 'press-1', 10), prediction('late', 'press-1', 5.999)], labels, { ...OPTIONS, now: at(100) });
    expect(joined.map((j) => j.outcome.status)).toEqual(['positive', 'positive', 'negative']);
    expect(joined[1]?.outcome).toMatchObject({ leadTimeMs: 0 });
  });

  it('stays pending until the horizon (plus the settling time) has passed by now, then is negative', () => {
    const p = [prediction('p', 'press-1', 10, false)];
    expect(joinLateLabels(p, [], { ...OPTIONS, now: at(13.9) })[0]).toMatchObject({ outcome: { status: 'pending', knownAt: at(14) }, verdict: null });
    expect(joinLateLabels(p, [], { ...OPTIONS, now: at(14) })[0]).toMatchObject({ outcome: { status: 'negative', knownAt: at(14) }, verdict: 'quiet' });
    const settle = { ...OPTIONS, settleMs: 48 * HOUR };
    expect(joinLateLabels(p, [], { ...settle, now: at(20) })[0]?.outcome).toEqual({ status: 'pending', knownAt: at(62) });
    expect(joinLateLabels(p, [], { ...settle, now: new Date(T0 + 62 * HOUR) })[0]?.outcome.status).toBe('negative');
  });

  it('turns a pending prediction positive when a late label arrives, and back when that label is retracted', () => {
    const p = [prediction('p', 'press-1', 10, false)];
    const late = failure('press-1', 12, null, { id: 'lbl_late' });
    expect(joinLateLabels(p, [late], { ...OPTIONS, now: at(11) })[0]).toMatchObject({ outcome: { status: 'positive' }, verdict: 'miss' });
    expect(joinLateLabels(p, [{ ...late, retracted: true }], { ...OPTIONS, now: at(30) })[0]).toMatchObject({ outcome: { status: 'negative' }, verdict: 'quiet' });
  });

  it('scores an alarm without a failure as a false alarm, and ignores other assets and classes', () => {
    const labels = [failure('press-2', 11, null), { ...failure('press-1', 11, null), class: 'maintenance' }];
    const [joined] = joinLateLabels([prediction('p', 'press-1', 10, true)], labels, { ...OPTIONS, now: at(20) });
    expect(joined).toMatchObject({ outcome: { status: 'negative' }, verdict: 'false-alarm' });
  });

  it('excludes a prediction made while the asset was inside a failure span, unless asked otherwise', () => {
    const labels = [failure('press-1', 8, 12, { id: 'lbl_span' })];
    const p = [prediction('p', 'press-1', 9, true)];
    expect(joinLateLabels(p, labels, { ...OPTIONS, now: at(20) })[0]).toMatchObject({ outcome: { status: 'excluded', reason: 'during-span' }, verdict: null });
    expect(joinLateLabels(p, labels, { ...OPTIONS, now: at(20), duringSpan: 'positive' })[0]?.outcome).toEqual({
      status: 'positive',
      labelId: 'lbl_span',
      eventStart: at(8),
      leadTimeMs: -1 * HOUR,
    });
  });

  it('keeps input order over several assets and accepts epoch-ms times', () => {
    const labels = [failure('a', 5, null), failure('b', 50, null)];
    const preds = [
      { id: '1', asset: 'b', time: T0 + 48 * HOUR },
      { id: '2', asset: 'a', time: T0 + 2 * HOUR },
      { id: '3', asset: 'a', time: T0 + 20 * HOUR },
    ];
    const joined = joinLateLabels(preds, labels, { ...OPTIONS, now: T0 + 22 * HOUR });
    expect(joined.map((j) => [j.prediction.id, j.outcome.status])).toEqual([['1', 'positive'], ['2', 'positive'], ['3', 'pending']]);
  });

  it('refuses a prediction without a readable time, a bad now and a negative settling time', () => {
    expect(() => joinLateLabels([{ id: 'p9', asset: 'a', time: 'noon' }], [], { ...OPTIONS, now: at(1) })).toThrow(/p9/);
    expect(() => joinLateLabels([], [], { ...OPTIONS, now: 'later' })).toThrow(/now/);
    expect(() => joinLateLabels([], [], { ...OPTIONS, now: at(1), settleMs: -5 })).toThrow(/settleMs/);
  });
});
