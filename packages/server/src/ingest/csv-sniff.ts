// Guesses what the file does not say: the delimiter (, ; tab |) and the decimal separator ('.' or ',').
import { isBlankLine, newRecordScratch, scanRecord, skipLine } from './csv-record.js';
import { COMMA, DOT } from './number-text.js';
import type { RawTextColumn } from './raw-table.js';

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const SAMPLE_RECORDS = 50;

/**
 * Rule: read up to 50 records with each candidate. A candidate is consistent when the header has
 * at least 2 fields and every sampled record has as many. The consistent candidate with the most
 * fields wins (ties go to the earlier candidate: , ; tab |). When none is consistent, the one with
 * the widest header wins, so the parser then reports the ragged row precisely. A file with one
 * column everywhere gets ','.
 */
export function sniffDelimiter(bytes: Uint8Array, headerStart: number): string {
  let best: { delimiter: string; fields: number; consistent: boolean } | null = null;
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = sampleFieldCounts(bytes, headerStart, delimiter.charCodeAt(0));
    const header = counts[0] ?? 0;
    const consistent = header >= 2 && counts.every((c) => c === header);
    const better =
      best === null ||
      (consistent && !best.consistent) ||
      (consistent === best.consistent && header > best.fields);
    if (better) best = { delimiter, fields: header, consistent };
  }
  return best && best.fields >= 2 ? best.delimiter : ',';
}

/** Field counts of the first records; stops early at a record the candidate cannot scan. */
function sampleFieldCounts(bytes: Uint8Array, start: number, delimiter: number): number[] {
  const scratch = newRecordScratch();
  const counts: number[] = [];
  let pos = start;
  while (pos < bytes.length && counts.length < SAMPLE_RECORDS) {
    if (isBlankLine(bytes, pos, delimiter)) {
      pos = skipLine(bytes, pos);
      continue;
    }
    const count = scanRecord(bytes, pos, delimiter, 1, scratch);
    if (count < 0) {
      counts.push(-1);
      break;
    }
    counts.push(count);
    pos = scratch.next;
  }
  return counts;
}

const DECIMAL_SAMPLE_ROWS = 10_000;

/**
 * Rule: with ',' as delimiter numbers use '.'. Otherwise every cell of the first 10,000 rows
 * shaped like a decimal number votes: "-12,5" for ',', "-12.5" for '.'; ',' wins only with more
 * votes. Thousands separators are not numbers in either case ("1.234,5" stays text).
 */
export function sniffDecimal(columns: readonly RawTextColumn[], rows: number, delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.';
  let comma = 0;
  let dot = 0;
  const limit = Math.min(rows, DECIMAL_SAMPLE_ROWS);
  for (const column of columns) {
    for (let r = 0; r < limit; r++) {
      const shape = decimalShape(column.bytes, column.starts[r]!, column.ends[r]!);
      if (shape === COMMA) comma++;
      else if (shape === DOT) dot++;
    }
  }
  return comma > dot ? ',' : '.';
}

/** COMMA or DOT when the cell is [+-]digits(sep)digits[e[+-]digits] with exactly one separator, else 0. */
function decimalShape(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) i++;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  const sep = bytes[i];
  if (i >= end || (sep !== COMMA && sep !== DOT)) return 0;
  i++;
  let after = 0;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
    i++;
    after++;
  }
  if (after === 0) return 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (bytes[i] === 0x2d || bytes[i] === 0x2b) i++;
    const expStart = i;
    while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    if (i === expStart) return 0;
  }
  return i === end ? sep : 0;
}
