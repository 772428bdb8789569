import { describe, expect, it } from 'vitest';
import { GbdtError, type GbdtErrorCode } from './api.js';
import { GradientBoosting } from './booster.js';
import type { FitInput, GbdtParams, Objective } from './types.js';

const X4 = [[1, 0], [2, 1], [3, 0], [4, 1]];

function fitError(params: Partial<GbdtParams> & { objective: Objective }, input: Partial<FitInput>): GbdtError {
  try {
    new GradientBoosting(params).fit({ X: X4, y: [0, 1, 0, 1], ...input } as FitInput);
  } catch (e) {
    if (e instanceof GbdtError) return e;
    throw e;
  }
  throw new Error('fit did not throw');
}

function expectError(e: GbdtError, code: GbdtErrorCode, message: RegExp, details: Record<string, unknown> = {}): void {
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  expect(e.details).toMatchObject(details);
}

describe('bad training input gets a typed error naming what is wrong', () => {
  it('empty data', () => {
    expectError(fitError({ objective: 'binary' }, { X: [], y: [] }), 'GBDT_EMPTY_DATA', /X has no rows/);
    expectError(fitError({ objective: 'binary' }, { X: [[], []], y: [0, 1] }), 'GBDT_EMPTY_DATA', /no features/);
    expectError(fitError({ objective: 'binary' }, { X: { nRows: 0, nFeatures: 3, values: new Float64Array(0) }, y: [] }), 'GBDT_EMPTY_DATA', /0 rows/);
  });

  it('ragged rows name the row', () => {
    expectError(fitError({ objective: 'binary' }, { X: [[1, 2], [3, 4], [5]], y: [0, 1, 0] }), 'GBDT_RAGGED_ROWS', /row 2 has 1 values; row 0 has 2/, { row: 2 });
    expectError(fitError({ objective: 'binary' }, { X: { nRows: 2, nFeatures: 3, values: new Float64Array(5) }, y: [0, 1] }), 'GBDT_RAGGED_ROWS', /length 5; expected/);
  });

  it('NaN or infinite labels name the row', () => {
    expectError(fitError({ objective: 'squared_error' }, { y: [0, 1, NaN, 1] }), 'GBDT_INVALID_LABEL', /y\[2\] is NaN/, { row: 2 });
    expectError(fitError({ objective: 'squared_error' }, { y: [0, Infinity, 0, 1] }), 'GBDT_INVALID_LABEL', /y\[1\] is Infinity/, { row: 1 });
    expectError(fitError({ objective: 'squared_error' }, { y: [0, 1, 0] }), 'GBDT_INVALID_LABEL', /3 labels but X has 4 rows/);
  });

  it('binary labels outside {0, 1} and a single class', () => {
    expectError(fitError({ objective: 'binary' }, { y: [0, 1, 2, 1] }), 'GBDT_INVALID_LABEL', /y\[2\] is 2; binary labels must be 0 or 1/, { row: 2 });
    expectError(fitError({ objective: 'binary' }, { y: [1, 1, 1, 1] }), 'GBDT_SINGLE_CLASS', /every training label is 1/);
  });

  it('multiclass labels that are not integers or out of range', () => {
    expectError(fitError({ objective: 'multiclass' }, { y: [0, 1.5, 2, 1] }), 'GBDT_INVALID_LABEL', /y\[1\] is 1.5; multiclass labels must be integers/, { row: 1 });
    expectError(fitError({ objective: 'multiclass', numClass: 3 }, { y: [0, 1, 3, 1] }), 'GBDT_INVALID_LABEL', /y\[2\] is 3; .*\[0, 3\)/, { row: 2 });
    expectError(fitError({ objective: 'multiclass' }, { y: [0, -1, 2, 1] }), 'GBDT_INVALID_LABEL', /y\[1\] is -1/);
    expectError(fitError({ objective: 'multiclass' }, { y: [2, 2, 2, 2] }), 'GBDT_SINGLE_CLASS', /every training label is 2/);
  });

  it('negative Poisson labels, or none positive', () => {
    expectError(fitError({ objective: 'poisson' }, { y: [0, 1, -2, 1] }), 'GBDT_INVALID_LABEL', /y\[2\] is -2; poisson labels must be >= 0/, { row: 2 });
    expectError(fitError({ objective: 'poisson' }, { y: [0, 0, 0, 0] }), 'GBDT_INVALID_LABEL', /at least one positive label/);
  });

  it('negative, NaN, all-zero or mis-sized weights', () => {
    expectError(fitError({ objective: 'binary' }, { sampleWeight: [1, -1, 1, 1] }), 'GBDT_INVALID_WEIGHT', /sampleWeight\[1\] is -1/, { row: 1 });
    expectError(fitError({ objective: 'binary' }, { sampleWeight: [1, 1, NaN, 1] }), 'GBDT_INVALID_WEIGHT', /sampleWeight\[2\] is NaN/, { row: 2 });
    expectError(fitError({ objective: 'binary' }, { sampleWeight: [0, 0, 0, 0] }), 'GBDT_INVALID_WEIGHT', /every weight is zero/);
    expectError(fitError({ objective: 'binary' }, { sampleWeight: [1, 1] }), 'GBDT_INVALID_WEIGHT', /2 weights but X has 4 rows/);
  });

  it('category codes that are not integers in range name the row and feature', () => {
    const features = [{ name: 'speed', type: 'numeric' as const }, { name: 'line', type: 'categorical' as const, categories: ['a', 'b'] }];
    expectError(fitError({ objective: 'binary' }, { X: [[1, 0], [2, 1], [3, 2], [4, 1]], features }), 'GBDT_UNKNOWN_CATEGORY', /X row 2, feature 'line': category code 2/, { row: 2, column: 'line' });
    expectError(fitError({ objective: 'binary' }, { X: [[1, 0], [2, 0.5], [3, 1], [4, 1]], features }), 'GBDT_UNKNOWN_CATEGORY', /row 1/);
    expectError(fitError({ objective: 'binary' }, { X: [[1, 0], [2, -1], [3, 1], [4, 1]], features: [features[0]!, { name: 'line', type: 'categorical' }] }), 'GBDT_UNKNOWN_CATEGORY', /row 1, feature 'line'/);
  });

  it('a feature list of the wrong length, and validation data of the wrong width', () => {
    expectError(fitError({ objective: 'binary' }, { features: [{ name: 'a', type: 'numeric' }] }), 'GBDT_FEATURE_COUNT', /describes 1 features but X has 2/);
    expectError(fitError({ objective: 'binary' }, { validation: { X: [[1, 2, 3]], y: [1] } }), 'GBDT_FEATURE_COUNT', /validation.X has 3 features/);
    expectError(fitError({ objective: 'binary' }, { validation: { X: [[1, 2]], y: [7] } }), 'GBDT_INVALID_LABEL', /validation.y\[0\] is 7/);
  });
});

describe('invalid parameters are named', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['objective', { objective: 'ranking' }, /'objective' must be one of/],
    ['maxIter', { maxIter: 0 }, /'maxIter' must be in \[1/],
    ['maxIter', { maxIter: 2.5 }, /'maxIter' must be an integer/],
    ['learningRate', { learningRate: 0 }, /'learningRate' must be in \(0/],
    ['learningRate', { learningRate: NaN }, /'learningRate' must be a finite number/],
    ['maxLeafNodes', { maxLeafNodes: 1 }, /'maxLeafNodes'/],
    ['maxLeafNodes', { maxLeafNodes: undefined, maxDepth: undefined }, /cannot both be unset/],
    ['maxDepth', { maxDepth: 0 }, /'maxDepth'/],
    ['minSamplesLeaf', { minSamplesLeaf: 0 }, /'minSamplesLeaf'/],
    ['minChildWeight', { minChildWeight: -1 }, /'minChildWeight'/],
    ['l2Regularization', { l2Regularization: -0.1 }, /'l2Regularization'/],
    ['maxBins', { maxBins: 256 }, /'maxBins' must be in \[2, 255\]/],
    ['subsample', { subsample: 0 }, /'subsample'/],
    ['subsample', { subsample: 1.5 }, /'subsample'/],
    ['colsampleByTree', { colsampleByTree: 0 }, /'colsampleByTree'/],
    ['seed', { seed: -1 }, /'seed'/],
    ['seed', { seed: '7' }, /'seed' must be a finite number/],
    ['numClass', { numClass: 3 }, /only for objective multiclass/],
    ['numClass', { objective: 'multiclass', numClass: 1 }, /'numClass'/],
    ['monotonicConstraints', { monotonicConstraints: [2, 0] }, /monotonicConstraints'\[0\] must be -1, 0 or 1/],
    ['monotonicConstraints', { monotonicConstraints: [1] }, /has 1 entries; there are 2 features/],
    ['monotonicConstraints', { monotonicConstraints: { torque: 1 } }, /no feature named 'torque'/],
    ['classWeight', { classWeight: [1, 2, 3] }, /needs 2 weights for binary/],
    ['classWeight', { classWeight: 'even' }, /'classWeight' must be 'balanced' or an array/],
    ['classWeight', { objective: 'squared_error', classWeight: 'balanced' }, /only for binary or multiclass/],
    ['quantileAlpha', { objective: 'quantile', quantileAlpha: 1 }, /'quantileAlpha' must be in \(0, 1\)/],
    ['huberDelta', { objective: 'huber', huberDelta: 0 }, /'huberDelta'/],
    ['earlyStoppingPatience', { earlyStoppingPatience: 0 }, /'earlyStoppingPatience'/],
    ['earlyStoppingPatience', { earlyStoppingPatience: 5 }, /needs validation data/],
    ['earlyStoppingTolerance', { earlyStoppingTolerance: -1 }, /'earlyStoppingTolerance'/],
    ['maxIters', { maxIters: 10 }, /unknown parameter 'maxIters'/],
  ];
  it.each(cases)('%s: %j', (param, params, message) => {
    const e = fitError({ objective: 'binary', ...params } as Partial<GbdtParams> & { objective: Objective }, {});
    expectError(e, 'GBDT_INVALID_PARAM', message, { param });
  });

  it('a monotonic constraint on a categorical feature', () => {
    const e = fitError({ objective: 'binary', monotonicConstraints: [0, 1] }, { features: [{ name: 'a', type: 'numeric' }, { name: 'line', type: 'categorical' }] });
    expectError(e, 'GBDT_INVALID_PARAM', /feature 'line' is categorical and cannot be monotonic/, { param: 'monotonicConstraints' });
  });
});
