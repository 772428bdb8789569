// Recognises timestamp text in bytes: ISO 8601 (with or without offset) and European DD.MM.YYYY.
//
// Families (a column is a timestamp column when every non-missing cell matches one family):
//   iso  YYYY-MM-DD | YYYY-MM-DD(T| )HH:MM[:SS[(.|,)f{1,9}]][Z|(+|-)HH[[:]MM]]
//   dmy  D.M.YYYY   | D.M.YYYY H:MM[:SS[.f{1,9}]]   (day and month 1-2 digits; never an offset)
// Values are checked against the calendar (2024-02-30 and 25:00 are not timestamps).

export type TimestampFamily = 'iso' | 'dmy';

export const FAMILY_LABEL: Record<TimestampFamily, string> = {
  iso: 'ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][offset])',
  dmy: 'DD.MM.YYYY [HH:MM[:SS]]',
};

/** Parsed fields, reused between calls to avoid an object per cell. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Milliseconds within the second, fraction kept (0.5 = 500 microseconds). */
  millis: number;
  /** Offset from UTC in minutes when the text has one (Z = 0), else NaN. */
  offsetMinutes: number;
}

export function newWallTime(): WallTime {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millis: 0, offsetMinutes: Number.NaN };
}

/** Which family the cell belongs to, or null; fills `out` when it matches. */
export function detectFamily(bytes: Uint8Array, start: number, end: number, out: WallTime): TimestampFamily | null {
  if (parseTimestampText(bytes, start, end, 'iso', out)) return 'iso';
  if (parseTimestampText(bytes, start, end, 'dmy', out)) return 'dmy';
  return null;
}

export function parseTimestampText(
  bytes: Uint8Array,
  start: number,
  end: number,
  family: TimestampFamily,
  out: WallTime,
): boolean {
  const ok = family === 'iso' ? parseIso(bytes, start, end, out) : parseDmy(bytes, start, end, out);
  return ok && validCalendar(out);
}

/** The instant as if the wall time were UTC, in epoch milliseconds (years 0-99 are not shifted to 19xx). */
export function wallTimeAsUtc(t: WallTime): number {
  if (t.year >= 100) return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) + t.millis;
  const date = new Date(0);
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  return date.setUTCHours(t.hour, t.minute, t.second, 0) + t.millis;
}

function validCalendar(t: WallTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month)) return false;
  return t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads exactly `count` digits at `at`, or -1. */
function digitsAt(bytes: Uint8Array, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const d = bytes[k]! - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Cursor over one cell: reads 1..max digits; `pos` advances. */
interface Cursor {
  pos: number;
}

function digitsUpTo(bytes: Uint8Array, c: Cursor, max: number, end: number): number {
  let value = 0;
  let n = 0;
  while (n < max && c.pos < end) {
    const d = bytes[c.pos]! - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    c.pos++;
    n++;
  }
  return n === 0 ? -1 : value;
}

function resetTime(out: WallTime): void {
  out.hour = 0;
  out.minute = 0;
  out.second = 0;
  out.millis = 0;
  out.offsetMinutes = Number.NaN;
}

function parseIso(bytes: Uint8Array, start: number, end: number, out: WallTime): boolean {
  if (end - start < 10 || bytes[start + 4] !== 0x2d || bytes[start + 7] !== 0x2d) return false;
  out.year = digitsAt(bytes, start, 4, end);
  out.month = digitsAt(bytes, start + 5, 2, end);
  out.day = digitsAt(bytes, start + 8, 2, end);
  if (out.year < 0 || out.month < 0 || out.day < 0) return false;
  resetTime(out);
  if (end === start + 10) return true;
  const sep = bytes[start + 10];
  if (sep !== 0x54 && sep !== 0x74 && sep !== 0x20) return false; // T, t, space
  const c = { pos: start + 11 };
  if (!readClock(bytes, c, end, out, 2)) return false;
  if (c.pos === end) return true;
  return readOffset(bytes, c.pos, end, out);
}

function parseDmy(bytes: Uint8Array, start: number, end: number, out: WallTime): boolean {
  const c = { pos: start };
  out.day = digitsUpTo(bytes, c, 2, end);
  if (out.day < 0 || bytes[c.pos] !== 0x2e) return false;
  c.pos++;
  out.month = digitsUpTo(bytes, c, 2, end);
  if (out.month < 0 || bytes[c.pos] !== 0x2e) return false;
  out.year = digitsAt(bytes, c.pos + 1, 4, end);
  if (out.year < 0) return false;
  c.pos += 5;
  resetTime(out);
  if (c.pos === end) return true;
  if (bytes[c.pos] !== 0x20) return false;
  c.pos++;
  return readClock(bytes, c, end, out, 1) && c.pos === end;
}

/** HH:MM[:SS[.fff]]; the hour has exactly 2 digits when minHourDigits is 2, else 1-2. */
function readClock(bytes: Uint8Array, c: Cursor, end: number, out: WallTime, minHourDigits: 1 | 2): boolean {
  const hourStart = c.pos;
  out.hour = digitsUpTo(bytes, c, 2, end);
  if (out.hour < 0 || c.pos - hourStart < minHourDigits || bytes[c.pos] !== 0x3a) return false;
  out.minute = digitsAt(bytes, c.pos + 1, 2, end);
  if (out.minute < 0) return false;
  c.pos += 3;
  if (c.pos < end && bytes[c.pos] === 0x3a) {
    out.second = digitsAt(bytes, c.pos + 1, 2, end);
    if (out.second < 0) return false;
    c.pos += 3;
    const mark = bytes[c.pos];
    if (c.pos < end && (mark === 0x2e || mark === 0x2c)) {
      c.pos++;
      const fracStart = c.pos;
      const fraction = digitsUpTo(bytes, c, 9, end);
      if (fraction < 0) return false;
      out.millis = (fraction * 1000) / 10 ** (c.pos - fracStart);
    }
  }
  return true;
}

/** Z | +HH | +HH:MM | +HHMM, to the end of the cell. */
function readOffset(bytes: Uint8Array, at: number, end: number, out: WallTime): boolean {
  const sign = bytes[at];
  if (sign === 0x5a || sign === 0x7a) {
    out.offsetMinutes = 0;
    return at + 1 === end;
  }
  if (sign !== 0x2b && sign !== 0x2d) return false;
  const hours = digitsAt(bytes, at + 1, 2, end);
  if (hours < 0) return false;
  let minutes = 0;
  const rest = end - (at + 3);
  if (rest === 3 && bytes[at + 3] === 0x3a) minutes = digitsAt(bytes, at + 4, 2, end);
  else if (rest === 2) minutes = digitsAt(bytes, at + 3, 2, end);
  else if (rest !== 0) return false;
  if (minutes < 0 || minutes > 59 || hours > 18) return false;
  out.offsetMinutes = (sign === 0x2d ? -1 : 1) * (hours * 60 + minutes);
  return true;
}
