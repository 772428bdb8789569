// parseParquet: Parquet bytes -> RawTable through hyparquet (flat columns; numbers, booleans, instants, text).
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData, type SchemaElement } from 'hyparquet';
import { cellRejecter } from './cell-location.js';
import { checkColumnNames } from './column-names.js';
import { IngestError } from './errors.js';
import { BOOLEAN_MISSING, type RawColumn, type RawTable } from './raw-table.js';

export interface ParquetOptions {
  readonly fileName: string;
}

type Source = { source: 'number'; integer: boolean } | { source: 'boolean' } | { source: 'instant'; wallClock: boolean } | { source: 'text' };

interface Chunk {
  readonly data: ArrayLike<unknown>;
  readonly rowStart: number;
}

/** Timestamps come back as epoch milliseconds (fraction kept), never as Date: no precision lost to Date. */
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

export async function parseParquet(input: Uint8Array, options: ParquetOptions): Promise<RawTable> {
  const { fileName } = options;
  const file = exactArrayBuffer(input);
  if (input.byteLength < 12 || magic(input, 0) !== 'PAR1' || magic(input, input.byteLength - 4) !== 'PAR1') {
    throw malformed(fileName, 'not a Parquet file (the PAR1 marks at start and end are missing)');
  }
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (cause) {
    throw malformed(fileName, `cannot read the footer: ${messageOf(cause)}`, cause);
  }
  const leaves = parquetSchema(metadata).children;
  const columns = checkColumnNames(leaves.map((leaf) => leaf.element.name), fileName, 'schema');
  const sources = leaves.map((leaf, k) => {
    const source = leaf.children.length === 0 && leaf.element.repetition_type !== 'REPEATED' ? sourceOf(leaf.element) : null;
    if (source === null) {
      throw malformed(fileName, `column ${k + 1} (${columns[k]}) is nested or of an unsupported type; flatten it to numbers, booleans, timestamps or strings`);
    }
    return source;
  });
  const rows = Number(metadata.num_rows);
  if (rows === 0 || columns.length === 0) {
    throw new IngestError('DATASET_EMPTY', `${fileName}: the file has no ${columns.length === 0 ? 'columns' : 'rows'}`, { file: fileName });
  }
  const chunks = new Map<string, Chunk[]>(columns.map((name) => [name, []]));
  try {
    // onChunk only collects: an exception thrown inside it would escape hyparquet's promise chain.
    await parquetRead({
      file,
      metadata,
      parsers: PARSERS,
      onChunk: ({ columnName, columnData, rowStart }) => chunks.get(columnName)?.push({ data: columnData, rowStart }),
    });
  } catch (cause) {
    throw malformed(fileName, `cannot read the data: ${messageOf(cause)}`, cause);
  }
  const table = { fileName, columns, lineOfRow: null };
  const cells = sources.map((source, c) => {
    const reject = cellRejecter(table, c);
    return fillColumn(source, chunks.get(columns[c]!) ?? [], rows, (row, value, why) =>
      reject(row, value, why, 'DATASET_PARQUET_MALFORMED'),
    );
  });
  return { fileName, format: 'parquet', columns, rows, cells, lineOfRow: null, delimiter: null, decimal: '.', missing: [''] };
}

function sourceOf(el: SchemaElement): Source | null {
  const logical = el.logical_type;
  const converted = el.converted_type;
  if (logical?.type === 'TIMESTAMP') return { source: 'instant', wallClock: !logical.isAdjustedToUTC };
  if (converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return { source: 'instant', wallClock: false };
  if (converted === 'DATE' || logical?.type === 'DATE') return { source: 'instant', wallClock: true };
  if (el.type === 'INT96') return { source: 'instant', wallClock: false };
  if (converted === 'DECIMAL' || logical?.type === 'DECIMAL') return { source: 'number', integer: (el.scale ?? 0) === 0 };
  if (logical?.type === 'FLOAT16') return { source: 'number', integer: false };
  if (el.type === 'BOOLEAN') return { source: 'boolean' };
  if (el.type === 'INT32' || el.type === 'INT64') return { source: 'number', integer: true };
  if (el.type === 'FLOAT' || el.type === 'DOUBLE') return { source: 'number', integer: false };
  if (logical?.type === 'UUID') return { source: 'text' };
  const text = converted === undefined || converted === 'UTF8' || converted === 'ENUM';
  if (el.type === 'BYTE_ARRAY' && text && (logical === undefined || logical.type === 'STRING' || logical.type === 'ENUM')) {
    return { source: 'text' };
  }
  return null;
}

type Reject = (row: number, value: string, why: string) => never;

function fillColumn(source: Source, chunks: readonly Chunk[], rows: number, reject: Reject): RawColumn {
  if (source.source === 'text') return textColumn(chunks, rows);
  if (source.source === 'boolean') {
    const values = new Uint8Array(rows).fill(BOOLEAN_MISSING);
    for (const { data, rowStart } of chunks) {
      for (let k = 0; k < data.length; k++) {
        const v = data[k];
        if (v !== null && v !== undefined) values[rowStart + k] = v ? 1 : 0;
      }
    }
    return { source: 'boolean', values };
  }
  const values = new Float64Array(rows).fill(Number.NaN);
  for (const { data, rowStart } of chunks) {
    for (let k = 0; k < data.length; k++) values[rowStart + k] = toNumber(data[k], rowStart + k, reject);
  }
  return source.source === 'instant'
    ? { source: 'instant', values, wallClock: source.wallClock }
    : { source: 'number', values, integer: source.integer };
}

function toNumber(v: unknown, row: number, reject: Reject): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      reject(row, String(v), `is an integer outside +-${Number.MAX_SAFE_INTEGER}, the range a number holds exactly`);
    }
    return Number(v);
  }
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'number') return reject(row, String(v), `is a ${typeof v}, not a number`);
  if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) reject(row, String(v), 'is not a finite number');
  return v; // NaN stays NaN: missing
}

/** Strings packed into one UTF-8 buffer, each preceded by a 0 byte; null and '' are empty (missing). */
function textColumn(chunks: readonly Chunk[], rows: number): RawColumn {
  const strings: string[] = new Array<string>(rows).fill('');
  let total = rows;
  for (const { data, rowStart } of chunks) {
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (v === null || v === undefined) continue;
      const s = String(v);
      strings[rowStart + k] = s;
      total += Buffer.byteLength(s, 'utf8');
    }
  }
  const bytes = Buffer.alloc(total);
  const starts = new Uint32Array(rows);
  const ends = new Uint32Array(rows);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    at++; // the 0 separator keeps the byte before a cell from ever being a quote
    starts[r] = at;
    at += bytes.write(strings[r]!, at, 'utf8');
    ends[r] = at;
  }
  return { source: 'text', bytes, starts, ends };
}

function exactArrayBuffer(input: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = input;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return new Uint8Array(input).buffer;
}

function magic(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

function malformed(fileName: string, why: string, cause?: unknown): IngestError {
  return new IngestError('DATASET_PARQUET_MALFORMED', `${fileName}: ${why}`, { file: fileName }, { cause });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
