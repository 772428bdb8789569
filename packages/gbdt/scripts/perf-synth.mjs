// Times shapRow and batch predict of the bench's synth-1m model (200 trees, depth 6) for one or more builds of the package, alternately.
//
//   node packages/gbdt/scripts/perf-synth.mjs [--dist DIR]... [--rounds N] [--shap-rows N] [--only shap|predict|threads]
//                                             [--precision float32|float64|both]
//
// Reads a build (npx tsc -b packages/gbdt writes packages/gbdt/dist); to compare with an older build, copy its dist/
// with a package.json saying {"type":"module"} beside it and pass both with --dist.
//
// The first run trains the model with the bench's settings (bench/gbdt/settings.mjs) on the bench's split of
// /tmp/synth_1m_50.csv (made by ../shared/bench/synth.mjs, as bench/gbdt/datasets.mjs does) on 2 threads,
// and keeps it in /tmp/gbdt-perf/ (model JSON and the 200,000 test rows as raw float64), so later runs only
// load. Each --dist (default: packages/gbdt/dist; several to compare a copy of an older build) loads the same
// model; rounds alternate between them, and each figure is the best round, so a busy machine hurts them alike.
// Besides wall-clock figures it reports CPU-time ones (process.cpuUsage, all threads of the process), which
// other processes on a busy machine disturb far less: shapRow's mean CPU microseconds per row, and rows per
// CPU second of predictRaw (one thread) and of the 2-thread ThreadedPredictor (its batch copy included; on an
// idle 2-core machine its rows/s would be about twice that). SHAP values and predictions of every build are
// compared with the first build's. --precision passes shapRow's table precision (default: the build's default);
// 'both' times each build twice, float64 then float32 tables, alternately.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSynth, ensureSynth, synthPath } from '../../../bench/gbdt/datasets.mjs';
import { benchParams } from '../../../bench/gbdt/settings.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CACHE = '/tmp/gbdt-perf';
const MODEL_FILE = path.join(CACHE, 'synth-1m-model.json');
const TEST_FILE = path.join(CACHE, 'synth-1m-test.f64');
const N_FEATURES = 51;

function parseArgs(argv) {
  const o = { dists: [], rounds: 5, shapRows: 2000, only: '', precision: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--dist') o.dists.push(path.resolve(v));
    else if (k === '--rounds') o.rounds = Number(v);
    else if (k === '--shap-rows') o.shapRows = Number(v);
    else if (k === '--only') o.only = v;
    else if (k === '--precision') o.precision = v;
    else throw new Error(`perf-synth.mjs: unknown argument ${k}`);
  }
  if (o.dists.length === 0) o.dists.push(path.join(here, '..', 'dist'));
  return o;
}

const log = (msg) => process.stderr.write(`${msg}\n`);
const now = () => Number(process.hrtime.bigint()) / 1e9;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Trains and saves the model (and the test rows) once, with the first build. */
async function ensureModel(lib) {
  if (fs.existsSync(MODEL_FILE) && fs.existsSync(TEST_FILE)) return;
  fs.mkdirSync(CACHE, { recursive: true });
  const shared = process.env.SHOPFLOOR_SHARED ?? path.join(here, '..', '..', '..', '..', 'shared');
  const file = synthPath(1_000_000);
  ensureSynth(shared, 1_000_000, file, log);
  const data = loadSynth(file);
  log(`training ${data.train.nRows} x ${data.train.nFeatures} with the bench settings on 2 threads ...`);
  const t0 = now();
  const model = await new lib.GradientBoosting({ ...benchParams('binary'), nThreads: 2 }).fit({ X: data.train, y: data.yTrain, features: data.features });
  log(`trained in ${(now() - t0).toFixed(1)} s`);
  fs.writeFileSync(MODEL_FILE, lib.saveModel(model));
  fs.writeFileSync(TEST_FILE, Buffer.from(data.test.values.buffer, data.test.values.byteOffset, data.test.values.byteLength));
}

function loadTest() {
  const buf = fs.readFileSync(TEST_FILE);
  const values = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return { nRows: values.length / N_FEATURES, nFeatures: N_FEATURES, values };
}

/** Per-row wall microseconds of shapRow over rows (one pass): median of the rows; and CPU microseconds per row. */
function shapPass(model, rows, options) {
  const us = new Float64Array(rows.length);
  const c0 = cpu();
  for (let i = 0; i < rows.length; i++) {
    const t = process.hrtime.bigint();
    model.shapRow(rows[i], options);
    us[i] = Number(process.hrtime.bigint() - t) / 1e3;
  }
  const cpuUs = ((cpu() - c0) / rows.length) * 1e6;
  us.sort();
  return { median: us[us.length >> 1], cpuUs };
}

/** Rows per wall second and per CPU second. */
function predictPass(model, test) {
  const t0 = now();
  const c0 = cpu();
  model.predictRaw(test);
  return { wall: test.nRows / (now() - t0), cpu: test.nRows / (cpu() - c0) };
}

async function threadsPass(predictor, test) {
  const t0 = now();
  const c0 = cpu();
  let calls = 0;
  do {
    await predictor.predict(test);
    calls++;
  } while (now() - t0 < 1);
  return { wall: (calls * test.nRows) / (now() - t0), cpu: (calls * test.nRows) / (cpu() - c0) };
}

function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const libs = [];
  for (const d of o.dists) libs.push(await import(pathToFileURL(path.join(d, 'node', 'index.js')).href));
  await ensureModel(libs[0]);
  const json = fs.readFileSync(MODEL_FILE, 'utf8');
  const test = loadTest();
  const rows = Array.from({ length: Math.min(o.shapRows, test.nRows) }, (_, i) => test.values.slice(i * N_FEATURES, (i + 1) * N_FEATURES));
  const precisions = o.precision === 'both' ? ['float64', 'float32'] : [o.precision];
  const builds = libs.flatMap((lib, k) => precisions.map((precision) => ({
    name: `${path.relative(process.cwd(), o.dists[k]) || '.'}${precision ? ` ${precision}` : ''}`,
    lib, model: lib.loadModel(json), shapOptions: precision ? { precision } : undefined,
  })));
  // Set-up and checks against the first build: SHAP values on the timed rows, predictions on the whole test set.
  for (const b of builds) {
    const t0 = now();
    b.model.shapRow(rows[0], b.shapOptions);
    b.setupMs = (now() - t0) * 1e3;
    b.shap = rows.slice(0, 200).map((r) => b.model.shapRow(r, b.shapOptions).contributions);
    b.pred = b.model.predictRaw(test);
    b.predictor = new b.lib.ThreadedPredictor(b.model, { nThreads: 2 });
    b.figures = { shapUs: Infinity, shapCpuUs: Infinity, predict1: 0, predict1Cpu: 0, predict2: 0, predict2Cpu: 0 };
  }
  for (const b of builds.slice(1)) {
    const shapDiff = Math.max(...b.shap.map((c, i) => maxAbsDiff(c, builds[0].shap[i])));
    const identical = b.pred.every((v, i) => Object.is(v, builds[0].pred[i]));
    log(`${b.name} vs ${builds[0].name}: SHAP max abs diff ${shapDiff.toExponential(2)}, predictions bitwise identical: ${identical}`);
  }
  for (let r = 0; r < o.rounds; r++) {
    for (const b of builds) {
      const f = b.figures;
      if (o.only === '' || o.only === 'shap') {
        const s = shapPass(b.model, rows, b.shapOptions);
        f.shapUs = Math.min(f.shapUs, s.median);
        f.shapCpuUs = Math.min(f.shapCpuUs, s.cpuUs);
      }
      if (o.only === '' || o.only === 'predict') {
        const p = predictPass(b.model, test);
        f.predict1 = Math.max(f.predict1, p.wall);
        f.predict1Cpu = Math.max(f.predict1Cpu, p.cpu);
      }
      if (o.only === '' || o.only === 'threads') {
        const p = await threadsPass(b.predictor, test);
        f.predict2 = Math.max(f.predict2, p.wall);
        f.predict2Cpu = Math.max(f.predict2Cpu, p.cpu);
      }
      log(`round ${r + 1} ${b.name}: ${JSON.stringify(f, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
    }
  }
  for (const b of builds) {
    await b.predictor.close();
    const f = b.figures;
    log(`${b.name}: shapRow median ${f.shapUs.toFixed(1)} us (CPU ${f.shapCpuUs.toFixed(1)} us/row), set-up ${b.setupMs.toFixed(0)} ms; ` +
      `predictRaw 1 thread ${Math.round(f.predict1)} rows/s (${Math.round(f.predict1Cpu)} per CPU s); ` +
      `ThreadedPredictor 2 threads ${Math.round(f.predict2)} rows/s (${Math.round(f.predict2Cpu)} per CPU s)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
