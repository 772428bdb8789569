// A reading's time to epoch ms UTC: ISO 8601 or DD.MM.YYYY text (the ingest parser), or epoch ms; wall times in the site zone.
//
// A wall time without offset in the repeated autumn hour has two instants (Europe/Berlin 2024-10-27
// 02:30 is 00:30Z in summer time and 01:30Z in winter time). Readings of one sensor arrive in time
// order, so the reading picks the earliest instant after the sensor's previous row (accepted or
// not, so a file sent twice reads the same): a logger writing 02:00 .. 02:45, 02:00 .. 02:45 local
// is stored as eight distinct UTC instants. With no previous row or stored reading the earlier
// instant is taken (as the dataset import does). The skipped spring hour does not exist on a clock
// and is refused.
import { detectFamily, newWallTime, wallTimeAsUtc, type TimeZone } from '../ingest/index.js';

const DAY = 86_400_000;

export type ReadingTime = { ok: true; time: number } | { ok: false; message: string };

/** The instants a wall time (its fields read as UTC) has in the zone, earliest first: 0 (skipped), 1 or 2 (repeated). */
export function wallInstants(zone: TimeZone, wallMs: number): number[] {
  const offsets = new Set([zone.offsetAt(wallMs - DAY), zone.offsetAt(wallMs + DAY)]);
  const out: number[] = [];
  for (const o of offsets) if (zone.offsetAt(wallMs - o) === o) out.push(wallMs - o);
  return out.sort((a, b) => a - b);
}

const scratch = newWallTime();

/** `after`: the sensor's previous reading (epoch ms) or NaN; only used to place a wall time of the repeated hour. */
export function readingTime(input: unknown, zone: TimeZone, after: number): ReadingTime {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `time ${String(input)} is not an epoch millisecond` };
    return { ok: true, time: Math.round(input) };
  }
  if (typeof input !== 'string') return { ok: false, message: 'time must be ISO 8601 text or epoch milliseconds' };
  const text = input.trim();
  const bytes = Buffer.from(text, 'utf8');
  if (detectFamily(bytes, 0, bytes.length, scratch) === null) {
    return { ok: false, message: `time "${text}" is not ISO 8601 (YYYY-MM-DDTHH:MM[:SS][offset]) or DD.MM.YYYY HH:MM[:SS]` };
  }
  const wall = wallTimeAsUtc(scratch);
  if (!Number.isNaN(scratch.offsetMinutes)) return { ok: true, time: Math.round(wall - scratch.offsetMinutes * 60_000) };
  const instants = wallInstants(zone, wall);
  if (instants.length === 0) {
    return { ok: false, message: `time "${text}" does not exist in ${zone.name} (the clocks jumped forward): give it an offset` };
  }
  const next = instants.find((t) => t > after) ?? instants[0]!;
  return { ok: true, time: Math.round(next) };
}
