// CSV cells -> typed prediction rows for a use case's inputs; a bad cell names file, line, column and value.
import { ShopfloorError, type InputRow, type ModelInput } from '@shopfloor/contracts';
import type { CsvTable } from './csv-table.js';

const NUMBER_DOT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'wahr', 'ja']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'falsch', 'nein']);

/** Where each input's values come from: its column index in the file. */
export function inputColumns(table: CsvTable, inputs: readonly ModelInput[]): number[] {
  const missing = inputs.filter((input) => !table.header.includes(input.name)).map((input) => input.name);
  if (missing.length > 0) {
    throw new ShopfloorError(
      'PREDICT_FEATURE_MISSING',
      `${table.fileName}: no column ${missing.map((m) => `"${m}"`).join(', ')}; the model needs ${inputs.map((i) => `"${i.name}"`).join(', ')}`,
      { file: table.fileName, features: missing },
    );
  }
  return inputs.map((input) => table.header.indexOf(input.name));
}

function cellValue(table: CsvTable, input: ModelInput, text: string, row: number): InputRow[string] {
  const trimmed = text.trim();
  if (trimmed === '' || table.missing.includes(trimmed)) return null;
  const bad = (expected: string): ShopfloorError =>
    new ShopfloorError(
      'PREDICT_FEATURE_TYPE',
      `${table.fileName} line ${table.lines[row]}, column "${input.name}": "${text}" is not ${expected}`,
      { file: table.fileName, line: table.lines[row], row: row + 1, feature: input.name, value: text, expected },
    );
  switch (input.kind) {
    case 'numeric': {
      const pattern = table.decimal === ',' ? NUMBER_COMMA : NUMBER_DOT;
      if (!pattern.test(trimmed)) {
        throw bad(`a number${table.decimal === ',' ? ' (decimal comma)' : ''}`);
      }
      return Number(table.decimal === ',' ? trimmed.replace(',', '.') : trimmed);
    }
    case 'boolean': {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw bad('true or false');
    }
    case 'categorical':
      return trimmed;
  }
}

/** rows[r] holds exactly the model's inputs, typed by their kind; other columns stay in the file only. */
export function toInputRows(table: CsvTable, inputs: readonly ModelInput[]): InputRow[] {
  const columns = inputColumns(table, inputs);
  return table.rows.map((cells, r) => {
    const row: InputRow = {};
    inputs.forEach((input, k) => {
      row[input.name] = cellValue(table, input, cells[columns[k]!] ?? '', r);
    });
    return row;
  });
}
