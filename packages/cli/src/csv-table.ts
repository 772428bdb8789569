// A prediction CSV as header + string cells: RFC 4180 quoting, BOM, CRLF, sniffed delimiter and decimal comma.
//
// The server's ingest parser is not part of @shopfloor/server's public API, so the CLI reads the
// (small) prediction files itself, with the same rules and error codes: delimiter sniffed among
// , ; tab |, decimal comma when the delimiter is not a comma and numbers are written so.
import { ShopfloorError } from '@shopfloor/contracts';

export interface CsvTable {
  fileName: string;
  header: string[];
  /** rows[r][c]: the cell text, unquoted, as written. */
  rows: string[][];
  /** 1-based physical line on which each data row starts, for messages. */
  lines: number[];
  delimiter: string;
  decimal: '.' | ',';
  /** Cells equal to one of these are missing (the empty cell always is). */
  missing: readonly string[];
}

export interface ReadCsvOptions {
  delimiter?: string;
  decimal?: '.' | ',';
}

/** The server's default missing markers (ingest/text-cells.ts). */
export const MISSING_MARKERS: readonly string[] = ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '-', '#N/A'];

const DELIMITERS = [',', ';', '\t', '|'];

/** The candidate that splits the header line into the most fields (quotes respected); ties keep the earlier. */
export function sniffDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === candidate && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** Decimal comma when the delimiter allows it and some cell looks like `42,8` while none looks like `42.8`. */
export function sniffDecimal(rows: readonly string[][], delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.';
  let commas = 0;
  let dots = 0;
  for (const row of rows.slice(0, 1000)) {
    for (const cell of row) {
      if (/^[+-]?\d+,\d+$/.test(cell.trim())) commas++;
      else if (/^[+-]?\d*\.\d+([eE][+-]?\d+)?$/.test(cell.trim())) dots++;
    }
  }
  return commas > 0 && dots === 0 ? ',' : '.';
}

interface Records {
  records: string[][];
  lines: number[];
}

/**
 * Splits text into records. Unquoted fields are trimmed; a quoted field keeps its spaces and may hold
 * the delimiter, "" for a quote, and line breaks. Blank lines (spreadsheets leave them) are skipped.
 */
function splitRecords(text: string, delimiter: string, fileName: string): Records {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const malformed = (message: string, at: number): ShopfloorError =>
    new ShopfloorError('DATASET_CSV_MALFORMED', `${fileName} line ${at}: ${message}`, { file: fileName, line: at });
  const endField = (): void => {
    record.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && !quoted && field.trim() === '') {
      const startLine = line;
      field = '';
      quoted = true;
      for (i++; ; i++) {
        if (i >= text.length) throw malformed('a quoted field is never closed', startLine);
        if (text[i] === '"' && text[i + 1] === '"') [field, i] = [field + '"', i + 1];
        else if (text[i] === '"') break;
        else {
          if (text[i] === '\n') line++;
          field += text[i];
        }
      }
      i++;
      while (text[i] === ' ' && delimiter !== ' ') i++;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw malformed(`unexpected ${JSON.stringify(next)} after a closing quote`, line);
      }
      continue;
    }
    if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || quoted || record.length > 0) endRecord();
  return { records, lines };
}

export function readCsvTable(bytes: Uint8Array, fileName: string, options: ReadCsvOptions = {}): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ShopfloorError('DATASET_CSV_MALFORMED', `${fileName}: not UTF-8 text`, { file: fileName });
  }
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = options.delimiter ?? sniffDelimiter(firstLine);
  const { records, lines } = splitRecords(text, delimiter, fileName);
  const header = records[0];
  if (header === undefined || records.length < 2) {
    throw new ShopfloorError('DATASET_EMPTY', `${fileName}: ${header === undefined ? 'the file is empty' : 'a header but no data rows'}`, { file: fileName });
  }
  const rows = records.slice(1);
  rows.forEach((row, r) => {
    if (row.length !== header.length) {
      throw new ShopfloorError(
        'DATASET_RAGGED_ROW',
        `${fileName} line ${lines[r + 1]}: ${row.length} fields, the header has ${header.length}`,
        { file: fileName, line: lines[r + 1], expected: header.length, received: row.length },
      );
    }
  });
  return {
    fileName,
    header,
    rows,
    lines: lines.slice(1),
    delimiter,
    decimal: options.decimal ?? sniffDecimal(rows, delimiter),
    missing: MISSING_MARKERS,
  };
}
