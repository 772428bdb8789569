// Scans one CSV record (RFC 4180 plus common leniencies) into reusable field-range buffers.
//
//   field := spaces* '"' (any byte but '"' | '""')* '"' spaces*   quoted: may hold delimiters, newlines
//          | bytes up to the delimiter or line break                unquoted: a '"' inside is literal
//   record := field (delimiter field)* (CRLF | LF | CR | end of file)
// Unquoted fields are trimmed of spaces (and tabs when tab is not the delimiter); quoted ones are not.

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Field ranges of the last scanned record plus where scanning stopped. Reused for every record. */
export interface RecordScratch {
  starts: Uint32Array;
  ends: Uint32Array;
  /** Offset just after the record's line break. */
  next: number;
  /** Physical line number after the record (records can span lines through quoted newlines). */
  line: number;
  problem: RecordProblem | null;
}

export interface RecordProblem {
  readonly kind: 'unterminated-quote' | 'after-quote';
  /** 0-based field index within the record. */
  readonly field: number;
  /** Line on which the offending quoted field starts. */
  readonly line: number;
  /** The stray character after a closing quote. */
  readonly character?: string;
}

export function newRecordScratch(capacity = 64): RecordScratch {
  return { starts: new Uint32Array(capacity), ends: new Uint32Array(capacity), next: 0, line: 1, problem: null };
}

/**
 * Scans the record starting at `pos` (which starts on physical line `line`).
 * Returns the field count, or -1 with scratch.problem set.
 */
export function scanRecord(bytes: Uint8Array, pos: number, delimiter: number, line: number, scratch: RecordScratch): number {
  const n = bytes.length;
  const trimTab = delimiter !== TAB;
  let i = pos;
  let field = 0;
  for (;;) {
    while (i < n && (bytes[i] === SPACE || (trimTab && bytes[i] === TAB))) i++;
    let start: number;
    let end: number;
    let c: number;
    if (i < n && bytes[i] === QUOTE) {
      const fieldLine = line;
      start = ++i;
      for (;;) {
        if (i >= n) return fail(scratch, { kind: 'unterminated-quote', field, line: fieldLine });
        c = bytes[i]!;
        if (c === QUOTE) {
          if (bytes[i + 1] !== QUOTE) break;
          i += 2;
          continue;
        }
        if (c === LF || (c === CR && bytes[i + 1] !== LF)) line++;
        i++;
      }
      end = i++;
      while (i < n && (bytes[i] === SPACE || (trimTab && bytes[i] === TAB))) i++;
      c = i < n ? bytes[i]! : LF;
      if (c !== delimiter && c !== LF && c !== CR) {
        const character = Buffer.from(bytes.subarray(i, i + 4)).toString('utf8').slice(0, 1);
        return fail(scratch, { kind: 'after-quote', field, line: fieldLine, character });
      }
    } else {
      start = i;
      c = LF;
      while (i < n) {
        c = bytes[i]!;
        if (c === delimiter || c === LF || c === CR) break;
        i++;
      }
      end = i;
      while (end > start && (bytes[end - 1] === SPACE || (trimTab && bytes[end - 1] === TAB))) end--;
    }
    if (field === scratch.starts.length) grow(scratch);
    scratch.starts[field] = start;
    scratch.ends[field] = end;
    field++;
    if (i >= n) break;
    c = bytes[i]!;
    i++;
    if (c === delimiter) continue;
    if (c === CR && bytes[i] === LF) i++;
    line++;
    break;
  }
  scratch.next = i;
  scratch.line = line;
  scratch.problem = null;
  return field;
}

/**
 * True when the line starting at `pos` holds only spaces (and tabs, unless tab is the delimiter:
 * then a line of tabs is a row of empty cells) before its line break or the end of the file.
 */
export function isBlankLine(bytes: Uint8Array, pos: number, delimiter = 0): boolean {
  const tabBlank = delimiter !== TAB;
  for (let i = pos; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === LF || c === CR) return true;
    if (c !== SPACE && !(tabBlank && c === TAB)) return false;
  }
  return true;
}

/** Offset after the line break that ends the line starting at `pos`. */
export function skipLine(bytes: Uint8Array, pos: number): number {
  let i = pos;
  while (i < bytes.length && bytes[i] !== LF && bytes[i] !== CR) i++;
  if (bytes[i] === CR && bytes[i + 1] === LF) return i + 2;
  return Math.min(i + 1, bytes.length);
}

function fail(scratch: RecordScratch, problem: RecordProblem): number {
  scratch.problem = problem;
  return -1;
}

function grow(scratch: RecordScratch): void {
  const starts = new Uint32Array(scratch.starts.length * 2);
  const ends = new Uint32Array(scratch.ends.length * 2);
  starts.set(scratch.starts);
  ends.set(scratch.ends);
  scratch.starts = starts;
  scratch.ends = ends;
}
