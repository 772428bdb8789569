// C-MAPSS FD001 as peers_rul.py builds it: 14 kept sensors, value + rolling mean/std over 30 cycles, RUL capped at 125.
import fs from 'node:fs';
import path from 'node:path';

export const RUL_CAP = 125;
export const WINDOW = 30;
const N_COLS = 26; // unit, cycle, op1..op3, s1..s21
const SENSOR0 = 5;

/** Whitespace-separated C-MAPSS file -> rows of 26 numbers, sorted by (unit, cycle) as the peer sorts them. */
export function readCmapss(file) {
  const rows = [];
  const lines = fs.readFileSync(file, 'latin1').split('\n');
  lines.forEach((text, i) => {
    const t = text.trim();
    if (t === '') return;
    const cells = t.split(/\s+/).map(Number);
    if (cells.length !== N_COLS) throw new Error(`${file} line ${i + 1}: ${cells.length} fields; expected ${N_COLS}`);
    const bad = cells.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${file} line ${i + 1}, field ${bad + 1}: not a number`);
    rows.push(cells);
  });
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return rows;
}

/** Sensors (column indexes) with more than 2 distinct values in the training file: the usual 14 of FD001. */
export function keptSensors(train) {
  const kept = [];
  for (let c = SENSOR0; c < N_COLS; c++) {
    const distinct = new Set(train.map((r) => r[c]));
    if (distinct.size > 2) kept.push(c);
  }
  return kept;
}

export function sensorName(c) {
  return `s${c - SENSOR0 + 1}`;
}

/**
 * Row-major features, 3 x kept.length per cycle: [values | rolling mean | rolling std (ddof 1, 0 for a
 * single value)] over the last WINDOW cycles of the same unit (fewer at the start), as pandas'
 * rolling(30, min_periods=1) computes them. Each window is summed afresh (two-pass std): no drift.
 */
export function windowFeatures(rows, kept) {
  const k = kept.length;
  const p = 3 * k;
  const out = new Float64Array(rows.length * p);
  let unitStart = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && rows[i][0] !== rows[i - 1][0]) unitStart = i;
    const from = Math.max(unitStart, i - WINDOW + 1);
    const n = i - from + 1;
    for (let s = 0; s < k; s++) {
      const c = kept[s];
      let sum = 0;
      for (let r = from; r <= i; r++) sum += rows[r][c];
      const mean = sum / n;
      let ss = 0;
      for (let r = from; r <= i; r++) ss += (rows[r][c] - mean) ** 2;
      const o = i * p;
      out[o + s] = rows[i][c];
      out[o + k + s] = mean;
      out[o + 2 * k + s] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    }
  }
  return out;
}

/** Train matrix with capped RUL targets, and the last cycle of each test unit with RUL_FD001.txt's truth. */
export function loadCmapssFd001(dir) {
  const train = readCmapss(path.join(dir, 'train_FD001.txt'));
  const test = readCmapss(path.join(dir, 'test_FD001.txt'));
  const truth = fs
    .readFileSync(path.join(dir, 'RUL_FD001.txt'), 'latin1')
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map(Number);
  const kept = keptSensors(train);
  const names = kept.map(sensorName);
  const featureNames = [...names, ...names.map((n) => `${n}_mean30`), ...names.map((n) => `${n}_std30`)];
  const p = featureNames.length;

  const maxCycle = new Map();
  for (const r of train) maxCycle.set(r[0], Math.max(maxCycle.get(r[0]) ?? -Infinity, r[1]));
  const yTrain = Float64Array.from(train, (r) => Math.min(maxCycle.get(r[0]) - r[1], RUL_CAP));
  const xTrain = windowFeatures(train, kept);

  const xTestAll = windowFeatures(test, kept);
  const lastIdx = [];
  test.forEach((r, i) => {
    if (i === test.length - 1 || test[i + 1][0] !== r[0]) lastIdx.push(i);
  });
  if (lastIdx.length !== truth.length) throw new Error(`${dir}: ${lastIdx.length} test units but ${truth.length} RUL values`);
  const xTest = new Float64Array(lastIdx.length * p);
  lastIdx.forEach((i, t) => xTest.set(xTestAll.subarray(i * p, (i + 1) * p), t * p));
  return {
    train: { nRows: train.length, nFeatures: p, values: xTrain },
    yTrain,
    test: { nRows: lastIdx.length, nFeatures: p, values: xTest },
    yTest: Float64Array.from(truth),
    features: featureNames.map((name) => ({ name, type: 'numeric' })),
    notes: { sensorsKept: names, nTrainCycles: train.length, nTestCycles: test.length },
  };
}
