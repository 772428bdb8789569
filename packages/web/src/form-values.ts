// The prediction form's state: start values from the training data, parsing to a request row, range checks.
import type { InputRow, ModelInput } from '@shopfloor/contracts';
import { formatInputValue } from './format.js';

/** What each field holds while the operator edits: text for numbers and levels, a flag for booleans. */
export type FormValues = Record<string, string | boolean>;

export type RangeStatus = 'inside' | 'below' | 'above' | 'unknown';

/** Numbers start at the training median (else the middle of the range), levels at the first level. */
export function initialValues(inputs: readonly ModelInput[]): FormValues {
  const values: FormValues = {};
  for (const input of inputs) {
    if (input.kind === 'boolean') {
      values[input.name] = input.median !== undefined ? input.median >= 0.5 : false;
    } else if (input.kind === 'categorical') {
      values[input.name] = input.levels?.[0] ?? '';
    } else {
      const start =
        input.median ?? (input.min !== undefined && input.max !== undefined ? (input.min + input.max) / 2 : undefined);
      values[input.name] = start === undefined ? '' : formatInputValue(start);
    }
  }
  return values;
}

const NUMBER_TEXT = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/;

/** Parses a typed number; a decimal comma (European keyboards) is accepted. Empty is null, junk is undefined. */
export function parseNumber(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!NUMBER_TEXT.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

export function rangeStatus(input: ModelInput, value: FormValues[string] | undefined): RangeStatus {
  if (input.kind !== 'numeric' || typeof value !== 'string') return 'unknown';
  const number = parseNumber(value);
  if (number === null || number === undefined) return 'unknown';
  if (input.min !== undefined && number < input.min) return 'below';
  if (input.max !== undefined && number > input.max) return 'above';
  return input.min === undefined && input.max === undefined ? 'unknown' : 'inside';
}

export interface RowResult {
  row: InputRow;
  /** Feature name -> what is wrong with what was typed; the row is sent only when this is empty. */
  fieldErrors: Record<string, string>;
}

/**
 * Builds the request row keyed by the dataset's column names. An empty number is an error, not a missing
 * value: the server would answer as if the sensor were absent, which an operator did not mean by a blank.
 */
export function toRow(inputs: readonly ModelInput[], values: FormValues): RowResult {
  const row: InputRow = {};
  const fieldErrors: Record<string, string> = {};
  for (const input of inputs) {
    const value = values[input.name];
    if (input.kind === 'boolean') {
      row[input.name] = value === true;
    } else if (input.kind === 'categorical') {
      row[input.name] = typeof value === 'string' && value !== '' ? value : null;
    } else {
      const number = parseNumber(typeof value === 'string' ? value : '');
      if (number === null) fieldErrors[input.name] = 'Enter a reading';
      else if (number === undefined) fieldErrors[input.name] = `"${String(value)}" is not a number`;
      else row[input.name] = number;
    }
  }
  return { row, fieldErrors };
}
