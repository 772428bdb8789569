// The benchmark's three cases as train/test matrices, split exactly as ../shared/bench/peers_*.py split them.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readCsvColumns } from './csv-numeric.mjs';
import { loadCmapssFd001 } from './cmapss-features.mjs';

const AI4I_NUMERIC = ['Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'];
const AI4I_TYPES = ['L', 'M', 'H'];
/** synth.mjs 1M x 50, seed 42: the size PEERS.md reports for the file (a cheap check that it is complete). */
const SYNTH_1M_BYTES = 361_403_173;

export function ai4iPath(shared) {
  return path.join(shared, 'data', 'ai4i2020', 'ai4i2020.csv');
}

export function cmapssDir(shared) {
  return path.join(shared, 'data', 'cmapss-fd001');
}

/** Name of the generated synth file for a row count (the 1M file keeps PEERS.md's name). */
export function synthPath(rows) {
  return rows === 1_000_000 ? '/tmp/synth_1m_50.csv' : `/tmp/synth_${rows}_50.csv`;
}

/** Case label for a synth row count: synth-1m for the real case, e.g. synth-100k for a development run. */
export function synthCaseName(rows) {
  if (rows % 1_000_000 === 0) return `synth-${rows / 1_000_000}m`;
  if (rows % 1000 === 0) return `synth-${rows / 1000}k`;
  return `synth-${rows}`;
}

/**
 * Writes the synth CSV with ../shared/bench/synth.mjs unless it exists. The generator writes to a
 * temporary name first, so an interrupted run never leaves a truncated file that looks complete.
 */
export function ensureSynth(shared, rows, file, log) {
  if (fs.existsSync(file)) {
    const size = fs.statSync(file).size;
    if (rows === 1_000_000 && size !== SYNTH_1M_BYTES) {
      throw new Error(`${file} has ${size} bytes; synth.mjs --rows 1000000 --features 50 --seed 42 writes ${SYNTH_1M_BYTES}. Delete it and rerun.`);
    }
    return { generated: false, bytes: size };
  }
  const tmp = `${file}.partial-${process.pid}`;
  log(`generating ${file} (${rows} rows x 50 features, seed 42) with synth.mjs ...`);
  const gen = spawnSync(process.execPath, [path.join(shared, 'bench', 'synth.mjs'), '--rows', String(rows), '--features', '50', '--seed', '42', '--out', tmp], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (gen.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`synth.mjs failed with exit code ${gen.status}`);
  }
  fs.renameSync(tmp, file);
  return { generated: true, bytes: fs.statSync(file).size };
}

/** Rows [from, to) of a row-major matrix, without copying. */
function rowRange(m, from, to) {
  return { nRows: to - from, nFeatures: m.nFeatures, values: m.values.subarray(from * m.nFeatures, to * m.nFeatures) };
}

/** Copies the rows where pick[i] is true into a new matrix. */
function pickRows(values, p, pick) {
  let n = 0;
  for (const b of pick) if (b) n++;
  const out = new Float64Array(n * p);
  let o = 0;
  pick.forEach((b, i) => {
    if (!b) return;
    out.set(values.subarray(i * p, (i + 1) * p), o);
    o += p;
  });
  return { nRows: n, nFeatures: p, values: out };
}

/** AI4I 2020: test = UDI % 5 == 0; 5 numeric sensors + Type (L/M/H coded 0/1/2); label Machine failure. */
export function loadAi4i(shared) {
  const file = ai4iPath(shared);
  const t = readCsvColumns(file, {
    x: [...AI4I_NUMERIC.map((name) => ({ name })), { name: 'Type', levels: AI4I_TYPES }],
    extra: [{ name: 'UDI' }, { name: 'Machine failure' }],
  });
  const udi = t.extra['UDI'];
  const y = t.extra['Machine failure'];
  const isTest = Array.from(udi, (u) => u % 5 === 0);
  const p = t.nFeatures;
  return {
    train: pickRows(t.X, p, isTest.map((b) => !b)),
    yTrain: Float64Array.from(y.filter((_, i) => !isTest[i])),
    test: pickRows(t.X, p, isTest),
    yTest: Float64Array.from(y.filter((_, i) => isTest[i])),
    features: [...AI4I_NUMERIC.map((name) => ({ name, type: 'numeric' })), { name: 'Type', type: 'categorical', categories: AI4I_TYPES }],
    task: 'binary',
    notes: { file, split: 'test = rows with UDI % 5 == 0' },
  };
}

/** synth.mjs CSV: f0..fN numeric (empty = NaN), `cat` coded by sorted level, label; test = last 20% of rows. */
export function loadSynth(file) {
  const first = readFirstLine(file).split(',');
  const numeric = first.filter((h) => h !== 'cat' && h !== 'label');
  const t = readCsvColumns(file, {
    x: [...numeric.map((name) => ({ name })), { name: 'cat', levels: 'sorted' }],
    extra: [{ name: 'label' }],
  });
  const m = { nRows: t.nRows, nFeatures: t.nFeatures, values: t.X };
  const cut = Math.floor(t.nRows * 0.8);
  const y = t.extra['label'];
  return {
    train: rowRange(m, 0, cut),
    yTrain: y.subarray(0, cut),
    test: rowRange(m, cut, t.nRows),
    yTest: y.subarray(cut),
    features: [...numeric.map((name) => ({ name, type: 'numeric' })), { name: 'cat', type: 'categorical', categories: t.levels['cat'] }],
    task: 'binary',
    notes: { file, split: 'test = last 20% of rows', levels: t.levels['cat'].length },
  };
}

function readFirstLine(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const end = buf.indexOf(10);
    if (end < 0 || end >= n) throw new Error(`${file}: no header line`);
    return buf.toString('utf8', 0, end).replace(/\r$/, '');
  } finally {
    fs.closeSync(fd);
  }
}

/** C-MAPSS FD001 with the peers' protocol (see cmapss-features.mjs). */
export function loadCmapss(shared) {
  return { ...loadCmapssFd001(cmapssDir(shared)), task: 'regression' };
}
