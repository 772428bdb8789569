// Prediction rows from CSV: typed by the model's inputs, with errors that point at the cell.
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '@shopfloor/contracts';
import { readCsvTable } from './csv-table.js';
import { toInputRows } from './predict-rows.js';

const inputs: ModelInput[] = [
  { name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] },
  { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm' },
  { name: 'Tool wear [min]', kind: 'numeric', unit: 'min' },
];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('prediction rows', () => {
  it('reads a European CSV (semicolons, decimal comma, BOM, CRLF) and keeps only the inputs', () => {
    const table = readCsvTable(bytes('\uFEFFUDI;Type;Torque [Nm];Tool wear [min]\r\n1;M;42,8;0\r\n2;"L";;3\r\n'), 'rows.csv');
    expect(table.delimiter).toBe(';');
    expect(table.decimal).toBe(',');
    expect(table.rows[0]).toEqual(['1', 'M', '42,8', '0']);
    expect(toInputRows(table, inputs)).toEqual([
      { Type: 'M', 'Torque [Nm]': 42.8, 'Tool wear [min]': 0 },
      { Type: 'L', 'Torque [Nm]': null, 'Tool wear [min]': 3 },
    ]);
  });

  it('names file, line, column and value of a cell that is not a number', () => {
    const table = readCsvTable(bytes('Type,Torque [Nm],Tool wear [min]\nM,42.8,0\nL,high,3\n'), 'rows.csv');
    expect(() => toInputRows(table, inputs)).toThrow(/rows\.csv line 3, column "Torque \[Nm\]": "high" is not a number/);
  });

  it('names every input column the file lacks', () => {
    const table = readCsvTable(bytes('Type,Torque\nM,42.8\n'), 'rows.csv');
    expect(() => toInputRows(table, inputs)).toThrow(/rows\.csv: no column "Torque \[Nm\]", "Tool wear \[min\]"/);
  });
});
