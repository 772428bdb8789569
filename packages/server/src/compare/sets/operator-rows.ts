// Rows an operator flagged, given as values: checked against the dataset's columns and the model's inputs, naming row and column.
import { ShopfloorError, type EvaluationSetColumn, type InputRow, type UseCase } from '@shopfloor/contracts';
import type { Cell } from './set-rows.js';

function invalid(message: string, details: Record<string, unknown>): ShopfloorError {
  return new ShopfloorError('EVALUATION_SET_INVALID', message, details);
}

type Value = InputRow[string] | undefined;

/** The class text a target value reads as (booleans "true"/"false", numbers in their shortest form). */
function classText(v: Cell): string | null {
  return v === null ? null : String(v);
}

/** One cell in its column's stored form (see set-rows.ts), or an error naming row, column and what was expected. */
function cellFor(column: EvaluationSetColumn, value: Value, row: number, levels: readonly string[] | undefined): Cell {
  const where = `source.rows[${row}]: column "${column.name}"`;
  const wrong = (expected: string) =>
    invalid(`${where} must be ${expected}; got ${JSON.stringify(value)}`, { field: `source.rows[${row}].${column.name}`, row, column: column.name, expected, received: value === null ? 'null' : typeof value });
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'numeric':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('a number (null when the reading is missing)');
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      throw wrong('true or false');
    case 'timestamp': {
      const ms = typeof value === 'number' ? value : typeof value === 'string' && /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? Date.parse(value) : Number.NaN;
      if (!Number.isFinite(ms)) throw wrong('an ISO 8601 time with an offset, or epoch milliseconds');
      return new Date(ms).toISOString();
    }
    case 'id':
      if (typeof value === 'boolean') throw wrong('an id (text or a number)');
      return String(value);
    case 'categorical': {
      if (typeof value !== 'string') throw wrong('one of its levels (text)');
      if (levels !== undefined && !levels.includes(value)) {
        throw invalid(`${where} has level "${value}", which the model never saw (levels: ${levels.slice(0, 20).join(', ')})`, {
          field: `source.rows[${row}].${column.name}`,
          row,
          column: column.name,
          value,
          levels: levels.slice(0, 100),
        });
      }
      return value;
    }
  }
}

/**
 * Every model input must be given (null for a missing reading); the target and any other column may
 * be left out (stored as missing). A key that is no column of the dataset is refused, as is a target
 * class the use case does not know.
 */
export function operatorRows(columns: readonly EvaluationSetColumn[], useCase: Omit<UseCase, 'championVersionId'>, rows: readonly InputRow[]): Cell[][] {
  const known = new Set(columns.map((c) => c.name));
  const levelsOf = new Map(useCase.inputs.map((i) => [i.name, i.kind === 'categorical' ? i.levels : undefined]));
  return rows.map((row, i) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        throw invalid(`source.rows[${i}]: the dataset has no column "${key}"`, { field: `source.rows[${i}].${key}`, row: i, column: key, available: [...known].slice(0, 100) });
      }
    }
    for (const input of useCase.inputs) {
      if (!Object.hasOwn(row, input.name)) {
        throw invalid(`source.rows[${i}]: model input "${input.name}" is missing (send null for an unknown reading)`, { field: `source.rows[${i}].${input.name}`, row: i, column: input.name });
      }
    }
    const cells = columns.map((c) => cellFor(c, row[c.name], i, levelsOf.get(c.name)));
    const target = classText(cells[columns.findIndex((c) => c.name === useCase.target)] ?? null);
    if (target !== null && useCase.classes !== undefined && !useCase.classes.includes(target)) {
      throw invalid(`source.rows[${i}]: target "${useCase.target}" is "${target}", not a class of the use case (${useCase.classes.join(', ')})`, {
        field: `source.rows[${i}].${useCase.target}`,
        row: i,
        column: useCase.target,
        classes: [...useCase.classes],
      });
    }
    return cells;
  });
}
