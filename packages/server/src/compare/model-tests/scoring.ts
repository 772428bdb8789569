// Scoring set rows through the served predictor, in batches, with the failure risk each prediction implies.
import type { InputRow } from '@shopfloor/contracts';
import type { ModelPrediction as Prediction, Predictor } from '../../serve/index.js';
import type { InputValue } from './test-values.js';

const BATCH = 10_000;
const PLAIN = { explain: false, topContributions: 1 };

export function predictRows(predictor: Predictor, rows: readonly InputRow[]): Prediction[] {
  const out: Prediction[] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(...predictor.predict(rows.slice(i, i + BATCH), PLAIN));
  return out;
}

/**
 * The failure risk a direction test watches: P(event) for binary, the predicted value for
 * regression, and for multiclass 1 - P(first class), the first class being normal operation.
 */
export function riskOf(p: Prediction, classes: readonly string[] | undefined): number {
  if (p.probabilities === undefined || classes === undefined) return p.score;
  return 1 - (p.probabilities[classes[0]!] ?? 0);
}

/** The rows with one input replaced (null = the reading is missing). */
export function withInput(rows: readonly InputRow[], input: string, value: InputValue | null): InputRow[] {
  return rows.map((row) => ({ ...row, [input]: value }));
}
