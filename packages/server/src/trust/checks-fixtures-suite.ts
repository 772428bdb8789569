// Test fixtures shared by the trust tests (not built into dist): sensor specs, seeded series and the AI4I sensors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SensorSpec, type SensorSpecInput } from '@shopfloor/contracts';
import { fitBaseline, type SensorBaseline } from './baseline.js';
import { fitGroupBaseline } from './group-baseline.js';
import type { DifferenceBaseline } from './check-drift.js';
import { synthesiseTwin } from './fault-injection.js';
import { seededRandom } from './random.js';

export const T0 = Date.UTC(2026, 2, 1, 6, 0, 0);

export function spec(partial: Partial<SensorSpecInput> = {}): SensorSpec {
  return SensorSpec.parse({ id: 'press-1.temp', asset: 'press-1', unit: 'K', min: 0, max: 100, samplePeriodMs: 1000, ...partial });
}

/** Readings one period apart from T0. */
export function timesFor(n: number, period = 1000): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => T0 + i * period);
}

export function gaussian(n: number, mean: number, sd: number, seed: number): Float64Array {
  const rng = seededRandom(seed);
  return Float64Array.from({ length: n }, () => mean + sd * rng.normal());
}

const AI4I = fileURLToPath(new URL('../../data/ai4i2020/ai4i2020.csv', import.meta.url));

/** The five AI4I sensors as specs (rows in UDI order, one minute apart), as bench/trust/datasets.mjs declares them. */
export const AI4I_SENSORS: { column: string; spec: SensorSpecInput }[] = [
  { column: 'Air temperature [K]', spec: { id: 'air', asset: 'mill', unit: 'K', min: 270, max: 330, resolution: 0.1, samplePeriodMs: 60_000 } },
  {
    column: 'Process temperature [K]',
    spec: { id: 'process', asset: 'mill', unit: 'K', min: 270, max: 340, resolution: 0.1, samplePeriodMs: 60_000, relation: { kind: 'greater-than', other: 'air', margin: 5 } },
  },
  { column: 'Rotational speed [rpm]', spec: { id: 'speed', asset: 'mill', unit: 'rpm', min: 0, max: 4000, resolution: 1, samplePeriodMs: 60_000 } },
  { column: 'Torque [Nm]', spec: { id: 'torque', asset: 'mill', unit: 'Nm', min: 0, max: 150, resolution: 0.1, samplePeriodMs: 60_000 } },
  { column: 'Tool wear [min]', spec: { id: 'tool-wear', asset: 'mill', unit: 'min', min: 0, max: 300, resolution: 1, samplePeriodMs: 60_000, counterResets: true } },
];

export interface Ai4iSetup {
  times: Float64Array;
  specs: SensorSpec[];
  /** Clean values by sensor id, twins (`<id>~b`, `<id>~c`) included. */
  values: Record<string, Float64Array>;
  baselines: Record<string, SensorBaseline>;
  groupBaselines: Record<string, DifferenceBaseline>;
}

/** AI4I's sensors each with two synthesised twins in one redundancy group; baselines on rows 1-5,000. */
export function ai4iSetup(twinSeed = 1): Ai4iSetup {
  const lines = readFileSync(AI4I, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const times = timesFor(rows.length, 60_000);
  const ref = 5000;
  const specs: SensorSpec[] = [];
  const values: Record<string, Float64Array> = {};
  const baselines: Record<string, SensorBaseline> = {};
  const groupBaselines: Record<string, DifferenceBaseline> = {};
  for (const [j, s] of AI4I_SENSORS.entries()) {
    const c = header.indexOf(s.column);
    const original = SensorSpec.parse({ ...s.spec, redundancyGroup: s.spec.id });
    const v = Float64Array.from(rows, (r) => Number(r[c]));
    const base = fitBaseline(times.subarray(0, ref), v.subarray(0, ref), original);
    const members: { spec: SensorSpec; values: Float64Array }[] = [{ spec: original, values: v }];
    for (const tw of ['b', 'c']) {
      const twin = SensorSpec.parse({ ...s.spec, relation: undefined, id: `${s.spec.id}~${tw}`, redundancyGroup: s.spec.id });
      members.push({ spec: twin, values: synthesiseTwin(twin, v, base.sigma, twinSeed * 100 + j * 2 + tw.charCodeAt(0)) });
    }
    for (const m of members) {
      specs.push(m.spec);
      values[m.spec.id] = m.values;
      baselines[m.spec.id] = m.spec.id === original.id ? base : fitBaseline(times.subarray(0, ref), m.values.subarray(0, ref), m.spec);
    }
    Object.assign(groupBaselines, fitGroupBaseline(members.map((m) => ({ spec: m.spec, values: m.values.subarray(0, ref) }))));
  }
  return { times, specs, values, baselines, groupBaselines };
}
