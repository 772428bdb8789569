// Predicting with one model: rows checked against its inputs (naming row and feature), decisions priced, SHAP on request.
import { describe, expect, it } from 'vitest';
import { GradientBoosting, type GbdtModel } from '@shopfloor/gbdt';
import { ShopfloorError, type BinaryCosts, type InputRow, type ModelInput } from '@shopfloor/contracts';
import { createPredictor } from './predictor.js';

/** Failure when torque is high and coolant is off; type H a little riskier. Features: torque, coolant, type code. */
function trainingData(n: number): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const torque = 20 + ((i * 37) % 41);
    const coolant = i % 3 === 0 ? 0 : 1;
    const type = i % 4 === 0 ? 0 : (i % 4) - 1; // 0 = H, 1 = L, 2 = M
    X.push([torque, coolant, type]);
    y.push(torque > 45 && coolant === 0 ? 1 : torque > 55 && type === 0 ? 1 : 0);
  }
  return { X, y };
}

const INPUTS: ModelInput[] = [
  { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', min: 20, max: 60 },
  { name: 'coolant on', kind: 'boolean', levels: ['false', 'true'] },
  { name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] },
];

const COSTS: BinaryCosts = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };

function binaryModel(): GbdtModel {
  const { X, y } = trainingData(600);
  return new GradientBoosting({ objective: 'binary', maxIter: 30, maxDepth: 3, minSamplesLeaf: 5 }).fit({
    X,
    y,
    features: [
      { name: 'Torque [Nm]', type: 'numeric' },
      { name: 'coolant on', type: 'numeric' },
      { name: 'Type', type: 'categorical', categories: ['H', 'L', 'M'] },
    ],
  });
}

const model = binaryModel();
const predictor = createPredictor({ model, modelId: 'mv_1', modelVersion: 1, decisionRule: { kind: 'binary', threshold: 0.07 }, costs: COSTS, inputs: INPUTS, classes: ['false', 'true'] });
const hot: InputRow = { 'Torque [Nm]': 58, 'coolant on': false, Type: 'H', serial: 'A-17' };
const cool: InputRow = { 'Torque [Nm]': 25, 'coolant on': true, Type: 'L' };
const plain = { explain: false, topContributions: 5 };

function errorOf(fn: () => unknown): ShopfloorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ShopfloorError);
    return e as ShopfloorError;
  }
  throw new Error('expected an error');
}

describe('predictor', () => {
  it('scores rows like the model, alarms above the threshold and prices the decision', () => {
    const [risky, calm] = predictor.predict([hot, cool], plain);
    expect(risky!.score).toBeCloseTo(model.predictRow([58, 0, 0]), 12);
    expect(risky!.score).toBeGreaterThan(0.5);
    expect(risky!.decision).toEqual({ label: 'stop', act: true, expectedCost: risky!.score * 1000 + (1 - risky!.score) * 300, currency: 'EUR' });
    expect(calm!.decision).toMatchObject({ label: 'no stop', act: false });
    expect(calm!.decision.expectedCost).toBeCloseTo(calm!.score * 5000, 9);
    expect(risky).toMatchObject({ model: { id: 'mv_1', version: 1 }, path: 'champion', degraded: false, reasons: [] });
    expect(risky!.contributions).toBeUndefined();
  });

  it('explains with TreeSHAP: input values and units, largest first, adding up to the margin', () => {
    const [p] = predictor.predict([hot], { explain: true, topContributions: 3 });
    const contributions = p!.contributions!;
    expect(contributions.map((c) => c.feature).sort()).toEqual(['Torque [Nm]', 'Type', 'coolant on']);
    expect(contributions.find((c) => c.feature === 'Torque [Nm]')).toMatchObject({ value: 58, unit: 'Nm' });
    expect(contributions.find((c) => c.feature === 'Type')).toMatchObject({ value: 'H' });
    const sizes = contributions.map((c) => Math.abs(c.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const margin = p!.bias! + contributions.reduce((s, c) => s + c.contribution, 0);
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(p!.score, 9);
    expect(predictor.predict([hot], { explain: true, topContributions: 1 })[0]!.contributions).toHaveLength(1);
  });

  it('reads null as a missing reading, says so in a degraded answer, and accepts 0/1 for a boolean', () => {
    const [missing, asNumber] = predictor.predict([{ ...hot, 'Torque [Nm]': null }, { ...hot, 'coolant on': 0 }], plain);
    expect(missing!.score).toBeCloseTo(model.predictRow([Number.NaN, 0, 0]), 12);
    expect(missing).toMatchObject({ degraded: true, reasons: ['"Torque [Nm]" is missing: the model took the branch it learned for missing readings'] });
    expect(asNumber!.score).toBeCloseTo(model.predictRow([58, 0, 0]), 12);
    expect(asNumber).toMatchObject({ degraded: false, reasons: [] });
  });

  it('flags a reading outside the training range but still answers', () => {
    const [high, edge] = predictor.predict([{ ...hot, 'Torque [Nm]': 75 }, { ...hot, 'Torque [Nm]': 60 }], plain);
    expect(high!.score).toBeCloseTo(model.predictRow([75, 0, 0]), 12);
    expect(high).toMatchObject({ degraded: true, reasons: ['"Torque [Nm]" = 75 Nm is outside the training range 20 to 60 Nm: the model has not seen such values'] });
    expect(edge).toMatchObject({ degraded: false, reasons: [] });
  });

  it('names the row and feature of a missing value, and predicts nothing of the batch', () => {
    const { ['Torque [Nm]']: _, ...noTorque } = hot;
    const e = errorOf(() => predictor.predict([cool, cool, noTorque], plain));
    expect(e).toMatchObject({ code: 'PREDICT_FEATURE_MISSING', status: 400, details: { row: 2, feature: 'Torque [Nm]' } });
    expect(e.message).toBe('rows[2]: feature "Torque [Nm]" is missing (send null for an unknown reading)');
  });

  it('refuses a string where a number belongs, and a word where a boolean belongs', () => {
    const text = errorOf(() => predictor.predict([{ ...hot, 'Torque [Nm]': '58' }], plain));
    expect(text).toMatchObject({ code: 'PREDICT_FEATURE_TYPE', details: { row: 0, feature: 'Torque [Nm]', expected: 'a number', received: 'string' } });
    const word = errorOf(() => predictor.predict([{ ...hot, 'coolant on': 'yes' }], plain));
    expect(word).toMatchObject({ code: 'PREDICT_FEATURE_TYPE', details: { feature: 'coolant on' } });
  });

  it('refuses a level the model never saw, listing the ones it knows', () => {
    const e = errorOf(() => predictor.predict([{ ...hot, Type: 'XL' }], plain));
    expect(e).toMatchObject({ code: 'PREDICT_UNKNOWN_CATEGORY', details: { row: 0, feature: 'Type', value: 'XL', levels: ['H', 'L', 'M'] } });
  });

  it('gives multiclass probabilities per class and the class of lowest expected cost', () => {
    const { X } = trainingData(600);
    const y = X.map(([torque, coolant]) => (torque! > 50 ? 2 : coolant === 0 ? 1 : 0));
    const multi = new GradientBoosting({ objective: 'multiclass', maxIter: 20, maxDepth: 3 }).fit({
      X,
      y,
      features: [
        { name: 'Torque [Nm]', type: 'numeric' },
        { name: 'coolant on', type: 'numeric' },
        { name: 'Type', type: 'categorical', categories: ['H', 'L', 'M'] },
      ],
    });
    const classes = ['normal', 'dry', 'overload'];
    const p = createPredictor({
      model: multi,
      modelId: 'mv_2',
      modelVersion: 2,
      decisionRule: { kind: 'multiclass' },
      costs: { kind: 'multiclass', currency: 'EUR', classes, matrix: [[0, 50, 80], [400, 0, 100], [2000, 900, 0]] },
      inputs: INPUTS,
      classes,
    });
    const [overload] = p.predict([{ ...hot, 'Torque [Nm]': 59 }], { explain: true, topContributions: 5 });
    expect(Object.keys(overload!.probabilities!)).toEqual(classes);
    expect(Object.values(overload!.probabilities!).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    expect(overload!.score).toBe(overload!.probabilities!['overload']);
    expect(overload!.decision).toMatchObject({ label: 'overload', act: true });
    expect(overload!.contributions).toHaveLength(3);
    // A single row takes the one-row path; in a batch it takes the blocked kernel: the same answer to the bit.
    const rows: InputRow[] = [hot, cool, { ...hot, 'Torque [Nm]': 59 }, { ...cool, Type: 'M' }];
    const batch = p.predict(rows, plain);
    rows.forEach((row, i) => expect(p.predict([row], plain)[0]).toEqual(batch[i]));
  });

  it('answers one row exactly as it answers the same row inside a batch', () => {
    const rows: InputRow[] = Array.from({ length: 11 }, (_, i) => ({ 'Torque [Nm]': 20 + i * 4, 'coolant on': i % 2 === 0, Type: ['H', 'L', 'M'][i % 3]! }));
    const batch = predictor.predict(rows, plain);
    rows.forEach((row, i) => {
      const [one] = predictor.predict([row], plain);
      expect(one!.score).toBe(batch[i]!.score);
      expect(one).toEqual(batch[i]);
    });
  });
});
