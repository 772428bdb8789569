// Timestamp columns to epoch milliseconds UTC: offsets kept, wall times read in the site time zone.
//
// Choices: a wall time in the repeated autumn hour is its first occurrence (summer time); a wall
// time in the skipped spring hour is an error naming the cell, because shifting it would invent a
// reading time the clock never showed. A logger whose clock ignores DST should be imported with a
// fixed-offset zone (e.g. "Etc/GMT-1" for CET all year) or write offsets.
import type { CellReject } from './cell-location.js';
import { BOOLEAN_MISSING, type RawColumn, type RawTable, type RawTextColumn } from './raw-table.js';
import { cellString, missingTest } from './text-cells.js';
import { formatOffset, type TimeZone } from './time-zone.js';
import {
  FAMILY_LABEL,
  detectFamily,
  newWallTime,
  parseTimestampText,
  wallTimeAsUtc,
  type TimestampFamily,
} from './timestamp-text.js';
import { wholeColumn, type ColumnTyper } from './column-typer.js';
import type { TypedColumn } from './typed-table.js';

export function timestampTyper(table: RawTable, column: RawColumn, name: string, zone: TimeZone, reject: CellReject): ColumnTyper {
  const rows = table.rows;
  const values = new Float64Array(rows).fill(Number.NaN);
  const finish = (): TypedColumn => ({ name, kind: 'timestamp', values });
  const gap = (r: number, text: string, wall: number): never => {
    const before = formatOffset(zone.offsetAt(wall - 86_400_000));
    const after = formatOffset(zone.offsetAt(wall + 86_400_000));
    return reject(
      r,
      text,
      `does not exist in ${zone.name}: the clocks jump from ${before} to ${after} there; write the offset or import with a fixed-offset time zone`,
      'DATASET_TIMESTAMP_INVALID',
    );
  };
  switch (column.source) {
    case 'instant':
      return wholeColumn(() => {
        column.values.forEach((v, r) => {
          if (Number.isNaN(v) || !column.wallClock) values[r] = v;
          else {
            const utc = zone.wallToUtc(v);
            values[r] = typeof utc === 'number' ? utc : gap(r, new Date(Math.floor(v)).toISOString().slice(0, -1), v);
          }
        });
        return finish();
      });
    case 'number':
      return wholeColumn(() => {
        const first = column.values.findIndex((v) => !Number.isNaN(v));
        if (first >= 0) reject(first, String(column.values[first]), 'is a number, not a timestamp', 'DATASET_TIMESTAMP_INVALID');
        return finish();
      });
    case 'boolean':
      return wholeColumn(() => {
        const first = column.values.findIndex((v) => v !== BOOLEAN_MISSING);
        if (first >= 0) reject(first, String(column.values[first]), 'is a boolean, not a timestamp', 'DATASET_TIMESTAMP_INVALID');
        return finish();
      });
    case 'text':
      return textTimestamps(table, column, zone, reject, values, gap, finish);
  }
}

function textTimestamps(
  table: RawTable,
  column: RawTextColumn,
  zone: TimeZone,
  reject: CellReject,
  values: Float64Array,
  gap: (r: number, text: string, wall: number) => never,
  finish: () => TypedColumn,
): ColumnTyper {
  const isMissing = missingTest(table.missing);
  const { bytes, starts, ends } = column;
  const wall = newWallTime();
  let family: TimestampFamily | null = null;
  return {
    consume(from, to) {
      for (let r = from; r < to; r++) {
        const s = starts[r]!;
        const e = ends[r]!;
        if (isMissing(bytes, s, e)) continue;
        if (family === null) family = detectFamily(bytes, s, e, wall);
        const ok = family !== null && parseTimestampText(bytes, s, e, family, wall);
        if (!ok) {
          const expected = family === null ? `${FAMILY_LABEL.iso} or ${FAMILY_LABEL.dmy}` : `this column's format ${FAMILY_LABEL[family]}`;
          reject(r, cellString(column, r), `is not a timestamp in ${expected}`, 'DATASET_TIMESTAMP_INVALID');
        }
        const local = wallTimeAsUtc(wall);
        if (!Number.isNaN(wall.offsetMinutes)) {
          values[r] = local - wall.offsetMinutes * 60_000;
          continue;
        }
        const utc = zone.wallToUtc(local);
        values[r] = typeof utc === 'number' ? utc : gap(r, cellString(column, r), local);
      }
    },
    finish,
  };
}
