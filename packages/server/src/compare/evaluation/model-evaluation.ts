// One model version on its use case's frozen benchmark, as the Models page plots it: curves, calibration, confusion at the decision threshold, residuals, SHAP.
import { performance } from 'node:perf_hooks';
import {
  BENCHMARK_SET_NAME,
  DecisionRule,
  EVALUATION_MAX_POINTS,
  EVALUATION_SHAP_ROWS,
  ShopfloorError,
  type ConfusionMatrix,
  type Costs,
  type ModelEvaluation,
  type Residuals,
  type UseCase,
} from '@shopfloor/contracts';
import { binaryOutcomeCosts, isPast, regressionOutcomeCost } from '../../decide/index.js';
import { CALIBRATION_BINS, calibrationCurve, evenlySpaced, histogram, precisionRecallCurve, rocCurve } from '../../evaluate/index.js';
import { loadStandingLabels } from '../../label/index.js';
import { resolveModelRef, type ModelCache } from '../../registry/index.js';
import type { Repositories } from '../../store/index.js';
import { loadUseCase } from '../../use-cases/index.js';
import { BENCHMARK_VERSION, benchmarkHash, benchmarkRows } from '../sets/benchmark-set.js';
import { matrixForModel, scoreSet, type ScoredSet } from '../versions/score-set.js';
import { shapSummary } from './shap-summary.js';

export interface ModelEvaluationDeps {
  repos: Repositories;
  models: ModelCache;
}

const RESIDUAL_BINS = 30;

/**
 * Scores version `ref` on the benchmark (the rows every comparison and gate uses) and summarises it;
 * USE_CASE_NOT_FOUND, MODEL_NOT_FOUND, MODEL_REF_INVALID, MODEL_EVALUATION_INVALID (no benchmark row with a target).
 */
export async function evaluateModelVersion(deps: ModelEvaluationDeps, useCaseId: string, ref: string | number): Promise<ModelEvaluation> {
  const started = performance.now();
  const stored = await loadUseCase(deps.repos, useCaseId);
  const { useCase } = stored;
  const record = await resolveModelRef(deps.repos, useCaseId, ref);
  const b = await benchmarkRows(deps.repos, stored);
  const labels = useCase.labelTarget === undefined ? [] : await loadStandingLabels(deps.repos, useCaseId, useCase.labelTarget.classes);
  const model = await deps.models.get(record);
  const decisionRule = DecisionRule.parse(record.threshold);
  const setRef = { name: BENCHMARK_SET_NAME, version: BENCHMARK_VERSION, hash: benchmarkHash(b), rows: b.rows.length };
  const scored = scoreSet(useCase, { ref: setRef, table: b.table, rows: b.rows }, [{ ref: { id: record.id, version: record.version, aliases: [] }, model, decisionRule }], labels);
  if (scored.rows.length === 0) {
    throw new ShopfloorError('MODEL_EVALUATION_INVALID', `The benchmark of "${useCaseId}" has no row with a target, so version ${record.version} cannot be evaluated`, {
      useCaseId,
      modelVersionId: record.id,
    });
  }
  const v = scored.versions[0]!;
  let cost = 0;
  for (const c of v.costs) cost += c;
  const binary = useCase.task === 'binary';
  const sample = Int32Array.from(evenlySpaced(scored.rows.length, EVALUATION_SHAP_ROWS), (i) => scored.rows[i]!);
  return {
    useCaseId,
    modelVersionId: record.id,
    version: record.version,
    task: useCase.task,
    set: { ...setRef, rows: scored.rows.length },
    currency: useCase.costs.currency,
    costPer1000: (1000 * cost) / scored.rows.length,
    roc: binary ? rocCurve(scored.labels, v.predictions, EVALUATION_MAX_POINTS) : null,
    pr: binary ? precisionRecallCurve(scored.labels, v.predictions, EVALUATION_MAX_POINTS) : null,
    calibration: binary ? calibrationCurve(scored.labels, v.predictions, CALIBRATION_BINS) : null,
    confusion: confusionMatrix(useCase, decisionRule, scored),
    residuals: useCase.task === 'regression' ? residuals(scored.labels, v.predictions) : null,
    shap: shapSummary(model, matrixForModel(b.table, model, sample), useCase),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Truth by decision at the stored decision rule, with what one row of each cell costs. */
function confusionMatrix(useCase: CellUseCase, rule: DecisionRule, scored: ScoredSet): ConfusionMatrix {
  const { labels } = scored;
  const { decisions } = scored.versions[0]!;
  const shape = cellsOf(useCase, useCase.costs);
  const counts = shape.truth.map(() => shape.decided.map(() => 0));
  for (let i = 0; i < labels.length; i++) {
    const t = useCase.task === 'regression' ? (isPast(labels[i]!, rule.kind === 'regression' ? rule.threshold : 0, shape.actWhen) ? 1 : 0) : labels[i]!;
    counts[t]![decisions[i]!]!++;
  }
  const threshold = rule.kind === 'multiclass' ? null : rule.threshold;
  return { threshold, truth: shape.truth, decided: shape.decided, counts, costs: shape.costs };
}

type CellUseCase = Pick<UseCase, 'task' | 'target' | 'classes' | 'costs'>;

interface Cells {
  truth: string[];
  decided: string[];
  costs: number[][];
  actWhen: 'below' | 'above';
}

function cellsOf(useCase: CellUseCase, costs: Costs): Cells {
  switch (costs.kind) {
    case 'binary': {
      const o = binaryOutcomeCosts(costs);
      const classes = useCase.classes ?? ['0', '1'];
      return {
        truth: classes.map((c) => `${useCase.target} = ${c}`),
        decided: [`no ${costs.actionName}`, costs.actionName],
        costs: [
          [o.trueNegative, o.falsePositive],
          [o.falseNegative, o.truePositive],
        ],
        actWhen: 'above',
      };
    }
    case 'multiclass':
      return { truth: useCase.classes ?? costs.classes, decided: useCase.classes ?? costs.classes, costs: costs.matrix, actWhen: 'above' };
    case 'regression': {
      const needed = `${useCase.target} ${costs.actWhen} ${costs.actionThreshold}`;
      return {
        truth: [`not ${needed}`, needed],
        decided: ['wait', costs.actionName],
        costs: [
          [regressionOutcomeCost(false, false, costs), regressionOutcomeCost(true, false, costs)],
          [regressionOutcomeCost(false, true, costs), regressionOutcomeCost(true, true, costs)],
        ],
        actWhen: costs.actWhen,
      };
    }
  }
}

/** Actual against predicted on an evenly spaced sample, and the histogram of every residual. */
function residuals(actual: Float64Array, predicted: Float64Array): Residuals {
  const all = Float64Array.from(actual, (a, i) => a - predicted[i]!);
  const points = evenlySpaced(actual.length, EVALUATION_MAX_POINTS * 2).map((i) => ({ actual: actual[i]!, predicted: predicted[i]!, residual: all[i]! }));
  return { points, histogram: histogram(all, RESIDUAL_BINS) };
}
