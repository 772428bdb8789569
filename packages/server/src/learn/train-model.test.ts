// trainModel on generated press data: every task, parameter errors, benchmark exclusion, and the validation carve-out.
import { describe, expect, it } from 'vitest';
import { loadModel } from '@shopfloor/gbdt';
import { ShopfloorError, type Costs, type SplitSpec, type Task, type UseCase } from '@shopfloor/contracts';
import type { TypedColumn, TypedTable } from '../ingest/index.js';
import { assignSplit, benchmarkKeys } from './split.js';
import { trainModel, type TrainInput } from './train-model.js';
import { validationMask } from './validation-split.js';

/** Deterministic uniform numbers in [0, 1) (an LCG: enough for test data, reproducible everywhere). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A press line: torque and temperature readings, a machine type, and three targets that depend on
 * them (failure = high torque on hot machines, wear in minutes, a 3-class fault mode).
 */
function pressTable(n: number, seed = 7, firstTime = 0): TypedTable {
  const rand = uniform(seed);
  const torque = new Float64Array(n);
  const temp = new Float64Array(n);
  const type = new Int32Array(n);
  const failure = new Uint8Array(n);
  const wear = new Float64Array(n);
  const mode = new Int32Array(n);
  const time = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    torque[r] = 20 + 40 * rand();
    temp[r] = 300 + 10 * rand();
    type[r] = Math.floor(rand() * 3);
    const risk = (torque[r]! - 45) / 5 + (temp[r]! - 305) / 2 + (type[r] === 2 ? 1 : 0);
    failure[r] = risk + rand() * 1.5 > 3 ? 1 : 0;
    wear[r] = 3 * torque[r]! - 2 * (temp[r]! - 300) + 10 * type[r]! + rand() * 5;
    mode[r] = torque[r]! > 50 ? 2 : temp[r]! > 306 ? 1 : 0;
    time[r] = firstTime + r;
  }
  const columns: TypedColumn[] = [
    { name: 'serial', kind: 'id', values: Array.from({ length: n }, (_, r) => String(firstTime + r + 1)) },
    { name: 'time', kind: 'numeric', values: time },
    { name: 'Torque [Nm]', kind: 'numeric', values: torque },
    { name: 'Temperature [K]', kind: 'numeric', values: temp },
    { name: 'Type', kind: 'categorical', codes: type, levels: ['H', 'L', 'M'] },
    { name: 'failure', kind: 'boolean', values: failure },
    { name: 'wear', kind: 'numeric', values: wear },
    { name: 'mode', kind: 'categorical', codes: mode, levels: ['cold', 'hot', 'overload'] },
  ];
  return { fileName: 'press.csv', rows: n, columns };
}

const INPUTS: UseCase['inputs'] = [
  { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm' },
  { name: 'Temperature [K]', kind: 'numeric', unit: 'K' },
  { name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] },
];

function useCase(task: Task, target: string, costs: Costs, classes?: string[], split: SplitSpec = { kind: 'key', column: 'serial', modulo: 5, remainder: 0 }): TrainInput['useCase'] {
  return {
    id: `press-${task}`,
    name: 'Press',
    decision: '',
    task,
    datasetVersionId: 'dv',
    target,
    features: INPUTS.map((i) => ({ name: i.name })),
    split,
    costs,
    inputs: INPUTS,
    ...(classes === undefined ? {} : { classes }),
    createdAt: '2024-05-01T06:00:00.000Z',
    createdBy: 'usr_test',
  };
}

const BINARY: Costs = { kind: 'binary', currency: 'EUR', trueAlarmSaves: 4000, falseAlarmCosts: 300, missCosts: 5000, actionName: 'stop' };
const SMALL = { maxIter: 40 };

async function errorOf(fn: () => Promise<unknown>): Promise<ShopfloorError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ShopfloorError);
    return e as ShopfloorError;
  }
  throw new Error('expected an error');
}

describe('trainModel', () => {
  const table = pressTable(3000);

  it('learns a binary failure: ranks the held-out rows, beats no model, tunes the alarm threshold on validation rows', async () => {
    const trained = await trainModel({ useCase: useCase('binary', 'failure', BINARY, ['false', 'true']), table, benchmark: null, params: SMALL });
    expect(trained.rows).toMatchObject({ test: 600, missingTarget: 0, benchmarkExcluded: 0 });
    expect(trained.rows.fit + trained.rows.validation).toBe(2400);
    expect(trained.rows.validation).toBeGreaterThan(350);
    expect(trained.rows.validation).toBeLessThan(610);
    expect(trained.metrics.nTrain).toBe(trained.rows.fit);
    expect(trained.metrics.nTest).toBe(600);
    expect(trained.metrics.auc).toBeGreaterThan(0.9);
    expect(trained.metrics.expectedCostPer1000).toBeLessThan(trained.metrics.baselineCostPer1000);
    expect(trained.decisionRule.kind).toBe('binary');
    expect(trained.params).toMatchObject({ objective: 'binary', maxIter: 40, maxDepth: 6, learningRate: 0.1, l2Regularization: 1, minSamplesLeaf: 20 });
    expect(trained.featureImportance.map((f) => f.feature)).toContain('Torque [Nm]');
    expect(trained.featureImportance[0]!.gain).toBeGreaterThanOrEqual(trained.featureImportance[2]!.gain);
    const reloaded = loadModel(trained.modelText);
    expect(reloaded.features[2]).toEqual({ name: 'Type', type: 'categorical', categories: ['H', 'L', 'M'] });
  });

  it('gives the same model, rule and metrics for the same data and parameters', async () => {
    const input = { useCase: useCase('binary', 'failure', BINARY, ['false', 'true']), table, benchmark: null, params: SMALL };
    const a = await trainModel(input);
    const b = await trainModel(input);
    expect(b.modelText).toBe(a.modelText);
    expect(b.decisionRule).toEqual(a.decisionRule);
    expect({ ...b.metrics, trainSeconds: 0 }).toEqual({ ...a.metrics, trainSeconds: 0 });
  });

  it('trains regression with an action threshold and multiclass with a cost matrix', async () => {
    const regression = await trainModel({
      useCase: useCase('regression', 'wear', { kind: 'regression', currency: 'EUR', actionThreshold: 120, actWhen: 'above', earlyActionCosts: 200, lateActionCosts: 3000, timelyActionCosts: 100, actionName: 'replace' }),
      table,
      benchmark: null,
      params: SMALL,
    });
    expect(regression.metrics.rmse).toBeLessThan(10);
    expect(regression.decisionRule).toMatchObject({ kind: 'regression', actWhen: 'above' });
    expect(regression.params['objective']).toBe('squared_error');

    const classes = ['cold', 'hot', 'overload'];
    const multiclass = await trainModel({
      useCase: useCase('multiclass', 'mode', { kind: 'multiclass', currency: 'EUR', classes, matrix: [[0, 100, 500], [400, 0, 500], [2000, 1500, 0]] }, classes),
      table,
      benchmark: null,
      params: SMALL,
    });
    expect(multiclass.metrics.accuracy).toBeGreaterThan(0.9);
    expect(multiclass.params).toMatchObject({ objective: 'multiclass', numClass: 3 });
  });

  it('refuses bad parameters with TRAINING_FAILED naming the parameter', async () => {
    const base = { useCase: useCase('binary', 'failure', BINARY, ['false', 'true']), table, benchmark: null };
    expect((await errorOf(() => trainModel({ ...base, params: { learningRate: -1 } }))).details).toMatchObject({ param: 'learningRate', learnerCode: 'GBDT_INVALID_PARAM' });
    expect((await errorOf(() => trainModel({ ...base, params: { maxDepht: 3 } }))).message).toContain('maxDepht');
    expect((await errorOf(() => trainModel({ ...base, params: { objective: 'poisson' } }))).details).toMatchObject({ param: 'objective' });
    expect((await errorOf(() => trainModel({ ...base, params: { maxIter: '100' } }))).code).toBe('TRAINING_FAILED');
  });

  it('never trains on frozen benchmark rows of an older version when given a newer one', async () => {
    const split: SplitSpec = { kind: 'time', column: 'time', testFraction: 0.2 };
    const v1 = pressTable(1000, 7);
    const benchmark = benchmarkKeys(v1.columns, assignSplit(v1.columns, split), ['serial']);
    expect(benchmark.keys).toHaveLength(200);
    // v2 holds the same 1,000 rows and 500 later ones: its own test split is the latest 300 rows,
    // and the 200 rows v1 held out (times 800..999) must stay out of training too.
    const later = pressTable(500, 8, 1000);
    const v2: TypedTable = {
      fileName: 'press-v2.csv',
      rows: 1500,
      columns: v1.columns.map((c, k) => concat(c, later.columns[k]!)),
    };
    const trained = await trainModel({ useCase: useCase('binary', 'failure', BINARY, ['false', 'true'], split), table: v2, benchmark, params: SMALL });
    expect(trained.rows.test).toBe(300);
    expect(trained.rows.benchmarkExcluded).toBe(200);
    expect(trained.rows.fit + trained.rows.validation).toBe(1000);
  });

  it('fails with TRAINING_FAILED when a newer version brings a class the use case does not know', async () => {
    const t = pressTable(500);
    const failure = t.columns[5]!;
    const relabeled = { ...t, columns: t.columns.map((c) => (c === failure ? { name: 'failure', kind: 'categorical' as const, codes: new Int32Array(500).fill(2), levels: ['no', 'yes', 'maybe'] } : c)) };
    expect((await errorOf(() => trainModel({ useCase: useCase('binary', 'failure', BINARY, ['false', 'true']), table: relabeled, benchmark: null, params: SMALL }))).details).toMatchObject({
      column: 'failure',
      value: 'maybe',
    });
  });
});

describe('validationMask', () => {
  it('takes about a fifth of the training rows, only training rows, the same way every time', () => {
    const table = pressTable(2000);
    const test = assignSplit(table.columns, { kind: 'key', column: 'serial', modulo: 5, remainder: 0 });
    const train = test.map((t) => 1 - t);
    const a = validationMask(table, { kind: 'key', column: 'serial', modulo: 5, remainder: 0 }, train);
    expect(a).toEqual(validationMask(table, { kind: 'key', column: 'serial', modulo: 5, remainder: 0 }, train));
    const n = a.reduce((s, v) => s + v, 0);
    expect(n).toBeGreaterThan(250);
    expect(n).toBeLessThan(400);
    expect(a.every((v, r) => v === 0 || train[r] === 1)).toBe(true);
  });

  it('takes the latest training rows for a time split', () => {
    const table = pressTable(1000);
    const train = new Uint8Array(1000).fill(1, 0, 800);
    const mask = validationMask(table, { kind: 'time', column: 'time', testFraction: 0.2 }, train);
    expect(Array.from(mask.subarray(0, 640)).every((v) => v === 0)).toBe(true);
    expect(Array.from(mask.subarray(640, 800)).every((v) => v === 1)).toBe(true);
    expect(Array.from(mask.subarray(800)).every((v) => v === 0)).toBe(true);
  });
});

function concat(a: TypedColumn, b: TypedColumn): TypedColumn {
  switch (a.kind) {
    case 'numeric':
    case 'timestamp':
      return { ...a, values: Float64Array.from([...a.values, ...(b as typeof a).values]) };
    case 'boolean':
      return { ...a, values: Uint8Array.from([...a.values, ...(b as typeof a).values]) };
    case 'categorical':
      return { ...a, codes: Int32Array.from([...a.codes, ...(b as typeof a).codes]) };
    case 'id':
      return { ...a, values: [...a.values, ...(b as typeof a).values] };
  }
}
