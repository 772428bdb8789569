#!/usr/bin/env node
// `npm run bench:trust`: precision and recall of every sensor check on injected faults, false alarms on clean data, streaming rate.
//
// Builds the packages (npx tsc -b packages/server) and runs the compiled trust stage in this process.
// Datasets: AI4I 2020 (5 sensors, rows in UDI order one minute apart) and C-MAPSS FD001 (14 varying
// sensors, 100 engines, one run each). Every sensor gets two redundant twins (a copy plus independent
// noise of sd = its sigma), so drift is judged against a group of three. Baselines are fitted on a
// clean reference range (AI4I rows 1-5,000, C-MAPSS engines 1-30); the checks then run over everything.
// No peer does this (MLflow, Evidently and friends have no sensor checks), so the peer is "-".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineBusy, machineInfo } from '../gbdt/machine.mjs';
import { loadAi4i, loadCmapss } from './datasets.mjs';
import { cleanReplays, faultPasses, fitDataset } from './harness.mjs';
import { rates, worstSensor, WINDOWS } from './score.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const HELP = `usage: node bench/trust/run.mjs [options]   (npm run bench:trust -- [options])
  --quick               development size: 100,000 clean readings, 1 fault pass, AI4I only
  --clean-readings N    clean readings replayed for false alarms and the streaming rate (default 1,000,000)
  --fault-passes N      passes of injected faults over both datasets (default 3)
  --datasets LIST       ai4i,cmapss-fd001 (default both)
  --no-build            do not run npx tsc -b packages/server first
env SHOPFLOOR_SHARED    the shared folder with data/cmapss-fd001 (default: ../shared next to the project root)`;

function parseArgs(argv) {
  const o = { cleanReadings: 1_000_000, faultPasses: 3, datasets: ['ai4i', 'cmapss-fd001'], build: true, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--help' || k === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (k === '--no-build') o.build = false;
    else if (k === '--quick') Object.assign(o, { quick: true, cleanReadings: 100_000, faultPasses: 1, datasets: ['ai4i'] });
    else if (k === '--datasets') o.datasets = String(argv[++i] ?? '').split(',').filter(Boolean);
    else if (k === '--clean-readings' || k === '--fault-passes') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) fail(`${k} needs a whole number >= 1; got ${argv[i]}`);
      o[k === '--clean-readings' ? 'cleanReadings' : 'faultPasses'] = v;
    } else fail(`unknown option ${k}\n${HELP}`);
  }
  for (const d of o.datasets) if (!['ai4i', 'cmapss-fd001'].includes(d)) fail(`unknown dataset ${d}`);
  return o;
}

function fail(message) {
  console.error(`bench:trust: ${message}`);
  process.exit(2);
}

const log = (m) => process.stderr.write(`[bench:trust] ${m}\n`);

async function loadTrust() {
  const trust = await import(path.join(ROOT, 'packages/server/dist/trust/index.js'));
  const { SensorSpec } = await import(path.join(ROOT, 'packages/contracts/dist/index.js'));
  return { ...trust, parseSpec: (s) => SensorSpec.parse(s) };
}

const FIXED = (v, d) => (v === null || v === undefined ? '-' : v.toFixed(d));

function table(rows) {
  const head = ['case', 'figure', 'ours', 'better', 'note'];
  const body = rows.map((r) => [r.case, r.figure, r.figure === 'readings_per_second' ? Math.round(r.ours).toLocaleString('en-US') : FIXED(r.ours, r.figure === 'false_alarms_per_10k' ? 3 : 4), r.better, r.note ?? '']);
  const w = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells) => cells.map((c, i) => (i === 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd();
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const shared = path.resolve(process.env.SHOPFLOOR_SHARED ?? path.join(ROOT, '..', 'shared'));
  if (o.build) {
    log('building (npx tsc -b packages/server) ...');
    const r = spawnSync('npx', ['tsc', '-b', 'packages/server'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) fail(`npx tsc -b packages/server failed (exit ${r.status})`);
  }
  const trust = await loadTrust();
  const busyBefore = await machineBusy(1000);
  const datasets = [];
  if (o.datasets.includes('ai4i')) datasets.push(loadAi4i(path.join(ROOT, 'packages/server/data/ai4i2020/ai4i2020.csv')));
  if (o.datasets.includes('cmapss-fd001')) datasets.push(loadCmapss(path.join(shared, 'data', 'cmapss-fd001')));
  const fits = datasets.map((d) => fitDataset(trust, d));
  log(`fault passes: ${o.faultPasses} ...`);
  const faults = faultPasses(trust, datasets, fits, o.faultPasses);
  log(`clean replays: ${o.cleanReadings.toLocaleString('en-US')} readings ...`);
  const clean = cleanReplays(trust, datasets, fits, o.cleanReadings);
  const worst = worstSensor(clean.counts);
  const totalFalse = Object.values(clean.counts).reduce((a, c) => a + c.alarms, 0);
  const rows = [];
  for (const kind of ['out_of_range', 'stuck', 'spike', 'dropout', 'drift', 'noise', 'relation']) {
    const t = faults.tally[kind] ?? { events: 0, detected: 0, alarms: 0, trueAlarms: 0, latencies: [] };
    const r = rates(t);
    const lat = [...t.latencies].sort((a, b) => a - b);
    const note = `W=${WINDOWS[kind]}; ${t.detected}/${t.events} events, ${t.trueAlarms}/${t.alarms} alarms true; median latency ${lat.length ? lat[lat.length >> 1] : '-'} readings`;
    rows.push({ case: kind, figure: 'precision', ours: r.precision, better: 'higher', note });
    rows.push({ case: kind, figure: 'recall', ours: r.recall, better: 'higher' });
  }
  rows.push({ case: 'clean', figure: 'false_alarms_per_10k', ours: worst.per10k, better: 'lower', note: `worst sensor ${worst.sensor} (${worst.alarms} in ${worst.readings.toLocaleString('en-US')}); all sensors ${totalFalse} in ${clean.readings.toLocaleString('en-US')}` });
  rows.push({ case: 'streaming', figure: 'readings_per_second', ours: clean.readings / clean.seconds, better: 'higher', note: `${clean.readings.toLocaleString('en-US')} readings in ${clean.seconds.toFixed(2)} s, one thread, every check on` });
  const machine = machineInfo();
  const out = [
    `\nbench:trust  ${machine.nproc} cores (${machine.cpu_model}), node ${machine.node}, machine ${busyBefore === undefined ? '?' : `${(busyBefore * 100).toFixed(0)}%`} busy before the run${o.quick ? '  [--quick: development size]' : ''}`,
    `datasets: ${datasets.map((d) => `${d.name} (${d.runs.length} run${d.runs.length > 1 ? 's' : ''})`).join(', ')}; fault passes ${o.faultPasses}; clean readings ${clean.readings.toLocaleString('en-US')}\n`,
    table(rows),
    '',
    'Targets: precision and recall >= 0.95 per fault kind, <= 1 false alarm per 10,000 clean readings on the worst sensor, >= 500,000 readings/s.',
  ];
  const dir = path.join(ROOT, 'bench', 'results', 'local');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `trust-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`);
  fs.writeFileSync(file, JSON.stringify({ bench: 'trust', options: o, machine, busyBefore, rows, tally: faults.tally, falseAlarmExamples: faults.examples, cleanCounts: clean.counts, cleanExamples: clean.examples }, null, 2) + '\n');
  out.push(`raw results: ${path.relative(ROOT, file)}`);
  process.stdout.write(out.join('\n') + '\n');
  const sig = (v) => (v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(6)));
  process.stdout.write(JSON.stringify({ bench: 'trust', rows: rows.map((r) => ({ case: r.case, figure: r.figure, ours: sig(r.ours), peer: '-', peerValue: null, better: r.better })) }) + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench:trust: ${err.stack ?? err}\n`);
  process.exit(1);
});
