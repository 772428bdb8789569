// bench:trust's runs: redundant twins, baselines on the reference range, clean replays and fault passes through the compiled trust stage.
import { performance } from 'node:perf_hooks';
import { KIND_OF_CODE, scoreRun, addTallies } from './score.mjs';

/** Twin noise sd in units of the original's sigma (a redundant sensor of the same make). */
export const TWIN_NOISE = 1;
const TWINS = ['b', 'c'];

/** Concatenates the reference parts of the runs (engines apart by their time gaps). */
function reference(dataset, pick) {
  const parts = dataset.referenceRuns(dataset.runs);
  const cat = (get) => {
    const n = parts.reduce((a, p) => a + p.end, 0);
    const out = new Float64Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(get(p).subarray(0, p.end), o);
      o += p.end;
    }
    return out;
  };
  return { times: cat((p) => p.times), values: cat((p) => pick(p)) };
}

/** Specs of a run's sensors with two twins each, all three in one redundancy group named after the original. */
export function groupSpecs(run) {
  const specs = [];
  for (const s of run.sensors) {
    specs.push({ ...s.spec, redundancyGroup: s.spec.id });
    for (const tw of TWINS) {
      const { relation, ...rest } = s.spec;
      specs.push({ ...rest, id: `${s.spec.id}~${tw}`, redundancyGroup: s.spec.id });
    }
  }
  return specs;
}

/** The run's series: each original (possibly faulty) and its twins synthesised from the clean original with `seed`. */
export function runSeries(trust, run, sigma, seed, faulty = new Map()) {
  const series = [];
  run.sensors.forEach((s, j) => {
    const spec = trust.parseSpec(s.spec);
    const f = faulty.get(s.spec.id);
    series.push({ sensor: s.spec.id, times: f ? f.times : run.times, values: f ? f.values : s.values });
    TWINS.forEach((tw, k) => series.push({ sensor: `${s.spec.id}~${tw}`, times: run.times, values: trust.synthesiseTwin(spec, s.values, TWIN_NOISE * sigma[s.spec.id], seed * 7919 + j * 31 + k + 1) }));
  });
  return series;
}

/** Baselines of every original and twin (on the reference range, twins with seed 0) and the groups' difference baselines. */
export function fitDataset(trust, dataset) {
  const baselines = {};
  const sigma = {};
  const groupBaselines = {};
  for (const [j, s] of dataset.runs[0].sensors.entries()) {
    const spec = trust.parseSpec(s.spec);
    const ref = reference(dataset, (p) => p.sensors[j].values);
    baselines[spec.id] = trust.fitBaseline(ref.times, ref.values, spec);
    sigma[spec.id] = baselines[spec.id].sigma;
    const members = [{ spec: trust.parseSpec({ ...s.spec, relation: undefined }), values: ref.values }];
    TWINS.forEach((tw, k) => {
      const twin = trust.parseSpec({ ...s.spec, relation: undefined, id: `${spec.id}~${tw}` });
      const values = trust.synthesiseTwin(twin, ref.values, TWIN_NOISE * sigma[spec.id], 1_000_003 + j * 31 + k);
      baselines[twin.id] = trust.fitBaseline(ref.times, values, twin);
      members.push({ spec: twin, values });
    });
    Object.assign(groupBaselines, trust.fitGroupBaseline(members));
  }
  return { baselines, sigma, groupBaselines };
}

/** Runs every check over one run; returns the raised alarms, readings per sensor and the seconds spent in the checks. */
export function check(trust, run, fit, series) {
  const monitor = trust.createTrustMonitor(groupSpecs(run), { baselines: fit.baselines, groupBaselines: fit.groupBaselines });
  const t0 = performance.now();
  const { events } = trust.checkSeries(monitor, series);
  const seconds = (performance.now() - t0) / 1000;
  const alarms = [];
  for (const e of events) if (e.type === 'started') alarms.push({ sensor: e.issue.sensor, code: e.issue.code, at: e.at, issue: e.issue });
  const readings = series.reduce((a, s) => a + s.values.length, 0);
  return { alarms, seconds, readings, series };
}

/** Whole passes over every dataset until at least `target` clean readings: false alarms per sensor and the streaming rate. */
export function cleanReplays(trust, datasets, fits, target) {
  const counts = {};
  let readings = 0;
  let seconds = 0;
  const examples = [];
  for (let pass = 0; readings < target; pass++) {
    for (const [d, ds] of datasets.entries()) {
      for (const run of ds.runs) {
        const r = check(trust, run, fits[d], runSeries(trust, run, fits[d].sigma, 100 + pass));
        readings += r.readings;
        seconds += r.seconds;
        for (const s of r.series) (counts[s.sensor] ??= { readings: 0, alarms: 0 }).readings += s.values.length;
        for (const a of r.alarms) {
          counts[a.sensor].alarms++;
          if (examples.length < 20) examples.push(a.issue.message);
        }
      }
    }
  }
  return { counts, readings, seconds, examples };
}

const KINDS = ['out_of_range', 'stuck', 'spike', 'dropout', 'noise', 'drift'];

/** Fault passes: every original sensor gets planned faults (relation ones where it has a relation); returns per-kind tallies. */
export function faultPasses(trust, datasets, fits, passes) {
  const tally = {};
  let missedExamples = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const [d, ds] of datasets.entries()) {
      ds.runs.forEach((run, r) => {
        const faulty = new Map();
        const faults = [];
        run.sensors.forEach((s, j) => {
          const n = run.times.length;
          // A drift needs room for its 500-reading ramp: none in a C-MAPSS engine (128-362 cycles).
          const all = s.spec.relation ? [...KINDS, 'relation', 'relation'] : KINDS;
          const kinds = n >= 1000 ? all : all.filter((k) => k !== 'drift');
          // AI4I: a fault every few hundred readings; C-MAPSS engines: one fault per engine and sensor.
          const usable = n >= 1000 ? trust.planFaults(n, kinds, { first: 100 + 37 * j, gap: 100, offset: pass * 3 + j }) : [{ kind: kinds[(pass + r + j) % kinds.length], at: 40 + ((r * 7 + j * 3) % 20) }];
          const other = s.spec.relation ? run.sensors.find((o) => o.spec.id === s.spec.relation.other).values : undefined;
          const spec = trust.parseSpec(s.spec);
          const out = trust.injectFaults(spec, { times: run.times, values: s.values }, fits[d].sigma[spec.id], usable, 7 + pass * 1000 + r * 50 + j, other);
          faulty.set(spec.id, out);
          faults.push(...out.faults);
        });
        const res = check(trust, run, fits[d], runSeries(trust, run, fits[d].sigma, 500 + pass, faulty));
        const period = run.sensors[0].spec.samplePeriodMs;
        addTallies(tally, scoreRun(faults, res.alarms, period));
        if (missedExamples.length < 30) missedExamples.push(...falseAlarms(faults, res.alarms, period).slice(0, 3));
      });
    }
  }
  return { tally, examples: missedExamples };
}

/** Alarms that match no fault of their kind (for the raw results, to see why precision drops). */
function falseAlarms(faults, alarms, period) {
  return alarms.filter((a) => {
    const one = scoreRun(faults.filter((f) => f.sensor === a.sensor), [a], period);
    return one[KIND_OF_CODE[a.code]].trueAlarms === 0;
  }).map((a) => `${a.issue.message} [in fault: ${faults.filter((f) => f.sensor === a.sensor && a.at >= f.onset && a.at <= f.end + 600 * period).map((f) => f.kind).join(',') || 'none'}]`);
}
