// inferSchema: one kind per column (see infer-column.ts for the rules), with the user's overrides checked.
import { COLUMN_KINDS, type ColumnKind } from '@shopfloor/contracts';
import { columnPlace } from './cell-location.js';
import { IngestError, isIngestError } from './errors.js';
import { columnInferrer } from './infer-column.js';
import type { RawTable } from './raw-table.js';
import { feedInBlocks } from './row-blocks.js';
import { loadTimeZone, type TimeZone } from './time-zone.js';
import { typeColumn } from './type-column.js';

export interface ColumnSchema {
  readonly name: string;
  /** The kind used: the override when there is one, else the inferred kind. */
  readonly kind: ColumnKind;
  readonly inferred: ColumnKind;
  /** Why inference chose `inferred`, in words for the UI (plus the override when there is one). */
  readonly reason: string;
}

export interface InferOptions {
  /** IANA zone for timestamps without an offset (checked here so a bad zone fails before typing). */
  readonly timeZone: string;
  /** Column name -> kind, replacing inference; every cell must be readable as that kind. */
  readonly overrides?: Readonly<Record<string, ColumnKind>>;
}

export function inferSchema(table: RawTable, options: InferOptions): ColumnSchema[] {
  return inferSchemaCapturing(table, options, false).schema;
}

/**
 * inferSchema that can also hand back the numbers it parsed from text columns (per column, when
 * every cell is a number), so inferAndType does not parse them twice.
 */
export function inferSchemaCapturing(
  table: RawTable,
  options: InferOptions,
  capture: boolean,
): { schema: ColumnSchema[]; numbers: (Float64Array | undefined)[] } {
  const zone = loadTimeZone(options.timeZone);
  const overrides = checkOverrides(table, options.overrides ?? {});
  const inferrers = table.columns.map((_, col) => columnInferrer(table, col, capture));
  feedInBlocks(table.rows, inferrers);
  const numbers: (Float64Array | undefined)[] = [];
  const schema = table.columns.map((name, col): ColumnSchema => {
    const { kind: inferred, reason, numbers: parsed } = inferrers[col]!.finish();
    numbers.push(parsed);
    const wanted = overrides.get(name);
    if (wanted === undefined || wanted === inferred) return { name, kind: inferred, inferred, reason };
    checkCellsFit(table, col, wanted, zone);
    return { name, kind: wanted, inferred, reason: `${reason}; overridden to ${wanted}` };
  });
  return { schema, numbers };
}

function checkOverrides(table: RawTable, overrides: Readonly<Record<string, unknown>>): Map<string, ColumnKind> {
  const known = new Set(table.columns);
  const checked = new Map<string, ColumnKind>();
  for (const [name, kind] of Object.entries(overrides)) {
    if (!known.has(name)) {
      const names = table.columns.slice(0, 20).map((c) => JSON.stringify(c)).join(', ');
      throw new IngestError(
        'DATASET_SCHEMA_OVERRIDE_INVALID',
        `${table.fileName}: an override names column ${JSON.stringify(name)}, which the file does not have (columns: ${names}${table.columns.length > 20 ? ', ...' : ''})`,
        { file: table.fileName, columnName: name },
      );
    }
    if (!(COLUMN_KINDS as readonly unknown[]).includes(kind)) {
      throw new IngestError(
        'DATASET_SCHEMA_OVERRIDE_INVALID',
        `${table.fileName}: the override of column ${JSON.stringify(name)} asks for kind ${JSON.stringify(kind)}; kinds are ${COLUMN_KINDS.join(', ')}`,
        { file: table.fileName, columnName: name, received: kind },
      );
    }
    checked.set(name, kind as ColumnKind);
  }
  return checked;
}

/** Categorical and id take any text; other kinds must read every cell, else the first bad one is named. */
function checkCellsFit(table: RawTable, col: number, kind: ColumnKind, zone: TimeZone): void {
  if (kind === 'categorical' || kind === 'id') return;
  try {
    typeColumn(table, col, kind, zone);
  } catch (e) {
    if (!isIngestError(e)) throw e;
    throw new IngestError(
      'DATASET_SCHEMA_OVERRIDE_INVALID',
      `cannot override ${columnPlace(table, col)} to ${kind}: ${e.message}`,
      { ...e.details, override: kind, cellError: e.code },
      { cause: e },
    );
  }
}
