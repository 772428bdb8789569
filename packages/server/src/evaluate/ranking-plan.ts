// The fast path of the weighted ranking metrics: every resample of a plan in one pass over the sorted rows.
import type { BootstrapPlan } from './bootstrap-plan.js';
import { addColumns } from './plan-columns.js';
import type { SortedScores } from './weighted-ranking.js';

/**
 * Per resample (arrays of length R): weight of failures and healthy rows above the current tie
 * group (tpPrev, fpPrev) and inside it (dTp, dFp).
 */
interface GroupStep {
  readonly tpPrev: Float64Array;
  readonly fpPrev: Float64Array;
  readonly dTp: Float64Array;
  readonly dFp: Float64Array;
}

/**
 * Walks the tie groups from the highest score down, keeping cumulative TP and FP for all R resamples,
 * and calls `visit` at each group that holds a failure (it returns false to stop the walk). Every
 * metric here changes only where TP does (AUC adds the pairs a failure wins, AP a precision,
 * recall@FAR a catch), so the many healthy-only groups cost one add per row and resample:
 *
 *   sorted:  h h F h | h | F F h | h h ...      (F failure, h healthy, | tie-group ends)
 *   work:    visit     fp+=  visit    fp+=
 *
 * Returns the totals P (tp) and N (fp) per resample, complete only when the walk was not stopped.
 */
function walkFailureGroups(sorted: SortedScores, plan: BootstrapPlan, visit: (step: GroupStep) => boolean): { tp: Float64Array; fp: Float64Array } {
  const { order, positive, tieEnd } = sorted;
  const R = plan.resamples;
  const tp = new Float64Array(R);
  const fp = new Float64Array(R);
  const dTp = new Float64Array(R);
  const dFp = new Float64Array(R);
  const step: GroupStep = { tpPrev: tp, fpPrev: fp, dTp, dFp };
  const groupRows: number[] = [];
  let healthyFrom = 0; // healthy-only groups since the last failure group: one run of fp adds
  for (let start = 0; start < order.length; ) {
    let end = start;
    let hasFailure = positive[start] === 1;
    while (tieEnd[end] === 0) {
      end++;
      if (positive[end] === 1) hasFailure = true;
    }
    if (hasFailure) {
      addColumns(fp, plan, order, healthyFrom, start);
      dTp.fill(0);
      dFp.fill(0);
      for (const into of [dTp, dFp]) {
        groupRows.length = 0;
        for (let k = start; k <= end; k++) if ((positive[k] === 1) === (into === dTp)) groupRows.push(order[k]!);
        addColumns(into, plan, groupRows, 0, groupRows.length);
      }
      if (!visit(step)) return { tp, fp };
      for (let r = 0; r < R; r++) {
        tp[r]! += dTp[r]!;
        fp[r]! += dFp[r]!;
      }
      healthyFrom = end + 1;
    }
    start = end + 1;
  }
  addColumns(fp, plan, order, healthyFrom, order.length);
  return { tp, fp };
}

/**
 * ROC-AUC and average precision of every resample from ONE walk, kept on the sorted scores per plan
 * (both metrics of a version then cost one pass). With integer counts, twice the AUC area is
 * 2 * wins + ties = sum over failure groups of dTp * (2N - 2 fpPrev - dFp) = 2PN - sum dTp * (2 fpPrev + dFp),
 * an exact integer like evaluate's trapezoid sum; AP adds the same terms in the same order as evaluate.
 */
export function planAreas(sorted: SortedScores, plan: BootstrapPlan): { auc: Float64Array; ap: Float64Array } {
  const cached = sorted.planAreas.get(plan);
  if (cached) return cached;
  const lost = new Float64Array(plan.resamples);
  const precisionSum = new Float64Array(plan.resamples);
  const { tp, fp } = walkFailureGroups(sorted, plan, ({ tpPrev, fpPrev, dTp, dFp }) => {
    for (let r = 0; r < lost.length; r++) {
      const d = dTp[r]!;
      if (d === 0) continue;
      lost[r]! += d * (2 * fpPrev[r]! + dFp[r]!);
      precisionSum[r]! += (d * (tpPrev[r]! + d)) / (tpPrev[r]! + d + fpPrev[r]! + dFp[r]!);
    }
    return true;
  });
  const auc = lost.map((l, r) => {
    const pn = tp[r]! * fp[r]!;
    return pn === 0 ? NaN : (2 * pn - l) / (2 * pn);
  });
  const ap = precisionSum.map((s, r) => (tp[r] === 0 ? NaN : s / tp[r]!));
  const areas = { auc, ap };
  sorted.planAreas.set(plan, areas);
  return areas;
}

/**
 * Recall within a false-alarm budget for every resample. N = rows - P, since every resample draws
 * plan.rows rows. FP only grows down the order, so the last failure group whose end is within budget
 * sets the recall (healthy-only groups catch nothing), and the walk stops once every resample is over
 * budget: with a 5% budget it reads little more than the top 5% of the healthy rows.
 */
export function planRecallAtFalseAlarmRate(sorted: SortedScores, plan: BootstrapPlan, maxFpr: number): Float64Array {
  const totalPositive = planTotals(sorted.positives, plan);
  const caught = new Float64Array(plan.resamples);
  walkFailureGroups(sorted, plan, ({ tpPrev, fpPrev, dTp, dFp }) => {
    let within = 0;
    for (let r = 0; r < caught.length; r++) {
      if ((fpPrev[r]! + dFp[r]!) / (plan.rows - totalPositive[r]!) <= maxFpr) {
        caught[r] = tpPrev[r]! + dTp[r]!;
        within++;
      }
    }
    return within > 0;
  });
  return caught.map((c, r) => {
    const p = totalPositive[r]!;
    return p === 0 || p === plan.rows ? NaN : c / p;
  });
}

/** Total weight of the given rows in each resample. */
function planTotals(rows: Int32Array, plan: BootstrapPlan): Float64Array {
  const out = new Float64Array(plan.resamples);
  addColumns(out, plan, rows, 0, rows.length);
  return out;
}
