// The bench:trust scoring rules on hand-made faults and alarms.
import { describe, expect, it } from 'vitest';
import { addTallies, rates, scoreRun, worstSensor } from './score.mjs';

const P = 1000;

describe('bench:trust scoring', () => {
  it('counts an alarm within the window as a detection and one outside as false', () => {
    const faults = [
      { kind: 'spike', sensor: 'a', onset: 10 * P, end: 10 * P },
      { kind: 'spike', sensor: 'a', onset: 50 * P, end: 50 * P },
    ];
    const alarms = [
      { sensor: 'a', code: 'SPIKE', at: 11 * P },
      { sensor: 'a', code: 'SPIKE', at: 70 * P },
      { sensor: 'b', code: 'SPIKE', at: 10 * P },
    ];
    const r = scoreRun(faults, alarms, P).spike;
    expect(r).toMatchObject({ events: 2, detected: 1, alarms: 3, trueAlarms: 1 });
    expect(rates(r)).toEqual({ precision: 1 / 3, recall: 0.5 });
  });

  it('counts an alarm of another kind inside a fault as false for its own kind', () => {
    const faults = [{ kind: 'stuck', sensor: 'a', onset: 0, end: 40 * P }];
    const tally = scoreRun(faults, [{ sensor: 'a', code: 'DRIFT', at: 20 * P }, { sensor: 'a', code: 'STUCK', at: 12 * P }], P);
    expect(rates(tally.drift).precision).toBe(0);
    expect(rates(tally.stuck)).toEqual({ precision: 1, recall: 1 });
    expect(tally.stuck.latencies).toEqual([12]);
  });

  it('adds tallies and finds the worst sensor per 10,000 readings', () => {
    const sum = addTallies(addTallies({}, { noise: { events: 1, detected: 1, alarms: 1, trueAlarms: 1, latencies: [5] } }), { noise: { events: 1, detected: 0, alarms: 0, trueAlarms: 0, latencies: [] } });
    expect(rates(sum.noise)).toEqual({ precision: 1, recall: 0.5 });
    expect(worstSensor({ a: { readings: 20_000, alarms: 1 }, b: { readings: 10_000, alarms: 1 } })).toMatchObject({ sensor: 'b', per10k: 1 });
  });
});
