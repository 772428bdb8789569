// Site time zones through Intl.DateTimeFormat: the UTC offset of an instant, and local wall time -> UTC.
//
// Wall time to UTC around a DST change (Europe/Berlin):
//
//   spring 2024-03-31        02:00 ──(skipped)──> 03:00       02:30 does not exist: a gap
//   autumn 2024-10-27  02:00 ... 02:59 CEST, then 02:00 ... 02:59 CET again
//                                               02:30 maps to the first (CEST, 00:30Z)
//
// Method: take the offsets in force one day before and one day after the wall time (read as UTC);
// each offset o gives a candidate instant wall - o, kept when the zone really has offset o there.
// Two survivors = the repeated hour (take the earlier instant); none = the skipped hour.
import { IngestError } from './errors.js';
import { newWallTime, wallTimeAsUtc } from './timestamp-text.js';

export interface WallTimeGap {
  readonly gap: true;
  /** Offsets (ms) in force before and after the skipped interval. */
  readonly offsetBefore: number;
  readonly offsetAfter: number;
}

export interface TimeZone {
  /** Canonical IANA name, e.g. "Europe/Berlin". */
  readonly name: string;
  /** Offset from UTC in milliseconds at the instant (local = utc + offset). */
  offsetAt(utcMs: number): number;
  /** The UTC instant of a local wall time given as "wall fields read as UTC" milliseconds. */
  wallToUtc(wallMs: number): number | WallTimeGap;
}

const DAY = 86_400_000;
/** Offsets are cached per 15-minute block of UTC, where every modern tz transition falls. */
const BLOCK = 900_000;

export function loadTimeZone(name: string): TimeZone {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new IngestError(
      'VALIDATION_FAILED',
      `unknown time zone ${JSON.stringify(name)}: give an IANA name such as "Europe/Berlin" or "UTC"`,
      { option: 'timeZone', received: name },
      { cause },
    );
  }
  const fields = newWallTime();
  const exactOffset = (utcMs: number): number => {
    const second = Math.floor(utcMs / 1000) * 1000;
    let bc = false;
    for (const part of format.formatToParts(second)) {
      const v = Number(part.value);
      if (part.type === 'year') fields.year = v;
      else if (part.type === 'month') fields.month = v;
      else if (part.type === 'day') fields.day = v;
      else if (part.type === 'hour') fields.hour = v === 24 ? 0 : v;
      else if (part.type === 'minute') fields.minute = v;
      else if (part.type === 'second') fields.second = v;
      else if (part.type === 'era') bc = part.value.startsWith('B');
    }
    if (bc) fields.year = 1 - fields.year;
    fields.millis = 0;
    return wallTimeAsUtc(fields) - second;
  };
  const cache = new Map<number, number>();
  const offsetAt = (utcMs: number): number => {
    const block = Math.floor(utcMs / BLOCK);
    const cached = cache.get(block);
    if (cached !== undefined) return cached;
    const first = exactOffset(block * BLOCK);
    const last = exactOffset(block * BLOCK + BLOCK - 1);
    if (first !== last) return exactOffset(utcMs); // a transition inside the block (historic zones): no cache
    cache.set(block, first);
    return first;
  };
  const wallToUtc = (wallMs: number): number | WallTimeGap => {
    const before = offsetAt(wallMs - DAY);
    const after = offsetAt(wallMs + DAY);
    const larger = Math.max(before, after);
    const smaller = Math.min(before, after);
    if (offsetAt(wallMs - larger) === larger) return wallMs - larger; // earlier instant first
    if (smaller !== larger && offsetAt(wallMs - smaller) === smaller) return wallMs - smaller;
    return { gap: true, offsetBefore: before, offsetAfter: after };
  };
  return { name: format.resolvedOptions().timeZone, offsetAt, wallToUtc };
}

/** "+01:00" for 3_600_000. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}
