// The checks on seeded AI4I series: clean rows raise nothing; each injected fault kind is found, by the right check, in time.
import { describe, expect, it } from 'vitest';
import { checkSeries, type SensorSeries } from './batch.js';
import { ai4iSetup } from './checks-fixtures-suite.js';
import { FAULT_CODES, injectFaults, planFaults, type FaultKind } from './fault-injection.js';
import { createTrustMonitor } from './monitor.js';

const setup = ai4iSetup();
const P = 60_000;
/** Readings from onset within which the alarm must be raised (as bench/trust/score.mjs). */
const WINDOW: Record<FaultKind, number> = { out_of_range: 1, spike: 12, dropout: 5, relation: 5, stuck: 30, noise: 100, drift: 500 };

function cleanSeries(): SensorSeries[] {
  return setup.specs.map((s) => ({ sensor: s.id, times: setup.times, values: setup.values[s.id]! }));
}

describe('trust checks on AI4I', () => {
  it('raise no issue on the clean series (5 sensors, each with two twins, 150,000 readings)', () => {
    const { issues } = checkSeries(createTrustMonitor(setup.specs, setup), cleanSeries());
    expect(issues.map((i) => i.message)).toEqual([]);
  });

  const cases: [FaultKind, string][] = [
    ['out_of_range', 'torque'],
    ['stuck', 'air'],
    ['spike', 'torque'],
    ['dropout', 'speed'],
    ['noise', 'process'],
    ['drift', 'air'],
    ['relation', 'process'],
  ];
  for (const [kind, sensor] of cases) {
    it(`find at least 90% of the injected ${kind} faults on ${sensor}, with at most one other alarm`, () => {
      const spec = setup.specs.find((s) => s.id === sensor)!;
      const plan = planFaults(setup.times.length, [kind], { first: 200, gap: 150 });
      const out = injectFaults(spec, { times: setup.times, values: setup.values[sensor]! }, setup.baselines[sensor]!.sigma, plan, 99, setup.values.air);
      expect(out.faults.length).toBeGreaterThanOrEqual(8);
      const series = cleanSeries().map((s) => (s.sensor === sensor ? { sensor, times: out.times, values: out.values } : s));
      const { events } = checkSeries(createTrustMonitor(setup.specs, setup), series);
      const alarms = events.flatMap((e) => (e.type === 'started' ? [{ at: e.at, code: e.issue.code, sensor: e.issue.sensor }] : []));
      const missed = out.faults.filter((f) => !alarms.some((a) => a.sensor === sensor && a.code === FAULT_CODES[kind] && a.at >= f.onset && a.at <= f.onset + WINDOW[kind] * P));
      expect(missed.length / out.faults.length).toBeLessThanOrEqual(0.1);
      const others = alarms.filter((a) => a.sensor !== sensor || a.code !== FAULT_CODES[kind]);
      expect(others.length).toBeLessThanOrEqual(1);
      console.log(`${kind} on ${sensor}: ${out.faults.length - missed.length}/${out.faults.length} found, ${others.length} other alarms`);
    });
  }
});
