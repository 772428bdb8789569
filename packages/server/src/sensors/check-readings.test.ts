// The per-row rules of a readings batch: each bad row refused with its code, the good rows of the same batch kept.
import { describe, expect, it } from 'vitest';
import { loadTimeZone } from '../ingest/index.js';
import { checkReadings, markStoredDuplicates, type CandidateReading } from './check-readings.js';

const zone = loadTimeZone('Europe/Berlin');
const known = new Set(['press-1.temp', 'press-1.force']);
const row = (i: number, sensor: string, time: unknown, value: unknown): CandidateReading => ({ row: i, sensor, time, value });

describe('checkReadings', () => {
  it('refuses unknown sensors, bad times, NaN, text and missing values, duplicates and going back, and keeps the rest', () => {
    const rows = [
      row(0, 'press-1.temp', '2024-03-01T08:00:00Z', 61.5),
      row(1, 'press-9.temp', '2024-03-01T08:00:00Z', 60),
      row(2, 'press-1.temp', '2024-03-01T08:00:01Z', 'NaN'),
      row(3, 'press-1.temp', '2024-03-01T08:00:02Z', 'hot'),
      row(4, 'press-1.temp', 'yesterday', 61),
      row(5, 'press-1.temp', '2024-03-01T08:00:03Z', '61.7'),
      row(6, 'press-1.temp', '2024-03-01T08:00:03Z', 61.8),
      row(7, 'press-1.temp', '2024-03-01T08:00:02.500Z', 61.9),
      row(8, 'press-1.force', '2024-03-01T09:00:00+01:00', 12),
      row(9, 'press-1.force', '2024-03-01T08:00:00Z', 13),
      row(10, 'press-1.force', '2024-03-01 09:00:01', 14),
      row(11, 'press-1.force', '2024-03-01T08:00:02Z', null),
      row(12, 'press-1.force', '2024-03-31 02:30:00', 15),
      row(13, 'press-1.force', 1709280003000, 16),
    ];
    const out = checkReadings(rows, { known, zone, latest: new Map() });
    expect(out.rejected.map((r) => [r.row, r.sensor, r.code])).toEqual([
      [1, 'press-9.temp', 'READING_SENSOR_UNKNOWN'],
      [2, 'press-1.temp', 'READING_VALUE_NAN'],
      [3, 'press-1.temp', 'READING_VALUE_TEXT'],
      [4, 'press-1.temp', 'READING_TIME_INVALID'],
      [6, 'press-1.temp', 'READING_TIME_DUPLICATE'],
      [7, 'press-1.temp', 'READING_TIME_OUT_OF_ORDER'],
      [9, 'press-1.force', 'READING_TIME_DUPLICATE'],
      [11, 'press-1.force', 'READING_VALUE_MISSING'],
      [12, 'press-1.force', 'READING_TIME_INVALID'],
    ]);
    expect(out.rejected.find((r) => r.row === 12)?.message).toContain('does not exist in Europe/Berlin');
    expect(out.accepted).toEqual([
      { sensor: 'press-1.temp', time: Date.UTC(2024, 2, 1, 8, 0, 0), value: 61.5 },
      { sensor: 'press-1.temp', time: Date.UTC(2024, 2, 1, 8, 0, 3), value: 61.7 },
      { sensor: 'press-1.force', time: Date.UTC(2024, 2, 1, 8, 0, 0), value: 12 },
      { sensor: 'press-1.force', time: Date.UTC(2024, 2, 1, 8, 0, 1), value: 14 },
      { sensor: 'press-1.force', time: Date.UTC(2024, 2, 1, 8, 0, 3), value: 16 },
    ]);
  });

  it('refuses times at or before the latest stored reading, as duplicates when that time is stored', () => {
    const latest = new Map([['press-1.temp', Date.UTC(2024, 2, 1, 8, 0, 10)]]);
    const rows = [
      row(0, 'press-1.temp', '2024-03-01T08:00:10Z', 1),
      row(1, 'press-1.temp', '2024-03-01T08:00:05Z', 2),
      row(2, 'press-1.temp', '2024-03-01T08:00:07Z', 3),
      row(3, 'press-1.temp', '2024-03-01T08:00:11Z', 4),
    ];
    const out = checkReadings(rows, { known, zone, latest });
    const stored = new Set([Date.UTC(2024, 2, 1, 8, 0, 5), Date.UTC(2024, 2, 1, 8, 0, 10)]);
    markStoredDuplicates(out.behindStored, (_s, t) => stored.has(t));
    expect(out.rejected.map((r) => [r.row, r.code])).toEqual([
      [0, 'READING_TIME_DUPLICATE'],
      [1, 'READING_TIME_DUPLICATE'],
      [2, 'READING_TIME_OUT_OF_ORDER'],
    ]);
    expect(out.accepted.map((r) => r.value)).toEqual([4]);
  });

  it('reads decimal-comma values when the file uses them', () => {
    const out = checkReadings([row(2, 'press-1.temp', '01.03.2024 09:00', '61,25')], { known, zone, latest: new Map(), decimal: ',' });
    expect(out.accepted).toEqual([{ sensor: 'press-1.temp', time: Date.UTC(2024, 2, 1, 8, 0, 0), value: 61.25 }]);
  });
});
