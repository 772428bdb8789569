// One model version ready to answer: rows in, score + cost-optimal decision (+ TreeSHAP contributions) out.
import type { GbdtModel } from '@shopfloor/gbdt';
import type { Contribution, Costs, Decision, DecisionRule, InputRow, ModelInput, Prediction } from '@shopfloor/contracts';
import { decide } from '../decide/index.js';
import { compileRowReader, type RowReader } from './row-reader.js';

export interface PredictorSpec {
  model: GbdtModel;
  modelId: string;
  modelVersion: number;
  decisionRule: DecisionRule;
  costs: Costs;
  inputs: readonly ModelInput[];
  /** Class labels for multiclass probabilities (the model's output order). */
  classes: readonly string[] | undefined;
}

/** What a model answers: always a score and a decision (the rule and abstain paths are built by the prediction service). */
export type ModelPrediction = Omit<Prediction, 'score' | 'decision' | 'predictionId'> & { score: number; decision: Decision };

export interface PredictOptions {
  explain: boolean;
  topContributions: number;
}

export interface Predictor {
  readonly reader: RowReader;
  /** The version's decision rule (serve/fallback reads the binary threshold for its low-confidence band). */
  readonly decisionRule: DecisionRule;
  /** Validates every row first (nothing is predicted when one is bad), then predicts them all. */
  predict(rows: readonly InputRow[], options: PredictOptions): ModelPrediction[];
}

function argmax(values: Float64Array, from: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (values[from + c]! > values[from + best]!) best = c;
  return best;
}

export function createPredictor(spec: PredictorSpec): Predictor {
  const { model, decisionRule, costs } = spec;
  const reader = compileRowReader(model, spec.inputs);
  const p = reader.features.length;
  const k = model.nClasses;
  const modelRef = { id: spec.modelId, version: spec.modelVersion };

  /** Top contributions by |SHAP| for the given class block (0 for binary and regression). */
  function explain(row: InputRow, x: Float64Array, klass: number, top: number): { contributions: Contribution[]; bias: number } {
    const shap = model.shapRow(x);
    const order = Array.from({ length: p }, (_, j) => j).sort(
      (a, b) => Math.abs(shap.contributions[klass * p + b]!) - Math.abs(shap.contributions[klass * p + a]!),
    );
    const contributions = order.slice(0, top).map((j) => {
      const f = reader.features[j]!;
      return {
        feature: f.name,
        value: row[f.name] ?? null,
        ...(f.unit === undefined ? {} : { unit: f.unit }),
        contribution: shap.contributions[klass * p + j]!,
      };
    });
    const bias = typeof shap.bias === 'number' ? shap.bias : shap.bias[klass]!;
    return { contributions, bias };
  }

  function predictOne(x: Float64Array): Float64Array {
    const out = new Float64Array(k);
    model.predictRowInto(x, out);
    return out;
  }

  return {
    reader,
    decisionRule,
    predict(rows, options) {
      const X = new Float64Array(rows.length * p);
      rows.forEach((row, i) => reader.read(row, i, X, i * p));
      // One row (the usual request) walks the trees straight from X; a batch goes through the blocked kernel. Same sums, same order.
      const out = rows.length === 1 ? predictOne(X) : model.predict({ nRows: rows.length, nFeatures: p, values: X });
      return rows.map((row, i) => {
        let score: number;
        let klass = 0;
        let extra: Pick<Prediction, 'probabilities'> = {};
        let decision;
        if (k > 1) {
          const probs = out.subarray(i * k, (i + 1) * k);
          klass = argmax(out, i * k, k);
          score = probs[klass]!;
          extra = { probabilities: Object.fromEntries((spec.classes ?? []).map((c, j) => [c, probs[j]!])) };
          decision = decide(probs, decisionRule, costs);
        } else {
          score = out[i]!;
          decision = decide(score, decisionRule, costs);
        }
        const reasons = reader.concerns(X, i * p);
        const prediction: ModelPrediction = { score, ...extra, decision, model: modelRef, path: 'champion', degraded: reasons.length > 0, reasons, untrustedSensors: [], reasonCode: null };
        if (!options.explain) return prediction;
        return { ...prediction, ...explain(row, X.subarray(i * p, (i + 1) * p), klass, options.topContributions) };
      });
    },
  };
}
