// Child process: measures @shopfloor/gbdt on one case (fit, quality, batch and single-row predict, SHAP, peak RSS) and prints JSON.
// Run by run.mjs as `node --expose-gc bench/gbdt/ours.mjs --case ai4i --shared DIR [...]`; needs packages/gbdt/dist.
import fs from 'node:fs';
import { GradientBoosting, MIN_PARALLEL_CELLS, ThreadedPredictor } from '@shopfloor/gbdt/node';
import { loadAi4i, loadCmapss, loadSynth } from './datasets.mjs';
import { median, nasaScore, percentile, rmse, rocAuc } from './metrics.mjs';
import { RUL_CAP } from './cmapss-features.mjs';
import { benchParams } from './settings.mjs';

function parseArgs(argv) {
  const o = { case: '', shared: '', synthFile: '', repeats: 3, latencyCalls: 1000, shapRows: 300 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--case') o.case = v;
    else if (k === '--shared') o.shared = v;
    else if (k === '--synth-file') o.synthFile = v;
    else if (k === '--repeats') o.repeats = Number(v);
    else if (k === '--latency-calls') o.latencyCalls = Number(v);
    else if (k === '--shap-rows') o.shapRows = Number(v);
    else throw new Error(`ours.mjs: unknown argument ${k}`);
  }
  return o;
}

const log = (msg) => process.stderr.write(`  [ours] ${msg}\n`);
const nowNs = () => process.hrtime.bigint();
const seconds = (t0) => Number(nowNs() - t0) / 1e9;
const gc = () => globalThis.gc?.();

/** Peak resident set (VmHWM) in MB; resetPeak() restarts it (Linux: writing 5 to /proc/self/clear_refs). */
function peakRssMb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux: fall through */
  }
  return process.resourceUsage().maxRSS / 1024;
}

function resetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function loadCase(o) {
  if (o.case === 'ai4i') return loadAi4i(o.shared);
  if (o.case === 'cmapss-fd001') return loadCmapss(o.shared);
  if (o.case === 'synth') return loadSynth(o.synthFile);
  throw new Error(`ours.mjs: unknown case '${o.case}'`);
}

/** Threads for training and batch predict, as many as the peers use (xgboost hist and HGB run with 2); data too small to pay for them runs on one. */
export const THREADS = 2;

function threadsUsed(data) {
  return data.train.nRows * data.train.nFeatures >= MIN_PARALLEL_CELLS ? Math.min(THREADS, data.train.nFeatures) : 1;
}

async function fitTimes(data, params, repeats) {
  const fitSeconds = [];
  let model;
  for (let r = 0; r < repeats; r++) {
    model = undefined;
    gc();
    const t0 = nowNs();
    model = await new GradientBoosting({ ...params, nThreads: THREADS }).fit({ X: data.train, y: data.yTrain, features: data.features });
    fitSeconds.push(seconds(t0));
    log(`fit ${r + 1}/${repeats}: ${fitSeconds[r].toFixed(3)} s`);
  }
  return { model, fitSeconds };
}

function quality(data, model) {
  const pred = model.predict(data.test);
  if (data.task === 'binary') return { auc: rocAuc(data.yTest, pred) };
  const capped = data.yTest.map((v) => Math.min(v, RUL_CAP));
  return {
    rmse: rmse(pred, data.yTest),
    score: nasaScore(pred, data.yTest),
    rmse_capped_truth: rmse(pred, capped),
    score_capped_truth: nasaScore(pred, capped),
  };
}

/**
 * Batch predict over the whole test set with a ThreadedPredictor on THREADS threads (batches too small
 * to pay for threads run on the calling thread): untimed calls for 0.2 s (start the threads and let V8
 * optimize their code, as the calling thread's was by the fits), then 3 samples, each repeating the call
 * until it lasts >= 20 ms. The result must be bitwise model.predict's.
 */
async function batchThroughput(data, model) {
  const { nRows } = data.test;
  const predictor = new ThreadedPredictor(model, { nThreads: THREADS });
  try {
    const first = await predictor.predict(data.test);
    const reference = model.predict(data.test);
    const identical = first.length === reference.length && first.every((v, i) => Object.is(v, reference[i]));
    if (!identical) throw new Error('ours.mjs: ThreadedPredictor.predict differs from model.predict');
    for (const t0 = nowNs(); seconds(t0) < 0.2; ) await predictor.predict(data.test);
    const samples = [];
    for (let s = 0; s < 3; s++) {
      let calls = 0;
      const t0 = nowNs();
      let t = 0;
      do {
        await predictor.predict(data.test);
        calls++;
        t = seconds(t0);
      } while (t < 0.02);
      samples.push({ calls, seconds: t, rowsPerSecond: (calls * nRows) / t });
    }
    const predictThreads = nRows >= predictor.minParallelRows ? THREADS : 1;
    return { predict_rows_per_second: median(samples.map((x) => x.rowsPerSecond)), samples, predict_threads: predictThreads, predict_identical_to_model: identical };
  } finally {
    await predictor.close();
  }
}

function testRows(data, count) {
  const { nRows, nFeatures, values } = data.test;
  return Array.from({ length: count }, (_, i) => values.slice((i % nRows) * nFeatures, ((i % nRows) + 1) * nFeatures));
}

/** predictRow over prebuilt Float64Array rows: warm-up calls, then each call timed on its own. */
function singleRow(data, model, calls) {
  const rows = testRows(data, calls);
  let sink = 0;
  for (let w = 0; w < 3; w++) for (const r of rows) sink += model.predictRow(r);
  const ns = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const r = rows[i];
    const t0 = nowNs();
    sink += model.predictRow(r);
    ns[i] = Number(nowNs() - t0);
  }
  const timer = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = nowNs();
    timer[i] = Number(nowNs() - t0);
  }
  // predictRow must agree with batch predict (the check that a fast path is not a wrong path).
  const batch = model.predict({ nRows: Math.min(calls, data.test.nRows), nFeatures: data.test.nFeatures, values: data.test.values.subarray(0, Math.min(calls, data.test.nRows) * data.test.nFeatures) });
  let maxDiff = 0;
  for (let i = 0; i < batch.length; i++) maxDiff = Math.max(maxDiff, Math.abs(batch[i] - model.predictRow(rows[i])));
  return {
    single_row_microseconds: median(ns) / 1e3,
    single_row_p99_microseconds: percentile(ns, 99) / 1e3,
    timer_overhead_microseconds: median(timer) / 1e3,
    calls,
    row_vs_batch_max_abs_diff: maxDiff,
    sink: Number.isFinite(sink),
  };
}

/** shapRow p50 over distinct test rows after warm-up; the first call (explainer set-up) is reported apart. */
function shapLatency(data, model, nRows) {
  const rows = testRows(data, Math.min(nRows, data.test.nRows) + 20);
  const t0 = nowNs();
  model.shapRow(rows[0]);
  const firstMs = seconds(t0) * 1e3;
  for (let i = 1; i < 20; i++) model.shapRow(rows[i]);
  const timed = rows.slice(20);
  const ns = new Float64Array(timed.length);
  const results = [];
  for (let i = 0; i < timed.length; i++) {
    const t = nowNs();
    results.push(model.shapRow(timed[i]));
    ns[i] = Number(nowNs() - t);
  }
  // Additivity: bias + sum(contributions) must equal the raw margin.
  let maxErr = 0;
  const p = data.test.nFeatures;
  timed.forEach((row, i) => {
    const raw = model.predictRaw({ nRows: 1, nFeatures: p, values: row })[0];
    const { contributions, bias } = results[i];
    let sum = typeof bias === 'number' ? bias : bias[0];
    for (const c of contributions) sum += c;
    maxErr = Math.max(maxErr, Math.abs(sum - raw) / Math.max(1, Math.abs(raw)));
  });
  return {
    shap_row_microseconds: median(ns) / 1e3,
    shap_row_p99_microseconds: percentile(ns, 99) / 1e3,
    shap_rows: timed.length,
    shap_first_call_ms: firstMs,
    shap_additivity_max_rel_error: maxErr,
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = nowNs();
  const data = loadCase(o);
  const loadSeconds = seconds(t0);
  const params = benchParams(data.task);
  log(`${o.case}: ${data.train.nRows} train / ${data.test.nRows} test rows, ${data.train.nFeatures} features; loaded in ${loadSeconds.toFixed(2)} s (not timed)`);
  gc();
  const rssAfterLoadMb = process.memoryUsage().rss / 2 ** 20;
  const loadPeakMb = peakRssMb();
  const peakReset = resetPeak();

  const { model, fitSeconds } = await fitTimes(data, params, o.repeats);
  const q = quality(data, model);
  log(`quality ${JSON.stringify(q)}`);
  const batch = await batchThroughput(data, model);
  log(`batch predict ${Math.round(batch.predict_rows_per_second).toLocaleString('en-US')} rows/s on ${batch.predict_threads} thread(s)`);
  const single = singleRow(data, model, o.latencyCalls);
  log(`predictRow p50 ${single.single_row_microseconds.toFixed(2)} us`);
  const shap = shapLatency(data, model, o.shapRows);
  log(`shapRow p50 ${shap.shap_row_microseconds.toFixed(1)} us over ${shap.shap_rows} rows`);

  const out = {
    case: o.case,
    n_train: data.train.nRows,
    n_test: data.test.nRows,
    n_features: data.train.nFeatures,
    notes: data.notes,
    params: { ...params, maxLeafNodes: params.maxLeafNodes ?? null },
    threads: threadsUsed(data),
    n_trees: model.nIterations,
    load_seconds: loadSeconds,
    train_seconds: median(fitSeconds),
    train_seconds_all: fitSeconds,
    ...q,
    ...batch,
    ...single,
    ...shap,
    peak_rss_mb: peakRssMb(),
    peak_rss_scope: peakReset ? 'fits, predictions and SHAP with the data loaded (peak reset after CSV parsing)' : 'whole child process, CSV parsing included (peak reset unavailable)',
    rss_after_load_mb: rssAfterLoadMb,
    load_peak_rss_mb: loadPeakMb,
    node: process.version,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
