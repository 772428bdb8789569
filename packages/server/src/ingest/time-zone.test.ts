// loadTimeZone: offsets and wall time -> UTC around DST, checked against a brute-force naive twin.
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.js';
import { formatOffset, loadTimeZone } from './time-zone.js';

const H = 3_600_000;
const wall = (iso: string) => Date.parse(`${iso}Z`); // wall fields read as UTC

/**
 * Naive twin: every instant within 15 hours whose local wall time equals the target; the earliest
 * wins. Steps of 15 minutes suffice: the zones below have offsets in quarter hours and the wall
 * times tested are on quarter hours.
 */
function naiveWallToUtc(zone: string, wallMs: number): number | null {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  for (let t = wallMs - 15 * H; t <= wallMs + 15 * H; t += 15 * 60_000) {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, Number(x.value)]));
    if (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) === wallMs) return t;
  }
  return null;
}

describe('loadTimeZone', () => {
  it('gives Berlin +01:00 in winter and +02:00 in summer', () => {
    const berlin = loadTimeZone('Europe/Berlin');
    expect(berlin.offsetAt(Date.parse('2024-01-15T12:00:00Z'))).toBe(H);
    expect(berlin.offsetAt(Date.parse('2024-07-15T12:00:00Z'))).toBe(2 * H);
    expect(formatOffset(berlin.offsetAt(Date.parse('2024-07-15T12:00:00Z')))).toBe('+02:00');
  });

  it('maps the repeated autumn hour to its first occurrence (summer time)', () => {
    const berlin = loadTimeZone('Europe/Berlin');
    expect(berlin.wallToUtc(wall('2024-10-27T02:30:00'))).toBe(Date.parse('2024-10-27T00:30:00Z'));
    expect(berlin.wallToUtc(wall('2024-10-27T01:59:00'))).toBe(Date.parse('2024-10-26T23:59:00Z'));
    expect(berlin.wallToUtc(wall('2024-10-27T03:00:00'))).toBe(Date.parse('2024-10-27T02:00:00Z'));
  });

  it('reports the skipped spring hour as a gap with the offsets on both sides', () => {
    const berlin = loadTimeZone('Europe/Berlin');
    expect(berlin.wallToUtc(wall('2024-03-31T02:30:00'))).toEqual({ gap: true, offsetBefore: H, offsetAfter: 2 * H });
    expect(berlin.wallToUtc(wall('2024-03-31T01:59:59'))).toBe(Date.parse('2024-03-31T00:59:59Z'));
    expect(berlin.wallToUtc(wall('2024-03-31T03:00:00'))).toBe(Date.parse('2024-03-31T01:00:00Z'));
  });

  it('agrees with the naive twin in zones with other rules (New York, Kolkata, Lord Howe half-hour DST)', () => {
    for (const zoneName of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/Berlin', 'UTC']) {
      const zone = loadTimeZone(zoneName);
      const start = Date.parse('2024-01-01T00:00:00Z');
      for (let k = 0; k < 200; k++) {
        const w = start + Math.floor(k * 43.83 * 24) * H + (k % 4) * 15 * 60_000; // spread over the year, DST days included
        const got = zone.wallToUtc(w);
        const expected = naiveWallToUtc(zoneName, w);
        expect(typeof got === 'number' ? got : null, `${zoneName} ${new Date(w).toISOString()}`).toBe(expected);
      }
      for (const day of ['2024-03-10T02:30', '2024-11-03T01:30', '2024-04-07T01:45', '2024-10-06T02:15', '2024-03-31T02:30', '2024-10-27T02:30']) {
        const got = zone.wallToUtc(wall(`${day}:00`));
        expect(typeof got === 'number' ? got : null, `${zoneName} ${day}`).toBe(naiveWallToUtc(zoneName, wall(`${day}:00`)));
      }
    }
  });

  it('canonicalises the zone name and rejects an unknown one as a bad option', () => {
    expect(loadTimeZone('europe/berlin').name).toBe('Europe/Berlin');
    let error: unknown;
    try {
      loadTimeZone('Mars/Olympus');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('VALIDATION_FAILED');
    expect((error as IngestError).message).toMatch(/unknown time zone "Mars\/Olympus"/);
  });
});
