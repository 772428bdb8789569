// The gate's verdict from a comparison of [against, candidate]: tolerances per metric, cost, the no-model bar, model tests.
import { COMPARISON_METRICS, ShopfloorError, type Comparison, type GateCheck, type Task } from '@shopfloor/contracts';
import { num } from './format.js';

/** Worsening allowed per metric when the request names none (absolute; regression metrics are in target units, so none by default). */
export const DEFAULT_TOLERANCES: Record<Task, Record<string, number>> = {
  binary: { roc_auc: 0.01, pr_auc: 0.03 },
  multiclass: { accuracy: 0.01, log_loss: 0.02 },
  regression: {},
};

export interface GateSettings {
  tolerances: Record<string, number>;
  /** Largest relative rise of cost per 1,000 on the benchmark set. */
  maxCostIncrease: number;
}


/** COMPARE_INVALID when a tolerance names a metric the comparison does not report for this task. */
export function checkTolerances(comparison: Pick<Comparison, 'metrics'>, tolerances: Record<string, number>): void {
  const known = new Set(comparison.metrics.map((m) => m.name));
  for (const name of Object.keys(tolerances)) {
    if (!known.has(name)) {
      throw new ShopfloorError('COMPARE_INVALID', `tolerance for "${name}": this use case's comparison reports ${[...known].join(', ')}`, { field: `tolerances.${name}`, allowed: [...known] });
    }
  }
}

/**
 * Checks on every set's whole-set cell (slices are reported, not gated): each toleranced metric may not
 * worsen by more than its tolerance (point estimates; the interval and paired p-value are in the report),
 * and on the benchmark set the cost per 1,000 may rise by at most maxCostIncrease of the against version's
 * (absolute) cost. Comparison versions are [against, candidate].
 */
export function comparisonChecks(comparison: Comparison, settings: GateSettings): GateCheck[] {
  checkTolerances(comparison, settings.tolerances);
  const checks: GateCheck[] = [];
  for (const cell of comparison.cells) {
    if (cell.slice !== null) continue;
    const [against, candidate] = cell.versions;
    if (against === undefined || candidate === undefined) continue;
    for (const [metric, tolerance] of Object.entries(settings.tolerances)) {
      const a = against.metrics[metric]?.value ?? null;
      const c = candidate.metrics[metric]?.value ?? null;
      const d = candidate.differences.find((x) => x.metric === metric);
      const name = `${metric} on ${cell.set}`;
      if (a === null || c === null) {
        checks.push({ name, passed: true, measured: null, limit: tolerance, detail: `not defined on these ${cell.rows} rows (for example one class only); not gated` });
        continue;
      }
      const better = COMPARISON_METRICS[metric as keyof typeof COMPARISON_METRICS] ?? 'higher';
      const worsening = better === 'higher' ? a - c : c - a;
      const p = d?.pValue ?? null;
      checks.push({
        name,
        passed: worsening <= tolerance + 1e-12,
        measured: worsening,
        limit: tolerance,
        detail: `${num(a)} -> ${num(c)} (${worsening > 0 ? `worse by ${num(worsening)}` : worsening < 0 ? `better by ${num(-worsening)}` : 'unchanged'}, allowed ${num(tolerance)}${p === null ? '' : `; paired p = ${num(p, 2)}`})`,
      });
    }
  }
  const bench = comparison.cost.filter((line) => line.set === 'benchmark');
  const [againstCost, candidateCost] = bench;
  if (againstCost !== undefined && candidateCost !== undefined) {
    const a = againstCost.costPer1000.value ?? Number.NaN;
    const c = candidateCost.costPer1000.value ?? Number.NaN;
    const limit = settings.maxCostIncrease * Math.abs(a);
    checks.push({
      name: 'cost per 1,000 on benchmark',
      passed: c - a <= limit + 1e-9,
      measured: c - a,
      limit,
      detail: `${num(a)} -> ${num(c)} ${candidateCost.currency} per 1,000 predictions (rise allowed: ${num(limit)}, ${(settings.maxCostIncrease * 100).toFixed(1)}%)`,
    });
  }
  return checks;
}

/** The candidate (last version) must cost less on the benchmark than deciding without a model, the bar the first champion cleared too. */
export function noModelCheck(comparison: Comparison): GateCheck {
  const line = comparison.cost.filter((l) => l.set === 'benchmark').at(-1)!;
  const cost = line.costPer1000.value ?? Number.NaN;
  const noModel = line.practice.costPer1000;
  const currency = line.currency;
  return {
    name: 'beats the current practice',
    passed: cost < noModel,
    measured: cost,
    limit: noModel,
    detail: `${num(cost)} vs ${num(noModel)} ${currency} per 1,000 predictions without the model`,
  };
}
