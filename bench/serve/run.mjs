#!/usr/bin/env node
// `npm run bench:serve`: Shopfloor's single-row predict against bare Fastify and FastAPI+XGBoost, in one run on loopback.
//
// One after the other, never together: the bare Fastify ceiling (../shared/bench/ceiling_fastify.mjs with
// the project's fastify), FastAPI+XGBoost (../shared/bench/peers_serve_fastapi.py on Debian's python3, one
// uvicorn worker, the median of 3 wrk runs), then Shopfloor started as a user would (the built CLI's
// `demo --json` on a fresh data dir: bundled AI4I data, champion trained, warnings-only logging so no
// per-request access log; the prediction log is whatever the build has on) for the cases predict,
// predict-explained, predict-with-shadow and predict-ab. Each measurement: a wrk warm-up, then
// `wrk -t1 -c32 -d10s --latency` (requests_per_second, p50_ms), then our open-loop client at half of the
// rate wrk found, for 15 s (p99_ms_at_half_load, timed from each scheduled send). A case whose endpoint
// answers 404 (the deployment API before it lands) is skipped with the reason printed.
// Prints a table, the issue's targets and, last, the JSON line of DEVELOPERS.md. Raw results and server
// logs go to bench/results/local/. Usage: see --help or bench/README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineBusy, machineInfo, waitIdle } from '../gbdt/machine.mjs';
import { startCpuSampler, waitProcessQuiet } from './cpu.mjs';
import { profileText, summarizeProfile } from './profile-summary.mjs';
import { runOpenLoop } from './open-loop.mjs';
import { CASES, jsonLine, resultRows, table, targets, targetsText } from './report.mjs';
import { startCeiling, startFastapi, startShopfloor, stopAll } from './servers.mjs';
import { ai4iRows, call, checkAnswers, deploymentPath, errorText, predictBodies, putDeployment, trainSecondVersion } from './shopfloor-api.mjs';
import { runWrk } from './wrk.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PEERS = ['fastify-ceiling', 'fastapi-xgboost'];
const HELP = `usage: node bench/serve/run.mjs [options]   (npm run bench:serve -- [options])
  --quick                development check: 2 s wrk runs (1 s warm-up), 3 s open-loop; figures are rough
  --cases LIST           comma list of ${CASES.join(', ')} (default: all)
  --skip-peers           Shopfloor only (every peer row then has peerValue null)
  --seconds N            measured wrk run (default 10)
  --open-loop-seconds N  open-loop run at half load (default 15)
  --fastapi-runs N       wrk runs of FastAPI; its figures are the run with the median req/s (default 3)
  --wait-idle SECONDS    before each measured step, wait (up to SECONDS) until the machine is < 15% busy
  --no-build             do not run npx tsc -b first (the benchmark runs the built CLI in dist/)
  --profile              run Shopfloor under node --cpu-prof and print where its CPU went in each case's
                         measured wrk run (the profiler slows it: its figures are not comparable)
env SHOPFLOOR_SHARED     the shared folder (default: ../shared next to the project root)`;

function parseArgs(argv) {
  const o = { profile: false, cases: CASES, skipPeers: false, seconds: 10, warmup: 3, openLoopSeconds: 15, openLoopWarmup: 1, fastapiRuns: 3, waitIdle: 0, build: true, quick: false, connections: 32, bodies: 64 };
  const num = (k, v, min) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) fail(`${k} must be an integer >= ${min}; got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--help' || k === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (k === '--quick') Object.assign(o, { quick: true, seconds: 2, warmup: 1, openLoopSeconds: 3, openLoopWarmup: 0.5 });
    else if (k === '--skip-peers') o.skipPeers = true;
    else if (k === '--no-build') o.build = false;
    else if (k === '--profile') o.profile = true;
    else {
      const v = argv[++i];
      if (v === undefined) fail(`${k} needs a value`);
      if (k === '--cases') o.cases = v.split(',').map((c) => c.trim()).filter(Boolean);
      else if (k === '--seconds') o.seconds = num(k, v, 1);
      else if (k === '--open-loop-seconds') o.openLoopSeconds = num(k, v, 1);
      else if (k === '--fastapi-runs') o.fastapiRuns = num(k, v, 1);
      else if (k === '--wait-idle') o.waitIdle = num(k, v, 0);
      else fail(`unknown option ${k}\n${HELP}`);
    }
  }
  for (const c of o.cases) if (!CASES.includes(c)) fail(`unknown case '${c}'; cases are ${CASES.join(', ')}`);
  // the champion-alone cases first: until a variant case runs, the fresh demo's deployment has no variants
  o.cases = CASES.filter((c) => o.cases.includes(c));
  return o;
}

function fail(message) {
  process.stderr.write(`bench:serve: ${message}\n`);
  process.exit(2);
}

const log = (msg) => process.stderr.write(`[bench:serve] ${msg}\n`);
const pct = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(0)}%`);
const medianBy = (xs, key) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)];

async function settle(o) {
  if (o.waitIdle > 0) return waitIdle(o.waitIdle, 0.15, log);
  return machineBusy(1000);
}

/**
 * wrk warm-up, `runs` measured wrk runs (figures from the median one), then the open-loop client at half of
 * that run's rate. CPU is sampled during each measured step.
 */
async function measure(name, target, o, runs = 1) {
  const { url, bodies, token, pid } = target;
  const quiet = await waitProcessQuiet(pid);
  if (quiet > 1.5) log(`${name}: waited ${quiet.toFixed(0)} s for the server's own background work to finish`);
  const rec = { name, busyBefore: await settle(o) };
  log(`${name}: wrk warm-up ${o.warmup} s, then ${runs > 1 ? `${runs} x ` : ''}wrk -t1 -c${o.connections} -d${o.seconds}s (machine ${pct(rec.busyBefore)} busy before)`);
  await runWrk({ url, bodies, token, seconds: o.warmup, connections: o.connections });
  rec.wrk = [];
  for (let r = 0; r < runs; r++) {
    let wrkPid = null;
    const sampler = startCpuSampler(pid, () => (wrkPid === null ? [] : [wrkPid]));
    const startedAt = Date.now();
    const w = await runWrk({ url, bodies, token, seconds: o.seconds, connections: o.connections, onStart: (p) => (wrkPid = p) });
    rec.wrk.push({ ...w, cpu: sampler.stop(), startedAt, endedAt: Date.now() });
  }
  const best = medianBy(rec.wrk, (w) => w.requestsPerSecond);
  const rate = best.requestsPerSecond / 2;
  log(`${name}: ${Math.round(best.requestsPerSecond)} req/s, p50 ${best.latencyMs.p50?.toFixed(2)} ms; open-loop at ${Math.round(rate)} req/s for ${o.openLoopSeconds} s`);
  const sampler = startCpuSampler(pid, () => [process.pid]);
  rec.openLoop = await runOpenLoop({ url, bodies, token, rate, seconds: o.openLoopSeconds, warmup: o.openLoopWarmup, connections: o.connections });
  rec.openLoop.cpu = sampler.stop();
  rec.figures = { requests_per_second: best.requestsPerSecond, p50_ms: best.latencyMs.p50, p99_ms_at_half_load: rec.openLoop.p99Ms };
  rec.errors = rec.wrk.reduce((a, w) => a + w.non2xx + w.socketErrors, 0) + rec.openLoop.errors;
  if (rec.errors > 0) log(`${name}: WARNING ${rec.errors} failed requests (non-2xx or socket errors); see the raw results`);
  if (clientLagged(rec.openLoop)) log(`${name}: WARNING the open-loop client did not hold its schedule (achieved ${Math.round(rec.openLoop.achievedRate ?? 0)} of ${Math.round(rate)} req/s, send lag p99 ${rec.openLoop.sendLagP99Ms?.toFixed(2)} ms): its p99 includes the client's own delay`);
  return rec;
}

/** The client, not the server, was late: it reached < 95% of the rate, or sends left > 1 ms after their due time (p99). */
function clientLagged(ol) {
  return (ol.achievedRate ?? 0) < 0.95 * ol.rate || (ol.sendLagP99Ms ?? 0) > 1;
}

async function withServer(start, use) {
  const server = await start();
  try {
    return await use(server);
  } finally {
    await server.proc.stop();
  }
}

async function runPeers(o, ctx) {
  const peers = {};
  const body = JSON.stringify({ type: 'M', air_temperature_k: 298.1, process_temperature_k: 308.6, rotational_speed_rpm: 1551, torque_nm: 42.8, tool_wear_min: 0 });
  const starts = {
    'fastify-ceiling': () => startCeiling(ctx),
    'fastapi-xgboost': () => startFastapi({ ...ctx, csv: path.join(ctx.shared, 'data', 'ai4i2020', 'ai4i2020.csv') }),
  };
  for (const name of PEERS) {
    try {
      peers[name] = await withServer(starts[name], async (s) => {
        log(`${name}: ${s.command}`);
        const rec = await measure(name, { url: s.url, bodies: [body], pid: s.proc.pid }, o, name === 'fastapi-xgboost' ? o.fastapiRuns : 1);
        return { ...rec.figures, rec, command: s.command };
      });
    } catch (e) {
      log(`${name}: FAILED ${e.message}`);
      await stopAll(); // a peer that never got ready may still run
      peers[name] = { error: e.message };
    }
  }
  return peers;
}

/** What each Shopfloor case sets up before it is measured: the deployment and the request bodies. */
function caseSetups(rows, v2) {
  const plain = predictBodies(rows, { explain: false });
  return {
    predict: { bodies: plain, variants: [] },
    'predict-explained': { bodies: predictBodies(rows, { explain: true }), variants: [] },
    'predict-with-shadow': { bodies: plain, variants: [{ model: v2, mode: 'shadow' }], needsVariant: true },
    'predict-ab': { bodies: plain, variants: [{ model: v2, mode: 'split', share: 0.5 }], needsVariant: true },
  };
}

async function runShopfloor(o, ctx) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopfloor-bench-serve-'));
  const out = { cases: {}, skipped: {} };
  try {
    await withServer(
      () => startShopfloor({ ...ctx, dataDir, nodeArgs: o.profile ? ['--cpu-prof', '--cpu-prof-dir', ctx.logDir] : [] }),
      async (sf) => {
        out.proc = sf.proc;
        out.command = sf.command;
        log(`shopfloor: ${sf.command}; champion v${sf.model.version}`);
        const rows = ai4iRows(path.join(ROOT, 'packages/server/data/ai4i2020/ai4i2020.csv'), o.bodies);
        const probe = await call(sf, 'GET', deploymentPath(sf));
        out.deploymentApi = probe.status === 200 ? 'present' : `GET ${deploymentPath(sf)} answered ${errorText(probe)}`;
        let v2 = null;
        if (probe.status === 200 && o.cases.some((c) => c === 'predict-with-shadow' || c === 'predict-ab')) {
          const trained = await trainSecondVersion(sf);
          v2 = String(trained.version);
          log(`shopfloor: trained v${v2} (${trained.id}) for the shadow and A/B cases`);
        }
        const setups = caseSetups(rows, v2);
        for (const c of o.cases) {
          const setup = setups[c];
          if (setup.needsVariant && probe.status !== 200) {
            out.skipped[c] = `${out.deploymentApi}: the deployment API is not in this build`;
            log(`${c}: SKIPPED (${out.skipped[c]})`);
            continue;
          }
          if (probe.status === 200) {
            const put = await putDeployment(sf, setup.variants);
            if (!put.ok && !setup.needsVariant) log(`${c}: could not reset the deployment (${put.skip ?? put.error}); measuring anyway: no variant case ran before it`);
            else if (!put.ok) {
              out.skipped[c] = put.skip ?? put.error;
              if (put.error) out.failed = true;
              log(`${c}: SKIPPED (${out.skipped[c]})`);
              continue;
            }
          }
          let check;
          try {
            check = await checkAnswers(sf, setup.bodies);
          } catch (e) {
            out.skipped[c] = `FAILED: ${e.message}`;
            out.failed = true;
            log(`${c}: ${out.skipped[c]}`);
            continue;
          }
          log(`${c}: ${check.answers} answers checked: ${Object.entries(check.versions).map(([v, n]) => `${n} by ${v}`).join(', ')}; predictionId in ${check.withPredictionId}${c === 'predict-explained' ? `; ${check.contributions} contributions each` : ''}`);
          const rec = await measure(c, { url: `${sf.base}/api/v1/use-cases/${sf.useCaseId}/predict`, bodies: setup.bodies, token: sf.token, pid: sf.proc.pid }, o);
          out.cases[c] = { ...rec.figures, rec, check, variants: setup.variants };
        }
      },
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

function build() {
  log('building (npx tsc -b packages/gbdt packages/contracts packages/server packages/cli) ...');
  const r = spawnSync('npx', ['tsc', '-b', 'packages/gbdt', 'packages/contracts', 'packages/server', 'packages/cli'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`the build failed (exit ${r.status}); the benchmark runs the built CLI (or pass --no-build to run the last build)`);
  if (!fs.existsSync(path.join(ROOT, 'packages/web/dist/index.html'))) fail('the web UI is not built (the demo serves it): run npm run build once');
}

function stepLine(rec) {
  const w = medianBy(rec.wrk, (x) => x.requestsPerSecond);
  const ol = rec.openLoop;
  const f = (c) => `server ${pct(c.serverShare)} of the machine, foreign mean ${pct(c.foreign.mean)} max ${pct(c.foreign.max)}${c.foreign.mean > 0.15 ? ' DISTURBED' : ''}`;
  const runs = rec.wrk.length > 1 ? ` (runs ${rec.wrk.map((x) => Math.round(x.requestsPerSecond)).join(', ')} req/s)` : '';
  // CPU per request moves far less than req/s when other processes take cores: compare it across runs on a busy machine
  const cpuUs = w.requests > 0 ? ((w.cpu.serverCpuSeconds * 1e6) / w.requests).toFixed(0) : '-';
  return (
    `${rec.name}: wrk ${Math.round(w.requestsPerSecond)} req/s${runs}, p50/p90/p99 ${['p50', 'p90', 'p99'].map((p) => w.latencyMs[p]?.toFixed(2)).join(' / ')} ms, ${w.non2xx} non-2xx, ${w.socketErrors} socket errors; server CPU ${cpuUs} us/request; ${f(w.cpu)}; RSS ${w.cpu.serverRssMb?.toFixed(0)} MB\n` +
    `  open loop at ${Math.round(ol.rate)} req/s: achieved ${ol.achievedRate === null ? '-' : Math.round(ol.achievedRate)} req/s, p50 ${ol.p50Ms?.toFixed(2)} ms, p99 ${ol.p99Ms?.toFixed(2)} ms, max ${ol.maxMs?.toFixed(1)} ms, ${ol.errors} errors; send lag p99 ${ol.sendLagP99Ms?.toFixed(2)} ms${clientLagged(ol) ? ' CLIENT LAGGED' : ''}; ${f(ol.cpu)}`
  );
}

/**
 * The Shopfloor server's .cpuprofile (written at its exit), cut to each case's measured wrk run. The profile's
 * clock ends when the process exited, so a wall time t maps to endTime - (exitedAt - t) ms.
 */
function profileSummaries(logDir, ours) {
  const file = fs.readdirSync(logDir).find((f) => f.endsWith('.cpuprofile'));
  const exitedAt = ours.proc?.exitedAt();
  if (file === undefined || !exitedAt) return { error: `no .cpuprofile in ${logDir}` };
  const profile = JSON.parse(fs.readFileSync(path.join(logDir, file), 'utf8'));
  const cases = {};
  for (const [c, { rec }] of Object.entries(ours.cases)) {
    const w = rec.wrk[0];
    const window = { fromUs: profile.endTime - (exitedAt - w.startedAt) * 1000, toUs: profile.endTime - (exitedAt - w.endedAt) * 1000 };
    cases[c] = summarizeProfile(profile, 12, window);
  }
  return { file: path.join(logDir, file), cases };
}

function writeRaw(payload) {
  const dir = path.join(ROOT, 'bench', 'results', 'local');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `serve-${payload.stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
  return path.relative(ROOT, file);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const shared = path.resolve(process.env.SHOPFLOOR_SHARED ?? path.join(ROOT, '..', 'shared'));
  for (const f of ['bench/ceiling_fastify.mjs', 'bench/peers_serve_fastapi.py', 'data/ai4i2020/ai4i2020.csv']) {
    if (!o.skipPeers && !fs.existsSync(path.join(shared, f))) fail(`missing ${path.join(shared, f)} (set SHOPFLOOR_SHARED to the shared folder)`);
  }
  if (spawnSync('wrk', ['-v']).error) fail('wrk is not installed: apt-get install -y wrk');
  if (o.build) build();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const logDir = path.join(ROOT, 'bench', 'results', 'local', `serve-${stamp}`);
  fs.mkdirSync(logDir, { recursive: true });
  const ctx = { root: ROOT, shared, logDir };
  const machine = machineInfo();
  const started = new Date().toISOString();
  const peers = o.skipPeers ? {} : await runPeers(o, ctx);
  const ours = await runShopfloor(o, ctx);
  const rows = resultRows(ours.cases, peers);
  const profiles = o.profile ? profileSummaries(logDir, ours) : undefined;
  delete ours.proc;
  const checks = targets(rows);
  const rawFile = writeRaw({ bench: 'serve', stamp, started, finished: new Date().toISOString(), options: o, shared, machine: { ...machine, loadavg_end: os.loadavg() }, peers, ours, rows, targets: checks, profiles });

  const out = [`\nbench:serve  ${machine.nproc} cores (${machine.cpu_model}), node ${machine.node}, load average at start ${machine.loadavg.map((x) => x.toFixed(2)).join(' ')}${o.quick ? '  [--quick: development check, figures are rough]' : ''}`];
  out.push(`load: wrk -t1 -c${o.connections} -d${o.seconds}s --latency (after a ${o.warmup} s warm-up); open loop ${o.openLoopSeconds} s at half of the wrk rate, latency from each scheduled send; all on 127.0.0.1`);
  out.push(`shopfloor: ${ours.command ?? '-'}; ${o.bodies} held-out AI4I rows (UDI % 5 == 0, each its own machine) round robin; deployment API: ${ours.deploymentApi ?? '-'}\n`);
  for (const p of PEERS) if (peers[p]?.rec) out.push(stepLine(peers[p].rec));
  for (const p of PEERS) if (peers[p]?.error) out.push(`${p}: FAILED ${peers[p].error}`);
  for (const c of CASES) if (ours.cases[c]) out.push(stepLine(ours.cases[c].rec));
  for (const [c, why] of Object.entries(ours.skipped)) out.push(`${c}: SKIPPED: ${why}`);
  const recs = [...PEERS.map((p) => peers[p]?.rec), ...CASES.map((c) => ours.cases[c]?.rec)].filter(Boolean);
  const disturbed = recs.filter((r) => [...r.wrk.map((w) => w.cpu), r.openLoop.cpu].some((c) => c.foreign.mean > 0.15)).map((r) => r.name);
  const lagged = recs.filter((r) => clientLagged(r.openLoop)).map((r) => r.name);
  out.push('', table(rows), '', 'ratio = ours / peer; "better" is the direction that wins. fastify-ceiling runs no model (an upper bound); fastapi-xgboost: one uvicorn worker.');
  if (disturbed.length) out.push(`WARNING: other processes used > 15% of the machine during ${disturbed.join(', ')} (DISTURBED above): rerun on an idle machine (--wait-idle 600).`);
  if (lagged.length) out.push(`WARNING: the open-loop client fell behind its schedule for ${lagged.join(', ')} (CLIENT LAGGED above): those p99_ms_at_half_load include the client's own delay.`);
  if (profiles?.error) out.push('', `profile: ${profiles.error}`);
  for (const [c, summary] of Object.entries(profiles?.cases ?? {})) out.push('', `${c} (Shopfloor under the profiler, its measured wrk run) ${profileText(summary)}`);
  if (profiles?.file) out.push(`profile: ${path.relative(ROOT, profiles.file)} (open it in Chrome DevTools or summarise it with node bench/serve/profile-summary.mjs)`);
  out.push('', targetsText(checks), '', `raw results: ${rawFile} (server logs in ${path.relative(ROOT, logDir)}/)`);
  process.stdout.write(out.join('\n') + '\n');
  process.stdout.write(jsonLine(rows) + '\n');
  if (ours.failed || PEERS.some((p) => peers[p]?.error)) process.exitCode = 1;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: stopping the servers ...`);
    stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (err) => {
  process.stderr.write(`bench:serve: ${err.stack ?? err}\n`);
  await stopAll(); // a server that failed to get ready is still running in its own process group
  process.exit(1);
});
