// Decision flips: the rows whose decision a version changes against the baseline, priced with their realised cost.
import type { Costs, DecisionFlips } from '@shopfloor/contracts';
import type { ScoredSet } from './score-set.js';

/** The words of decision d (decision-rule.ts conventions) for the use case: "alarm", "no alarm", a class, "act", "wait". */
export function decisionText(costs: Costs, d: number): string {
  switch (costs.kind) {
    case 'binary':
      return d === 1 ? (costs.actionName ?? 'alarm') : `no ${costs.actionName ?? 'alarm'}`;
    case 'multiclass':
      return costs.classes[d] ?? String(d);
    case 'regression':
      return d === 1 ? (costs.actionName ?? 'act') : 'wait';
  }
}

function truthText(costs: Costs, classes: readonly string[] | undefined, label: number): string {
  if (costs.kind === 'regression') return String(label);
  return classes?.[label] ?? String(label);
}

/** The score shown for a row: the prediction, or for multiclass the probability of the decided class. */
function shownScore(predictions: Float64Array, k: number, i: number, decision: number): number {
  return k === 1 ? predictions[i]! : predictions[i * k + decision]!;
}

export interface FlipOptions {
  costs: Costs;
  classes: readonly string[] | undefined;
  /** Classes per row in predictions (1 unless multiclass). */
  k: number;
  maxExamples: number;
  /** The row key shown with an example (e.g. the UDI), or null. */
  keyOf: (setRow: number) => string | null;
}

/**
 * For each version after the baseline (index 0): how many decisions differ, how many of those it fixed
 * (its realised cost is lower than the baseline's on that row) or broke (higher), and examples, the
 * costliest broken rows first, then the costliest fixed ones.
 */
export function decisionFlips(set: ScoredSet, options: FlipOptions): DecisionFlips[] {
  const [base, ...others] = set.versions;
  if (base === undefined) return [];
  return others.map((v) => {
    const flipped: number[] = [];
    let fixed = 0;
    let broken = 0;
    for (let i = 0; i < set.labels.length; i++) {
      if (v.decisions[i] === base.decisions[i]) continue;
      flipped.push(i);
      if (v.costs[i]! < base.costs[i]!) fixed++;
      else if (v.costs[i]! > base.costs[i]!) broken++;
    }
    const delta = (i: number) => v.costs[i]! - base.costs[i]!;
    const order = [...flipped].sort((a, b) => delta(b) - delta(a) || a - b);
    const picked = [...order.filter((i) => delta(i) > 0), ...order.filter((i) => delta(i) <= 0).reverse()].slice(0, options.maxExamples);
    return {
      modelVersionId: v.ref.id,
      set: set.ref.name,
      flips: flipped.length,
      share: set.labels.length === 0 ? 0 : flipped.length / set.labels.length,
      fixed,
      broken,
      examples: picked.map((i) => ({
        row: set.rows[i]! + 1,
        key: options.keyOf(set.rows[i]!),
        truth: truthText(options.costs, options.classes, set.labels[i]!),
        baseline: { score: shownScore(base.predictions, options.k, i, base.decisions[i]!), decision: decisionText(options.costs, base.decisions[i]!) },
        candidate: { score: shownScore(v.predictions, options.k, i, v.decisions[i]!), decision: decisionText(options.costs, v.decisions[i]!) },
      })),
    };
  });
}
