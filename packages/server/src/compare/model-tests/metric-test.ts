// Minimum metric on a slice: the version's scores and decisions on the labelled rows, measured with evaluate's metric functions.
import { MODEL_TEST_METRICS, type ModelTestMetric, type ModelTestSpec, type UseCase } from '@shopfloor/contracts';
import type { ModelPrediction as Prediction } from '../../serve/index.js';
import { accuracy, f1Score, macroF1 } from '../../evaluate/index.js';
import { macroOvrAuc } from '../../evaluate/index.js';
import { averagePrecision, rocAuc } from '../../evaluate/index.js';
import { mae, rmse } from '../../evaluate/index.js';
import { rowTargets } from '../../learn/index.js';
import { evaluationSetTable } from '../sets/set-rows.js';
import type { Outcome, TestContext } from './context.js';
import { predictRows } from './scoring.js';
import { testInvalid } from './test-values.js';

type MetricSpec = Extract<ModelTestSpec, { kind: 'minimum-metric' }>;

const METRICS_OF_TASK: Record<UseCase['task'], readonly ModelTestMetric[]> = {
  binary: ['roc_auc', 'pr_auc', 'f1', 'accuracy', 'recall', 'precision'],
  multiclass: ['roc_auc', 'accuracy', 'macro_f1'],
  regression: ['rmse', 'mae'],
};

export function checkMetric(task: UseCase['task'], metric: ModelTestMetric): void {
  if (!METRICS_OF_TASK[task].includes(metric)) {
    throw testInvalid('metric', `${metric} is not measured for a ${task} use case; use one of ${METRICS_OF_TASK[task].join(', ')}`, { metric, allowed: [...METRICS_OF_TASK[task]] });
  }
}

/** Share of actual events (label 1) the decisions act on: TP / (TP + FN); NaN without events. */
function recall(labels: ArrayLike<number>, acts: ArrayLike<number>): number {
  let tp = 0;
  let events = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) (events++, (tp += acts[i]!));
  return events === 0 ? Number.NaN : tp / events;
}

/** Share of actions that met an event: TP / (TP + FP); NaN without actions. */
function precision(labels: ArrayLike<number>, acts: ArrayLike<number>): number {
  let tp = 0;
  let alarms = 0;
  for (let i = 0; i < labels.length; i++) if (acts[i] === 1) (alarms++, (tp += labels[i]!));
  return alarms === 0 ? Number.NaN : tp / alarms;
}

function measure(metric: ModelTestMetric, useCase: TestContext['useCase'], labels: Float64Array, predictions: Prediction[]): number {
  const classes = useCase.classes ?? [];
  const scores = predictions.map((p) => p.score);
  const decided = predictions.map((p) => (classes.length > 2 ? classes.indexOf(p.decision.label) : p.decision.act ? 1 : 0));
  switch (metric) {
    case 'roc_auc':
      if (classes.length > 2) return macroOvrAuc(labels, predictions.flatMap((p) => classes.map((c) => p.probabilities?.[c] ?? 0)), classes.length);
      return rocAuc(labels, scores);
    case 'pr_auc':
      return averagePrecision(labels, scores);
    case 'f1':
      return f1Score(labels, decided);
    case 'accuracy':
      return accuracy(labels, decided);
    case 'macro_f1':
      return macroF1(labels, decided, classes.length);
    case 'recall':
      return recall(labels, decided);
    case 'precision':
      return precision(labels, decided);
    case 'rmse':
      return rmse(labels, scores);
    case 'mae':
      return mae(labels, scores);
  }
}

/** Rows without a target (or with a class the use case does not know) are left out; none left fails the test. */
export function runMetricTest(ctx: TestContext, spec: MetricSpec): Outcome {
  const comparison: Outcome['comparison'] = MODEL_TEST_METRICS[spec.metric] === 'higher' ? '>=' : '<=';
  const base = { threshold: spec.threshold, comparison, examples: [] as Record<string, unknown>[] };
  // The targets training would give these rows: the target column, or the labels when the use case derives its target from them.
  const table = evaluationSetTable({ name: 'slice', columns: ctx.columns, rows: ctx.rows }, ctx.useCase.inputs);
  const targets = rowTargets(table, ctx.useCase, ctx.standingLabels).targets;
  const labelled = Array.from(targets, (l, i) => [l, i] as const).filter(([l]) => !Number.isNaN(l));
  if (labelled.length === 0) return { ...base, passed: false, measured: null, message: `no row of the slice has a target ("${ctx.useCase.target}"), so ${spec.metric} cannot be measured` };
  const predictions = predictRows(ctx.predictor, labelled.map(([, i]) => ctx.rows[i]!));
  const value = measure(spec.metric, ctx.useCase, Float64Array.from(labelled, ([l]) => l), predictions);
  if (!Number.isFinite(value)) {
    return { ...base, passed: false, measured: null, message: `${spec.metric} is undefined on these ${labelled.length} labelled rows (for example only one class present)` };
  }
  const passed = comparison === '>=' ? value >= spec.threshold : value <= spec.threshold;
  return { ...base, passed, measured: value, message: `${spec.metric} = ${value.toFixed(4)} on ${labelled.length} labelled rows; needs ${comparison} ${spec.threshold}` };
}
