// Multiclass cost math: the K x K matrix checked and aligned to the target's classes, argmin decisions, cost per 1,000, baseline.
import type { Decision, MulticlassCosts } from '@shopfloor/contracts';
import type { Baseline } from './binary-costs.js';
import { checkClassIndices, checkNonEmpty, checkSameLength, invalidCosts, invalidInput } from './check-input.js';

/** Checks matrix[true][decided] is K x K over K distinct classes with finite entries; the error names the offending row. */
export function checkMulticlassCosts(costs: MulticlassCosts): void {
  const k = costs.classes.length;
  const seen = new Set<string>();
  for (const c of costs.classes) {
    if (seen.has(c)) throw invalidCosts('classes', `class "${c}" appears twice`, { received: c });
    seen.add(c);
  }
  if (costs.matrix.length !== k) {
    throw invalidCosts('matrix', `has ${costs.matrix.length} rows, expected ${k} (one per true class: ${costs.classes.join(', ')})`);
  }
  costs.matrix.forEach((row, r) => {
    const name = costs.classes[r]!;
    if (row.length !== k) throw invalidCosts(`matrix[${r}]`, `row "${name}" has ${row.length} entries, expected ${k}`, { row: r, class: name });
    row.forEach((v, d) => {
      if (!Number.isFinite(v)) throw invalidCosts(`matrix[${r}][${d}]`, `row "${name}" holds ${String(v)}`, { row: r, class: name });
    });
  });
}

/**
 * Reorders the cost table to the target's class order (the model's probability columns, negative
 * class first), so class index i means targetClasses[i] everywhere downstream. The two class lists
 * must hold the same names.
 */
export function alignMulticlassCosts(costs: MulticlassCosts, targetClasses: readonly string[]): MulticlassCosts {
  checkMulticlassCosts(costs);
  const position = new Map(costs.classes.map((c, i) => [c, i]));
  const missing = targetClasses.filter((c) => !position.has(c));
  const target = new Set(targetClasses);
  const extra = costs.classes.filter((c) => !target.has(c));
  if (missing.length > 0 || extra.length > 0 || targetClasses.length !== costs.classes.length) {
    throw invalidCosts('classes', `must list the target's classes [${targetClasses.join(', ')}]; missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`, {
      expected: [...targetClasses],
      received: costs.classes,
    });
  }
  const from = targetClasses.map((c) => position.get(c)!);
  return { ...costs, classes: [...targetClasses], matrix: from.map((r) => from.map((d) => costs.matrix[r]![d]!)) };
}

/** Expected cost of deciding class d given probabilities p: sum_k p[k] * matrix[k][d]. Writes K entries into out. */
function expectedCosts(costs: MulticlassCosts, p: ArrayLike<number>, offset: number, out: Float64Array): void {
  const k = costs.classes.length;
  out.fill(0);
  for (let t = 0; t < k; t++) {
    const pt = p[offset + t]!;
    const row = costs.matrix[t]!;
    for (let d = 0; d < k; d++) out[d]! += pt * row[d]!;
  }
}

function argmin(values: Float64Array): number {
  let best = 0;
  for (let d = 1; d < values.length; d++) if (values[d]! < values[best]!) best = d;
  return best;
}

/** One decision: the class of lowest expected cost. `act` is true when it is not the first (normal) class. */
export function decideMulticlass(probabilities: ArrayLike<number>, costs: MulticlassCosts): Decision {
  checkMulticlassCosts(costs);
  const k = costs.classes.length;
  if (probabilities.length !== k) throw invalidInput('probabilities', `has ${probabilities.length} entries, expected ${k}`);
  let sum = 0;
  for (let t = 0; t < k; t++) {
    const v = probabilities[t]!;
    if (!(v >= 0 && v <= 1)) throw invalidInput('probabilities', `entry ${t} is ${String(v)}, expected a probability`, { column: t });
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-6) throw invalidInput('probabilities', `sum to ${sum}, expected 1`);
  const costsByDecision = new Float64Array(k);
  expectedCosts(costs, probabilities, 0, costsByDecision);
  const d = argmin(costsByDecision);
  return { label: costs.classes[d]!, act: d !== 0, expectedCost: costsByDecision[d]!, currency: costs.currency };
}

/** Decisions for many rows: probabilities row-major, n x K (the learner's multiclass output). */
export function multiclassDecisions(probabilities: ArrayLike<number>, costs: MulticlassCosts): Int32Array {
  checkMulticlassCosts(costs);
  const k = costs.classes.length;
  if (probabilities.length % k !== 0) throw invalidInput('probabilities', `length ${probabilities.length} is not a multiple of ${k} classes`);
  const n = probabilities.length / k;
  const out = new Int32Array(n);
  const scratch = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    expectedCosts(costs, probabilities, i * k, scratch);
    out[i] = argmin(scratch);
  }
  return out;
}

/** Realised cost matrix[label][decision], averaged and scaled to 1,000 predictions. */
export function multiclassCostPer1000(decisions: ArrayLike<number>, labels: ArrayLike<number>, costs: MulticlassCosts): number {
  checkMulticlassCosts(costs);
  checkNonEmpty('labels', labels);
  checkSameLength('labels', labels, 'decisions', decisions);
  const k = costs.classes.length;
  checkClassIndices('labels', labels, k);
  checkClassIndices('decisions', decisions, k);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += costs.matrix[labels[i]!]![decisions[i]!]!;
  return (1000 * total) / labels.length;
}

/** The best constant class without a model; ties go to the earlier class (the first is normal operation). */
export function multiclassBaseline(labels: ArrayLike<number>, costs: MulticlassCosts): Baseline {
  checkMulticlassCosts(costs);
  checkNonEmpty('labels', labels);
  const k = costs.classes.length;
  checkClassIndices('labels', labels, k);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const totals = new Float64Array(k);
  expectedCosts(costs, counts, 0, totals);
  const d = argmin(totals);
  return { costPer1000: (1000 * totals[d]!) / labels.length, label: costs.classes[d]! };
}
