// Reading text cells from their byte ranges: missing markers, decoding with "" unescaping, boolean words.
import type { RawTextColumn } from './raw-table.js';

const QUOTE = 0x22;

/** What counts as missing when the caller gives no list (the empty cell is always missing). */
export const DEFAULT_MISSING_MARKERS: readonly string[] = [
  '', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '-', '#N/A',
];

export type MissingTest = (bytes: Uint8Array, start: number, end: number) => boolean;

/** A byte-level test for "this cell is missing" (quoted or not), without decoding the cell. */
export function missingTest(markers: readonly string[]): MissingTest {
  const encoded = markers.filter((m) => m.length > 0).map((m) => Buffer.from(m, 'utf8'));
  const maxLength = encoded.reduce((max, m) => Math.max(max, m.length), 0);
  const firstBytes = new Uint8Array(256);
  for (const m of encoded) firstBytes[m[0]!] = 1;
  return (bytes, start, end) => {
    const length = end - start;
    if (length === 0) return true;
    if (length > maxLength || firstBytes[bytes[start]!] === 0) return false;
    for (const m of encoded) {
      if (m.length !== length) continue;
      let k = 0;
      while (k < length && bytes[start + k] === m[k]) k++;
      if (k === length) return true;
    }
    return false;
  };
}

/** True when the cell was written inside quotes (its content may hold "" escapes). */
export function wasQuoted(bytes: Uint8Array, start: number): boolean {
  return start > 0 && bytes[start - 1] === QUOTE;
}

/** The cell as a string: UTF-8 decoded, with "" turned back into " for quoted cells. */
export function cellString(column: RawTextColumn, row: number): string {
  const start = column.starts[row]!;
  const end = column.ends[row]!;
  const text = column.bytes.toString('utf8', start, end);
  if (wasQuoted(column.bytes, start) && text.includes('"')) return text.replaceAll('""', '"');
  return text;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'wahr', 'ja']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'falsch', 'nein']);

/**
 * 1 for a true word, 0 for a false word, -1 otherwise. Case-insensitive English words plus the
 * German WAHR/FALSCH that German spreadsheets export. 0/1 digits are numbers, handled by the caller.
 */
export function booleanWord(bytes: Uint8Array, start: number, end: number): 0 | 1 | -1 {
  const length = end - start;
  if (length === 0 || length > 6) return -1;
  let word = '';
  for (let k = start; k < end; k++) {
    const b = bytes[k]!;
    if (b >= 0x80) return -1;
    word += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 32 : b);
  }
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return -1;
}
