// Scores every model version on the rows of one frozen set, the way training measured its test rows.
import type { GbdtModel, Matrix } from '@shopfloor/gbdt';
import type { Costs, DecisionRule, Label, SetRef, UseCase, VersionRef } from '@shopfloor/contracts';
import { applyDecisionRule, rowCosts } from '../../decide/index.js';
import type { TypedTable } from '../../ingest/index.js';
import { buildMatrix, rowTargets } from '../../learn/index.js';

/** One model version ready to be scored: the model and the decision rule stored with it. */
export interface VersionModel {
  ref: VersionRef;
  model: GbdtModel;
  decisionRule: DecisionRule;
}

/** The rows of one frozen set (benchmark or edge-case), as a typed table with the target column. */
export interface SetTable {
  ref: SetRef;
  table: TypedTable;
  /** The table rows that belong to the set; all of them when absent. */
  rows?: Int32Array | undefined;
}

export interface VersionScores {
  ref: VersionRef;
  /** As the model predicts (binary P(event), multiclass row-major n x K, regression value). */
  predictions: Float64Array;
  /** decision-rule.ts conventions: act flags or class indices. */
  decisions: Uint8Array | Int32Array;
  /** Realised cost of each decision in the use case currency. */
  costs: Float64Array;
}

export interface ScoredSet {
  ref: SetRef;
  /** Rows with a target value, in set order: `rows[i]` is the set row of entry i. */
  rows: Int32Array;
  labels: Float64Array;
  table: TypedTable;
  versions: VersionScores[];
}

/** Feature matrix for one model from any table (learn's buildMatrix maps categories by name). */
export function matrixForModel(table: TypedTable, model: GbdtModel, rows: Int32Array): Matrix {
  return buildMatrix(table, model.features, rows);
}

/**
 * Targets of the set (rows without one are left out: from the target column, or from the standing labels
 * when the use case derives its target from them) and every version's predictions, decisions and costs.
 */
export function scoreSet(
  useCase: Pick<UseCase, 'target' | 'classes' | 'labelTarget' | 'entityColumn' | 'timeColumn'> & { costs: Costs },
  set: SetTable,
  versions: readonly VersionModel[],
  standingLabels: readonly Label[] = [],
): ScoredSet {
  const all = rowTargets(set.table, useCase, standingLabels).targets;
  const kept: number[] = [];
  const candidates = set.rows ?? Int32Array.from({ length: set.table.rows }, (_, r) => r);
  for (const r of candidates) if (!Number.isNaN(all[r]!)) kept.push(r);
  const rows = Int32Array.from(kept);
  const labels = Float64Array.from(rows, (r) => all[r]!);
  return {
    ref: set.ref,
    rows,
    labels,
    table: set.table,
    versions: versions.map((v) => {
      const predictions = v.model.predict(matrixForModel(set.table, v.model, rows));
      const decisions = applyDecisionRule(predictions, v.decisionRule, useCase.costs);
      return { ref: v.ref, predictions, decisions, costs: rowCosts(decisions, labels, useCase.costs) };
    }),
  };
}
