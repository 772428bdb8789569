// The threshold scan behind every cost-optimal rule: try every cut of the sorted scores, keep the cheapest, prefer a point.
import { nextDown, nextUp } from './next-double.js';

/**
 * Keys sorted descending and grouped into distinct values u1 > u2 > ... > um. Cut j acts on the
 * first j groups; every threshold t in that cut's interval gives the same decisions:
 *
 *              inclusive (act iff key >= t)     exclusive (act iff key > t)
 *   j = 0      (u1, +inf)                       [u1, +inf)
 *   0 < j < m  (u(j+1), uj]                     [u(j+1), uj)
 *   j = m      (-inf, um]                       (-inf, um)
 *
 *   key axis:  -inf ---- um ---- ... ---- u2 ---- u1 ---- +inf
 *              |  cut m  |   ...   | cut 1 | cut 0 |
 *
 * Among the cuts of lowest total cost (equal within rounding), the threshold returned is the point
 * of their intervals nearest `preferred` (the Bayes threshold, or the action threshold itself):
 * `preferred` itself when it lies inside, else the nearest end (an open end moves one double inward).
 * Validation data cannot tell thresholds inside one interval apart, so the prior decides.
 */
export interface CutScanResult {
  threshold: number;
  /** Sum of the per-item costs under the chosen cut. */
  totalCost: number;
  /** Items acted on under the chosen cut. */
  actCount: number;
}

/** keys[i]: item i's score; costAct[i] / costWait[i]: what item i costs if acted on / not. Length n >= 1, keys finite. */
export function scanCuts(
  keys: ArrayLike<number>,
  costAct: Float64Array,
  costWait: Float64Array,
  preferred: number,
  inclusive: boolean,
): CutScanResult {
  const n = keys.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => keys[b]! - keys[a]!);

  // Pass 1: cumulative cost of each cut. upper[j - 1] = uj; cutCost[j], cutActs[j] for j = 0..m.
  const upper: number[] = [];
  let total = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    total += costWait[i]!;
    scale += Math.abs(costWait[i]!) + Math.abs(costAct[i]!);
  }
  const cutCost: number[] = [total];
  const cutActs: number[] = [0];
  for (let r = 0; r < n; ) {
    const value = keys[order[r]!]!;
    while (r < n && keys[order[r]!]! === value) {
      const i = order[r]!;
      total += costAct[i]! - costWait[i]!;
      r++;
    }
    upper.push(value);
    cutCost.push(total);
    cutActs.push(r);
  }

  // Pass 2: among the cheapest cuts, the interval point nearest the preferred threshold.
  let best = Infinity;
  for (const c of cutCost) best = Math.min(best, c);
  const tolerance = 1e-12 * scale;
  let chosen = -1;
  let chosenThreshold = NaN;
  let chosenDistance = Infinity;
  for (let j = 0; j < cutCost.length; j++) {
    if (cutCost[j]! > best + tolerance) continue;
    const t = nearestInCut(j, upper, preferred, inclusive);
    const distance = Math.abs(t - preferred);
    if (distance < chosenDistance) {
      chosen = j;
      chosenThreshold = t;
      chosenDistance = distance;
    }
  }
  return { threshold: chosenThreshold, totalCost: cutCost[chosen]!, actCount: cutActs[chosen]! };
}

/** The point of cut j's interval (see the table above) nearest `preferred`. */
function nearestInCut(j: number, upper: readonly number[], preferred: number, inclusive: boolean): number {
  const m = upper.length;
  const hi = j === 0 ? Infinity : upper[j - 1]!;
  const lo = j === m ? -Infinity : upper[j]!;
  // inclusive: (lo, hi]; exclusive: [lo, hi)
  if (inclusive) {
    if (preferred > hi) return hi;
    if (preferred <= lo) return nextUp(lo);
    return preferred;
  }
  if (preferred >= hi) return nextDown(hi);
  if (preferred < lo) return lo;
  return preferred;
}
