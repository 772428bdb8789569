// Slices of an evaluation set: the rows of each value of a column (product type, operating mode, sensor health).
import { invalidMetricInput } from './check-input.js';

/** The value a row without one (null or undefined) is grouped under. */
export const MISSING_SLICE = '(missing)';

/**
 * Row indices of each distinct value, ascending, keyed by the value as text, in order of first
 * appearance. Numbers and strings that print alike ('1' and 1) share a slice.
 */
export function sliceIndex(values: ArrayLike<string | number | boolean | null | undefined>): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const key = v === null || v === undefined ? MISSING_SLICE : String(v);
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(i);
  }
  const out = new Map<string, Int32Array>();
  for (const [key, list] of lists) out.set(key, Int32Array.from(list));
  return out;
}

/** values[rows[0]], values[rows[1]], ...: a column restricted to one slice. */
export function takeRows(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (!(i >= 0 && i < values.length)) throw invalidMetricInput('rows', `entry ${k} is row ${i}, outside the ${values.length} values`, { row: i });
    out[k] = values[i]!;
  }
  return out;
}
