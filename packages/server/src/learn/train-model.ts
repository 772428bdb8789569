// Trains one model for a use case on a typed table: split, fit, choose the decision rule, evaluate on the held-out rows.
import { performance } from 'node:perf_hooks';
import { GbdtError, GradientBoosting, saveModel, type GbdtModel, type TrainingProgress } from '@shopfloor/gbdt/node';
import { ShopfloorError, type DecisionRule, type Label, type Metrics, type UseCase } from '@shopfloor/contracts';
import { applyDecisionRule, chooseDecisionRule } from '../decide/index.js';
import { buildMetrics } from '../evaluate/index.js';
import type { TypedTable } from '../ingest/index.js';
import { buildMatrix, modelFeatures, rowsOf } from './feature-matrix.js';
import { assignSplit, excludeBenchmarkRows, type BenchmarkKeySet } from './split.js';
import { requirePositiveFitRows, rowTargets, type LabelLineage } from './label-target.js';
import { storedParams, trainingParams } from './training-params.js';
import { validationMask } from './validation-split.js';
import { trainingWindow, type TrainingWindow } from './data-window.js';

export interface TrainInput {
  useCase: Omit<UseCase, 'championVersionId'>;
  table: TypedTable;
  /** Keys frozen when the use case was created; rows carrying them are never trained on. */
  benchmark: BenchmarkKeySet | null;
  params: Readonly<Record<string, unknown>>;
  /** The use case's labels, read when its target comes from them (useCase.labelTarget); retracted ones are skipped. */
  labels?: readonly Label[] | undefined;
  onProgress?: ((p: TrainingProgress) => void) | undefined;
  /** Worker threads for the fit (default: one per core); data too small to pay for them trains on the calling thread. Any count gives the same model. */
  nThreads?: number | undefined;
}

export interface RowCounts {
  /** Rows the trees were fitted on. */
  fit: number;
  /** Training rows held back to choose the decision rule. */
  validation: number;
  /** Held-out rows the metrics are measured on. */
  test: number;
  /** Rows outside the test split that carry a frozen benchmark key. */
  benchmarkExcluded: number;
  /** Rows without a target value (left out everywhere). */
  missingTarget: number;
}

export interface TrainedModel {
  model: GbdtModel;
  /** saveModel's text, stored as the model artifact. */
  modelText: string;
  params: Record<string, unknown>;
  metrics: Metrics;
  decisionRule: DecisionRule;
  featureImportance: { feature: string; gain: number }[];
  rows: RowCounts;
  /** The time range of the rows learned from (fit + validation), when the use case has a time column. */
  window: TrainingWindow;
}

function trainingFailed(message: string, details: Record<string, unknown> = {}): ShopfloorError {
  return new ShopfloorError('TRAINING_FAILED', message, details);
}

interface Masks {
  fit: Uint8Array;
  validation: Uint8Array;
  test: Uint8Array;
  rows: RowCounts;
}

function masks(input: TrainInput, labels: Float64Array): Masks {
  const { table, useCase, benchmark } = input;
  const isTest = assignSplit(table.columns, useCase.split);
  const excluded = benchmark === null ? new Uint8Array(table.rows) : excludeBenchmarkRows(table.columns, benchmark);
  const train = new Uint8Array(table.rows);
  const test = new Uint8Array(table.rows);
  let missingTarget = 0;
  let benchmarkExcluded = 0;
  for (let r = 0; r < table.rows; r++) {
    if (Number.isNaN(labels[r]!)) {
      missingTarget++;
      continue;
    }
    if (isTest[r] === 1) test[r] = 1;
    else if (excluded[r] === 1) benchmarkExcluded++;
    else train[r] = 1;
  }
  const validation = validationMask(table, useCase.split, train);
  const fit = train.map((t, r) => (t === 1 && validation[r] === 0 ? 1 : 0));
  const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
  const rows = { fit: count(fit), validation: count(validation), test: count(test), benchmarkExcluded, missingTarget };
  for (const [part, n] of [['training', rows.fit], ['validation', rows.validation], ['test', rows.test]] as const) {
    if (n === 0) throw trainingFailed(`the ${part} part of the split is empty (${JSON.stringify(rows)}); the dataset is too small or the split leaves no rows`, { rows });
  }
  return { fit, validation, test, rows };
}

/** Labels of the selected rows, in row order. */
function labelsOf(labels: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => labels[r]!);
}

async function fitModel(input: TrainInput, features: ReturnType<typeof modelFeatures>, parts: { fit: Int32Array; validation: Int32Array }, labels: Float64Array) {
  const { useCase, table } = input;
  const params = trainingParams(useCase.task, input.params, useCase.classes?.length);
  const started = performance.now();
  try {
    const model = await new GradientBoosting({ ...params, ...(input.nThreads === undefined ? {} : { nThreads: input.nThreads }) }).fit({
      X: buildMatrix(table, features, parts.fit),
      y: labelsOf(labels, parts.fit),
      features,
      validation: { X: buildMatrix(table, features, parts.validation), y: labelsOf(labels, parts.validation) },
      ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
    });
    return { model, params, trainSeconds: (performance.now() - started) / 1000 };
  } catch (e) {
    if (!(e instanceof GbdtError)) throw e;
    throw trainingFailed(`the learner refused the data or parameters: ${e.message}`, { learnerCode: e.code, ...e.details });
  }
}

/** A target from labels is part of what was trained: its setting and the labels used go with the parameters. */
function withLabelLineage(params: Record<string, unknown>, lineage: LabelLineage | null): Record<string, unknown> {
  return lineage === null ? params : { ...params, labelTarget: lineage };
}

/**
 * Fit on the training rows minus a validation part; choose the cost-optimal rule on the validation
 * part (decide/); measure everything on the held-out test rows (evaluate/). Pure: nothing is stored.
 */
export async function trainModel(input: TrainInput): Promise<TrainedModel> {
  const { useCase, table } = input;
  const targets = rowTargets(table, useCase, input.labels);
  const labels = targets.targets;
  const features = modelFeatures(table, useCase.inputs);
  const m = masks(input, labels);
  const fitRows = rowsOf(m.fit);
  const validationRows = rowsOf(m.validation);
  const testRows = rowsOf(m.test);
  requirePositiveFitRows(targets, fitRows);
  const { model, params, trainSeconds } = await fitModel(input, features, { fit: fitRows, validation: validationRows }, labels);

  const decisionRule = chooseDecisionRule(model.predict(buildMatrix(table, features, validationRows)), labelsOf(labels, validationRows), useCase.costs);
  const testPredictions = model.predict(buildMatrix(table, features, testRows));
  const metrics = buildMetrics({
    labels: labelsOf(labels, testRows),
    predictions: testPredictions,
    decisions: applyDecisionRule(testPredictions, decisionRule, useCase.costs),
    costs: useCase.costs,
    nTrain: m.rows.fit,
    trainSeconds,
  });
  const gains = model.featureImportance('gain');
  const featureImportance = features
    .map((f, j) => ({ feature: f.name, gain: gains[j]! }))
    .sort((a, b) => b.gain - a.gain || (a.feature < b.feature ? -1 : 1));
  const window = trainingWindow(table, useCase.timeColumn, [fitRows, validationRows]);
  return { model, modelText: saveModel(model), params: withLabelLineage(storedParams(params), targets.labelLineage), metrics, decisionRule, featureImportance, rows: m.rows, window };
}
