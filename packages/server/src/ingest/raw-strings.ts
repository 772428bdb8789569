// Any raw column read as text (for categorical levels and ids): text cells decoded, others formatted.
import { BOOLEAN_MISSING, type RawColumn, type RawTable } from './raw-table.js';
import { cellString, missingTest } from './text-cells.js';

/** A reader of row r as a string, null when the cell is missing. */
export type StringReader = (row: number) => string | null;

export function stringReader(table: RawTable, column: RawColumn): StringReader {
  switch (column.source) {
    case 'text': {
      const isMissing = missingTest(table.missing);
      const { bytes, starts, ends } = column;
      return (r) => (isMissing(bytes, starts[r]!, ends[r]!) ? null : cellString(column, r));
    }
    case 'number':
      return (r) => {
        const v = column.values[r]!;
        return Number.isNaN(v) ? null : String(v);
      };
    case 'boolean':
      return (r) => {
        const v = column.values[r]!;
        return v === BOOLEAN_MISSING ? null : v === 1 ? 'true' : 'false';
      };
    case 'instant':
      return (r) => {
        const v = column.values[r]!;
        if (Number.isNaN(v)) return null;
        const iso = new Date(Math.floor(v)).toISOString();
        return column.wallClock ? iso.slice(0, -1) : iso; // a wall time has no Z
      };
  }
}
