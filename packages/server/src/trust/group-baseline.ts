// Fits each redundancy-group member's clean difference to the group median (centre and robust scale) for the drift check.
import type { SensorSpec } from '@shopfloor/contracts';
import type { DifferenceBaseline } from './check-drift.js';
import { inRange } from './reading-rules.js';
import { median, meanAbsDeviation, robustSigma } from './stats.js';

/** Median of the first n values of a small scratch array (insertion sort: groups have a handful of members). */
export function smallMedian(a: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return n & 1 ? a[n >> 1]! : (a[(n >> 1) - 1]! + a[n >> 1]!) / 2;
}

/**
 * members: the group's sensors with readings aligned on the same times (values[j][i] = member j at time i).
 * Returns each member's DifferenceBaseline, keyed by sensor id.
 */
export function fitGroupBaseline(members: { spec: SensorSpec; values: Float64Array }[]): Record<string, DifferenceBaseline> {
  if (members.length < 2) throw new Error('fitGroupBaseline: a redundancy group needs at least 2 sensors');
  const n = members[0]!.values.length;
  for (const m of members) if (m.values.length !== n) throw new Error(`fitGroupBaseline: ${m.spec.id} has ${m.values.length} readings, ${members[0]!.spec.id} has ${n}; align them on the same times`);
  const diffs = members.map(() => [] as number[]);
  const scratch = new Float64Array(members.length);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (const m of members) if (inRange(m.spec, m.values[i]!)) scratch[k++] = m.values[i]!;
    if (k < 2) continue;
    const med = smallMedian(scratch, k);
    members.forEach((m, j) => {
      const v = m.values[i]!;
      if (inRange(m.spec, v)) diffs[j]!.push(v - med);
    });
  }
  const out: Record<string, DifferenceBaseline> = {};
  members.forEach((m, j) => {
    const d = diffs[j]!;
    if (d.length < 20) throw new Error(`fitGroupBaseline: ${m.spec.id} has ${d.length} readings aligned with its group; need at least 20`);
    const center = median(d);
    const scale = Math.max(robustSigma(d, center), 1.2533 * meanAbsDeviation(d, center), m.spec.resolution / 2, 1e-12);
    out[m.spec.id] = { center, scale };
  });
  return out;
}
