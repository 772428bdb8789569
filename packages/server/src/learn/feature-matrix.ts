// The learner's matrix from a typed table: numeric values, booleans as 0/1, categorical codes with their labels.
import type { FeatureInfo, Matrix } from '@shopfloor/gbdt';
import { ShopfloorError, type ModelInput } from '@shopfloor/contracts';
import { BOOLEAN_MISSING, type TypedColumn, type TypedTable } from '../ingest/index.js';
import { useCaseInvalid } from './target.js';

export type FeatureKind = ModelInput['kind'];

/** The table's column by name; DATASET_COLUMN_MISSING naming every absent one. */
export function requireColumns(table: TypedTable, names: readonly string[], part: string): TypedColumn[] {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length > 0) {
    throw new ShopfloorError(
      'DATASET_COLUMN_MISSING',
      `${part}: the dataset (${table.fileName}) has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
      { part, columns: missing, available: table.columns.map((c) => c.name).slice(0, 100) },
    );
  }
  return names.map((n) => byName.get(n)!);
}

/** What a column can be as a model input; id and timestamp columns cannot. */
export function featureKindOf(column: TypedColumn): FeatureKind {
  if (column.kind === 'numeric' || column.kind === 'categorical' || column.kind === 'boolean') return column.kind;
  throw useCaseInvalid('features', `column "${column.name}" is ${column.kind}; features must be numeric, categorical or boolean (override the column kind at import if it is really a reading)`, {
    feature: column.name,
    kind: column.kind,
  });
}

/**
 * The learner's feature descriptions for these columns: booleans are numeric 0/1, categorical
 * features carry the table's levels so code c means categories[c]. A column whose kind differs from
 * the use case's input (a newer dataset version typed it otherwise) is USE_CASE_INVALID.
 */
export function modelFeatures(table: TypedTable, inputs: readonly Pick<ModelInput, 'name' | 'kind'>[]): FeatureInfo[] {
  const columns = requireColumns(table, inputs.map((i) => i.name), 'features');
  return columns.map((column, j) => {
    const kind = featureKindOf(column);
    const wanted = inputs[j]!.kind;
    if (kind !== wanted) {
      throw useCaseInvalid('features', `column "${column.name}" is ${kind} in this dataset version but the use case reads it as ${wanted}`, {
        feature: column.name,
        expected: wanted,
        received: kind,
      });
    }
    return column.kind === 'categorical' ? { name: column.name, type: 'categorical', categories: [...column.levels] } : { name: column.name, type: 'numeric' };
  });
}

/**
 * Row-major matrix of the given rows (values[i * nFeatures + j] = feature j of rows[i]); NaN = missing.
 *   numeric      the reading
 *   boolean      0 / 1
 *   categorical  the index of the row's level in FeatureInfo.categories (mapped by name, so a table typed
 *                with other levels than the training table, such as an evaluation set, means the same
 *                categories; a level the features do not know is missing, routed by the trees' default)
 */
export function buildMatrix(table: TypedTable, features: readonly FeatureInfo[], rows: Int32Array): Matrix {
  const columns = requireColumns(table, features.map((f) => f.name), 'features');
  const p = columns.length;
  const values = new Float64Array(rows.length * p);
  columns.forEach((column, j) => {
    const read = cellReader(column, features[j]!.categories);
    for (let i = 0; i < rows.length; i++) values[i * p + j] = read(rows[i]!);
  });
  return { nRows: rows.length, nFeatures: p, values };
}

function cellReader(column: TypedColumn, categories: readonly string[] | undefined): (r: number) => number {
  switch (column.kind) {
    case 'numeric':
      return (r) => column.values[r]!;
    case 'boolean':
      return (r) => (column.values[r] === BOOLEAN_MISSING ? Number.NaN : column.values[r]!);
    case 'categorical': {
      const index = new Map((categories ?? column.levels).map((c, k) => [c, k]));
      const codes = column.levels.map((level) => index.get(level) ?? Number.NaN);
      return (r) => (column.codes[r]! < 0 ? Number.NaN : codes[column.codes[r]!]!);
    }
    default:
      return () => Number.NaN;
  }
}

/** Indices of the rows where mask[r] === 1. */
export function rowsOf(mask: Uint8Array): Int32Array {
  let n = 0;
  for (let r = 0; r < mask.length; r++) n += mask[r]!;
  const out = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < mask.length; r++) if (mask[r] === 1) out[k++] = r;
  return out;
}
