// Timestamp text: ISO 8601 and DD.MM.YYYY recognised from bytes, checked against the calendar.
import { describe, expect, it } from 'vitest';
import { detectFamily, newWallTime, parseTimestampText, wallTimeAsUtc, type TimestampFamily } from './timestamp-text.js';

function read(text: string, family?: TimestampFamily) {
  const bytes = Buffer.from(text, 'utf8');
  const wall = newWallTime();
  const found = family ? (parseTimestampText(bytes, 0, bytes.length, family, wall) ? family : null) : detectFamily(bytes, 0, bytes.length, wall);
  return found === null ? null : { family: found, wallUtc: new Date(Math.floor(wallTimeAsUtc(wall))).toISOString(), millis: wall.millis, offset: wall.offsetMinutes };
}

describe('timestamp text', () => {
  it('reads ISO 8601 dates and date-times with T or space, seconds optional, fractions kept', () => {
    expect(read('2024-03-31')).toMatchObject({ family: 'iso', wallUtc: '2024-03-31T00:00:00.000Z', offset: NaN });
    expect(read('2024-03-31T14:05')).toMatchObject({ wallUtc: '2024-03-31T14:05:00.000Z' });
    expect(read('2024-03-31 14:05:09')).toMatchObject({ wallUtc: '2024-03-31T14:05:09.000Z' });
    expect(read('2024-03-31T14:05:09.123456')).toMatchObject({ wallUtc: '2024-03-31T14:05:09.123Z', millis: 123.456 });
  });

  it('reads offsets: Z, +HH:MM, -HHMM, +HH', () => {
    expect(read('2024-03-31T14:05:09Z')?.offset).toBe(0);
    expect(read('2024-03-31T14:05:09+02:00')?.offset).toBe(120);
    expect(read('2024-03-31T14:05:09-0530')?.offset).toBe(-330);
    expect(read('2024-03-31T14:05+01')?.offset).toBe(60);
  });

  it('reads European DD.MM.YYYY with optional H:MM[:SS], one-digit day and month allowed', () => {
    expect(read('31.03.2024 14:05')).toMatchObject({ family: 'dmy', wallUtc: '2024-03-31T14:05:00.000Z' });
    expect(read('1.2.2024 8:05:30')).toMatchObject({ family: 'dmy', wallUtc: '2024-02-01T08:05:30.000Z' });
    expect(read('01.02.2024')).toMatchObject({ family: 'dmy', wallUtc: '2024-02-01T00:00:00.000Z' });
  });

  it('refuses dates the calendar does not have and text that only looks similar', () => {
    for (const text of ['2024-02-30', '2023-02-29 10:00', '2024-13-01', '2024-01-01 24:00', '2024-01-01 10:60', '31.04.2024 10:00',
      '2024-1-5', '2024-01-01T10', '2024-01-01 10:00 +01:00', '2024-01-01T10:00+25:00', '1.5', '12.05', '20240101', 'M14860', '']) {
      expect(read(text), text).toBeNull();
    }
    expect(read('2024-02-29 10:00')).not.toBeNull();
  });

  it('keeps a column to one family: an ISO cell is no DD.MM.YYYY cell', () => {
    expect(read('2024-03-31 14:05', 'dmy')).toBeNull();
    expect(read('31.03.2024 14:05', 'iso')).toBeNull();
  });
});
