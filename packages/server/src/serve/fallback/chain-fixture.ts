// Test fixture for the chain tests: a small real binary model on one use case (load, coolant), its record and a compiled rule.
import { GradientBoosting } from '@shopfloor/gbdt';
import type { BinaryCosts, ModelInput } from '@shopfloor/contracts';
import { compileRule } from '../../decide/index.js';
import type { ModelVersionRecord } from '../../store/index.js';
import { createPredictor, type Predictor } from '../predictor.js';

export const COSTS: BinaryCosts = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };
export const INPUTS: ModelInput[] = [
  { name: 'load', kind: 'numeric', unit: 'kN', min: 0, max: 49 },
  { name: 'coolant', kind: 'numeric', min: 0, max: 1 },
];
/** Event rate 4 %: never stopping costs 0.04 * 5000 per row. */
export const EVENT_RATE = 0.04;

export function record(id: string, version: number): ModelVersionRecord {
  return {
    id, useCaseId: 'press', version, datasetVersionId: 'dsv', params: {}, codeVersion: 'test', expectedCostPer1000: 100, threshold: { kind: 'binary', threshold: 0.2 }, artifactSha256: 'x', createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'usr',
    metrics: { metrics: { nTrain: 800, nTest: 200, auc: 0.9, expectedCostPer1000: 100, baselineCostPer1000: EVENT_RATE * 5000 * 1000, trainSeconds: 0.1 }, featureImportance: [] },
  };
}

export function trainedPredictor(id: string, version: number, threshold = 0.2): Predictor {
  const X = Array.from({ length: 400 }, (_, i) => [i % 50, i % 3 === 0 ? 0 : 1]);
  const y = X.map(([load, coolant]) => (load! > 30 && coolant === 0 ? 1 : 0));
  const model = new GradientBoosting({ objective: 'binary', maxIter: 20, maxDepth: 3, minSamplesLeaf: 5 }).fit({ X, y, features: [{ name: 'load', type: 'numeric' }, { name: 'coolant', type: 'numeric' }] });
  return createPredictor({ model, modelId: id, modelVersion: version, decisionRule: { kind: 'binary', threshold }, costs: COSTS, inputs: INPUTS, classes: undefined });
}

export const RULE = compileRule('load > 40', INPUTS);
