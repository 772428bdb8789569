// A comparison of scored versions on frozen sets: metric cells (whole set and slices), decision flips, cost lines.
import { ShopfloorError, type ComparisonCell, type CostLine, type Costs, type DecisionFlips, type Practice } from '@shopfloor/contracts';
import { practiceCostPer1000 } from '../../decide/index.js';
import type { TypedTable } from '../../ingest/index.js';
import { decisionFlips } from './flips.js';
import { estimateVersions, metricSpecs, type EstimateOptions, type MetricSpec } from './metric-table.js';
import type { ScoredSet } from './score-set.js';

export interface CompareOptions extends EstimateOptions {
  costs: Costs;
  classes: readonly string[] | undefined;
  /** Columns to slice every set by (categorical or boolean). */
  slices: readonly string[];
  maxFlipExamples: number;
  volumePerMonth: number | undefined;
  practice: Practice;
  keyOf: (table: TypedTable) => (row: number) => string | null;
}

export interface ComparedSets {
  metrics: MetricSpec[];
  cells: ComparisonCell[];
  flips: DecisionFlips[];
  cost: CostLine[];
}

/** Entries of the scored rows grouped by their value in a categorical or boolean column (missing values apart). */
export function sliceGroups(set: ScoredSet, column: string): { value: string; entries: Int32Array }[] {
  const c = set.table.columns.find((col) => col.name === column);
  if (c === undefined) throw new ShopfloorError('COMPARE_INVALID', `set "${set.ref.name}" has no column "${column}" to slice by`, { field: 'slices', column, set: set.ref.name });
  let valueOf: (row: number) => string | null;
  if (c.kind === 'categorical') valueOf = (r) => (c.codes[r]! < 0 ? null : c.levels[c.codes[r]!]!);
  else if (c.kind === 'boolean') valueOf = (r) => (c.values[r] === 0 ? 'false' : c.values[r] === 1 ? 'true' : null);
  else if (c.kind === 'id') valueOf = (r) => c.values[r] ?? null;
  else throw new ShopfloorError('COMPARE_INVALID', `column "${column}" is ${c.kind}: slice by a categorical, boolean or id column`, { field: 'slices', column, kind: c.kind });
  const groups = new Map<string, number[]>();
  for (let i = 0; i < set.rows.length; i++) {
    const v = valueOf(set.rows[i]!);
    if (v === null) continue;
    let g = groups.get(v);
    if (g === undefined) groups.set(v, (g = []));
    g.push(i);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, entries]) => ({ value, entries: Int32Array.from(entries) }));
}

function costLines(set: ScoredSet, whole: ComparisonCell, options: CompareOptions): CostLine[] {
  const practice = practiceCostPer1000(set.labels, options.costs, options.practice);
  return whole.versions.map((v, index) => {
    const cost = v.metrics.cost_per_1000!;
    const value = cost.value ?? Number.NaN;
    const perMonth = options.volumePerMonth === undefined ? null : { volume: options.volumePerMonth, cost: (value * options.volumePerMonth) / 1000, saving: ((practice - value) * options.volumePerMonth) / 1000 };
    return {
      modelVersionId: v.modelVersionId,
      set: set.ref.name,
      currency: options.costs.currency,
      costPer1000: cost,
      differencePer1000: index === 0 ? null : (v.differences.find((d) => d.metric === 'cost_per_1000') ?? null),
      practice: { kind: options.practice.kind, costPer1000: practice },
      savingPer1000: practice - value,
      perMonth,
    };
  });
}

/** Everything a comparison computes from scored sets; the first version of every set is the baseline. */
export function compareScoredSets(sets: readonly ScoredSet[], options: CompareOptions): ComparedSets {
  const metrics = metricSpecs(options.costs);
  const k = options.costs.kind === 'multiclass' ? options.costs.classes.length : 1;
  const cells: ComparisonCell[] = [];
  const flips: DecisionFlips[] = [];
  const cost: CostLine[] = [];
  for (const set of sets) {
    const whole: ComparisonCell = { set: set.ref.name, slice: null, rows: set.labels.length, versions: estimateVersions(set, null, metrics, options) };
    cells.push(whole);
    for (const column of options.slices) {
      for (const { value, entries } of sliceGroups(set, column)) {
        cells.push({ set: set.ref.name, slice: { column, value }, rows: entries.length, versions: estimateVersions(set, entries, metrics, options, `${column}=${value}`) });
      }
    }
    flips.push(...decisionFlips(set, { costs: options.costs, classes: options.classes, k, maxExamples: options.maxFlipExamples, keyOf: options.keyOf(set.table) }));
    cost.push(...costLines(set, whole, options));
  }
  return { metrics, cells, flips, cost };
}
