// parseCsv: UTF-8 CSV bytes -> RawTable (column-major byte ranges, one pass, no string per cell).
import { columnPlace } from './cell-location.js';
import { CR, LF, isBlankLine, newRecordScratch, scanRecord, skipLine, type RecordProblem } from './csv-record.js';
import { sniffDecimal, sniffDelimiter } from './csv-sniff.js';
import { checkColumnNames } from './column-names.js';
import { IngestError } from './errors.js';
import type { RawTable, RawTextColumn } from './raw-table.js';
import { DEFAULT_MISSING_MARKERS } from './text-cells.js';
import { assertUtf8 } from './utf8-check.js';

export interface CsvOptions {
  readonly fileName: string;
  /** One character; sniffed among , ; tab | when absent. */
  readonly delimiter?: string;
  /** Sniffed when absent (see sniffDecimal). */
  readonly decimal?: '.' | ',';
  /** Cells equal to one of these are missing; replaces DEFAULT_MISSING_MARKERS. '' is always missing. */
  readonly missing?: readonly string[];
}

/** Largest file the Uint32 offsets can address. */
const MAX_BYTES = 0xffff_ffff;

/**
 * Blank lines (only spaces/tabs) are skipped everywhere: spreadsheets leave them at the end, and a
 * one-column file cannot tell an empty cell from a blank line anyway.
 */
export function parseCsv(input: Uint8Array, options: CsvOptions): RawTable {
  const { fileName } = options;
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const missing = checkOptions(options);
  if (bytes.length > MAX_BYTES) {
    throw new IngestError('PAYLOAD_TOO_LARGE', `${fileName}: ${bytes.length} bytes is over the 4 GiB a CSV import can hold`, {
      file: fileName,
    });
  }
  assertUtf8(bytes, fileName);
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  while (pos < bytes.length && isBlankLine(bytes, pos)) {
    pos = skipLine(bytes, pos);
    line++;
  }
  if (pos >= bytes.length) {
    throw new IngestError('DATASET_EMPTY', `${fileName}: the file is empty (no header line)`, { file: fileName });
  }
  const delimiter = options.delimiter ?? sniffDelimiter(bytes, pos);
  const delimiterByte = delimiter.charCodeAt(0);
  const scratch = newRecordScratch();
  const headerLine = line;
  const fieldCount = scanRecord(bytes, pos, delimiterByte, line, scratch);
  if (fieldCount < 0) throw recordError(fileName, [], scratch.problem!);
  const columns = checkColumnNames(headerNames(bytes, scratch, fieldCount), fileName, `line ${headerLine}`);
  pos = scratch.next;
  line = scratch.line;

  let capacity = countLineFeeds(bytes, pos) + 1;
  let starts = columns.map(() => new Uint32Array(capacity));
  let ends = columns.map(() => new Uint32Array(capacity));
  let lineOfRow = new Uint32Array(capacity);
  let rows = 0;
  const n = bytes.length;
  while (pos < n) {
    const first = bytes[pos];
    if ((first === LF || first === CR || first === 0x20 || first === 0x09) && isBlankLine(bytes, pos, delimiterByte)) {
      pos = skipLine(bytes, pos);
      line++;
      continue;
    }
    if (rows === capacity) {
      capacity *= 2;
      starts = starts.map((a) => resized(a, capacity));
      ends = ends.map((a) => resized(a, capacity));
      lineOfRow = resized(lineOfRow, capacity);
    }
    const count = scanRecord(bytes, pos, delimiterByte, line, scratch);
    if (count < 0) throw recordError(fileName, columns, scratch.problem!);
    if (count !== columns.length) {
      throw new IngestError(
        'DATASET_RAGGED_ROW',
        `${fileName} line ${line}: expected ${columns.length} fields as in the header, found ${count}`,
        { file: fileName, line, row: rows + 1, expected: columns.length, received: count },
      );
    }
    for (let c = 0; c < count; c++) {
      starts[c]![rows] = scratch.starts[c]!;
      ends[c]![rows] = scratch.ends[c]!;
    }
    lineOfRow[rows] = line;
    rows++;
    pos = scratch.next;
    line = scratch.line;
  }
  if (rows === 0) {
    throw new IngestError('DATASET_EMPTY', `${fileName}: the file has a header but no data rows`, { file: fileName });
  }
  const cells: RawTextColumn[] = columns.map((_, c) => ({
    source: 'text',
    bytes,
    starts: fitted(starts[c]!, rows),
    ends: fitted(ends[c]!, rows),
  }));
  const decimal = options.decimal ?? sniffDecimal(cells, rows, delimiter);
  return {
    fileName,
    format: 'csv',
    columns,
    rows,
    cells,
    lineOfRow: fitted(lineOfRow, rows),
    delimiter,
    decimal,
    missing,
  };
}

function checkOptions(options: CsvOptions): readonly string[] {
  const { delimiter, decimal, missing } = options;
  if (delimiter !== undefined && (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || /["\r\n .0-9]/.test(delimiter))) {
    throw new IngestError(
      'VALIDATION_FAILED',
      `delimiter ${JSON.stringify(delimiter)} is not usable: give one ASCII character such as "," ";" "|" or a tab`,
      { option: 'delimiter', received: delimiter },
    );
  }
  if (decimal !== undefined && decimal !== '.' && decimal !== ',') {
    throw new IngestError('VALIDATION_FAILED', `decimal must be "." or ",", not ${JSON.stringify(decimal)}`, {
      option: 'decimal',
      received: decimal,
    });
  }
  if (missing !== undefined && (!Array.isArray(missing) || missing.some((m) => typeof m !== 'string'))) {
    throw new IngestError('VALIDATION_FAILED', 'missing must be a list of strings', { option: 'missing' });
  }
  const markers = missing ?? DEFAULT_MISSING_MARKERS;
  return markers.includes('') ? [...markers] : ['', ...markers];
}

function headerNames(bytes: Buffer, scratch: { starts: Uint32Array; ends: Uint32Array }, count: number): string[] {
  const names: string[] = [];
  for (let c = 0; c < count; c++) {
    const start = scratch.starts[c]!;
    const text = bytes.toString('utf8', start, scratch.ends[c]!);
    names.push(start > 0 && bytes[start - 1] === 0x22 ? text.replaceAll('""', '"') : text);
  }
  return names;
}

function recordError(fileName: string, columns: readonly string[], problem: RecordProblem): IngestError {
  const place = `${fileName} line ${problem.line}, ${columnPlace({ columns }, problem.field)}`;
  const details = { file: fileName, line: problem.line, column: problem.field + 1, columnName: columns[problem.field] };
  if (problem.kind === 'unterminated-quote') {
    return new IngestError('DATASET_CSV_MALFORMED', `${place}: unterminated quoted field (the quote opened here is never closed)`, details);
  }
  return new IngestError(
    'DATASET_CSV_MALFORMED',
    `${place}: unexpected ${JSON.stringify(problem.character)} after the closing quote (write a quote inside a quoted field as "")`,
    { ...details, value: problem.character },
  );
}

/** Upper bound of the data rows: line feeds after `from` (a lone-CR file grows the arrays instead). */
function countLineFeeds(bytes: Buffer, from: number): number {
  let count = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}

function resized(a: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(capacity);
  b.set(a.subarray(0, Math.min(a.length, capacity)));
  return b;
}

/** The first `rows` entries; copies when the spare capacity is large so it can be freed. */
function fitted(a: Uint32Array, rows: number): Uint32Array {
  return a.length - rows > rows / 4 ? a.slice(0, rows) : a.subarray(0, rows);
}
