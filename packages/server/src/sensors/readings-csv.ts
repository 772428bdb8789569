// Readings CSV files to candidate rows: long (time,sensor,value) or wide (time,<sensor1>,<sensor2>,...), with file lines.
import { ShopfloorError } from '@shopfloor/contracts';
import { cellString, parseCsv, type RawTable, type RawTextColumn } from '../ingest/index.js';
import type { CandidateReading } from './check-readings.js';

export type ReadingsCsvFormat = 'long' | 'wide';

export interface ReadingsCsv {
  rows: CandidateReading[];
  decimal: '.' | ',';
}

function columnIndex(table: RawTable, name: string, format: ReadingsCsvFormat): number {
  const i = table.columns.findIndex((c) => c.trim().toLowerCase() === name);
  if (i < 0) {
    const expected = format === 'long' ? 'time,sensor,value' : 'time,<sensor id>,<sensor id>,...';
    throw new ShopfloorError('VALIDATION_FAILED', `${table.fileName}: the header has no "${name}" column (a ${format} readings file is ${expected}; it has ${table.columns.join(',')})`, {
      file: table.fileName,
      column: name,
      format,
    });
  }
  return i;
}

/** Parse errors (malformed, ragged, empty, not UTF-8) are the ingest parser's, naming file and line. */
export function readReadingsCsv(bytes: Uint8Array, fileName: string, format: ReadingsCsvFormat): ReadingsCsv {
  const table = parseCsv(bytes, { fileName, missing: [''] });
  const text = (c: number): RawTextColumn => {
    const col = table.cells[c]!;
    if (col.source !== 'text') throw new Error('a CSV column is text');
    return col;
  };
  const line = (r: number): number => table.lineOfRow?.[r] ?? r + 2;
  const timeCol = text(columnIndex(table, 'time', format));
  const rows: CandidateReading[] = [];
  if (format === 'long') {
    const sensorCol = text(columnIndex(table, 'sensor', format));
    const valueCol = text(columnIndex(table, 'value', format));
    for (let r = 0; r < table.rows; r++) {
      rows.push({ row: line(r), sensor: cellString(sensorCol, r).trim(), time: cellString(timeCol, r), value: cellString(valueCol, r) });
    }
    return { rows, decimal: table.decimal };
  }
  const timeIndex = table.columns.findIndex((c) => c.trim().toLowerCase() === 'time');
  const sensors = table.columns.map((name, c) => ({ name: name.trim(), c })).filter((s) => s.c !== timeIndex);
  if (sensors.length === 0) {
    throw new ShopfloorError('VALIDATION_FAILED', `${fileName}: a wide readings file needs a column per sensor after "time"`, { file: fileName, format });
  }
  // Row-major: the readings of one time arrive together, as a logger writes them. An empty cell is no reading.
  for (let r = 0; r < table.rows; r++) {
    const time = cellString(timeCol, r);
    for (const s of sensors) {
      const col = text(s.c);
      if (col.starts[r] === col.ends[r]) continue;
      rows.push({ row: line(r), sensor: s.name, time, value: cellString(col, r) });
    }
  }
  return { rows, decimal: table.decimal };
}
