// Row targets from labels on hand-made tables: which rows are positive, what the lineage records, and the errors a user meets.
import { describe, expect, it } from 'vitest';
import { ShopfloorError, type Label, type UseCase } from '@shopfloor/contracts';
import type { TypedTable } from '../ingest/index.js';
import { requirePositiveFitRows, rowTargets } from './label-target.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00.000Z');
const at = (h: number) => new Date(T0 + h * HOUR).toISOString();

/** Two presses, one row an hour for `hours` hours each (press-1's rows first). */
function table(hours: number, timeKind: 'timestamp' | 'numeric' = 'timestamp'): TypedTable {
  const assets = ['press-1', 'press-2'].flatMap((a) => Array.from({ length: hours }, () => a));
  const times = Float64Array.from(assets, (_, r) => T0 + (r % hours) * HOUR);
  return {
    fileName: 'press.csv',
    rows: assets.length,
    columns: [
      { name: 'asset', kind: 'categorical', codes: Int32Array.from(assets, (a) => (a === 'press-1' ? 0 : 1)), levels: ['press-1', 'press-2'] },
      { name: 'time', kind: timeKind, values: times },
      { name: 'torque', kind: 'numeric', values: Float64Array.from(assets, () => 40) },
    ],
  };
}

let seq = 0;
function label(asset: string, startH: number, endH: number | null, extra: Partial<Label> = {}): Label {
  seq++;
  return {
    id: `lbl_${seq}`, useCaseId: 'press-failure', asset, start: at(startH), end: endH === null ? null : at(endH), class: 'failure', note: '',
    author: 'usr_1', createdAt: `2024-05-0${1 + (seq % 5)}T06:00:00.000Z`, retracted: false, retractedAt: null, retractedBy: null, retractReason: null, replacedBy: null,
    ...extra,
  };
}

const USE_CASE: Pick<UseCase, 'target' | 'classes' | 'labelTarget' | 'entityColumn' | 'timeColumn'> = {
  target: 'failure within 4 h',
  classes: ['false', 'true'],
  entityColumn: 'asset',
  timeColumn: 'time',
  labelTarget: { classes: ['failure'], horizonHours: 4, mode: 'before-start', duringSpan: 'exclude' },
};

function errorOf(fn: () => unknown): ShopfloorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ShopfloorError);
    return e as ShopfloorError;
  }
  throw new Error('expected an error');
}

describe('rowTargets from labels', () => {
  it('marks the 4 rows before a failure span, leaves the span out, and ignores retracted labels and other classes', () => {
    const labels = [
      label('press-1', 10, 12, { createdAt: '2024-05-03T07:00:00.000Z' }),
      label('press-2', 5, 6, { retracted: true, retractedAt: '2024-05-04T00:00:00.000Z', createdAt: '2024-05-09T00:00:00.000Z' }),
      label('press-2', 15, null, { class: 'maintenance', createdAt: '2024-05-08T00:00:00.000Z' }),
      label('press-2', 16, null, { createdAt: '2024-05-02T07:00:00.000Z' }),
    ];
    const { targets, labelLineage } = rowTargets(table(20), USE_CASE, labels);
    const press1 = [...targets.slice(0, 20)];
    const press2 = [...targets.slice(20)];
    // press-1: hours 6..9 positive, 10 and 11 inside the span [10, 12).
    expect(press1.map((v, h) => [h, v]).filter(([, v]) => v !== 0)).toEqual([[6, 1], [7, 1], [8, 1], [9, 1], [10, NaN], [11, NaN]]);
    // press-2: the event at 16 makes 12..16 positive; the retracted span at 5 and the maintenance event change nothing.
    expect(press2.map((v, h) => [h, v]).filter(([, v]) => v !== 0)).toEqual([[12, 1], [13, 1], [14, 1], [15, 1], [16, 1]]);
    expect(labelLineage).toEqual({
      classes: ['failure'],
      horizonHours: 4,
      mode: 'before-start',
      duringSpan: 'exclude',
      labels: { count: 2, latestCreatedAt: '2024-05-03T07:00:00.000Z', assets: 2, assetsNotInData: [] },
      targets: { positive: 9, negative: 29, duringSpan: 2, censored: 0, missing: 0 },
    });
  });

  it('keeps reading the target column when the use case has no labelTarget', () => {
    const t = table(3);
    const withFlag: TypedTable = { ...t, columns: [...t.columns, { name: 'failed', kind: 'boolean', values: Uint8Array.from([0, 1, 0, 0, 0, 1]) }] };
    const { targets, labelLineage } = rowTargets(withFlag, { target: 'failed', classes: ['false', 'true'] });
    expect([...targets]).toEqual([0, 1, 0, 0, 0, 1]);
    expect(labelLineage).toBeNull();
  });

  it('refuses to train without a positive row, naming labelled assets the data does not have', () => {
    const none = errorOf(() => rowTargets(table(20), USE_CASE, []));
    expect(none.code).toBe('LABEL_TARGET_NO_POSITIVES');
    expect(none.message).toMatch(/labelTarget: no row lies within 4 h before the start of a label \(0 standing label\(s\) of class failure/);
    const typo = errorOf(() => rowTargets(table(20), USE_CASE, [label('pres-1', 10, 12), label('press-1', 10, 12, { retracted: true })]));
    expect(typo.code).toBe('LABEL_TARGET_NO_POSITIVES');
    expect(typo.message).toContain('labelled assets without rows in the dataset: pres-1');
    expect(typo.details).toMatchObject({ part: 'labelTarget', labels: { count: 1, assetsNotInData: ['pres-1'] }, targets: { positive: 0, negative: 40 } });
  });

  it('refuses when every row is positive, and a time column that is not a timestamp', () => {
    const all = errorOf(() => rowTargets(table(3), USE_CASE, [label('press-1', 3, null), label('press-2', 3, null)]));
    expect(all).toMatchObject({ code: 'TRAINING_FAILED', details: { part: 'labelTarget', targets: { positive: 6, negative: 0 } } });
    const numeric = errorOf(() => rowTargets(table(20, 'numeric'), USE_CASE, [label('press-1', 10, 12)]));
    expect(numeric).toMatchObject({ code: 'USE_CASE_INVALID', details: { part: 'labelTarget', field: 'timeColumn', column: 'time' } });
    const missing = errorOf(() => rowTargets(table(20), { ...USE_CASE, entityColumn: 'machine' }, [label('press-1', 10, 12)]));
    expect(missing).toMatchObject({ code: 'DATASET_COLUMN_MISSING', details: { part: 'labelTarget', columns: ['machine'] } });
  });

  it('refuses a split that leaves every positive row out of the rows the model is fitted on', () => {
    const result = rowTargets(table(20), USE_CASE, [label('press-1', 10, 12)]);
    expect(() => requirePositiveFitRows(result, Int32Array.from([0, 1, 2, 7]))).not.toThrow();
    const err = errorOf(() => requirePositiveFitRows(result, Int32Array.from([0, 1, 2, 20, 21])));
    expect(err.code).toBe('LABEL_TARGET_NO_POSITIVES');
    expect(err.message).toContain('all 4 positive row(s) fall in the validation or test part');
  });
});
