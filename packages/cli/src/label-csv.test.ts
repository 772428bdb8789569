// Reading a labels CSV: spans and events, epoch ms and offsets, and errors that name the file, line and column.
import { describe, expect, it } from 'vitest';
import { ShopfloorError } from '@shopfloor/contracts';
import { readLabelsCsv } from './label-csv.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function errorOf(fn: () => unknown): ShopfloorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ShopfloorError);
    return e as ShopfloorError;
  }
  throw new Error('expected an error');
}

describe('labels CSV', () => {
  it('reads spans and events in UTC, epoch milliseconds too, in any column order and case', () => {
    const text = 'Class,asset,start,end,note\nfailure,press-1,2024-03-01T10:00:00+01:00,2024-03-01T12:00:00Z,"bearing, seized"\ntool-break,press-2,1709287200000,,\nfailure,press-3,2024-03-02T00:00:00Z,NA,\n';
    expect(readLabelsCsv(bytes(text), 'labels.csv')).toEqual([
      { asset: 'press-1', start: '2024-03-01T09:00:00.000Z', end: '2024-03-01T12:00:00.000Z', class: 'failure', note: 'bearing, seized' },
      { asset: 'press-2', start: '2024-03-01T10:00:00.000Z', end: null, class: 'tool-break', note: '' },
      { asset: 'press-3', start: '2024-03-02T00:00:00.000Z', end: null, class: 'failure', note: '' },
    ]);
    expect(readLabelsCsv(bytes('asset,start,class\npress-1,2024-03-01T10:00:00Z,failure\n'), 'events.csv')).toHaveLength(1);
  });

  it('names the line and column of a time without an offset and of an empty asset, and counts the rest', () => {
    const err = errorOf(() => readLabelsCsv(bytes('asset,start,end,class,note\npress-1,2024-03-01T10:00:00Z,,failure,\npress-1,2024-03-01 10:00,,failure,\n,2024-03-01T10:00:00Z,,failure,\n'), 'labels.csv'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toMatch(/^labels\.csv line 3, column start: expected ISO 8601 with an offset.* \(and 1 more\)$/);
    expect(err.details).toMatchObject({ file: 'labels.csv', line: 3, field: 'start', count: 2, issues: [{ line: 3, column: 'start' }, { line: 4, column: 'asset' }] });
  });

  it('refuses a span ending before its start naming the line, and unknown or absent columns', () => {
    const span = errorOf(() => readLabelsCsv(bytes('asset,start,end,class\npress-1,2024-03-01T10:00:00Z,2024-03-01T09:00:00Z,failure\n'), 'labels.csv'));
    expect(span).toMatchObject({ code: 'LABEL_INVALID_SPAN', details: { file: 'labels.csv', line: 2, field: 'end' } });
    expect(span.message).toContain('labels.csv line 2: the span ends at 2024-03-01T09:00:00.000Z');
    expect(errorOf(() => readLabelsCsv(bytes('asset,strat,class\npress-1,2024-03-01T10:00:00Z,failure\n'), 'labels.csv')).message).toBe(
      'labels.csv: unknown column "strat"; a labels file has the columns asset,start,end,class,note',
    );
    expect(errorOf(() => readLabelsCsv(bytes('asset,class\npress-1,failure\n'), 'labels.csv')).details).toMatchObject({ columns: ['start'] });
  });
});
