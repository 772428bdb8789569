// Inner loops of the plan fast path: add rows' count columns (R resamples each) into per-resample accumulators.
import type { BootstrapPlan } from './bootstrap-plan.js';

/**
 * into[r] += sum over k in [from, to) of counts[rows[k]][r] * (terms ? terms[k] : 1), for all R resamples.
 * Four rows per sweep of `into`, so the accumulators are loaded and stored a quarter as often (the
 * counts themselves stream through once, whatever the order).
 */
export function addColumns(into: Float64Array, plan: BootstrapPlan, rows: ArrayLike<number>, from: number, to: number, terms?: ArrayLike<number>): void {
  const { resamples: R, counts } = plan;
  let k = from;
  for (; k + 3 < to; k += 4) {
    const a = rows[k]! * R, b = rows[k + 1]! * R, c = rows[k + 2]! * R, d = rows[k + 3]! * R;
    if (terms === undefined) {
      for (let r = 0; r < R; r++) into[r]! += counts[a + r]! + counts[b + r]! + counts[c + r]! + counts[d + r]!;
    } else {
      const ta = terms[k]!, tb = terms[k + 1]!, tc = terms[k + 2]!, td = terms[k + 3]!;
      for (let r = 0; r < R; r++) into[r]! += counts[a + r]! * ta + counts[b + r]! * tb + counts[c + r]! * tc + counts[d + r]! * td;
    }
  }
  for (; k < to; k++) {
    const a = rows[k]! * R;
    const t = terms === undefined ? 1 : terms[k]!;
    for (let r = 0; r < R; r++) into[r]! += counts[a + r]! * t;
  }
}
