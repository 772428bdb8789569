// trainingWindow: the time range of the rows a model learned from, for timestamp and numeric time columns.
import { describe, expect, it } from 'vitest';
import type { TypedTable } from '../ingest/index.js';
import { trainingWindow } from './data-window.js';

const HOUR = 3_600_000;
const START = Date.parse('2024-03-01T00:00:00.000Z');

function table(): TypedTable {
  return {
    fileName: 'press.csv',
    rows: 6,
    columns: [
      { name: 'time', kind: 'timestamp', values: Float64Array.from([0, 1, 2, Number.NaN, 4, 5], (h) => START + h * HOUR) },
      { name: 'cycle', kind: 'numeric', values: Float64Array.from([10, 11, 12, 13, 14, 15]) },
      { name: 'line', kind: 'categorical', codes: Int32Array.from([0, 0, 0, 0, 0, 0]), levels: ['A'] },
    ],
  };
}

describe('trainingWindow', () => {
  it('spans only the given rows, skipping a missing time, in ISO UTC for a timestamp column', () => {
    const w = trainingWindow(table(), 'time', [Int32Array.from([3, 1]), Int32Array.from([4])]);
    expect(w).toEqual({ timeColumn: 'time', from: '2024-03-01T01:00:00.000Z', to: '2024-03-01T04:00:00.000Z' });
  });

  it('gives the numbers for a numeric time column (cycles)', () => {
    expect(trainingWindow(table(), 'cycle', [Int32Array.from([2, 5, 0])])).toEqual({ timeColumn: 'cycle', from: '10', to: '15' });
  });

  it('answers nulls without a time column, for a text column, or when no training row has a time', () => {
    expect(trainingWindow(table(), undefined, [Int32Array.from([0])])).toEqual({ timeColumn: null, from: null, to: null });
    expect(trainingWindow(table(), 'line', [Int32Array.from([0])])).toEqual({ timeColumn: 'line', from: null, to: null });
    expect(trainingWindow(table(), 'time', [Int32Array.from([3])])).toEqual({ timeColumn: 'time', from: null, to: null });
  });
});
