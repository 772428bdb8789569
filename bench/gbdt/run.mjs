#!/usr/bin/env node
// `npm run bench:gbdt`: @shopfloor/gbdt against xgboost and scikit-learn HGB (../shared/bench peers) on ai4i, cmapss-fd001, synth-1m.
//
// Builds packages/gbdt/dist first (npx tsc -b packages/gbdt) and runs the compiled code. For each case it
// runs our part in a child process (so its peak RSS is ours alone), then the peer script, one after the
// other, never together. Prints a table, the issue's targets and, as the last line, the JSON line of
// DEVELOPERS.md. Raw results go to bench/results/local/ (gitignored). Usage: see --help or bench/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ai4iPath, cmapssDir, ensureSynth, synthCaseName, synthPath } from './datasets.mjs';
import { machineBusy, machineInfo, runSampled, waitIdle } from './machine.mjs';
import { runPeers, peerCommand } from './peers.mjs';
import { caseRows, jsonLine, table, targets, targetsText } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const CASES = ['ai4i', 'cmapss-fd001', 'synth-1m'];
const HELP = `usage: node bench/gbdt/run.mjs [options]   (npm run bench:gbdt -- [options])
  --cases LIST         comma list of ${CASES.join(', ')} (default: all)
  --repeats N          fits per model for the train_seconds median, ours and peers (default 3)
  --skip-peers         run only ours (development); every row then has peer "-"
  --synth-rows N       rows of the synth file (default 1000000 -> /tmp/synth_1m_50.csv); other sizes
                       use /tmp/synth_N_50.csv and are reported as e.g. synth-100k, peers included
  --latency-calls N    timed predictRow calls (default 1000, at least 1000)
  --shap-rows N        timed shapRow rows (default 300)
  --wait-idle SECONDS  before each step, wait (up to SECONDS) until the machine is < 15% busy
  --no-build           do not run npx tsc -b packages/gbdt first
env SHOPFLOOR_SHARED   the shared folder (default: ../shared next to the project root)`;

function parseArgs(argv) {
  const o = { cases: CASES, repeats: 3, skipPeers: false, synthRows: 1_000_000, latencyCalls: 1000, shapRows: 300, waitIdle: 0, build: true };
  const num = (k, v, min) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) fail(`${k} must be an integer >= ${min}; got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--help' || k === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (k === '--skip-peers') o.skipPeers = true;
    else if (k === '--no-build') o.build = false;
    else if (v === undefined) fail(`${k} needs a value`);
    else {
      i++;
      if (k === '--cases') o.cases = v.split(',').map((c) => c.trim()).filter(Boolean).map((c) => (c === 'synth' ? 'synth-1m' : c));
      else if (k === '--repeats') o.repeats = num(k, v, 1);
      else if (k === '--synth-rows') o.synthRows = num(k, v, 100);
      else if (k === '--latency-calls') o.latencyCalls = num(k, v, 1000);
      else if (k === '--shap-rows') o.shapRows = num(k, v, 10);
      else if (k === '--wait-idle') o.waitIdle = num(k, v, 0);
      else fail(`unknown option ${k}\n${HELP}`);
    }
  }
  for (const c of o.cases) if (!CASES.includes(c)) fail(`unknown case '${c}'; cases are ${CASES.join(', ')}`);
  return o;
}

function fail(message) {
  process.stderr.write(`bench:gbdt: ${message}\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`[bench:gbdt] ${msg}\n`);
const pct = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(0)}%`);

function checkInputs(shared, cases) {
  const need = [];
  if (cases.includes('ai4i')) need.push(ai4iPath(shared));
  if (cases.includes('cmapss-fd001')) need.push(...['train_FD001.txt', 'test_FD001.txt', 'RUL_FD001.txt'].map((f) => path.join(cmapssDir(shared), f)));
  need.push(path.join(shared, 'bench', 'peers_tabular.py'));
  for (const f of need) if (!fs.existsSync(f)) fail(`missing ${f} (set SHOPFLOOR_SHARED to the shared folder)`);
}

function build() {
  log('building packages/gbdt (npx tsc -b packages/gbdt) ...');
  const r = spawnSync('npx', ['tsc', '-b', 'packages/gbdt'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`npx tsc -b packages/gbdt failed (exit ${r.status}); the benchmark runs the compiled learner`);
}

/** What each case feeds our child and the peer script. */
function caseSetup(name, shared, o) {
  if (name === 'ai4i') return { label: 'ai4i', child: ['--case', 'ai4i'], peerKind: 'ai4i', peerData: ai4iPath(shared) };
  if (name === 'cmapss-fd001') return { label: 'cmapss-fd001', child: ['--case', 'cmapss-fd001'], peerKind: 'rul', peerData: cmapssDir(shared) };
  const file = synthPath(o.synthRows);
  return { label: synthCaseName(o.synthRows), child: ['--case', 'synth', '--synth-file', file], peerKind: 'synth', peerData: file, synthFile: file };
}

/** Rows the peers would have given, with null values: used when a peer run fails, so the gap shows. */
function missingPeerFigures(kind, error) {
  const figures = kind === 'rul' ? ['rmse', 'train_seconds'] : ['auc', 'train_seconds', 'predict_rows_per_second', 'single_row_microseconds'];
  return ['xgboost', 'sklearn-hgb'].flatMap((peer) => figures.map((figure) => ({ peer, figure, value: null, note: `peer failed: ${error.slice(0, 60)}` })));
}

async function settle(o) {
  if (o.waitIdle > 0) return waitIdle(o.waitIdle, 0.15, log);
  return machineBusy(1000);
}

async function runOurs(setup, shared, o) {
  const args = ['--expose-gc', path.join(HERE, 'ours.mjs'), ...setup.child, '--shared', shared, '--repeats', String(o.repeats), '--latency-calls', String(o.latencyCalls), '--shap-rows', String(o.shapRows)];
  const run = await runSampled(process.execPath, args, { cwd: ROOT });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !last.startsWith('{')) return { error: `our child exited with ${run.code}`, foreignCpu: run.foreignCpu };
  return { result: JSON.parse(last), foreignCpu: run.foreignCpu, command: `node ${args.join(' ')}` };
}

async function runCase(name, shared, o) {
  const setup = caseSetup(name, shared, o);
  const rec = { case: setup.label };
  if (setup.synthFile) rec.synth = ensureSynth(shared, o.synthRows, setup.synthFile, log);
  rec.busyBeforeOurs = await settle(o);
  log(`${setup.label}: ours (machine ${pct(rec.busyBeforeOurs)} busy before) ...`);
  rec.ours = await runOurs(setup, shared, o);
  if (rec.ours.error) {
    log(`${setup.label}: ${rec.ours.error}`);
    return { rec, rows: [], failed: true };
  }
  let peerFigures = [];
  if (!o.skipPeers) {
    rec.busyBeforePeers = await settle(o);
    log(`${setup.label}: peers ${peerCommand(setup.peerKind, shared, { data: setup.peerData, repeats: o.repeats }).join(' ')}`);
    rec.peers = await runPeers(setup.peerKind, shared, { data: setup.peerData, repeats: o.repeats });
    if (rec.peers.error) log(`${setup.label}: ${rec.peers.error}`);
    peerFigures = rec.peers.figures ?? missingPeerFigures(setup.peerKind, rec.peers.error);
  }
  return { rec, rows: caseRows(setup.label, rec.ours.result, peerFigures), failed: Boolean(rec.peers?.error) };
}

function runSummary(rec) {
  const r = rec.ours.result;
  if (!r) return `${rec.case}: ours failed (${rec.ours.error})`;
  const fits = r.train_seconds_all.map((s) => s.toFixed(3)).join(', ');
  const fc = (f) => (f?.samples ? `foreign CPU mean ${pct(f.mean)} max ${pct(f.max)}${disturbed(f) ? ' DISTURBED' : ''}` : 'foreign CPU not sampled');
  const lines = [
    `${rec.case}: ${r.n_train} train / ${r.n_test} test rows x ${r.n_features} features; ours ${r.threads} thread${r.threads === 1 ? '' : 's'}, ${r.n_trees} rounds, fits ${fits} s;`,
    `  ours: ${fc(rec.ours.foreignCpu)}; predictRow p99 ${r.single_row_p99_microseconds.toFixed(2)} us; shapRow p99 ${r.shap_row_p99_microseconds.toFixed(0)} us, first call ${r.shap_first_call_ms.toFixed(1)} ms; SHAP additivity err ${r.shap_additivity_max_rel_error.toExponential(1)}`,
  ];
  if (rec.peers) lines.push(`  peers: ${rec.peers.error ? `FAILED: ${rec.peers.error}` : fc(rec.peers.foreignCpu)}`);
  return lines.join('\n');
}

/** A step is disturbed when other processes took more than 15% of the machine on average (PEERS.md's gate). */
function disturbed(f) {
  return Boolean(f?.samples) && f.mean > 0.15;
}

function writeRaw(payload) {
  const dir = path.join(ROOT, 'bench', 'results', 'local');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.join(dir, `gbdt-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
  return path.relative(ROOT, file);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const shared = path.resolve(process.env.SHOPFLOOR_SHARED ?? path.join(ROOT, '..', 'shared'));
  checkInputs(shared, o.cases);
  if (o.build) build();
  const started = new Date().toISOString();
  const machine = machineInfo();
  const records = [];
  const rows = [];
  let failed = false;
  for (const name of o.cases) {
    const { rec, rows: r, failed: f } = await runCase(name, shared, o);
    records.push(rec);
    rows.push(...r);
    failed ||= f;
  }
  const synthLabel = synthCaseName(o.synthRows);
  const checks = targets(rows, synthLabel);
  const rawFile = writeRaw({ bench: 'gbdt', started, finished: new Date().toISOString(), options: o, shared, machine: { ...machine, loadavg_end: machineInfo().loadavg }, cases: records, rows, targets: checks });

  const out = [];
  out.push(`\nbench:gbdt  ${machine.nproc} cores (${machine.cpu_model}), node ${machine.node}, load average at start ${machine.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  out.push(`ours: @shopfloor/gbdt/node (compiled dist), 2 worker threads for training where the data pays for them (rows x features >= 200,000), else 1, and for batch prediction (ThreadedPredictor); peers: xgboost hist 2 threads / sklearn HGB, same splits, same run.\n`);
  out.push(...records.map(runSummary), '');
  if (rows.length) out.push(table(rows), '');
  out.push('ratio = ours / peer; "better" is the direction that wins. single_row_microseconds: ours is predictRow on a prebuilt Float64Array row;', "  xgboost's peer value is Booster.inplace_predict on a 1-row float32 array (its fastest path), HGB's is predict_proba.");
  if (synthLabel !== 'synth-1m' && o.cases.includes('synth-1m')) out.push(`  NOTE: the synth case ran on ${o.synthRows} rows (${synthLabel}), not the 1M of the issue.`);
  const noisy = records.filter((r) => disturbed(r.ours?.foreignCpu) || disturbed(r.peers?.foreignCpu)).map((r) => r.case);
  if (noisy.length) out.push(`  WARNING: ${noisy.join(', ')} ran while other processes used > 15% of the machine (DISTURBED above): timings are not comparable; rerun idle (--wait-idle 600).`);
  const tt = targetsText(checks);
  if (tt) out.push('', tt);
  out.push('', `raw results: ${rawFile}`);
  process.stdout.write(out.join('\n') + '\n');
  if (failed) process.stderr.write('bench:gbdt: some steps failed (see above); their rows are missing or have peerValue null\n');
  process.stdout.write(jsonLine(rows) + '\n');
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench:gbdt: ${err.stack ?? err}\n`);
  process.exit(1);
});
