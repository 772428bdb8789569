// Reading times in UTC: offsets kept, wall times in the site zone, the repeated autumn hour placed after the previous reading.
import { describe, expect, it } from 'vitest';
import { loadTimeZone } from '../ingest/index.js';
import { readingTime, wallInstants } from './reading-time.js';

const berlin = loadTimeZone('Europe/Berlin');

function times(texts: string[]): number[] {
  let after = Number.NaN;
  return texts.map((text) => {
    const t = readingTime(text, berlin, after);
    if (!t.ok) throw new Error(t.message);
    after = t.time;
    return t.time;
  });
}

describe('readingTime in Europe/Berlin', () => {
  it('gives the repeated hour of 2024-10-27 (02:00-02:59 twice) eight distinct UTC instants, in order', () => {
    const wall = ['02:00', '02:15', '02:30', '02:45', '02:00', '02:15', '02:30', '02:45', '03:00'].map((hm) => `2024-10-27 ${hm}:00`);
    const got = times(wall).map((t) => new Date(t).toISOString().slice(11, 16));
    expect(got).toEqual(['00:00', '00:15', '00:30', '00:45', '01:00', '01:15', '01:30', '01:45', '02:00']);
  });

  it('has two instants for a wall time in the repeated hour, none in the skipped one, one otherwise', () => {
    expect(wallInstants(berlin, Date.UTC(2024, 9, 27, 2, 30))).toEqual([Date.UTC(2024, 9, 27, 0, 30), Date.UTC(2024, 9, 27, 1, 30)]);
    expect(wallInstants(berlin, Date.UTC(2024, 2, 31, 2, 30))).toEqual([]);
    expect(wallInstants(berlin, Date.UTC(2024, 6, 1, 12, 0))).toEqual([Date.UTC(2024, 6, 1, 10, 0)]);
  });

  it('keeps an explicit offset, takes epoch ms as given and refuses text that is no time', () => {
    expect(readingTime('2024-10-27T02:30:00+01:00', berlin, Number.NaN)).toEqual({ ok: true, time: Date.UTC(2024, 9, 27, 1, 30) });
    expect(readingTime(1_700_000_000_123, berlin, Number.NaN)).toEqual({ ok: true, time: 1_700_000_000_123 });
    expect(readingTime('2024-02-30 10:00', berlin, Number.NaN).ok).toBe(false);
    expect(readingTime(Number.NaN, berlin, Number.NaN).ok).toBe(false);
  });
});
