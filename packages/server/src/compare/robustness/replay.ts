// Replays a frozen set with one sensor failed at a time, in every failure mode, and ranks the sensors by the money a failure costs.
import { FAILURE_MODES, ShopfloorError, type Costs, type FailureOutcome, type Label, type SensorCriticality, type UseCase } from '@shopfloor/contracts';
import type { Matrix } from '@shopfloor/gbdt';
import { applyDecisionRule, rowCosts } from '../../decide/index.js';
import { accuracy, rmse, rocAuc } from '../../evaluate/index.js';
import { matrixForModel, scoreSet, type SetTable, type VersionModel } from '../versions/score-set.js';
import { findingText, failureDescription, type PrimaryMetric } from './describe.js';
import { failSensor, modeSeed, sensorSpread } from './failure-modes.js';
import { sensorInputs, type SensorInput, type SensorSource } from './sensor-inputs.js';
import { timeGroups } from './time-groups.js';

export type ReplayUseCase = Pick<UseCase, 'target' | 'classes' | 'labelTarget' | 'entityColumn' | 'timeColumn' | 'features' | 'inputs'> & { costs: Costs };

export interface SensorReplay {
  /** Rows with a target, the ones replayed. */
  rows: number;
  metric: PrimaryMetric;
  better: 'higher' | 'lower';
  sensorSource: SensorSource;
  baseline: { metric: number | null; costPer1000: number };
  /** Most critical first. */
  sensors: SensorCriticality[];
}

const PRIMARY: Record<Costs['kind'], { metric: PrimaryMetric; better: 'higher' | 'lower' }> = {
  binary: { metric: 'roc_auc', better: 'higher' },
  regression: { metric: 'rmse', better: 'lower' },
  multiclass: { metric: 'accuracy', better: 'higher' },
};

/** Binary ROC-AUC of P(event), regression RMSE, multiclass accuracy of the decided class; null where undefined (one class). */
function primaryMetric(kind: Costs['kind'], labels: Float64Array, predictions: Float64Array, decisions: ArrayLike<number>): number | null {
  const v = kind === 'binary' ? rocAuc(labels, predictions) : kind === 'regression' ? rmse(labels, predictions) : accuracy(labels, decisions);
  return Number.isFinite(v) ? v : null;
}

const mean1000 = (costs: Float64Array): number => (1000 * costs.reduce((s, c) => s + c, 0)) / costs.length;

interface Healthy {
  kind: Costs['kind'];
  labels: Float64Array;
  matrix: Matrix;
  groups: Int32Array[];
  decisions: ArrayLike<number>;
  baseline: SensorReplay['baseline'];
}

/** One sensor failed in every mode: the matrix with only that sensor's column replaced, scored like the healthy rows. */
function replaySensor(useCase: ReplayUseCase, version: VersionModel, healthy: Healthy, sensor: SensorInput, index: number, seed: number): Omit<SensorCriticality, 'rank'> {
  const { matrix, labels, groups, baseline } = healthy;
  const n = matrix.nRows;
  const p = matrix.nFeatures;
  const values = Float64Array.from({ length: n }, (_, i) => matrix.values[i * p + sensor.column]!);
  const sigma = sensorSpread(values);
  // One copy per sensor: every mode rewrites the whole column, the others stay healthy.
  const knocked: Matrix = { ...matrix, values: Float64Array.from(matrix.values) };
  const modes = FAILURE_MODES.map((mode): FailureOutcome => {
    const failed = failSensor({ values, groups }, mode, sigma, modeSeed(seed, index, mode));
    for (let i = 0; i < n; i++) knocked.values[i * p + sensor.column] = failed.values[i]!;
    const predictions = version.model.predict(knocked);
    const decisions = applyDecisionRule(predictions, version.decisionRule, useCase.costs);
    const costPer1000 = mean1000(rowCosts(decisions, labels, useCase.costs));
    const after = primaryMetric(healthy.kind, labels, predictions, decisions);
    let changed = 0;
    for (let i = 0; i < n; i++) if (decisions[i] !== healthy.decisions[i]) changed++;
    return {
      mode,
      description: failureDescription(mode, failed.size, sensor.unit, groups.length),
      metricBefore: baseline.metric,
      metricAfter: after,
      metricChange: after === null || baseline.metric === null ? null : after - baseline.metric,
      costPer1000Before: baseline.costPer1000,
      costPer1000After: costPer1000,
      costPer1000Change: costPer1000 - baseline.costPer1000,
      decisionsChanged: changed / n,
    };
  });
  const worst = modes.reduce((a, b) => (b.costPer1000Change > a.costPer1000Change || (b.costPer1000Change === a.costPer1000Change && b.decisionsChanged > a.decisionsChanged) ? b : a));
  return {
    feature: sensor.feature,
    sensorId: sensor.sensorId,
    unit: sensor.unit,
    robustSigma: sigma,
    criticality: worst.costPer1000Change,
    worstMode: worst.mode,
    finding: findingText(sensor.feature, worst, PRIMARY[healthy.kind].metric, useCase.costs.currency),
    modes,
  };
}

/**
 * Every (sensor, mode) replay scores the same rows as the healthy baseline with exactly one matrix column
 * replaced, so differences are paired row by row. Criticality = the worst cost increase per 1,000 over
 * the modes; ties go to the larger share of changed decisions, then to the feature name.
 */
export function replaySensorFailures(useCase: ReplayUseCase, set: SetTable, version: VersionModel, standingLabels: readonly Label[], seed: number): SensorReplay {
  const { sensors, source } = sensorInputs(useCase, version.model);
  const scored = scoreSet(useCase, set, [version], standingLabels);
  if (scored.rows.length === 0) {
    throw new ShopfloorError('ROBUSTNESS_INVALID', `The ${set.ref.name} set has no row with a target value to replay`, { reason: 'no-rows', set: set.ref.name });
  }
  const kind = useCase.costs.kind;
  const base = scored.versions[0]!;
  const healthy: Healthy = {
    kind,
    labels: scored.labels,
    matrix: matrixForModel(scored.table, version.model, scored.rows),
    groups: timeGroups(scored.table, scored.rows, useCase),
    decisions: base.decisions,
    baseline: { metric: primaryMetric(kind, scored.labels, base.predictions, base.decisions), costPer1000: mean1000(base.costs) },
  };
  const ranked = sensors.map((sensor, s) => replaySensor(useCase, version, healthy, sensor, s, seed));
  const worstShare = (c: Omit<SensorCriticality, 'rank'>) => c.modes.find((m) => m.mode === c.worstMode)!.decisionsChanged;
  ranked.sort((a, b) => b.criticality - a.criticality || worstShare(b) - worstShare(a) || a.feature.localeCompare(b.feature));
  return { rows: scored.rows.length, ...PRIMARY[kind], sensorSource: source, baseline: healthy.baseline, sensors: ranked.map((c, k) => ({ rank: k + 1, ...c })) };
}
