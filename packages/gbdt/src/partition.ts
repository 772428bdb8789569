// Row partition: a node's rows are one segment of a single Int32Array; a split reorders it stably in place.
import type { SplitInfo } from './split.js';

/**
 * Which bins go left for a split, as a 256-entry table (1 = left), so partitioning and binned prediction
 * need one lookup per row whatever the split kind:
 *   numeric:     bins 0..binThreshold -> 1, missing bin -> missingLeft
 *   categorical: bins whose bit is set in catBits -> 1, missing bin -> missingLeft
 */
export function decisionTable(split: SplitInfo, missingBin: number, out: Uint8Array = new Uint8Array(256)): Uint8Array {
  out.fill(0);
  if (split.categorical) {
    for (let b = 0; b < missingBin; b++) out[b] = (split.catBits[b >>> 5]! >>> (b & 31)) & 1;
  } else {
    for (let b = 0; b <= split.binThreshold && b < missingBin; b++) out[b] = 1;
  }
  out[missingBin] = split.missingLeft ? 1 : 0;
  return out;
}

/**
 * Stable partition of rows[start .. start+count) by goLeft[bin of the row]:
 *
 *   before: | a b c d e f |        (a, c, f go left)
 *   after:  | a c f | b d e |      returns 3
 *
 * Left rows are compacted in place (their write position never passes the read position); right rows
 * wait in scratch and are copied back behind them. Row order inside each child stays ascending.
 * The loop has no data-dependent branch: each row is written to both places and only the counter of
 * its side advances (a branch on the side would be mispredicted about half the time).
 */
export function partitionRows(
  rows: Int32Array,
  scratch: Int32Array,
  start: number,
  count: number,
  bins: Uint8Array,
  column: number,
  goLeft: Uint8Array,
): number {
  let nLeft = start | 0;
  let nRight = 0;
  const col = column | 0;
  const end = (start + count) | 0;
  for (let i = start | 0; i < end; i++) {
    const r = rows[i]!;
    const left = goLeft[bins[col + r]!]!;
    rows[nLeft] = r;
    scratch[nRight] = r;
    nLeft += left;
    nRight += 1 - left;
  }
  rows.set(scratch.subarray(0, nRight), nLeft);
  return nLeft - start;
}
