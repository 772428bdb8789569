// Evaluation-set rows: cells of a typed table as plain values, the canonical stored form and its hash, and back to a table.
import { ShopfloorError, type EvaluationSetColumn, type InputRow, type ModelInput } from '@shopfloor/contracts';
import { BOOLEAN_MISSING, canonicalJson, contentHash, type TypedColumn, type TypedTable } from '../../ingest/index.js';

/** A cell as JSON: numbers, category levels, ids and ISO 8601 UTC times as text, booleans; null = missing. */
export type Cell = number | string | boolean | null;

/** Bump when the stored form changes; it is part of every hash, so old and new contents never collide. */
export const SET_FORMAT = 'shopfloor-evaluation-set';
export const SET_FORMAT_VERSION = 1;

/** What a version's artifact holds: rows as arrays in column order (rows[i][j] = column j of row i). */
export interface SetContent {
  columns: EvaluationSetColumn[];
  rows: Cell[][];
}

export function cellOf(column: TypedColumn, r: number): Cell {
  switch (column.kind) {
    case 'numeric': {
      const v = column.values[r]!;
      return Number.isNaN(v) ? null : v;
    }
    case 'categorical': {
      const code = column.codes[r]!;
      return code < 0 ? null : column.levels[code]!;
    }
    case 'boolean': {
      const v = column.values[r]!;
      return v === BOOLEAN_MISSING ? null : v === 1;
    }
    case 'timestamp': {
      const v = column.values[r]!;
      return Number.isNaN(v) ? null : new Date(v).toISOString();
    }
    case 'id':
      return column.values[r] ?? null;
  }
}

export function columnsOf(table: TypedTable): EvaluationSetColumn[] {
  return table.columns.map((c) => ({ name: c.name, kind: c.kind }));
}

/** The given rows of a typed table, in column order. */
export function tableRows(table: TypedTable, rows: ArrayLike<number>): Cell[][] {
  const out: Cell[][] = new Array<Cell[]>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = table.columns.map((c) => cellOf(c, rows[i]!));
  return out;
}

/** The stored bytes: canonical JSON, so equal contents give equal bytes and so equal sha256. */
export function encodeContent(content: SetContent): Buffer {
  return Buffer.from(canonicalJson({ format: SET_FORMAT, formatVersion: SET_FORMAT_VERSION, columns: content.columns, rows: content.rows }), 'utf8');
}

export function contentHashOf(content: SetContent): string {
  return contentHash(encodeContent(content));
}

export function decodeContent(bytes: Buffer, sha256: string): SetContent {
  const parsed = JSON.parse(bytes.toString('utf8')) as Partial<SetContent & { format: string; formatVersion: number }>;
  if (parsed.format !== SET_FORMAT || parsed.formatVersion !== SET_FORMAT_VERSION || !Array.isArray(parsed.columns) || !Array.isArray(parsed.rows)) {
    throw new ShopfloorError('ARTIFACT_CORRUPT', `Evaluation-set artifact ${sha256} is not ${SET_FORMAT} version ${SET_FORMAT_VERSION}`, { sha256 });
  }
  return { columns: parsed.columns, rows: parsed.rows };
}

/** Rows keyed by column name, the shape the serve stage's row reader takes. */
export function toInputRows(content: SetContent): InputRow[] {
  const names = content.columns.map((c) => c.name);
  return content.rows.map((row) => Object.fromEntries(names.map((n, j) => [n, row[j] ?? null])));
}

/**
 * A typed table of a loaded set, for learn's buildMatrix and encodeLabels. A categorical column
 * that is a model input takes the input's levels, so code c means what it meant in training (a
 * value outside them reads as missing); other categorical columns take their sorted distinct values.
 */
export function evaluationSetTable(set: { name: string; columns: readonly EvaluationSetColumn[]; rows: readonly InputRow[] }, inputs: readonly ModelInput[] = []): TypedTable {
  const n = set.rows.length;
  const columns = set.columns.map((c): TypedColumn => {
    const cells = set.rows.map((row) => row[c.name] ?? null);
    switch (c.kind) {
      case 'numeric':
        return { name: c.name, kind: 'numeric', values: Float64Array.from(cells, (v) => (typeof v === 'number' ? v : Number.NaN)) };
      case 'timestamp':
        return { name: c.name, kind: 'timestamp', values: Float64Array.from(cells, (v) => (typeof v === 'string' ? Date.parse(v) : Number.NaN)) };
      case 'boolean':
        return { name: c.name, kind: 'boolean', values: Uint8Array.from(cells, (v) => (v === null ? BOOLEAN_MISSING : v === true || v === 1 ? 1 : 0)) };
      case 'id':
        return { name: c.name, kind: 'id', values: cells.map((v) => (v === null ? null : String(v))) };
      case 'categorical': {
        const given = inputs.find((i) => i.name === c.name)?.levels;
        const levels = given ?? [...new Set(cells.filter((v) => v !== null).map(String))].sort();
        const index = new Map(levels.map((l, k) => [l, k]));
        return { name: c.name, kind: 'categorical', levels, codes: Int32Array.from(cells, (v) => (v === null ? -1 : (index.get(String(v)) ?? -1))) };
      }
    }
  });
  return { fileName: `evaluation set ${set.name}`, rows: n, columns };
}
