// Categorical (codes + sorted levels) and id (strings) columns, from any raw column read as text.
import { stringReader } from './raw-strings.js';
import type { RawColumn, RawTable } from './raw-table.js';
import type { ColumnTyper } from './column-typer.js';

export function categoricalTyper(table: RawTable, column: RawColumn, name: string): ColumnTyper {
  const read = stringReader(table, column);
  const firstSeen = new Map<string, number>();
  const codes = new Int32Array(table.rows);
  return {
    consume(from, to) {
      for (let r = from; r < to; r++) {
        const value = read(r);
        if (value === null) {
          codes[r] = -1;
          continue;
        }
        let code = firstSeen.get(value);
        if (code === undefined) {
          code = firstSeen.size;
          firstSeen.set(value, code);
        }
        codes[r] = code;
      }
    },
    finish() {
      // Sorted levels make codes independent of row order: remap first-seen codes to sorted ones.
      const levels = [...firstSeen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const remap = new Int32Array(levels.length);
      levels.forEach((level, sorted) => {
        remap[firstSeen.get(level)!] = sorted;
      });
      for (let r = 0; r < codes.length; r++) if (codes[r]! >= 0) codes[r] = remap[codes[r]!]!;
      return { name, kind: 'categorical', codes, levels };
    },
  };
}

export function idTyper(table: RawTable, column: RawColumn, name: string): ColumnTyper {
  const read = stringReader(table, column);
  const values = new Array<string | null>(table.rows);
  return {
    consume(from, to) {
      for (let r = from; r < to; r++) values[r] = read(r);
    },
    finish: () => ({ name, kind: 'id', values }),
  };
}
